/**
 * The analyzer harness itself: it starts the pack as the CLI does, speaks the protocol, surfaces startup
 * errors and never leaves a pack process behind.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PolicyPackClient, resolvePolicyConfig, startPolicyPack } from "../../tools/policy-harness";
import { analyzeLikeTheCli, byPolicy, failoverPair, mandatory } from "./fixtures";

const POLICIES = {
  "failover-record-low-ttl": ["mandatory", "stack", { maxTtlSeconds: 60 }],
  "failover-alias-evaluate-target-health": ["mandatory", "resource", undefined],
  "failover-record-health-check": ["mandatory", "resource", undefined],
  "failover-pair-complete": ["mandatory", "stack", undefined],
  "health-check-https": ["mandatory", "stack", { maxFailureThreshold: 3 }],
  "failover-rto-budget": ["mandatory", "stack", { maxFailoverSeconds: 180 }],
  "api-domain-regional-tls12": ["mandatory", "resource", undefined],
  "acm-dns-validation": ["mandatory", "resource", undefined],
  "health-check-drained": ["advisory", "resource", undefined],
  "health-check-checker-regions": ["mandatory", "resource", undefined],
  "api-domain-certificate-same-region": ["mandatory", "resource", undefined],
  "health-check-alarm-us-east-1": ["mandatory", "resource", undefined],
  "api-method-authorization": ["mandatory", "stack", undefined],
  "api-stage-waf": ["mandatory", "stack", undefined],
  "record-no-cname-at-zone-apex": ["mandatory", "stack", { zoneNames: [] }],
  "latency-set-complete": ["mandatory", "stack", undefined],
  "dualstack-domain-aaaa-twin": ["mandatory", "stack", undefined],
  "fleet-capacity-after-failover": ["advisory", "stack", undefined],
} as const;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

let pack: PolicyPackClient;
beforeAll(async () => {
  pack = await startPolicyPack();
});
afterAll(async () => {
  await pack?.close();
});

describe("GetAnalyzerInfo", () => {
  it("names the pack and its version from policy-pack/package.json", () => {
    expect(pack.info()).toMatchObject({
      name: "multi-region-failover",
      version: "0.1.0",
      supportsConfig: true,
    });
  });

  it("lists every policy with its enforcement level, kind, full-sentence description and defaults", () => {
    const policies = pack.info().policies;
    expect(policies.map((p) => p.name).sort()).toEqual(Object.keys(POLICIES).sort());
    for (const policy of policies) {
      const [level, kind, defaults] = POLICIES[policy.name as keyof typeof POLICIES];
      expect([policy.name, policy.enforcementLevel, policy.policyType]).toEqual([policy.name, level, kind]);
      expect(policy.description).toMatch(/^[A-Z].+\.$/);
      const schemaDefaults = Object.fromEntries(
        Object.entries(policy.configSchema?.properties ?? {}).map(([key, schema]) => [
          key,
          (schema as { default?: unknown }).default,
        ]),
      );
      expect(policy.configSchema ? schemaDefaults : undefined).toEqual(defaults);
    }
  });
});

describe("Configure", () => {
  it("keeps a policy's own level when the entry has none, and can disable or demote one", async () => {
    const stack = failoverPair({ kind: "cname", primary: { ttl: 300 } });
    await pack.configure({ "failover-record-low-ttl": { properties: { maxTtlSeconds: 60 } } });
    expect(mandatory(byPolicy(await analyzeLikeTheCli(pack, stack), "failover-record-low-ttl"))).toHaveLength(
      1,
    );
    await pack.configure({ "failover-record-low-ttl": { enforcementLevel: "advisory" } });
    expect(
      byPolicy(await analyzeLikeTheCli(pack, stack), "failover-record-low-ttl").map(
        (d) => d.enforcementLevel,
      ),
    ).toEqual(["advisory"]);
    await pack.configure({ "failover-record-low-ttl": { enforcementLevel: "disabled" } });
    expect(byPolicy(await analyzeLikeTheCli(pack, stack), "failover-record-low-ttl")).toEqual([]);
    await pack.configure({});
  });

  it("accepts what the CLI resolves from a config file: schema defaults filled in for every policy", async () => {
    const config = resolvePolicyConfig(pack.info(), {
      all: "advisory",
      "failover-record-low-ttl": { maxTtlSeconds: 30 },
    });
    expect(config["failover-record-low-ttl"]).toEqual({
      enforcementLevel: "advisory",
      properties: { maxTtlSeconds: 30 },
    });
    expect(config["failover-rto-budget"]).toEqual({
      enforcementLevel: "advisory",
      properties: { maxFailoverSeconds: 180 },
    });
    await pack.configure(config);
    const diagnostics = await analyzeLikeTheCli(pack, failoverPair({ kind: "cname" }));
    expect(byPolicy(diagnostics, "failover-record-low-ttl").map((d) => d.enforcementLevel)).toEqual([
      "advisory",
      "advisory",
    ]);
    await pack.configure({});
  });

  it("rejects config the CLI would reject", () => {
    const info = pack.info();
    expect(() => resolvePolicyConfig(info, { "no-such-policy": "advisory" })).toThrow(/no-such-policy/);
    expect(() => resolvePolicyConfig(info, { "failover-record-low-ttl": { maxTtl: 30 } })).toThrow(
      /no setting "maxTtl"/,
    );
    expect(() => resolvePolicyConfig(info, { "failover-record-low-ttl": { maxTtlSeconds: "30" } })).toThrow(
      /type integer/,
    );
    expect(() => resolvePolicyConfig(info, { "health-check-https": { maxFailureThreshold: 11 } })).toThrow(
      /at most 10/,
    );
    expect(() => resolvePolicyConfig(info, { "acm-dns-validation": "strict" as never })).toThrow(
      /enforcementLevel/,
    );
  });
});

describe("process lifecycle", () => {
  it("ends the pack process on close, and close can be called twice", async () => {
    const second = await startPolicyPack();
    expect(isRunning(second.pid)).toBe(true);
    await second.close();
    await second.close();
    expect(isRunning(second.pid)).toBe(false);
  });

  it("fails clearly, with the pack's stderr, when the pack does not start", async () => {
    const brokenPack = mkdtempSync(path.join(tmpdir(), "broken-pack-"));
    writeFileSync(
      path.join(brokenPack, "package.json"),
      JSON.stringify({ name: "broken", version: "0.0.1" }),
    );
    writeFileSync(path.join(brokenPack, "index.ts"), 'throw new Error("policy pack exploded on load");\n');
    await expect(startPolicyPack({ packDir: brokenPack })).rejects.toThrow(
      /did not start[\s\S]*policy pack exploded on load/,
    );
  });

  it("judges a resource with no properties at all without failing", async () => {
    await expect(
      pack.analyze({ type: "aws:route53/record:Record", name: "x", urn: "urn:x", properties: {} }),
    ).resolves.toEqual([]);
  });
});
