/**
 * The instance role's credentials from the EC2 instance metadata service, IMDSv2 only (the instances
 * require it): PUT a session token, then GET the role name and the role's credentials with that token.
 * Credentials are cached until shortly before they expire, and concurrent callers share one refresh.
 */
import type { FetchLike } from "./fetch-like";
import type { AwsCredentials } from "./sigv4";

export type CredentialProvider = () => Promise<AwsCredentials>;

export interface ImdsCredentialOptions {
  readonly fetch: FetchLike;
  readonly now?: () => Date;
  /** Link-local IMDS address; only tests change it. */
  readonly endpoint?: string;
  /** Refresh this long before expiry, so a request signed now is not rejected a moment later. */
  readonly refreshBeforeExpiryMs?: number;
  readonly timeoutMs?: number;
}

export const IMDS_ENDPOINT = "http://169.254.169.254";
const TOKEN_TTL_SECONDS = "21600";
const CREDENTIALS_PATH = "/latest/meta-data/iam/security-credentials/";

export class ImdsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImdsError";
  }
}

export function imdsCredentialProvider(options: ImdsCredentialOptions): CredentialProvider {
  const now = options.now ?? (() => new Date());
  const endpoint = options.endpoint ?? IMDS_ENDPOINT;
  const refreshBeforeExpiryMs = options.refreshBeforeExpiryMs ?? 5 * 60_000;
  const timeoutMs = options.timeoutMs ?? 1_000;

  let cached: { credentials: AwsCredentials; expiresAt: number } | undefined;
  let refreshing: Promise<AwsCredentials> | undefined;

  const request = async (method: string, path: string, headers: Record<string, string>): Promise<string> => {
    const response = await options.fetch(`${endpoint}${path}`, {
      method,
      headers,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    if (response.status !== 200) throw new ImdsError(`IMDS ${method} ${path} answered ${response.status}`);
    return text;
  };

  const refresh = async (): Promise<AwsCredentials> => {
    const token = await request("PUT", "/latest/api/token", {
      "x-aws-ec2-metadata-token-ttl-seconds": TOKEN_TTL_SECONDS,
    });
    const withToken = { "x-aws-ec2-metadata-token": token };
    const roleName = (await request("GET", CREDENTIALS_PATH, withToken)).split("\n")[0]!.trim();
    if (roleName === "") throw new ImdsError("IMDS lists no instance role: attach an instance profile");
    const document = parseCredentials(
      await request("GET", `${CREDENTIALS_PATH}${encodeURIComponent(roleName)}`, withToken),
    );
    cached = { credentials: document.credentials, expiresAt: document.expiresAt };
    return document.credentials;
  };

  return async () => {
    if (cached !== undefined && now().getTime() < cached.expiresAt - refreshBeforeExpiryMs)
      return cached.credentials;
    refreshing ??= refresh().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  };
}

function parseCredentials(text: string): { credentials: AwsCredentials; expiresAt: number } {
  let document: Record<string, unknown>;
  try {
    document = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new ImdsError("IMDS credentials are not JSON");
  }
  const { Code, AccessKeyId, SecretAccessKey, Token, Expiration } = document;
  if (Code !== "Success") throw new ImdsError(`IMDS credentials code is ${String(Code)}, not Success`);
  if (typeof AccessKeyId !== "string" || typeof SecretAccessKey !== "string" || typeof Token !== "string") {
    throw new ImdsError("IMDS credentials lack AccessKeyId, SecretAccessKey or Token");
  }
  const expiresAt = typeof Expiration === "string" ? Date.parse(Expiration) : NaN;
  if (Number.isNaN(expiresAt)) throw new ImdsError("IMDS credentials have no valid Expiration");
  return {
    credentials: { accessKeyId: AccessKeyId, secretAccessKey: SecretAccessKey, sessionToken: Token },
    expiresAt,
  };
}
