// The bundle Lambda runs: one CommonJS file with jose inside, configured only by its environment.
import { describe, expect, it } from "vitest";
import { bundleAuthorizer } from "../../authorizer/bundle";

/** Loads the bundle as Lambda's Node.js runtime would load index.js, with the given environment. */
function load(env: Record<string, string>): { handler?: unknown } {
  const module = { exports: {} as { handler?: unknown } };
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    new Function("module", "exports", "require", bundleAuthorizer())(module, module.exports, require);
  } finally {
    for (const key of Object.keys(env)) {
      if (saved[key] === undefined) delete process.env[key];
    }
  }
  return module.exports;
}

describe("the authorizer bundle", () => {
  it("needs nothing from node_modules and exports the handler", () => {
    const code = bundleAuthorizer();
    expect(code).not.toMatch(/require\("jose"\)/);
    const exports = load({
      JWT_ISSUER: "https://login.example.com/",
      JWT_AUDIENCE: "https://api.example.com",
    });
    expect(typeof exports.handler).toBe("function");
  });

  it("refuses to start without its settings", () => {
    expect(() => load({ JWT_ISSUER: "https://login.example.com/" })).toThrow(
      "the authorizer's environment lacks JWT_AUDIENCE",
    );
  });
});
