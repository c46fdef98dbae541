/**
 * Policy names are a contract (config files, CI output and the README name them), and each policy explains
 * itself in one full sentence (pulumi/compliance-policies style).
 */
import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { POLICIES } from "../../../policy-pack/policies";
import { failoverRtoBudget } from "../../../policy-pack/policies/failover-rto-budget";
import { REPO_ROOT } from "../../support/stacks";

/** Every policy file of policy-pack/policies/ (one concern each), by file name without `.ts`. */
const POLICY_FILES = readdirSync(join(REPO_ROOT, "policy-pack/policies"))
  .filter((file) => file.endsWith(".ts") && file !== "index.ts")
  .map((file) => file.slice(0, -".ts".length))
  .sort();

describe("each policy of the pack", () => {
  it("serves every policy file's policy, each once, named after its file", () => {
    expect(POLICIES.map((policy) => policy.name).sort()).toEqual(POLICY_FILES);
  });

  it.each(POLICIES.map((policy) => [policy.name, policy] as const))(
    "%s describes itself in a sentence",
    (_name, policy) => {
      expect(policy.description).toMatch(/^[A-Z][^\n]{30,}\.$/);
    },
  );

  it("declares the settings its config file may set, with their defaults and bounds", () => {
    const settings = Object.fromEntries(
      POLICIES.filter((policy) => policy.configSchema !== undefined).map((policy) => [
        policy.name,
        policy.configSchema?.properties,
      ]),
    );
    expect(settings).toEqual({
      "failover-record-low-ttl": {
        maxTtlSeconds: expect.objectContaining({ type: "integer", default: 60, minimum: 0 }),
      },
      "failover-rto-budget": {
        maxFailoverSeconds: expect.objectContaining({ type: "integer", default: 180, minimum: 1 }),
      },
      "health-check-https": {
        maxFailureThreshold: expect.objectContaining({
          type: "integer",
          default: 3,
          minimum: 1,
          maximum: 10,
        }),
      },
      "record-no-cname-at-zone-apex": {
        zoneNames: expect.objectContaining({ type: "array", items: { type: "string" }, default: [] }),
      },
    });
    for (const schema of Object.values(settings)) {
      for (const property of Object.values(schema ?? {})) {
        expect((property as { description: string }).description).toMatch(/^[A-Z].{20,}\.$/);
      }
    }
    expect(Object.keys(failoverRtoBudget.configSchema?.properties?.maxFailoverSeconds ?? {})).not.toContain(
      "maximum",
    );
  });
});
