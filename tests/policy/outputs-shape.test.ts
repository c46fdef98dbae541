/**
 * Every policy on both shapes the engine sends: inputs (`Analyze`, and the fixtures as written) and the
 * provider's state (`AnalyzeStack` after `pulumi up`: `id`, and empty values such as `ttl: 0` for unset
 * fields; docs/aws-facts.md, "Engine-true policy checks"), through the real analyzer.
 */
import { describe, expect, it } from "vitest";
import { AnalyzedResource } from "../../tools/policy-harness";
import {
  analyzeLikeTheCli,
  API_GATEWAY_ZONE_IDS,
  asState,
  byPolicy,
  certificate,
  certificateArn,
  describeDiagnostics,
  domainName,
  failoverAliasRecord,
  failoverChain,
  failoverPair,
  healthCheck,
  healthCheckAlarm,
  mandatory,
  regionalTarget,
  PACK_RUNS,
  usePack,
} from "./fixtures";

describe.each(PACK_RUNS)("through %s", (run) => {
  const pack = usePack(run);

  const SHAPES = [
    ["inputs", (stack: readonly AnalyzedResource[]) => [...stack]],
    ["the provider's state", (stack: readonly AnalyzedResource[]) => asState(stack)],
    [
      "the provider's state, linked by id only",
      (stack: readonly AnalyzedResource[]) => asState(stack, "id-only"),
    ],
  ] as const;

  async function diagnosticsOf(stack: readonly AnalyzedResource[]) {
    return analyzeLikeTheCli(pack, stack);
  }

  const others = () => [
    domainName("us-east-1"),
    domainName("eu-west-1"),
    certificate("us-east-1"),
    healthCheckAlarm("us-east-1"),
  ];

  describe.each(SHAPES)("every policy on %s", (_shape, shape) => {
    it.each([
      ["alias pair", () => failoverPair()],
      ["CNAME pair", () => failoverPair({ kind: "cname" })],
      ["3-region chain", () => failoverChain()],
    ])("passes the fixed %s with its domains, certificate and alarm", async (_kind, build) => {
      expect(describeDiagnostics(await diagnosticsOf(shape([...build(), ...others()])))).toEqual([]);
    });

    it("reports the API Gateway alias's 60 s and the 156 s failover over tight budgets", async () => {
      await pack.configure({
        "failover-record-low-ttl": { properties: { maxTtlSeconds: 30 } },
        "failover-rto-budget": { properties: { maxFailoverSeconds: 100 } },
      });
      const stack = shape(failoverPair());
      const found = mandatory(await diagnosticsOf(stack));
      expect(found.map((d) => [d.policyName, d.urn])).toEqual([
        ["failover-record-low-ttl", stack[2].urn],
        ["failover-record-low-ttl", stack[3].urn],
        ["failover-rto-budget", stack[2].urn],
      ]);
      expect(found.map((d) => d.message).join("\n")).not.toContain("sets a ttl");
    });

    it("reports an HTTP health check on port 80 that a failover record uses", async () => {
      const stack = shape(
        failoverPair({ primaryCheck: { type: "HTTP", port: 80, searchString: undefined } }),
      );
      const found = byPolicy(await diagnosticsOf(stack), "health-check-https");
      expect(found.map((d) => d.urn)).toEqual([stack[0].urn]);
    });

    it("reports a health check without a path as unset", async () => {
      const stack = shape(failoverPair({ secondaryCheck: { resourcePath: undefined } }));
      const found = byPolicy(await diagnosticsOf(stack), "health-check-https");
      expect(found.map((d) => d.message)).toEqual([expect.stringContaining("resourcePath is unset;")]);
    });

    it("reports a failover record without a health check or a set identifier", async () => {
      const stack = shape(
        failoverPair({ secondary: { healthCheckId: undefined, setIdentifier: undefined } }),
      );
      const found = mandatory(await diagnosticsOf(stack));
      expect(found.map((d) => [d.policyName, d.urn])).toEqual([
        ["failover-record-health-check", stack[3].urn],
        ["failover-pair-complete", stack[3].urn],
      ]);
    });

    it("reports a TTL on an alias record, and a CNAME TTL over 60 s", async () => {
      const alias = shape(failoverPair({ primary: { ttl: 300 } }));
      expect(byPolicy(await diagnosticsOf(alias), "failover-record-low-ttl").map((d) => d.message)).toEqual([
        expect.stringContaining("is an alias and sets a ttl"),
      ]);
      const cname = shape(failoverPair({ kind: "cname", secondary: { ttl: 61 } }));
      expect(byPolicy(await diagnosticsOf(cname), "failover-record-low-ttl").map((d) => d.urn)).toEqual([
        cname[3].urn,
      ]);
    });

    it.each([
      ["acm-dns-validation", () => [certificate("us-east-1", { validationMethod: "EMAIL" })]],
      [
        "api-domain-certificate-same-region",
        () => [domainName("us-east-1", { regionalCertificateArn: certificateArn("eu-west-1") })],
      ],
      ["api-domain-regional-tls12", () => [domainName("us-east-1", { securityPolicy: "TLS_1_0" })]],
      [
        "failover-alias-evaluate-target-health",
        () => [
          failoverAliasRecord("PRIMARY", "us-east-1", {
            aliases: [
              {
                name: regionalTarget("us-east-1"),
                zoneId: API_GATEWAY_ZONE_IDS["us-east-1"],
                evaluateTargetHealth: false,
              },
            ],
          }),
        ],
      ],
      [
        "health-check-alarm-us-east-1",
        () => [{ ...healthCheckAlarm("us-east-1"), provider: domainName("eu-west-1").provider }],
      ],
      [
        "health-check-checker-regions",
        () => [healthCheck("us-east-1", { regions: ["us-east-1", "eu-west-1"] })],
      ],
    ])("reports %s on one changed property", async (policy, build) => {
      const stack = shape(build());
      const found = mandatory(byPolicy(await diagnosticsOf(stack), policy));
      expect(found.map((d) => d.urn)).toEqual([stack[0].urn]);
    });

    it("reports a drained region (advisory) and nothing for one in service", async () => {
      const stack = shape(failoverPair({ secondaryCheck: { invertHealthcheck: true } }));
      const found = byPolicy(await diagnosticsOf(stack), "health-check-drained");
      expect(found.map((d) => [d.enforcementLevel, d.urn])).toEqual([["advisory", stack[1].urn]]);
    });
  });

  describe("the provider's state of an alias record", () => {
    it("holds ttl 0, or null, and neither is a TTL of the alias's own", async () => {
      const [state] = asState(failoverPair()).slice(2);
      expect(state.properties.ttl).toBe(0);
      const withNull = { ...state, properties: { ...state.properties, ttl: null } };
      const stack = asState(failoverPair());
      for (const record of [state, withNull]) {
        const found = byPolicy(
          await diagnosticsOf([...stack.slice(0, 2), record, stack[3]]),
          "failover-record-low-ttl",
        );
        expect(found).toEqual([]);
      }
    });
  });
});
