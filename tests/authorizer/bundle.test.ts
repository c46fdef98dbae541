// The bundle Lambda runs: one CommonJS file with jose inside, configured only by its environment.
import { describe, expect, it } from "vitest";
import { DEFAULT_SCOPES } from "@multi-region-api/model/contracts/authorizer-access";
import { APP_ASSETS, readAppAsset } from "../../components/regional/app-assets";
import { authorizerEnvironment } from "@multi-region-api/model/contracts/authorizer-environment";

const ENV = authorizerEnvironment({
  issuer: "https://login.example.com/",
  audience: "https://api.example.com",
  tokenType: "at+jwt",
  scopes: DEFAULT_SCOPES,
});

/** Loads the bundle as Lambda's Node.js runtime would load index.js, with the given environment. */
function load(env: Record<string, string>): { handler?: unknown } {
  const module = { exports: {} as { handler?: unknown } };
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    new Function("module", "exports", "require", readAppAsset(APP_ASSETS.authorizer))(
      module,
      module.exports,
      require,
    );
  } finally {
    for (const key of Object.keys(env)) {
      if (saved[key] === undefined) delete process.env[key];
    }
  }
  return module.exports;
}

describe("the authorizer bundle", () => {
  it("needs nothing from node_modules and exports the handler", () => {
    const code = readAppAsset(APP_ASSETS.authorizer);
    expect(code).not.toMatch(/require\("jose"\)/);
    const exports = load(ENV);
    expect(typeof exports.handler).toBe("function");
  });

  it("refuses to start without its settings, or with a token type it does not know", () => {
    const { JWT_AUDIENCE: _audience, ...withoutAudience } = ENV;
    expect(() => load(withoutAudience)).toThrow("the authorizer's environment lacks JWT_AUDIENCE");
    expect(() => load({ ...ENV, JWT_TOKEN_TYPE: "id" })).toThrow(
      "the authorizer's JWT_TOKEN_TYPE is id, not one of at+jwt, cognito",
    );
  });
});
