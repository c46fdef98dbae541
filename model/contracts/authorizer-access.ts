/**
 * What a verified access token may do: which kind of token counts as an access token, and which HTTP
 * methods its scopes open. Shared by the stack config, the RegionalApi component and the Lambda, so that
 * the values a stack accepts are exactly the ones the authorizer understands.
 */

/**
 * How the issuer marks its access tokens, so that an ID token for the same audience is refused:
 * - `at+jwt`: the JOSE header `typ` is `at+jwt` (or `application/at+jwt`) and `aud` names the API
 *   (RFC 9068 sections 2.1 and 4: a resource server must refuse any other `typ`).
 * - `cognito`: Amazon Cognito user pools, whose access tokens carry `token_use: access` and the app
 *   client's ID in `client_id`, and no `aud` (Cognito Developer Guide, _Understanding the access token_);
 *   `audience` is then that app client ID.
 */
export const TokenType = { AtJwt: "at+jwt", Cognito: "cognito" } as const;
// An object and a type of one name: Pulumi's schema inference reads an enum from this pattern.
export type TokenType = (typeof TokenType)[keyof typeof TokenType];
export const TOKEN_TYPES: readonly TokenType[] = Object.values(TokenType);
export const DEFAULT_TOKEN_TYPE: TokenType = "at+jwt";

/** The scope a token needs to read (GET) and to write (POST) the users. */
export interface AccessScopes {
  readonly read: string;
  readonly write: string;
}
export const DEFAULT_SCOPES: AccessScopes = { read: "users:read", write: "users:write" };

/** RFC 6749 section 3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ), printable ASCII but `"` and `\`. */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
export const SCOPE_TOKEN_FORM =
  'a non-empty scope token per RFC 6749 section 3.3 (printable ASCII without spaces, " or \\), e.g. users:read';

export function isScopeToken(value: unknown): value is string {
  return typeof value === "string" && SCOPE_TOKEN.test(value);
}

/** The method each scope opens: the app answers GET and POST only (backend/app.ts). */
const METHOD_OF: Readonly<Record<keyof AccessScopes, string>> = { read: "GET", write: "POST" };

/**
 * The methods a token's granted scopes permit. Scopes come from the `scope` claim, a space-separated,
 * case-sensitive list (RFC 9068 section 2.2.3, by RFC 8693 section 4.2; Cognito's access tokens use the
 * same claim); a token without one permits nothing.
 */
export function permittedMethods(scopeClaim: unknown, scopes: AccessScopes): string[] {
  const granted = new Set(typeof scopeClaim === "string" ? scopeClaim.split(" ") : []);
  return (Object.keys(METHOD_OF) as (keyof AccessScopes)[])
    .filter((need) => granted.has(scopes[need]))
    .map((need) => METHOD_OF[need]);
}
