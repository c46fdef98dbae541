/**
 * Finds an issuer's JWKS through OpenID Connect Discovery: `{issuer}/.well-known/openid-configuration`
 * names `jwks_uri`, and its `issuer` must be identical to the configured one (OpenID Connect Discovery 1.0,
 * section 4.3), so a misconfigured issuer fails loudly instead of trusting another issuer's keys.
 */
import { FETCH_TIMEOUT_MS } from "@multi-region-api/model/contracts/authorizer-environment";

export { FETCH_TIMEOUT_MS };

export type FetchJson = (url: string) => Promise<unknown>;

export class DiscoveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DiscoveryError";
  }
}

export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`;
}

export async function discoverJwksUri(issuer: string, fetchJson: FetchJson): Promise<string> {
  const document = await fetchJson(discoveryUrl(issuer));
  const fields = (typeof document === "object" && document !== null ? document : {}) as Record<
    string,
    unknown
  >;
  if (fields.issuer !== issuer) {
    throw new DiscoveryError(
      `the discovery document names issuer ${JSON.stringify(fields.issuer)}, not the configured ${issuer}`,
    );
  }
  const jwksUri = fields.jwks_uri;
  // The keys must come over the same scheme as the issuer (https in every deployed stack).
  if (typeof jwksUri !== "string" || new URL(jwksUri).protocol !== new URL(issuer).protocol) {
    throw new DiscoveryError(`the discovery document has no usable jwks_uri: ${JSON.stringify(jwksUri)}`);
  }
  return jwksUri;
}

/** A non-2xx answer from the issuer. */
export class IssuerAnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IssuerAnswerError";
  }
}

/**
 * Node's fetch, failing on a non-2xx answer. A redirect is refused rather than followed (`redirect:
 * "error"`, WHATWG Fetch): the issuer's documents come from the URLs configured and discovered, not from
 * wherever a compromised or misconfigured endpoint points.
 */
export async function fetchJson(url: string, timeoutMs = FETCH_TIMEOUT_MS): Promise<unknown> {
  const signal = AbortSignal.timeout(timeoutMs);
  const response = await fetch(url, { signal, redirect: "error" });
  if (!response.ok) {
    throw new IssuerAnswerError(`GET ${url} answered ${response.status}`);
  }
  return response.json();
}
