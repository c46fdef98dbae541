/**
 * Verifies a bearer JWT against one issuer with `jose`: the signature with a key from the issuer's JWKS
 * (RS256 or ES256 only, so `alg: none` and HMAC signed with a public key are refused), then `iss`, `aud`,
 * `exp`, `nbf` and `iat` as aws-jwt-verify checks them: no clock tolerance unless configured, `iat` never in
 * the future, and no token that claims to live longer than MAX_TOKEN_LIFETIME_SECONDS. Nothing here logs or
 * keeps a token.
 */
import { errors, jwtVerify, type JWTPayload } from "jose";
import { DEFAULT_TOKEN_TYPE, type TokenType } from "@multi-region-api/model/contracts/authorizer-access";
import { fetchJson as nodeFetchJson, type FetchJson } from "./discovery";
import { createKeySet } from "./key-set";

/** Asymmetric algorithms only: an HMAC "signed" with the issuer's public key would otherwise verify. */
export const ALLOWED_ALGORITHMS: readonly string[] = ["RS256", "ES256"];
/**
 * Tolerated difference between the issuer's clock and Lambda's, for `exp`, `nbf` and `iat`: none by default,
 * as in aws-jwt-verify (Lambda's clock is NTP-synchronised; a tolerance only stretches every token's life).
 */
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 0;
/**
 * The longest a token may claim to live, `exp` − `iat` and `exp` − now: one day. Access tokens of common
 * issuers live 5 to 60 minutes (Cognito: 1 hour by default, at most 1 day); a token valid until 2500 is a
 * leaked signing key's or a misconfigured issuer's.
 */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;

/** jose's defaults for createRemoteJWKSet's cooldownDuration (30 s) and cacheMaxAge (10 minutes). */
export const DEFAULT_COOLDOWN_MS = 30_000;
export const DEFAULT_JWKS_MAX_AGE_MS = 10 * 60_000;

export interface TokenVerifierOptions {
  /** Must equal the tokens' `iss` exactly. */
  readonly issuer: string;
  /** The `aud` value the API accepts; with tokenType `cognito`, the app client ID `client_id` must equal. */
  readonly audience: string;
  /** How the issuer marks access tokens (see TOKEN_TYPES). @default DEFAULT_TOKEN_TYPE */
  readonly tokenType?: TokenType;
  readonly jwksUri: string;
  /** @default fetchJson of ./discovery (timeout FETCH_TIMEOUT_MS, no redirects) */
  readonly fetchJson?: FetchJson;
  /**
   * The JWKS is fetched again at most once per this many milliseconds, after a token with an unknown `kid`
   * or once the set is older than jwksMaxAgeMs: a key rotated in at the issuer is picked up, and a stream of
   * tokens with made-up key IDs, or an outage, cannot make the authorizer hammer the issuer.
   * @default DEFAULT_COOLDOWN_MS
   */
  readonly cooldownMs?: number;
  /**
   * How old the JWKS may get before a call refetches it; a failed refetch keeps it.
   * @default DEFAULT_JWKS_MAX_AGE_MS
   */
  readonly jwksMaxAgeMs?: number;
  /** @default DEFAULT_CLOCK_TOLERANCE_SECONDS */
  readonly clockToleranceSeconds?: number;
  /** The time, for tests; Lambda's clock otherwise. */
  readonly now?: () => Date;
}

/** A token the API must refuse; `reason` is safe to log (never the token or its claims). */
export class TokenRejected extends Error {
  constructor(readonly reason: string) {
    super(`token rejected: ${reason}`);
    this.name = "TokenRejected";
  }
}

export type VerifyToken = (token: string) => Promise<JWTPayload>;

/**
 * What is wrong with the token itself. Anything else (the JWKS endpoint down, slow or answering garbage) is
 * not the client's fault: it propagates and API Gateway answers 500, so an issuer outage never turns into
 * 401s for good tokens.
 */
const TOKEN_FAULTS = [
  errors.JWTExpired,
  errors.JWTClaimValidationFailed,
  errors.JWTInvalid,
  errors.JWSInvalid,
  errors.JWSSignatureVerificationFailed,
  errors.JOSEAlgNotAllowed,
  errors.JOSENotSupported,
  errors.JWKSNoMatchingKey,
  errors.JWKSMultipleMatchingKeys,
];

function isTokenFault(error: unknown): error is errors.JOSEError {
  return TOKEN_FAULTS.some((fault) => error instanceof fault);
}

function reasonOf(error: errors.JOSEError): string {
  if (error instanceof errors.JWTClaimValidationFailed) {
    return `${error.code}:${error.claim}`;
  }
  return error.code;
}

/** An ID token of the same user pool has `token_use: id` and the client in `aud`: refused here. */
function requireCognitoAccessToken(payload: JWTPayload, clientId: string): void {
  for (const [claim, expected] of [
    ["token_use", "access"],
    ["client_id", clientId],
  ]) {
    if (payload[claim] !== expected) {
      throw new TokenRejected(`ERR_JWT_CLAIM_VALIDATION_FAILED:${claim}`);
    }
  }
}

/** One verifier per issuer: it keeps the fetched JWKS between calls (and Lambda keeps it between invocations). */
export function createTokenVerifier(options: TokenVerifierOptions): VerifyToken {
  const jwks = createKeySet({
    jwksUri: options.jwksUri,
    fetchJson: options.fetchJson ?? nodeFetchJson,
    cooldownMs: options.cooldownMs ?? DEFAULT_COOLDOWN_MS,
    maxAgeMs: options.jwksMaxAgeMs ?? DEFAULT_JWKS_MAX_AGE_MS,
  });
  const tolerance = options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
  const tokenType = options.tokenType ?? DEFAULT_TOKEN_TYPE;
  return async (token) => {
    try {
      const currentDate = options.now?.() ?? new Date();
      // maxTokenAge makes jose require `iat`, refuse one in the future and one older than a day.
      const { payload } = await jwtVerify(token, jwks, {
        issuer: options.issuer,
        // jose accepts `application/at+jwt` for `at+jwt`, as RFC 9068 section 4 asks.
        ...(tokenType === "at+jwt" ? { audience: options.audience, typ: "at+jwt" } : {}),
        algorithms: [...ALLOWED_ALGORITHMS],
        clockTolerance: tolerance,
        maxTokenAge: MAX_TOKEN_LIFETIME_SECONDS,
        requiredClaims: ["exp", "iat"],
        currentDate,
      });
      const nowSeconds = Math.floor(currentDate.getTime() / 1000);
      if (payload.exp! - Math.min(payload.iat!, nowSeconds) > MAX_TOKEN_LIFETIME_SECONDS + tolerance) {
        throw new TokenRejected("ERR_JWT_CLAIM_VALIDATION_FAILED:exp-lifetime");
      }
      if (tokenType === "cognito") requireCognitoAccessToken(payload, options.audience);
      return payload;
    } catch (error) {
      if (error instanceof TokenRejected) throw error;
      if (isTokenFault(error)) {
        throw new TokenRejected(reasonOf(error));
      }
      throw error;
    }
  };
}
