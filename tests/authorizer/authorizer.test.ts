/**
 * The JWT authorizer, in-process against a fake issuer on 127.0.0.1, with tokens signed here by generated
 * keys. Each case names what API Gateway makes of the result: a thrown "Unauthorized" is a 401, a Deny
 * policy a 403, any other error a 500.
 */
import { createHmac } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createAuthorizer,
  stageResource,
  UNAUTHORIZED,
  type AuthorizerSettings,
  type TokenAuthorizerEvent,
} from "../../authorizer/authorizer";
import { MAX_TOKEN_LIFETIME_SECONDS } from "../../authorizer/verify-token";
import { AUDIENCE, FakeIssuer, signingKey, type SigningKey } from "./issuer";

const METHOD_ARN = "arn:aws:execute-api:us-east-1:123456789012:abc123/live/GET/v1/users";
const STAGE = "arn:aws:execute-api:us-east-1:123456789012:abc123/live";
const STAGE_WIDE = `${STAGE}/*`;
const allow = (method: string) => ({
  Action: "execute-api:Invoke",
  Effect: "Allow",
  Resource: `${STAGE}/${method}/*`,
});

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const now = () => Math.floor(Date.now() / 1000);

let idp: FakeIssuer;
let rsa: SigningKey;
let ec: SigningKey;
let logs: Record<string, string>[];

beforeAll(async () => {
  idp = await FakeIssuer.start();
  rsa = await signingKey("rsa-1", "RS256");
  ec = await signingKey("ec-1", "ES256");
});
afterAll(() => idp.close());
beforeEach(() => {
  idp.reset([rsa, ec]);
  logs = [];
});

/** A fresh authorizer (a cold Lambda environment); the cooldowns and timeouts as in production unless a test says. */
function authorizer(settings: Partial<AuthorizerSettings> = {}) {
  const authorize = createAuthorizer(
    { issuer: idp.issuer, audience: AUDIENCE, ...settings },
    { log: (entry) => logs.push(entry) },
  );
  return (authorizationToken: string | undefined) =>
    authorize({ type: "TOKEN", authorizationToken, methodArn: METHOD_ARN } satisfies TokenAuthorizerEvent);
}

/** The issuer's trouble, not the token's: any error but "Unauthorized", which API Gateway answers with 500. */
async function expectIssuerFailure(result: Promise<unknown>) {
  await expect(result).rejects.toThrow();
  await expect(result).rejects.not.toThrow(new Error(UNAUTHORIZED));
}

/** A fresh authorizer refuses the header with 401 and logs only the reason. */
async function expectUnauthorized(header: string | undefined, reason: string) {
  logs.length = 0;
  await expect(authorizer()(header)).rejects.toThrow(new Error(UNAUTHORIZED));
  expect(logs).toEqual([{ decision: "unauthorized", reason }]);
}

describe("a valid token is allowed the methods its scopes permit, on the whole stage", () => {
  it.each([
    ["RS256", () => rsa],
    ["ES256", () => ec],
  ])("%s from the issuer's JWKS", async (_alg, key) => {
    const result = await authorizer()(`Bearer ${await idp.sign(key())}`);
    expect(result.principalId).toBe("user-1");
    expect(result.policyDocument.Statement).toEqual([allow("GET"), allow("POST")]);
    expect(result.context).toEqual({ sub: "user-1" });
    expect(logs).toEqual([{ decision: "allow", methods: "GET POST" }]);
  });

  it("takes the scheme in any case (RFC 6750): bearer and BEARER are Bearer", async () => {
    const token = await idp.sign(rsa);
    const authorize = authorizer();
    for (const scheme of ["bearer", "BEARER", "bEaReR"]) {
      expect((await authorize(`${scheme} ${token}`)).policyDocument.Statement[0].Effect).toBe("Allow");
    }
  });

  it("the policy covers every path of the stage, because API Gateway caches it per token", () => {
    const called = "arn:aws:execute-api:eu-west-1:1:api9/live/POST/v1/users/42";
    expect(stageResource(called)).toBe("arn:aws:execute-api:eu-west-1:1:api9/live/*");
    expect(stageResource(called, "GET")).toBe("arn:aws:execute-api:eu-west-1:1:api9/live/GET/*");
    expect(() => stageResource("not-an-arn")).toThrow("not an execute-api ARN");
  });

  it("a valid token without a subject is denied (403), not allowed", async () => {
    const result = await authorizer()(`Bearer ${await idp.sign(rsa, { sub: undefined })}`);
    expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: "Deny", Resource: STAGE_WIDE });
    expect(logs).toEqual([{ decision: "deny", reason: "no sub claim" }]);
  });
});

describe("scopes split reading from writing", () => {
  it.each([
    ["read only: GET, so a cached policy cannot let the token POST", "users:read", ["GET"]],
    ["write only: POST", "users:write", ["POST"]],
    ["both, among others", "openid users:write profile users:read", ["GET", "POST"]],
  ])("%s", async (_label, scope, methods) => {
    const result = await authorizer()(`Bearer ${await idp.sign(rsa, { scope })}`);
    expect(result.policyDocument.Statement).toEqual(methods.map(allow));
  });

  it.each([
    ["no scope claim", undefined],
    ["other scopes only", "openid profile"],
    ["a scope that only starts like one (case and prefix matter)", "Users:read users:readonly"],
    ["scopes as an array instead of the space-separated string", ["users:read", "users:write"]],
  ])("a token with %s is denied (403) on every method", async (_label, scope) => {
    const result = await authorizer()(`Bearer ${await idp.sign(rsa, { scope })}`);
    expect(result.policyDocument.Statement).toEqual([
      { Action: "execute-api:Invoke", Effect: "Deny", Resource: STAGE_WIDE },
    ]);
    expect(logs).toEqual([{ decision: "deny", reason: "no permitted scope" }]);
  });

  it("takes the configured scope names", async () => {
    const authorize = authorizer({ scopes: { read: "api/read", write: "api/write" } });
    const result = await authorize(`Bearer ${await idp.sign(rsa, { scope: "users:read api/write" })}`);
    expect(result.policyDocument.Statement).toEqual([allow("POST")]);
  });
});

describe("access tokens only", () => {
  it("refuses an ID token or a plain JWT for the API's audience (typ not at+jwt)", async () => {
    for (const typ of ["JWT", "id+jwt"]) {
      await expectUnauthorized(
        `Bearer ${await idp.sign(rsa, {}, { typ })}`,
        "ERR_JWT_CLAIM_VALIDATION_FAILED:typ",
      );
    }
  });

  it("takes application/at+jwt as at+jwt (RFC 9068 section 4)", async () => {
    const token = await idp.sign(rsa, {}, { typ: "application/at+jwt" });
    expect((await authorizer()(`Bearer ${token}`)).policyDocument.Statement).toEqual([
      allow("GET"),
      allow("POST"),
    ]);
  });

  describe("with tokenType cognito: token_use access and the app client in client_id", () => {
    const CLIENT_ID = "3example4clientid";
    const cognito = (claims: Record<string, unknown>) =>
      idp.sign(rsa, { aud: undefined, token_use: "access", client_id: CLIENT_ID, ...claims }, { typ: "JWT" });
    const authorize = (token: string) =>
      authorizer({ tokenType: "cognito", audience: CLIENT_ID })(`Bearer ${token}`);

    it("allows an access token, which has no aud and no typ", async () => {
      const result = await authorize(await cognito({ scope: "users:read" }));
      expect(result.policyDocument.Statement).toEqual([allow("GET")]);
    });

    it.each([
      ["an ID token of the same pool", { token_use: "id", aud: CLIENT_ID }, "token_use"],
      ["an access token of another app client", { client_id: "another-client" }, "client_id"],
      ["a token without token_use", { token_use: undefined }, "token_use"],
    ])("refuses %s", async (_label, claims, claim) => {
      await expect(authorize(await cognito(claims))).rejects.toThrow(new Error(UNAUTHORIZED));
      expect(logs).toEqual([
        { decision: "unauthorized", reason: `ERR_JWT_CLAIM_VALIDATION_FAILED:${claim}` },
      ]);
    });
  });
});

describe("a bad token is refused with 401 (Unauthorized)", () => {
  it("expired beyond the clock skew", async () => {
    await expectUnauthorized(`Bearer ${await idp.sign(rsa, { exp: now() - 60 })}`, "ERR_JWT_EXPIRED");
  });

  it("not yet valid beyond the clock skew", async () => {
    await expectUnauthorized(
      `Bearer ${await idp.sign(rsa, { nbf: now() + 120 })}`,
      "ERR_JWT_CLAIM_VALIDATION_FAILED:nbf",
    );
  });

  it("without exp", async () => {
    await expectUnauthorized(
      `Bearer ${await idp.sign(rsa, { exp: undefined })}`,
      "ERR_JWT_CLAIM_VALIDATION_FAILED:exp",
    );
  });

  it("from another issuer", async () => {
    await expectUnauthorized(
      `Bearer ${await idp.sign(rsa, { iss: "https://evil.example.net" })}`,
      "ERR_JWT_CLAIM_VALIDATION_FAILED:iss",
    );
  });

  it("for another audience", async () => {
    await expectUnauthorized(
      `Bearer ${await idp.sign(rsa, { aud: "https://other-api.example.com" })}`,
      "ERR_JWT_CLAIM_VALIDATION_FAILED:aud",
    );
  });

  it("with a bad signature: signed by another key under a published kid", async () => {
    const impostor = await signingKey("rsa-1", "RS256");
    await expectUnauthorized(`Bearer ${await idp.sign(impostor)}`, "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
  });

  it("with a payload changed after signing", async () => {
    const [header, , signature] = (await idp.sign(rsa)).split(".");
    const forged = base64url({ sub: "admin", iss: idp.issuer, aud: AUDIENCE, exp: now() + 300 });
    await expectUnauthorized(
      `Bearer ${header}.${forged}.${signature}`,
      "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
    );
  });

  it("alg: none", async () => {
    const header = base64url({ alg: "none", typ: "JWT", kid: "rsa-1" });
    const payload = base64url({ sub: "user-1", iss: idp.issuer, aud: AUDIENCE, exp: now() + 300 });
    await expectUnauthorized(`Bearer ${header}.${payload}.`, "ERR_JOSE_ALG_NOT_ALLOWED");
  });

  it("HS256 signed with the issuer's public key as the secret", async () => {
    const header = base64url({ alg: "HS256", typ: "JWT", kid: "rsa-1" });
    const payload = base64url({ sub: "user-1", iss: idp.issuer, aud: AUDIENCE, exp: now() + 300 });
    const secret = JSON.stringify(rsa.publicJwk);
    const signature = createHmac("sha256", secret).update(`${header}.${payload}`).digest("base64url");
    await expectUnauthorized(`Bearer ${header}.${payload}.${signature}`, "ERR_JOSE_ALG_NOT_ALLOWED");
  });

  it.each([
    ["no Authorization header", undefined],
    ["a header without Bearer", "Basic dXNlcjpwYXNz"],
    ["a Bearer value that is not a JWT", "Bearer not-a-jwt"],
  ])("%s, without calling the issuer", async (_label, header) => {
    await expectUnauthorized(header, "no bearer token");
    expect(idp.discoveryFetches + idp.jwksFetches).toBe(0);
  });
});

describe("the issuer's keys", () => {
  it("are discovered once and the JWKS is cached across calls", async () => {
    const authorize = authorizer();
    for (let i = 0; i < 3; i += 1) {
      await authorize(`Bearer ${await idp.sign(rsa)}`);
    }
    expect([idp.discoveryFetches, idp.jwksFetches]).toEqual([1, 1]);
  });

  it("key rotation: a token with a kid the cached JWKS lacks refetches the JWKS once and verifies", async () => {
    const authorize = authorizer({ cooldownMs: 0 });
    await authorize(`Bearer ${await idp.sign(rsa)}`);
    const rotated = await signingKey("rsa-2", "RS256");
    idp.published = [rotated];
    const result = await authorize(`Bearer ${await idp.sign(rotated)}`);
    expect(result.policyDocument.Statement[0].Effect).toBe("Allow");
    expect(idp.jwksFetches).toBe(2);
    // The retired key is gone from the refetched JWKS: its tokens now fail.
    await expect(authorize(`Bearer ${await idp.sign(rsa)}`)).rejects.toThrow(UNAUTHORIZED);
  });

  it("an unknown kid refetches once, then is refused", async () => {
    const authorize = authorizer({ cooldownMs: 0 });
    await authorize(`Bearer ${await idp.sign(rsa)}`);
    const stranger = await signingKey("unknown-kid", "RS256");
    await expect(authorize(`Bearer ${await idp.sign(stranger)}`)).rejects.toThrow(UNAUTHORIZED);
    expect(idp.jwksFetches).toBe(2);
    expect(logs.at(-1)).toEqual({ decision: "unauthorized", reason: "ERR_JWKS_NO_MATCHING_KEY" });
  });

  it("within the cooldown, unknown kids do not refetch at all (no hammering the issuer)", async () => {
    const authorize = authorizer();
    await authorize(`Bearer ${await idp.sign(rsa)}`);
    const stranger = await signingKey("unknown-kid", "RS256");
    for (let i = 0; i < 3; i += 1) {
      await expect(authorize(`Bearer ${await idp.sign(stranger)}`)).rejects.toThrow(UNAUTHORIZED);
    }
    expect(idp.jwksFetches).toBe(1);
  });

  it("a JWKS outage is a 500, not a 401 API Gateway would cache against a good token", async () => {
    idp.jwksAnswer = 503;
    await expectIssuerFailure(authorizer()(`Bearer ${await idp.sign(rsa)}`));
    expect(logs).toEqual([{ decision: "error", reason: "IssuerAnswerError" }]);
  });

  it("refuses a discovery document that names another issuer", async () => {
    const authorize = authorizer({ issuer: `${idp.issuer}/tenant` });
    const token = await idp.sign(rsa, { iss: `${idp.issuer}/tenant` });
    await expect(authorize(`Bearer ${token}`)).rejects.toThrow(/discovery document names issuer/);
  });
});

describe("the issuer's endpoints failing, hanging and recovering", () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const COOLDOWN_MS = 500;

  it.each([
    ["failing", 503],
    ["hanging", "hang"],
  ] as const)(
    "a token with a known kid still verifies with the JWKS %s after the key set's age",
    async (_label, answer) => {
      const authorize = authorizer({ cooldownMs: COOLDOWN_MS, jwksMaxAgeMs: 50, fetchTimeoutMs: 200 });
      await authorize(`Bearer ${await idp.sign(rsa)}`);
      idp.jwksAnswer = answer;
      await sleep(COOLDOWN_MS + 20);
      for (let i = 0; i < 2; i += 1) {
        const result = await authorize(`Bearer ${await idp.sign(ec)}`);
        expect(result.policyDocument.Statement[0].Effect).toBe("Allow");
      }
      // The age refetch was tried, failed, and was not retried within its cooldown.
      expect(idp.jwksFetches).toBe(2);
    },
  );

  it("an unknown kid during a JWKS outage fetches at most once per cooldown, and a 500, not a 401", async () => {
    const authorize = authorizer({ cooldownMs: COOLDOWN_MS });
    await authorize(`Bearer ${await idp.sign(rsa)}`);
    const rotated = await signingKey("rsa-2", "RS256");
    idp.jwksAnswer = 503;
    await sleep(COOLDOWN_MS + 20);
    for (let i = 0; i < 3; i += 1) {
      await expectIssuerFailure(authorize(`Bearer ${await idp.sign(rotated)}`));
      expect((await authorize(`Bearer ${await idp.sign(rsa)}`)).policyDocument.Statement[0].Effect).toBe(
        "Allow",
      );
    }
    expect(idp.jwksFetches).toBe(2);
    // Recovered, with the rotated key published: the next fetch after the cooldown picks it up.
    idp.reset([rsa, rotated]);
    await sleep(COOLDOWN_MS + 20);
    expect((await authorize(`Bearer ${await idp.sign(rotated)}`)).policyDocument.Statement[0].Effect).toBe(
      "Allow",
    );
    expect(idp.jwksFetches).toBe(1);
  });

  it("a hanging JWKS endpoint is given up on after the fetch timeout, as a 500", async () => {
    idp.jwksAnswer = "hang";
    const started = Date.now();
    await expectIssuerFailure(authorizer({ fetchTimeoutMs: 150 })(`Bearer ${await idp.sign(rsa)}`));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(logs).toEqual([{ decision: "error", reason: "TimeoutError" }]);
  });

  it("a failed discovery is retried at most once per cooldown, and kept once found", async () => {
    const authorize = authorizer({ cooldownMs: COOLDOWN_MS });
    idp.discoveryAnswer = 503;
    for (let i = 0; i < 3; i += 1) {
      await expectIssuerFailure(authorize(`Bearer ${await idp.sign(rsa)}`));
    }
    expect(idp.discoveryFetches).toBe(1);
    idp.discoveryAnswer = 200;
    await sleep(COOLDOWN_MS + 20);
    await authorize(`Bearer ${await idp.sign(rsa)}`);
    idp.discoveryAnswer = 503;
    await sleep(COOLDOWN_MS + 20);
    await authorize(`Bearer ${await idp.sign(rsa)}`);
    expect(idp.discoveryFetches).toBe(2);
  });

  it.each([
    ["discovery", () => (idp.discoveryAnswer = "redirect")],
    ["JWKS", () => (idp.jwksAnswer = "redirect")],
  ])("a redirect from the %s endpoint is refused, not followed", async (_label, redirect) => {
    redirect();
    await expectIssuerFailure(authorizer()(`Bearer ${await idp.sign(rsa)}`));
    expect(idp.movedFetches).toBe(0);
  });
});

describe("logging", () => {
  let printed: string[];
  const original = console.log;
  beforeEach(() => {
    printed = [];
    console.log = (...args: unknown[]) => void printed.push(args.map(String).join(" "));
  });
  afterEach(() => {
    console.log = original;
  });

  it("never writes a token, or any part of one, to the logs", async () => {
    const authorize = createAuthorizer({ issuer: idp.issuer, audience: AUDIENCE });
    const tokens = [
      await idp.sign(rsa),
      await idp.sign(rsa, { exp: now() - 600 }),
      await idp.sign(rsa, { aud: "other" }),
      await idp.sign(rsa, { sub: undefined }),
    ];
    for (const token of tokens) {
      await authorize({ type: "TOKEN", authorizationToken: `Bearer ${token}`, methodArn: METHOD_ARN }).catch(
        () => {},
      );
    }
    expect(printed).toHaveLength(tokens.length);
    for (const token of tokens) {
      for (const part of token.split(".")) {
        expect(printed.join("\n")).not.toContain(part);
      }
    }
    expect(printed.join("\n")).not.toContain("user-1");
  });
});

describe("claim checks as aws-jwt-verify makes them", () => {
  it("tolerates no clock skew by default: a token expired a second ago, or valid in 10 s, is refused", async () => {
    const authorize = authorizer();
    await expect(authorize(`Bearer ${await idp.sign(rsa, { exp: now() - 1 })}`)).rejects.toThrow(
      UNAUTHORIZED,
    );
    await expect(authorize(`Bearer ${await idp.sign(rsa, { nbf: now() + 10 })}`)).rejects.toThrow(
      UNAUTHORIZED,
    );
  });

  it("refuses a token issued in the future, or without iat", async () => {
    await expectUnauthorized(
      `Bearer ${await idp.sign(rsa, { iat: now() + 86_400, exp: now() + 86_700 })}`,
      "ERR_JWT_CLAIM_VALIDATION_FAILED:iat",
    );
    await expectUnauthorized(
      `Bearer ${await idp.sign(rsa, { iat: undefined })}`,
      "ERR_JWT_CLAIM_VALIDATION_FAILED:iat",
    );
  });

  it("refuses a token that claims to live longer than a day (exp in 2500)", async () => {
    await expectUnauthorized(
      `Bearer ${await idp.sign(rsa, { exp: Math.floor(Date.UTC(2500, 0, 1) / 1000) })}`,
      "ERR_JWT_CLAIM_VALIDATION_FAILED:exp-lifetime",
    );
    await expectUnauthorized(
      `Bearer ${await idp.sign(rsa, { exp: now() + MAX_TOKEN_LIFETIME_SECONDS + 60 })}`,
      "ERR_JWT_CLAIM_VALIDATION_FAILED:exp-lifetime",
    );
    const day = await idp.sign(rsa, { exp: now() + MAX_TOKEN_LIFETIME_SECONDS - 60 });
    expect((await authorizer()(`Bearer ${day}`)).policyDocument.Statement[0].Effect).toBe("Allow");
  });
});
