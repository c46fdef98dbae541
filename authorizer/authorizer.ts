/**
 * The API Gateway TOKEN authorizer: `Authorization: Bearer <JWT>` in, an IAM policy out.
 *
 * - No or malformed header, or a token that fails verification: throw "Unauthorized", which API Gateway
 *   answers with 401 (APIGW developer guide, Lambda authorizer output).
 * - A valid token that names no subject, or whose scopes permit no method: a Deny policy, which API Gateway
 *   answers with 403.
 * - A valid token: an Allow policy for each method its scopes permit (GET for the read scope, POST for the
 *   write scope), on every path of this API's stage. API Gateway caches the result per token for the
 *   authorizer's TTL and applies it to whichever method the token calls next (APIGW developer guide, _Use
 *   API Gateway Lambda authorizers_; docs/aws-facts.md): the policy must therefore answer for every method
 *   at once, neither only the one called first nor more than the scopes grant.
 *
 * Logs carry a reason code only, never the token or its claims.
 */
import type { JWTPayload } from "jose";
import {
  DEFAULT_SCOPES,
  permittedMethods,
  type AccessScopes,
  type TokenType,
} from "@multi-region-api/model/contracts/authorizer-access";
import { discoverJwksUri, fetchJson as nodeFetchJson, type FetchJson } from "./discovery";
import { CooledFetch } from "./cooled-fetch";
import { createTokenVerifier, DEFAULT_COOLDOWN_MS, TokenRejected, type VerifyToken } from "./verify-token";

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
    readonly Statement: readonly PolicyStatement[];
  };
  readonly context?: Record<string, string>;
}

interface PolicyStatement {
  readonly Action: "execute-api:Invoke";
  readonly Effect: "Allow" | "Deny";
  readonly Resource: string;
}

export interface AuthorizerSettings {
  readonly issuer: string;
  readonly audience: string;
  /** @default DEFAULT_TOKEN_TYPE */
  readonly tokenType?: TokenType;
  /** @default DEFAULT_SCOPES */
  readonly scopes?: AccessScopes;
  /** How often at most the issuer is asked again (discovery, JWKS). @default DEFAULT_COOLDOWN_MS */
  readonly cooldownMs?: number;
  /** @default DEFAULT_JWKS_MAX_AGE_MS */
  readonly jwksMaxAgeMs?: number;
  /** Each request to the issuer. @default FETCH_TIMEOUT_MS */
  readonly fetchTimeoutMs?: number;
}

/** What API Gateway turns into a 401. Any other thrown error becomes a 500. */
export const UNAUTHORIZED = "Unauthorized";

type Log = (entry: Record<string, string>) => void;
const jsonLog: Log = (entry) => console.log(JSON.stringify(entry));

// The scheme is case-insensitive (RFC 6750 section 2.1, by RFC 7235's auth-scheme): "bearer" is "Bearer".
const BEARER = /^[Bb][Ee][Aa][Rr][Ee][Rr] ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/;

/**
 * Every path of the stage the token called, for one method or all: `arn:…:{apiId}/{stage}/{method}/*`
 * (`{stage}/*` for all). The authorizer guards only the `/v1` routes, so a wider path grants no more.
 */
export function stageResource(methodArn: string, method?: string): string {
  const [apiArn, stage] = methodArn.split("/");
  if (!apiArn?.startsWith("arn:aws:execute-api:") || !stage) {
    throw new Error("the event's methodArn is not an execute-api ARN");
  }
  return method === undefined ? `${apiArn}/${stage}/*` : `${apiArn}/${stage}/${method}/*`;
}

function policy(principalId: string, effect: "Allow" | "Deny", resources: string[]): AuthorizerResult {
  return {
    principalId,
    policyDocument: {
      Version: "2012-10-17",
      Statement: resources.map((resource) => ({
        Action: "execute-api:Invoke",
        Effect: effect,
        Resource: resource,
      })),
    },
  };
}

export function createAuthorizer(
  settings: AuthorizerSettings,
  dependencies: { fetchJson?: FetchJson; log?: Log } = {},
): (event: TokenAuthorizerEvent) => Promise<AuthorizerResult> {
  const log = dependencies.log ?? jsonLog;
  const fetchJson = dependencies.fetchJson ?? ((url: string) => nodeFetchJson(url, settings.fetchTimeoutMs));
  // Discovered on the first call and kept for the life of the Lambda environment; a failed discovery is
  // retried at most once per cooldown (a discovery outage must not cost the issuer one request per call).
  const discovery = new CooledFetch<VerifyToken>(
    () =>
      discoverJwksUri(settings.issuer, fetchJson).then((jwksUri) =>
        createTokenVerifier({ ...settings, jwksUri, fetchJson }),
      ),
    settings.cooldownMs ?? DEFAULT_COOLDOWN_MS,
  );
  const verifierFor = () => discovery.current ?? discovery.refresh();

  const scopes = settings.scopes ?? DEFAULT_SCOPES;
  return async (event) => {
    const everyMethod = [stageResource(event.methodArn)];
    const token = BEARER.exec(event.authorizationToken ?? "")?.[1];
    if (token === undefined) {
      log({ decision: "unauthorized", reason: "no bearer token" });
      throw new Error(UNAUTHORIZED);
    }
    let claims: JWTPayload;
    try {
      claims = await (await verifierFor())(token);
    } catch (error) {
      if (error instanceof TokenRejected) {
        log({ decision: "unauthorized", reason: error.reason });
        // API Gateway answers 401 only for this exact message; the cause stays for debugging.
        throw new Error(UNAUTHORIZED, { cause: error });
      }
      log({ decision: "error", reason: error instanceof Error ? error.name : "unknown" });
      throw error;
    }
    const subject = claims.sub;
    if (typeof subject !== "string" || subject === "") {
      log({ decision: "deny", reason: "no sub claim" });
      return policy("anonymous", "Deny", everyMethod);
    }
    const methods = permittedMethods(claims.scope, scopes);
    if (methods.length === 0) {
      log({ decision: "deny", reason: "no permitted scope" });
      return policy(subject, "Deny", everyMethod);
    }
    log({ decision: "allow", methods: methods.join(" ") });
    // The app logs `sub` as the caller (the integration passes it on, components/regional/rest-api.ts).
    return {
      ...policy(
        subject,
        "Allow",
        methods.map((method) => stageResource(event.methodArn, method)),
      ),
      context: { sub: subject },
    };
  };
}
