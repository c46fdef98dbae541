/**
 * The instance role's credentials from the EC2 instance metadata service, IMDSv2 only (the instances
 * require it): PUT a session token, then GET the role name and the role's credentials with that token.
 *
 * Credentials are served until their own Expiration. Inside the refresh margin before it, a refresh starts
 * in the background at a jittered moment (so the instances of a fleet do not all ask at once) while callers
 * keep the cached credentials; a failed refresh keeps them too, and the next attempt waits out an
 * exponential backoff, so a short IMDS outage costs neither `/health` nor a write. Only when no valid
 * credentials are left does a caller wait for IMDS, or fail. The margin is five minutes because the EC2 User
 * Guide ("Retrieve security credentials from instance metadata") makes new credentials available at least
 * five minutes before the old ones expire: asking earlier would only get the same ones again.
 */
import type { FetchLike } from "./fetch-like";
import type { AwsCredentials } from "./sigv4";

export type CredentialProvider = () => Promise<AwsCredentials>;

export interface ImdsCredentialOptions {
  readonly fetch: FetchLike;
  readonly now?: () => Date;
  /** Link-local IMDS address; only tests change it. */
  readonly endpoint?: string;
  /**
   * How long before expiry a refresh may start. The moment is drawn from the earlier half of this margin,
   * so even the latest refresh leaves half of it for retries.
   */
  readonly refreshBeforeExpiryMs?: number;
  /** The wait after a first failed refresh; it doubles with each further failure, up to `maxBackoffMs`. */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
  /** A number in [0, 1); tests pin it. */
  readonly random?: () => number;
  /** Told about a failed background refresh, which no caller sees. */
  readonly onRefreshError?: (error: unknown) => void;
  readonly timeoutMs?: number;
}

export const IMDS_ENDPOINT = "http://169.254.169.254";
export const DEFAULT_REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;
export const DEFAULT_BACKOFF_MS = 1_000;
export const DEFAULT_MAX_BACKOFF_MS = 30_000;
const TOKEN_TTL_SECONDS = "21600";
const CREDENTIALS_PATH = "/latest/meta-data/iam/security-credentials/";

export class ImdsError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ImdsError";
  }
}

interface Cached {
  readonly credentials: AwsCredentials;
  readonly expiresAt: number;
  readonly refreshAt: number;
}

export function imdsCredentialProvider(options: ImdsCredentialOptions): CredentialProvider {
  const now = options.now ?? (() => new Date());
  const endpoint = options.endpoint ?? IMDS_ENDPOINT;
  const refreshBeforeExpiryMs = options.refreshBeforeExpiryMs ?? DEFAULT_REFRESH_BEFORE_EXPIRY_MS;
  const backoffMs = options.backoffMs ?? DEFAULT_BACKOFF_MS;
  const maxBackoffMs = options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS;
  const random = options.random ?? Math.random;
  const onRefreshError = options.onRefreshError ?? (() => undefined);
  const timeoutMs = options.timeoutMs ?? 1_000;

  let cached: Cached | undefined;
  let refreshing: Promise<AwsCredentials> | undefined;
  let failures = 0;
  let lastError: unknown;
  // No refresh starts before this: set after a failure, and after a refresh that brought nothing newer.
  let nextAttemptAt = -Infinity;

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

  const fetchCredentials = async (): Promise<AwsCredentials> => {
    const token = await request("PUT", "/latest/api/token", {
      "x-aws-ec2-metadata-token-ttl-seconds": TOKEN_TTL_SECONDS,
    });
    const withToken = { "x-aws-ec2-metadata-token": token };
    const roleName = (await request("GET", CREDENTIALS_PATH, withToken)).split("\n")[0]!.trim();
    if (roleName === "") throw new ImdsError("IMDS lists no instance role: attach an instance profile");
    const document = parseCredentials(
      await request("GET", `${CREDENTIALS_PATH}${encodeURIComponent(roleName)}`, withToken),
    );
    const margin = Math.min(refreshBeforeExpiryMs, Math.max(0, document.expiresAt - now().getTime()));
    cached = {
      credentials: document.credentials,
      expiresAt: document.expiresAt,
      refreshAt: document.expiresAt - margin + (random() * margin) / 2,
    };
    return document.credentials;
  };

  const backOff = (steps: number): void => {
    const delay = Math.min(maxBackoffMs, backoffMs * 2 ** Math.max(0, steps - 1));
    // Up to a quarter shorter, so instances that failed together do not retry together.
    nextAttemptAt = now().getTime() + delay * (1 - random() / 4);
  };

  const refresh = (): Promise<AwsCredentials> => {
    const previousExpiry = cached?.expiresAt ?? -Infinity;
    refreshing ??= fetchCredentials()
      .then(
        (credentials) => {
          failures = 0;
          lastError = undefined;
          // IMDS may still hand out the credentials we have: wait before asking again, not on every call.
          if (cached!.expiresAt <= previousExpiry) backOff(1);
          else nextAttemptAt = -Infinity;
          return credentials;
        },
        (error: unknown) => {
          failures += 1;
          lastError = error;
          backOff(failures);
          throw error;
        },
      )
      .finally(() => {
        refreshing = undefined;
      });
    return refreshing;
  };

  return async () => {
    const time = now().getTime();
    const mayAttempt = refreshing === undefined && time >= nextAttemptAt;
    if (cached !== undefined && time < cached.expiresAt) {
      if (time >= cached.refreshAt && mayAttempt) refresh().catch(onRefreshError);
      return cached.credentials;
    }
    if (refreshing !== undefined) return refreshing;
    if (!mayAttempt) {
      throw new ImdsError("no valid instance credentials: IMDS failed and the next attempt is backing off", {
        cause: lastError,
      });
    }
    return refresh();
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
