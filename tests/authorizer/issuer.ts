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

type Answer = number | "hang" | "redirect";

export class FakeIssuer {
  /** The keys the JWKS currently publishes. */
  published: SigningKey[] = [];
  /**
   * How each endpoint answers: a status (200 = its document), `hang` (headers never sent until `reset`),
   * or `redirect` (a 302 to a copy of the document at `/moved/…`, counted in `movedFetches`).
   */
  jwksAnswer: Answer = 200;
  discoveryAnswer: Answer = 200;
  discoveryFetches = 0;
  jwksFetches = 0;
  movedFetches = 0;
  issuer = "";
  private server: Server | undefined;
  private hanging: ServerResponse[] = [];

  /** Every endpoint healthy, the counts zero, and any hanging answer ended. */
  reset(published: SigningKey[]): void {
    this.published = published;
    this.jwksAnswer = 200;
    this.discoveryAnswer = 200;
    this.discoveryFetches = 0;
    this.jwksFetches = 0;
    this.movedFetches = 0;
    this.hanging.splice(0).forEach((response) => response.destroy());
  }

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
    const url = request.url ?? "";
    const moved = url.startsWith("/moved/");
    if (moved) this.movedFetches += 1;
    const path = moved ? url.slice("/moved".length) : url;
    if (path.endsWith("/.well-known/openid-configuration")) {
      if (!moved) this.discoveryFetches += 1;
      const document = { issuer: this.issuer, jwks_uri: `${this.issuer}/jwks.json` };
      this.send(response, moved ? 200 : this.discoveryAnswer, url, document);
    } else if (path === "/jwks.json") {
      if (!moved) this.jwksFetches += 1;
      const document = { keys: this.published.map((key) => key.publicJwk) };
      this.send(response, moved ? 200 : this.jwksAnswer, url, document);
    } else {
      this.send(response, 404, url, {});
    }
  }

  private send(response: ServerResponse, answer: Answer, url: string, document: unknown): void {
    if (answer === "hang") {
      this.hanging.push(response);
    } else if (answer === "redirect") {
      response.writeHead(302, { location: `${this.issuer}/moved${url}` }).end();
    } else {
      response.statusCode = answer;
      response.end(JSON.stringify(document));
    }
  }

  close(): Promise<void> {
    this.reset([]);
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
