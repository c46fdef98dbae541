/**
 * The pack judges latency sets, AAAA twins and dualstack domains as it judges failover records, through the
 * real analyzer: latency-set-complete, dualstack-domain-aaaa-twin, and the record policies applied to
 * latency and AAAA records. Each rule: a passing case, one failing change per property, preview unknowns.
 */
import { describe, expect, it } from "vitest";
import { AnalyzedResource } from "../../tools/policy-harness";
import {
  aliasingDomain,
  analyzeLikeTheCli,
  asPreview,
  byPolicy,
  describeDiagnostics,
  dualstackDomain,
  failoverPair,
  healthCheck,
  latencyAliasRecord,
  latencySet,
  mandatory,
  PACK_RUNS,
  usePack,
  usingHealthCheck,
  withProps,
} from "./fixtures";

describe.each(PACK_RUNS)("through %s", (run) => {
  const pack = usePack(run);

  async function violations(policyName: string, resources: readonly AnalyzedResource[]) {
    return byPolicy(await analyzeLikeTheCli(pack, resources), policyName);
  }

  const DUALSTACK_A_AND_AAAA = { types: ["A", "AAAA"] };

  describe("a latency set with AAAA twins passes every policy", () => {
    it.each([
      ["with every value known", false],
      ["in preview", true],
    ])("%s", async (_, preview) => {
      const stack = latencySet({
        regions: ["us-east-1", "eu-west-1", "ap-southeast-1"],
        ...DUALSTACK_A_AND_AAAA,
      });
      const diagnostics = await analyzeLikeTheCli(pack, preview ? asPreview(stack) : stack);
      expect(describeDiagnostics(diagnostics)).toEqual([]);
    });

    it("and so does a cname latency set", async () => {
      expect(describeDiagnostics(await analyzeLikeTheCli(pack, latencySet({ types: ["CNAME"] })))).toEqual(
        [],
      );
    });
  });

  describe("latency-set-complete", () => {
    const policy = "latency-set-complete";

    it.each([
      [
        "two records for one region",
        { "api-latency-eu-west-1": { latencyRoutingPolicies: [{ region: "us-east-1" }] } },
        "has two latency records for us-east-1",
      ],
      [
        "a record without a set identifier",
        { "api-latency-eu-west-1": { setIdentifier: undefined } },
        "has no setIdentifier; latency records need one",
      ],
      [
        "two records with one set identifier",
        { "api-latency-eu-west-1": { setIdentifier: "latency-us-east-1" } },
        'uses setIdentifier "latency-us-east-1"',
      ],
      [
        "a latency policy without a region",
        { "api-latency-eu-west-1": { latencyRoutingPolicies: [{}] } },
        "has a latency policy without a region",
      ],
      [
        "an AAAA twin for a region twice",
        { "api-latency-eu-west-1-aaaa": { latencyRoutingPolicies: [{ region: "us-east-1" }] } },
        "AAAA has two latency records for us-east-1",
      ],
    ])("reports %s, in preview too", async (_, change, message) => {
      const stack = latencySet({ ...DUALSTACK_A_AND_AAAA, change });
      for (const resources of [stack, asPreview(stack)]) {
        const found = mandatory(await violations(policy, resources));
        expect(found.map((v) => v.message).join("\n")).toContain(message);
      }
    });

    it("reports a failover record beside the latency set of its name and type", async () => {
      const failover = failoverPair().slice(2, 3);
      const found = await violations(policy, [...latencySet(), ...failover]);
      expect(found.map((v) => [v.urn, v.message])).toEqual([
        [
          failover[0].urn,
          expect.stringContaining("has no latency routing policy but shares its name and type"),
        ],
      ]);
    });

    it("judges A and AAAA apart: an AAAA set beside an A set is fine", async () => {
      expect(await violations(policy, latencySet(DUALSTACK_A_AND_AAAA))).toEqual([]);
    });
  });

  describe("the record policies judge latency and AAAA records as they judge failover A records", () => {
    it.each([
      [
        "failover-record-health-check",
        "api-latency-eu-west-1",
        { healthCheckId: undefined },
        "has no healthCheckId",
      ],
      [
        "failover-record-health-check",
        "api-latency-eu-west-1-aaaa",
        { healthCheckId: undefined },
        "has no healthCheckId",
      ],
      [
        "failover-alias-evaluate-target-health",
        "api-latency-us-east-1",
        {
          aliases: [
            {
              name: "d-1.execute-api.us-east-1.amazonaws.com",
              zoneId: "Z1UJRXOUMOOFQ8",
              evaluateTargetHealth: false,
            },
          ],
        },
        "has evaluateTargetHealth false",
      ],
      [
        "failover-alias-evaluate-target-health",
        "api-latency-us-east-1-aaaa",
        {
          aliases: [
            {
              name: "d-1.execute-api.us-east-1.amazonaws.com",
              zoneId: "Z1UJRXOUMOOFQ8",
              evaluateTargetHealth: false,
            },
          ],
        },
        "has evaluateTargetHealth false",
      ],
      ["failover-record-low-ttl", "api-latency-eu-west-1-aaaa", { ttl: 60 }, "is an alias and sets a ttl"],
    ])("%s reports %s changed", async (policy, name, change, message) => {
      const stack = latencySet({ ...DUALSTACK_A_AND_AAAA, change: { [name]: change } });
      const found = mandatory(await violations(policy, stack));
      expect(found.map((v) => v.message)).toEqual([expect.stringContaining(message)]);
      expect(found[0].message).toContain(name.endsWith("-aaaa") ? "(AAAA" : "(A");
    });

    it("failover-record-low-ttl reports a latency CNAME with ttl 300", async () => {
      const stack = latencySet({ types: ["CNAME"], change: { "api-latency-eu-west-1-cname": { ttl: 300 } } });
      expect((await violations("failover-record-low-ttl", stack)).map((v) => v.message)).toEqual([
        expect.stringContaining("has ttl 300 s"),
      ]);
    });

    it("failover-rto-budget and health-check-https judge the health checks latency records use", async () => {
      const slow = healthCheck("eu-west-1", { failureThreshold: 10, type: "HTTP" });
      const stack = [
        ...latencySet().filter((r) => r.name !== "api-eu-west-1" && r.name !== "api-latency-eu-west-1"),
        slow,
        usingHealthCheck(latencyAliasRecord("eu-west-1"), slow),
      ];
      expect((await violations("failover-rto-budget", stack)).map((v) => v.message)).toEqual([
        expect.stringContaining("30 s × 10 + 6 s timeouts + 60 s TTL = 366 s"),
      ]);
      expect((await violations("health-check-https", stack)).map((v) => v.message)).toEqual([
        expect.stringMatching(/type is HTTP.*failureThreshold is 10/),
      ]);
    });

    it("failover-pair-complete judges an AAAA failover pair on its own: a lone AAAA PRIMARY is reported", async () => {
      const [checkA, checkB, primary, secondary] = failoverPair();
      const aaaaPrimary = { ...withProps(primary, { type: "AAAA" }), urn: `${primary.urn}-aaaa` };
      const found = await violations("failover-pair-complete", [
        checkA,
        checkB,
        primary,
        secondary,
        aaaaPrimary,
      ]);
      expect(found.map((v) => v.message)).toEqual([
        expect.stringContaining("api.example.com AAAA has no SECONDARY"),
      ]);
    });
  });

  describe("dualstack-domain-aaaa-twin", () => {
    const policy = "dualstack-domain-aaaa-twin";
    const domain = dualstackDomain("us-east-1");
    const a = aliasingDomain(latencyAliasRecord("us-east-1"), domain);
    const aaaa = aliasingDomain(latencyAliasRecord("us-east-1", {}, "AAAA"), domain);

    it("passes an A alias with its AAAA twin, known and in preview", async () => {
      expect(await violations(policy, [domain, a, aaaa])).toEqual([]);
      expect(await violations(policy, asPreview([domain, a, aaaa]))).toEqual([]);
    });

    it("reports an A alias to a dualstack domain without an AAAA twin, known and in preview", async () => {
      for (const resources of [[domain, a], asPreview([domain, a])]) {
        const found = await violations(policy, resources);
        expect(found.map((v) => [v.enforcementLevel, v.urn])).toEqual([["mandatory", a.urn]]);
        expect(found[0].message).toContain("has no AAAA twin");
      }
    });

    it("reports an AAAA record that is not the twin: another set identifier", async () => {
      const other = withProps(aaaa, { setIdentifier: "latency-elsewhere" });
      expect(await violations(policy, [domain, a, other])).toHaveLength(1);
    });

    it("matches by the alias target name when the engine gives no dependency (after an update)", async () => {
      const plainA = latencyAliasRecord("us-east-1");
      expect(await violations(policy, [domain, plainA])).toHaveLength(1);
      expect(await violations(policy, [domain, plainA, latencyAliasRecord("us-east-1", {}, "AAAA")])).toEqual(
        [],
      );
    });

    it("asks nothing of an IPv4-only domain", async () => {
      const ipv4 = dualstackDomain("us-east-1", { endpointConfiguration: { types: "REGIONAL" } });
      expect(await violations(policy, [ipv4, aliasingDomain(a, ipv4)])).toEqual([]);
    });
  });
});
