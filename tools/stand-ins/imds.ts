/**
 * A stand-in for IMDSv2 as an instance with a role sees it, as a function from a request to its answer:
 * shared by the credential provider's tests (through a fake fetch) and by `npm run bench:backend` (through
 * a loopback HTTP server), so both speak to one IMDS.
 */

/** An answer's status (200 when left out) and body (a string as it is, anything else as JSON). */
export interface ImdsAnswer {
  readonly status?: number;
  readonly body: unknown;
}

export const IMDS_ROLE = "multi-region-api-instance";
export const IMDS_TOKEN = "AQAEAimds-session-token==";

export function credentialsDocument(accessKeyId: string, expiration: string) {
  return {
    Code: "Success",
    LastUpdated: "2026-05-01T11:00:00Z",
    Type: "AWS-HMAC",
    AccessKeyId: accessKeyId,
    SecretAccessKey: `secret-of-${accessKeyId}`,
    Token: `session-of-${accessKeyId}`,
    Expiration: expiration,
  };
}

export interface ImdsRequest {
  readonly method: string;
  readonly path: string;
  readonly token: string | undefined;
}

/** The answer to one request; `issue` is called on each credentials read and names the key it hands out. */
export function imdsAnswer(
  { method, path, token }: ImdsRequest,
  issue: () => { readonly accessKeyId: string; readonly expiration: string },
): ImdsAnswer {
  if (path === "/latest/api/token") {
    return method === "PUT" ? { body: IMDS_TOKEN } : { status: 405, body: "" };
  }
  // IMDSv2: no token, no answer.
  if (token !== IMDS_TOKEN) return { status: 401, body: "" };
  if (path === "/latest/meta-data/iam/security-credentials/") return { body: `${IMDS_ROLE}\n` };
  if (path === `/latest/meta-data/iam/security-credentials/${IMDS_ROLE}`) {
    const { accessKeyId, expiration } = issue();
    return { body: credentialsDocument(accessKeyId, expiration) };
  }
  return { status: 404, body: "" };
}
