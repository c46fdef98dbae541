/**
 * A fake identity provider on 127.0.0.1: an OpenID discovery document and a JWKS whose keys a test can
 * rotate, counting how often each is fetched. Tokens are signed in the test with keys generated here.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from "jose";

export interface SigningKey {
  readonly kid: string;
  readonly alg: "RS256" | "ES256";
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

export async function signingKey(kid: string, alg: "RS256" | "ES256" = "RS256"): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: "sig" } };
}

export const AUDIENCE = "https://api.example.com";

export class FakeIssuer {
  /** The keys the JWKS currently publishes. */
  published: SigningKey[] = [];
  jwksStatus = 200;
  discoveryFetches = 0;
  jwksFetches = 0;
  issuer = "";
  private server: Server | undefined;

  static async start(): Promise<FakeIssuer> {
    const fake = new FakeIssuer();
    const server = createServer((request, response) => fake.answer(request, response));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    fake.server = server;
    fake.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return fake;
  }

  private answer(request: IncomingMessage, response: ServerResponse): void {
    response.setHeader("content-type", "application/json");
    if (request.url?.endsWith("/.well-known/openid-configuration")) {
      this.discoveryFetches += 1;
      response.end(JSON.stringify({ issuer: this.issuer, jwks_uri: `${this.issuer}/jwks.json` }));
    } else if (request.url === "/jwks.json") {
      this.jwksFetches += 1;
      response.statusCode = this.jwksStatus;
      response.end(JSON.stringify({ keys: this.published.map((key) => key.publicJwk) }));
    } else {
      response.statusCode = 404;
      response.end("{}");
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /**
   * An access token (RFC 9068 `typ: at+jwt`) from this issuer for AUDIENCE with both default scopes, valid
   * for 5 minutes unless the claims or the header say otherwise.
   */
  sign(
    key: SigningKey,
    claims: JWTPayload = {},
    header: { kid?: string; typ?: string } = {},
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      sub: "user-1",
      iss: this.issuer,
      aud: AUDIENCE,
      iat: now,
      exp: now + 300,
      scope: "users:read users:write",
      ...claims,
    })
      .setProtectedHeader({ alg: key.alg, kid: header.kid ?? key.kid, typ: header.typ ?? "at+jwt" })
      .sign(key.privateKey);
  }
}
