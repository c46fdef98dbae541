/**
 * The failover record policies run in the test process (tests/support/policy-in-process.ts), beside their
 * gRPC tests in ../failover-records.test.ts: same fixtures, one changed property per test, exact messages
 * where the message is what an operator acts on.
 */
import { describe, expect, it } from "vitest";
import { failoverAliasEvaluateTargetHealth } from "../../../policy-pack/policies/failover-alias-evaluate-target-health";
import { failoverPairComplete } from "../../../policy-pack/policies/failover-pair-complete";
import { failoverRecordHealthCheck } from "../../../policy-pack/policies/failover-record-health-check";
import { failoverRecordLowTtl } from "../../../policy-pack/policies/failover-record-low-ttl";
import { UNKNOWN } from "../../../tools/policy-harness";
import { runResourcePolicy, runStackPolicy, urnsOf } from "../../support/policy-in-process";
import {
  API_GATEWAY_ZONE_IDS,
  asPreview,
  FAILOVER_NAME,
  failoverAliasRecord,
  failoverChain,
  failoverCnameRecord,
  failoverPair,
  regionalTarget,
  resource,
  TYPES,
  withProps,
  ZONE_ID,
  plainRecord,
} from "../fixtures";

const PAIR_RULE = "a failover name needs exactly one PRIMARY and one SECONDARY.";

function aliasTo(name: string, zoneId: string, evaluateTargetHealth?: boolean | string) {
  return [evaluateTargetHealth === undefined ? { name, zoneId } : { name, zoneId, evaluateTargetHealth }];
}

const intoZone = (flag?: boolean | string) => aliasTo(`failover-1.${FAILOVER_NAME}`, ZONE_ID, flag);

describe("failover-record-low-ttl in process", () => {
  const run = (stack: Parameters<typeof runStackPolicy>[1], config = {}) =>
    runStackPolicy(failoverRecordLowTtl, stack, config);

  it("passes aliases to API Gateway and CNAMEs with ttl exactly 60", async () => {
    expect(await run(failoverPair())).toEqual([]);
    expect(await run(failoverPair({ kind: "cname" }))).toEqual([]);
    expect(await run(failoverChain())).toEqual([]);
  });

  it("reports a CNAME at 61 s as mandatory, with the TTL and the limit", async () => {
    const stack = failoverPair({ kind: "cname", secondary: { ttl: 61 } });
    expect(await run(stack)).toEqual([
      {
        enforcementLevel: "mandatory",
        urn: stack[3].urn,
        message:
          "api.example.com (CNAME, SECONDARY, set secondary-eu-west-1) has ttl 61 s; resolvers would keep " +
          "answering with a failed region for up to 61 s after failover. Set ttl to at most 60 s.",
      },
    ]);
  });

  it("reports a CNAME without a ttl", async () => {
    const found = await run(failoverPair({ kind: "cname", primary: { ttl: undefined } }));
    expect(found.map((f) => f.message)).toEqual([
      "api.example.com (CNAME, PRIMARY, set primary-us-east-1) is not an alias and has no ttl; set ttl to at most 60 s.",
    ]);
  });

  it("reports an alias that sets a ttl", async () => {
    const found = await run(failoverPair({ primary: { ttl: 60 } }));
    expect(found.map((f) => f.message)).toEqual([
      "api.example.com (A, PRIMARY, set primary-us-east-1) is an alias and sets a ttl; AWS rejects that. Remove ttl from alias records.",
    ]);
  });

  it("judges a plain record reached through a failover alias, and leaves it alone otherwise", async () => {
    const backup = resource(TYPES.record, "backup", {
      zoneId: ZONE_ID,
      name: `backup.${FAILOVER_NAME}`,
      type: "CNAME",
      ttl: 300,
      records: [regionalTarget("eu-west-1")],
    });
    const stack = failoverPair({
      kind: "cname",
      secondary: { ttl: undefined, records: undefined, aliases: aliasTo(`backup.${FAILOVER_NAME}`, ZONE_ID) },
    });
    expect(urnsOf(await run([...stack, backup]))).toEqual([backup.urn]);
    expect(await run([backup])).toEqual([]);
  });

  it("with maxTtlSeconds 59 reports API Gateway's fixed 60 s, with 60 passes it", async () => {
    const found = await run(failoverPair(), { maxTtlSeconds: 59 });
    expect(found.map((f) => f.message)).toContain(
      "api.example.com (A, PRIMARY, set primary-us-east-1) is an alias to an AWS resource, which answers with " +
        "a fixed 60 s TTL (more than 59 s); use a CNAME record with a lower ttl or raise maxTtlSeconds.",
    );
    expect(found).toHaveLength(2);
    expect(await run(failoverPair(), { maxTtlSeconds: 60 })).toEqual([]);
    const chain = failoverChain();
    expect(urnsOf(await run(chain, { maxTtlSeconds: 59 }))).not.toContain(chain[4].urn); // alias into the zone
  });

  it("uses the default 60 s when maxTtlSeconds is not a number", async () => {
    expect(await run(failoverPair({ kind: "cname" }), { maxTtlSeconds: "30" })).toEqual([]);
    expect(await run(failoverPair({ kind: "cname" }), { maxTtlSeconds: 30 })).toHaveLength(2);
  });

  it("in preview, judges a literal ttl and skips an unknown ttl or unknown aliases", async () => {
    expect(await run(asPreview(failoverPair({ kind: "cname", primary: { ttl: 300 } })))).toHaveLength(1);
    expect(await run(asPreview(failoverPair({ kind: "cname", primary: { ttl: UNKNOWN } })))).toEqual([]);
    expect(await run(asPreview(failoverPair({ primary: { aliases: UNKNOWN, ttl: 60 } })))).toEqual([]);
  });

  it("is a mandatory stack policy that a config can make advisory", async () => {
    const found = await run(failoverPair({ kind: "cname", primary: { ttl: 300 } }), {
      enforcementLevel: "advisory",
    });
    expect(found.map((f) => f.enforcementLevel)).toEqual(["advisory"]);
  });
});

describe("failover-alias-evaluate-target-health in process", () => {
  const run = (stack: Parameters<typeof runResourcePolicy>[1]) =>
    runResourcePolicy(failoverAliasEvaluateTargetHealth, stack);

  it("passes the chain FailoverDns builds", async () => {
    expect(await run(failoverChain())).toEqual([]);
  });

  it("reports evaluateTargetHealth false and unset, naming the alias and its target", async () => {
    const target = regionalTarget("eu-west-1");
    const zone = API_GATEWAY_ZONE_IDS["eu-west-1"];
    const off = failoverAliasRecord("SECONDARY", "eu-west-1", { aliases: aliasTo(target, zone, false) });
    const unset = failoverAliasRecord("SECONDARY", "eu-west-1", { aliases: aliasTo(target, zone) });
    expect(await run([off, unset])).toEqual([
      {
        enforcementLevel: "mandatory",
        urn: off.urn,
        message: `api.example.com (A, SECONDARY, set secondary-eu-west-1): alias 0 (to ${target}) has evaluateTargetHealth false; set it to true.`,
      },
      {
        enforcementLevel: "mandatory",
        urn: unset.urn,
        message: `api.example.com (A, SECONDARY, set secondary-eu-west-1): alias 0 (to ${target}) has evaluateTargetHealth unset; set it to true.`,
      },
    ]);
  });

  it("counts aliases from 0 and leaves out a target name it does not know", async () => {
    const record = failoverAliasRecord("PRIMARY", "us-east-1", {
      aliases: [
        {
          name: regionalTarget("us-east-1"),
          zoneId: API_GATEWAY_ZONE_IDS["us-east-1"],
          evaluateTargetHealth: true,
        },
        { name: 42, zoneId: ZONE_ID, evaluateTargetHealth: false },
      ],
    });
    expect((await run([record])).map((f) => f.message)).toEqual([
      "api.example.com (A, PRIMARY, set primary-us-east-1): alias 1 has evaluateTargetHealth false; set it to true.",
    ]);
  });

  it("leaves non-failover aliases, non-records and unknown aliases or flags alone", async () => {
    const plain = withProps(failoverAliasRecord("PRIMARY", "us-east-1", { aliases: intoZone(false) }), {
      failoverRoutingPolicies: undefined,
    });
    const notARecord = { ...failoverAliasRecord("PRIMARY", "us-east-1", { aliases: intoZone(false) }) };
    const other = { ...notARecord, type: TYPES.healthCheck };
    const unknownAliases = failoverAliasRecord("PRIMARY", "us-east-1", { aliases: UNKNOWN });
    const unknownFlag = failoverAliasRecord("PRIMARY", "us-east-1", { aliases: intoZone(UNKNOWN) });
    const unknownPolicy = failoverAliasRecord("PRIMARY", "us-east-1", {
      aliases: intoZone(false),
      failoverRoutingPolicies: UNKNOWN,
    });
    expect(await run([plain, other, unknownAliases, unknownFlag, unknownPolicy])).toEqual([]);
    expect(await run([failoverCnameRecord("PRIMARY", "us-east-1")])).toEqual([]);
  });
});

describe("failover-record-health-check in process", () => {
  const run = (stack: Parameters<typeof runResourcePolicy>[1]) =>
    runResourcePolicy(failoverRecordHealthCheck, stack);

  it("passes records with checks and a chaining SECONDARY into the zone", async () => {
    expect(await run(failoverChain())).toEqual([]);
  });

  it("reports a failover record without healthCheckId, or with an empty one", async () => {
    const missing = failoverAliasRecord("PRIMARY", "us-east-1", { healthCheckId: undefined });
    const empty = failoverCnameRecord("SECONDARY", "eu-west-1", { healthCheckId: "" });
    expect(await run([missing, empty])).toEqual([
      {
        enforcementLevel: "mandatory",
        urn: missing.urn,
        message:
          "api.example.com (A, PRIMARY, set primary-us-east-1) has no healthCheckId, so Route 53 treats it as " +
          "always healthy; attach the Route 53 health check of its region.",
      },
      expect.objectContaining({ urn: empty.urn }),
    ]);
  });

  it.each([
    ["evaluateTargetHealth false", intoZone(false)],
    ["evaluateTargetHealth unset", intoZone()],
    ["an API Gateway target", aliasTo(regionalTarget("us-east-1"), API_GATEWAY_ZONE_IDS["us-east-1"], true)],
    ["an AWS zone", aliasTo("other.example.net", "ZAWSOWNED", true)],
    ["one of two aliases leaving the zone", [...intoZone(true), ...aliasTo("x.example.net", "ZAWS", true)]],
  ])("reports an alias without a check: %s", async (_label, aliases) => {
    const record = failoverAliasRecord("SECONDARY", "eu-west-1", { healthCheckId: undefined, aliases });
    expect(urnsOf(await run([record]))).toEqual([record.urn]);
  });

  it("passes an alias with evaluateTargetHealth into its own zone, which takes its targets' health", async () => {
    const record = failoverAliasRecord("SECONDARY", "eu-west-1", {
      healthCheckId: undefined,
      aliases: intoZone(true),
    });
    expect(await run([record])).toEqual([]);
  });

  it("in preview, skips what it cannot tell yet, but reports a CNAME with no check", async () => {
    const noCheck = (overrides: Record<string, unknown>) =>
      failoverAliasRecord("PRIMARY", "us-east-1", { healthCheckId: undefined, ...overrides } as never);
    expect(await run([noCheck({ aliases: UNKNOWN })])).toEqual([]);
    expect(await run([noCheck({ aliases: aliasTo(UNKNOWN, UNKNOWN, true) })])).toEqual([]);
    expect(await run([noCheck({ aliases: intoZone(UNKNOWN) })])).toEqual([]);
    expect(await run([noCheck({ zoneId: UNKNOWN, aliases: intoZone(true) })])).toEqual([]);
    expect(await run([failoverAliasRecord("PRIMARY", "us-east-1", { healthCheckId: UNKNOWN })])).toEqual([]);
    const cname = failoverCnameRecord("PRIMARY", "us-east-1", { healthCheckId: undefined });
    expect(urnsOf(await run(asPreview([cname])))).toEqual([cname.urn]);
  });

  it("leaves records without a failover policy alone", async () => {
    const plain = withProps(failoverCnameRecord("PRIMARY", "us-east-1"), {
      failoverRoutingPolicies: undefined,
      healthCheckId: undefined,
    });
    const emptyPolicies = withProps(plain, { failoverRoutingPolicies: [] });
    expect(await run([plain, emptyPolicies])).toEqual([]);
  });
});

describe("failover-pair-complete in process", () => {
  const run = (stack: Parameters<typeof runStackPolicy>[1]) => runStackPolicy(failoverPairComplete, stack);

  it("passes a pair and a 3-region chain", async () => {
    expect(await run(failoverPair())).toEqual([]);
    expect(await run(failoverChain())).toEqual([]);
  });

  it("reports a missing SECONDARY on the name's first record", async () => {
    const stack = failoverPair().slice(0, 3);
    expect(await run(stack)).toEqual([
      {
        enforcementLevel: "mandatory",
        urn: stack[2].urn,
        message: `api.example.com A has no SECONDARY failover record; ${PAIR_RULE}`,
      },
    ]);
  });

  it("reports two PRIMARY records on the second, naming both", async () => {
    const stack = failoverPair({ secondary: { failoverRoutingPolicies: [{ type: "PRIMARY" }] } });
    const [primary, secondary] = [stack[2].urn, stack[3].urn];
    expect(await run(stack)).toEqual([
      {
        enforcementLevel: "mandatory",
        urn: secondary,
        message: `api.example.com A has 2 PRIMARY failover records (${primary}, ${secondary}); ${PAIR_RULE}`,
      },
      {
        enforcementLevel: "mandatory",
        urn: primary,
        message: `api.example.com A has no SECONDARY failover record; ${PAIR_RULE}`,
      },
    ]);
  });

  it("reports a shared set identifier on the second record", async () => {
    const stack = failoverPair({ secondary: { setIdentifier: "primary-us-east-1" } });
    expect(await run(stack)).toEqual([
      {
        enforcementLevel: "mandatory",
        urn: stack[3].urn,
        message:
          `api.example.com (A, SECONDARY, set primary-us-east-1) uses setIdentifier "primary-us-east-1", as ` +
          `${stack[2].urn} does; each record of a failover pair needs its own.`,
      },
    ]);
  });

  it("in preview, does not compare set identifiers that are unknown", async () => {
    expect(
      await run(failoverPair({ primary: { setIdentifier: UNKNOWN }, secondary: { setIdentifier: UNKNOWN } })),
    ).toEqual([]);
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
  ])("reports a %s set identifier", async (_label, setIdentifier) => {
    const stack = failoverPair({ primary: { setIdentifier } });
    const found = await run(stack);
    expect(found.map((f) => [f.urn, f.message])).toEqual([
      [
        stack[2].urn,
        setIdentifier === undefined
          ? "api.example.com (A, PRIMARY) has no setIdentifier; failover records need one."
          : "api.example.com (A, PRIMARY, set ) has no setIdentifier; failover records need one.",
      ],
    ]);
  });

  it("reports a failover type other than PRIMARY or SECONDARY, or none", async () => {
    const backup = failoverPair({ secondary: { failoverRoutingPolicies: [{ type: "BACKUP" }] } });
    expect((await run(backup)).map((f) => f.message)).toEqual([
      "api.example.com (A, BACKUP, set secondary-eu-west-1) has failover type BACKUP; use PRIMARY or SECONDARY.",
      `api.example.com A has no SECONDARY failover record; ${PAIR_RULE}`,
    ]);
    const untyped = failoverPair({ secondary: { failoverRoutingPolicies: [{}] } });
    expect((await run(untyped)).map((f) => f.message)[0]).toBe(
      "api.example.com (A, no failover type, set secondary-eu-west-1) has failover type unset; use PRIMARY or SECONDARY.",
    );
  });

  it("reports a plain record sharing the failover name and type, whatever its case or trailing dot", async () => {
    const simple = resource(TYPES.record, "simple", {
      zoneId: ZONE_ID,
      name: `API.${FAILOVER_NAME}.`.replace("API.", ""),
      type: "a",
      aliases: aliasTo(regionalTarget("us-east-1"), API_GATEWAY_ZONE_IDS["us-east-1"], true),
    });
    expect(await run([...failoverPair(), simple])).toEqual([
      {
        enforcementLevel: "mandatory",
        urn: simple.urn,
        message:
          "api.example.com. (a) has no failover routing policy but shares its name and type with failover " +
          "records; Route 53 does not allow that. Remove it or make it part of the failover pair.",
      },
    ]);
  });

  it("leaves names with only plain records alone, and other zones and types apart", async () => {
    const plain = (name: string) =>
      resource(TYPES.record, name, { zoneId: ZONE_ID, name: `www.${FAILOVER_NAME}`, type: "A", ttl: 60 });
    expect(await run([plain("www-1"), plain("www-2")])).toEqual([]);
    expect(await run(failoverPair({ primary: { zoneId: "ZOTHER" } }))).toHaveLength(2);
    expect(await run(failoverPair({ primary: { type: "AAAA" } }))).toHaveLength(2);
  });

  it("in preview, places records by their zone resource and skips unknown names, types, roles and policies", async () => {
    const twoPrimaries = failoverPair({ secondary: { failoverRoutingPolicies: [{ type: "PRIMARY" }] } });
    expect(await run(asPreview(twoPrimaries))).toHaveLength(2);
    const unlinked = asPreview(twoPrimaries).map((r) => ({ ...r, propertyDependencies: {} }));
    expect(await run(unlinked)).toEqual([]);
    expect(await run(failoverPair({ secondary: { failoverRoutingPolicies: [{ type: UNKNOWN }] } }))).toEqual(
      [],
    );
    expect(await run(failoverPair({ secondary: { failoverRoutingPolicies: [UNKNOWN] } }))).toEqual([]);
    expect(await run(failoverPair({ secondary: { failoverRoutingPolicies: UNKNOWN } }))).toEqual([]);
    expect(await run(failoverPair({ secondary: { name: UNKNOWN } }))).toHaveLength(1);
    expect(await run(failoverPair({ secondary: { type: UNKNOWN } }))).toHaveLength(1);
  });

  it("still reports a plain record of the name while another record's policy is unknown", async () => {
    const simple = plainRecord("simple", { name: FAILOVER_NAME, ttl: 60, records: ["192.0.2.1"] });
    const stack = failoverPair({ secondary: { failoverRoutingPolicies: UNKNOWN } });
    expect(urnsOf(await run([...stack, simple]))).toEqual([simple.urn]);
  });
});
