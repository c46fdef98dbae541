/**
 * The failover record policies, through the real analyzer: failover-record-low-ttl,
 * failover-alias-evaluate-target-health, failover-record-health-check, failover-pair-complete.
 */
import { describe, expect, it } from "vitest";
import { AnalyzedResource, UNKNOWN } from "../../tools/policy-harness";
import {
  analyzeLikeTheCli,
  API_GATEWAY_ZONE_IDS,
  asPreview,
  byPolicy,
  describeDiagnostics,
  FAILOVER_NAME,
  failoverAliasRecord,
  failoverChain,
  failoverCnameRecord,
  failoverPair,
  healthCheck,
  mandatory,
  regionalTarget,
  resource,
  TYPES,
  usePolicyPack,
  withProps,
  ZONE_ID,
} from "./fixtures";
import { chainedToLongTtl } from "./specs/builders";

const pack = usePolicyPack();

async function violations(policyName: string, resources: readonly AnalyzedResource[]) {
  return byPolicy(await analyzeLikeTheCli(pack, resources), policyName);
}

/** One alias; `evaluateTargetHealth: "unset"` leaves the property out. */
function aliasTo(name: string, zoneId: string, evaluateTargetHealth: boolean | string = true) {
  return [evaluateTargetHealth === "unset" ? { name, zoneId } : { name, zoneId, evaluateTargetHealth }];
}

describe("failover-record-low-ttl", () => {
  const policy = "failover-record-low-ttl";

  it("passes alias records (API Gateway's fixed 60 s) and CNAME records with ttl 60", async () => {
    expect(await violations(policy, failoverPair())).toEqual([]);
    expect(await violations(policy, failoverPair({ kind: "cname" }))).toEqual([]);
  });

  it("reports a failover CNAME record whose ttl is above 60 s", async () => {
    const stack = failoverPair({ kind: "cname", secondary: { ttl: 61 } });
    const found = await violations(policy, stack);
    expect(found.map((v) => [v.enforcementLevel, v.urn])).toEqual([["mandatory", stack[3].urn]]);
  });

  it("reports a failover CNAME record with no ttl", async () => {
    const found = await violations(policy, failoverPair({ kind: "cname", primary: { ttl: undefined } }));
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain("has no ttl");
  });

  it("reports a ttl on an alias record, which AWS rejects (docs/aws-facts.md#alias-has-no-ttl)", async () => {
    const found = await violations(policy, failoverPair({ primary: { ttl: 60 } }));
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain("is an alias and sets a ttl");
  });

  it("reports a record reached through a failover alias chain by its own ttl", async () => {
    const { stack, backup } = chainedToLongTtl();
    const found = await violations(policy, [...stack, backup]);
    expect(found.map((v) => v.urn)).toEqual([backup.urn]);
    // The same CNAME outside any failover chain is none of this policy's business.
    expect(await violations(policy, [backup])).toEqual([]);
  });

  it("passes the 3-region chain FailoverDns builds", async () => {
    expect(await violations(policy, failoverChain())).toEqual([]);
  });

  it("with maxTtlSeconds 30: reports ttl 60 and API Gateway aliases, passes ttl 30", async () => {
    await pack.configure({ [policy]: { properties: { maxTtlSeconds: 30 } } });
    expect(await violations(policy, failoverPair({ kind: "cname" }))).toHaveLength(2);
    const aliases = await violations(policy, failoverPair());
    expect(aliases).toHaveLength(2);
    expect(aliases[0].message).toContain("fixed 60 s TTL");
    expect(
      await violations(policy, failoverPair({ kind: "cname", primary: { ttl: 30 }, secondary: { ttl: 30 } })),
    ).toEqual([]);
  });

  it("in preview, judges the literal ttl and skips unknown ones", async () => {
    expect(
      await violations(policy, asPreview(failoverPair({ kind: "cname", primary: { ttl: 300 } }))),
    ).toHaveLength(1);
    expect(
      await violations(policy, asPreview(failoverPair({ kind: "cname", primary: { ttl: UNKNOWN } }))),
    ).toEqual([]);
    expect(await violations(policy, asPreview(failoverPair({ primary: { aliases: UNKNOWN } })))).toEqual([]);
  });
});

describe("failover-alias-evaluate-target-health", () => {
  const policy = "failover-alias-evaluate-target-health";

  it("passes failover aliases with evaluateTargetHealth true", async () => {
    expect(await violations(policy, failoverChain())).toEqual([]);
  });

  it.each([
    ["false", false],
    ["unset", "unset"],
  ])("reports a failover alias with evaluateTargetHealth %s", async (_label, evaluateTargetHealth) => {
    const target = regionalTarget("eu-west-1");
    const stack = failoverPair({
      secondary: { aliases: aliasTo(target, API_GATEWAY_ZONE_IDS["eu-west-1"], evaluateTargetHealth) },
    });
    const found = await violations(policy, stack);
    expect(found.map((v) => [v.enforcementLevel, v.urn])).toEqual([["mandatory", stack[3].urn]]);
  });

  it("leaves non-failover aliases alone (a region's own hostname)", async () => {
    const regionHost = resource(TYPES.record, "us-east-1-host", {
      zoneId: ZONE_ID,
      name: `us-east-1.${FAILOVER_NAME}`,
      type: "A",
      aliases: aliasTo(regionalTarget("us-east-1"), API_GATEWAY_ZONE_IDS["us-east-1"], false),
    });
    expect(await violations(policy, [regionHost])).toEqual([]);
  });

  it("in preview, skips an unknown evaluateTargetHealth but still reports a literal false", async () => {
    const unknownFlag = failoverPair({ primary: { aliases: aliasTo(UNKNOWN, UNKNOWN, UNKNOWN) } });
    expect(await violations(policy, asPreview(unknownFlag))).toEqual([]);
    const literalFalse = failoverPair({ primary: { aliases: aliasTo(UNKNOWN, UNKNOWN, false) } });
    expect(mandatory(await violations(policy, asPreview(literalFalse)))).toHaveLength(1);
  });
});

describe("failover-record-health-check", () => {
  const policy = "failover-record-health-check";

  it("passes failover records with health checks, and a chaining SECONDARY alias into the zone", async () => {
    expect(await violations(policy, failoverChain())).toEqual([]);
  });

  it.each(["PRIMARY", "SECONDARY"] as const)("reports a %s without healthCheckId", async (role) => {
    const stack = failoverPair(
      role === "PRIMARY" ? { primary: { healthCheckId: undefined } } : { secondary: { healthCheckId: "" } },
    );
    const found = await violations(policy, stack);
    expect(found.map((v) => [v.enforcementLevel, v.urn])).toEqual([
      ["mandatory", stack[role === "PRIMARY" ? 2 : 3].urn],
    ]);
  });

  it("reports a CNAME failover record without healthCheckId", async () => {
    expect(
      await violations(policy, failoverPair({ kind: "cname", primary: { healthCheckId: undefined } })),
    ).toHaveLength(1);
  });

  it("reports an alias into the zone without a health check when evaluateTargetHealth is off", async () => {
    const record = withProps(failoverAliasRecord("SECONDARY", "eu-west-1"), {
      healthCheckId: undefined,
      aliases: aliasTo(`failover-1.${FAILOVER_NAME}`, ZONE_ID, false),
    });
    expect(await violations(policy, [record])).toHaveLength(1);
  });

  it("leaves records without a failover policy alone", async () => {
    const plain = withProps(failoverCnameRecord("PRIMARY", "us-east-1"), {
      failoverRoutingPolicies: undefined,
      setIdentifier: undefined,
      healthCheckId: undefined,
    });
    expect(await violations(policy, [plain])).toEqual([]);
  });

  it("in preview, an unknown healthCheckId counts as set and an unknown alias target is not judged", async () => {
    expect(await violations(policy, asPreview(failoverPair()))).toEqual([]);
    const noCheck = asPreview(failoverPair({ primary: { healthCheckId: undefined } }));
    expect(await violations(policy, noCheck)).toEqual([]); // alias target unknown: may chain into the zone
    const cnameNoCheck = asPreview(failoverPair({ kind: "cname", primary: { healthCheckId: undefined } }));
    expect(mandatory(await violations(policy, cnameNoCheck))).toHaveLength(1);
  });
});

describe("failover-pair-complete", () => {
  const policy = "failover-pair-complete";

  it("passes one PRIMARY and one SECONDARY per name, also for a 3-region chain", async () => {
    expect(await violations(policy, failoverPair())).toEqual([]);
    expect(await violations(policy, failoverChain())).toEqual([]);
  });

  it("reports a name with no SECONDARY", async () => {
    const stack = failoverPair().slice(0, 3);
    const found = await violations(policy, stack);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain("has no SECONDARY failover record");
  });

  it("reports two records with one set identifier", async () => {
    const found = await violations(
      policy,
      failoverPair({ secondary: { setIdentifier: "primary-us-east-1" } }),
    );
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('uses setIdentifier "primary-us-east-1"');
  });

  it("reports a failover record without a set identifier", async () => {
    const found = await violations(policy, failoverPair({ primary: { setIdentifier: undefined } }));
    expect(found.map((v) => v.message).join("\n")).toContain("has no setIdentifier");
  });

  it("reports a failover type other than PRIMARY or SECONDARY", async () => {
    const found = await violations(
      policy,
      failoverPair({ secondary: { failoverRoutingPolicies: [{ type: "BACKUP" }] } }),
    );
    expect(found.map((v) => v.message).join("\n")).toContain("has failover type BACKUP");
  });

  it("reports a non-failover record that shares the failover name and type", async () => {
    const simple = resource(TYPES.record, "simple", {
      zoneId: ZONE_ID,
      name: `${FAILOVER_NAME}.`, // the trailing dot and case do not make it another name
      type: "a",
      aliases: aliasTo(regionalTarget("us-east-1"), API_GATEWAY_ZONE_IDS["us-east-1"]),
    });
    const found = await violations(policy, [...failoverPair(), simple]);
    expect(found.map((v) => [v.enforcementLevel, v.urn])).toEqual([["mandatory", simple.urn]]);
  });

  it("keeps records of other zones and other types apart", async () => {
    const otherZone = failoverPair({ primary: { zoneId: "ZOTHERZONE" } });
    expect(await violations(policy, otherZone)).toHaveLength(2); // each zone now misses one role
    const aaaa = failoverPair().map((r) =>
      r.type === TYPES.record
        ? withProps({ ...r, name: `${r.name}-aaaa`, urn: `${r.urn}-aaaa` }, { type: "AAAA" })
        : r,
    );
    expect(await violations(policy, [...failoverPair(), ...aaaa])).toEqual([]);
  });

  it("in preview, groups records by the zone resource their zoneId comes from", async () => {
    const twoPrimaries = failoverPair({ secondary: { failoverRoutingPolicies: [{ type: "PRIMARY" }] } });
    expect(mandatory(await violations(policy, asPreview(twoPrimaries))).length).toBeGreaterThan(0);
    // Without that link, two unknown zone IDs might be two zones: nothing is judged.
    const unlinked = asPreview(twoPrimaries).map((r) => ({ ...r, propertyDependencies: {} }));
    expect(await violations(policy, unlinked)).toEqual([]);
    const unknownRole = failoverPair({ secondary: { failoverRoutingPolicies: [{ type: UNKNOWN }] } });
    expect(await violations(policy, asPreview(unknownRole))).toEqual([]);
  });
});

describe("all failover record policies in preview", () => {
  it("report nothing for the prod shape with unknown IDs and DNS names", async () => {
    for (const stack of [failoverPair(), failoverPair({ kind: "cname" }), failoverChain()]) {
      expect(describeDiagnostics(await analyzeLikeTheCli(pack, asPreview(stack)))).toEqual([]);
    }
  });

  it("judge a health check linked only by its ID after an update", async () => {
    const stack = failoverPair().map((r) => ({ ...r, propertyDependencies: {}, dependencies: [] }));
    expect(describeDiagnostics(await analyzeLikeTheCli(pack, stack))).toEqual([]);
    expect(healthCheck("us-east-1").properties.id).toBeDefined();
  });
});
