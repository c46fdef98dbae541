/**
 * The API Gateway TOKEN authorizer: `Authorization: Bearer <JWT>` in, an IAM policy out.
 *
 * - No or malformed header, or a token that fails verification: throw "Unauthorized", which API Gateway
 *   answers with 401 (APIGW developer guide, Lambda authorizer output).
 * - A valid token that names no subject: a Deny policy, which API Gateway answers with 403.
 * - A valid token: an Allow policy for every method of this API's stage. API Gateway caches the result per
 *   token for the authorizer's TTL and applies it to whichever method the token calls next, so a policy that
 *   allowed only the first method would deny the others from the cache.
 *
 * Logs carry a reason code only, never the token or its claims.
 */
import { discoverJwksUri, fetchJson as nodeFetchJson, type FetchJson } from "./discovery";
import { createTokenVerifier, TokenRejected, type VerifyToken } from "./verify-token";

export interface TokenAuthorizerEvent {
  readonly type: "TOKEN";
  readonly authorizationToken?: string;
  /** arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{method}/{path} */
  readonly methodArn: string;
}

export interface AuthorizerResult {
  readonly principalId: string;
  readonly policyDocument: {
    readonly Version: "2012-10-17";
    readonly Statement: readonly [
      { Action: "execute-api:Invoke"; Effect: "Allow" | "Deny"; Resource: string },
    ];
  };
  readonly context?: Record<string, string>;
}

export interface AuthorizerSettings {
  readonly issuer: string;
  readonly audience: string;
  readonly jwksCooldownMs?: number;
}

/** What API Gateway turns into a 401. Any other thrown error becomes a 500. */
export const UNAUTHORIZED = "Unauthorized";

type Log = (entry: Record<string, string>) => void;
const jsonLog: Log = (entry) => console.log(JSON.stringify(entry));

// The scheme is case-insensitive (RFC 6750 section 2.1, by RFC 7235's auth-scheme): "bearer" is "Bearer".
const BEARER = /^[Bb][Ee][Aa][Rr][Ee][Rr] ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/;

/** Every method and path of the stage the token called: `arn:…:{apiId}/{stage}/*`. */
export function stageWideResource(methodArn: string): string {
  const [apiArn, stage] = methodArn.split("/");
  if (!apiArn?.startsWith("arn:aws:execute-api:") || !stage) {
    throw new Error("the event's methodArn is not an execute-api ARN");
  }
  return `${apiArn}/${stage}/*`;
}

function policy(principalId: string, effect: "Allow" | "Deny", resource: string): AuthorizerResult {
  return {
    principalId,
    policyDocument: {
      Version: "2012-10-17",
      Statement: [{ Action: "execute-api:Invoke", Effect: effect, Resource: resource }],
    },
  };
}

export function createAuthorizer(
  settings: AuthorizerSettings,
  dependencies: { fetchJson?: FetchJson; log?: Log } = {},
): (event: TokenAuthorizerEvent) => Promise<AuthorizerResult> {
  const log = dependencies.log ?? jsonLog;
  const fetchJson = dependencies.fetchJson ?? nodeFetchJson;
  // Discovered on the first call and kept for the life of the Lambda environment; a failed discovery is
  // retried on the next call rather than remembered.
  let verifier: Promise<VerifyToken> | undefined;
  const verifierFor = () => {
    verifier ??= discoverJwksUri(settings.issuer, fetchJson).then((jwksUri) =>
      createTokenVerifier({ ...settings, jwksUri }),
    );
    verifier.catch(() => (verifier = undefined));
    return verifier;
  };

  return async (event) => {
    const resource = stageWideResource(event.methodArn);
    const token = BEARER.exec(event.authorizationToken ?? "")?.[1];
    if (token === undefined) {
      log({ decision: "unauthorized", reason: "no bearer token" });
      throw new Error(UNAUTHORIZED);
    }
    let subject: unknown;
    try {
      subject = (await (await verifierFor())(token)).sub;
    } catch (error) {
      if (error instanceof TokenRejected) {
        log({ decision: "unauthorized", reason: error.reason });
        // API Gateway answers 401 only for this exact message; the cause stays for debugging.
        throw new Error(UNAUTHORIZED, { cause: error });
      }
      log({ decision: "error", reason: error instanceof Error ? error.name : "unknown" });
      throw error;
    }
    if (typeof subject !== "string" || subject === "") {
      log({ decision: "deny", reason: "no sub claim" });
      return policy("anonymous", "Deny", resource);
    }
    log({ decision: "allow" });
    return { ...policy(subject, "Allow", resource), context: { sub: subject } };
  };
}
