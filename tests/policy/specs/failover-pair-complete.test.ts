/** failover-pair-complete in process: the failover pair passes; each test changes one of its records. */
import { describe, expect, it } from "vitest";
import { failoverPairComplete } from "../../../policy-pack/policies/failover-pair-complete";
import { AnalyzedResource, UNKNOWN } from "../../../tools/policy-harness";
import { runStackPolicy, urnsOf } from "../../support/policy-in-process";
import {
  API_GATEWAY_ZONE_IDS,
  asPreview,
  FAILOVER_NAME,
  failoverChain,
  failoverPair,
  plainRecord,
  regionalTarget,
  resource,
  TYPES,
  withProps,
  ZONE_ID,
} from "../fixtures";
import { aliasTo } from "./builders";

const PAIR_RULE = "a failover name needs exactly one PRIMARY and one SECONDARY.";

const run = (stack: readonly AnalyzedResource[]) => runStackPolicy(failoverPairComplete, stack);

/** The pair's records again as AAAA records, each a resource of its own. */
const aaaaTwins = (stack: readonly AnalyzedResource[]) =>
  stack
    .filter((r) => r.type === TYPES.record)
    .map((r) => withProps({ ...r, name: `${r.name}-aaaa`, urn: `${r.urn}-aaaa` }, { type: "AAAA" }));

describe("failover-pair-complete", () => {
  it("passes a pair, a 3-region chain, and an AAAA pair beside the A pair", async () => {
    expect(await run(failoverPair())).toEqual([]);
    expect(await run(failoverChain())).toEqual([]);
    expect(await run([...failoverPair(), ...aaaaTwins(failoverPair())])).toEqual([]);
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

  it("judges an AAAA pair on its own: a lone AAAA PRIMARY beside the A pair is reported", async () => {
    const [aaaaPrimary] = aaaaTwins(failoverPair());
    expect(await run([...failoverPair(), aaaaPrimary])).toEqual([
      {
        enforcementLevel: "mandatory",
        urn: aaaaPrimary.urn,
        message: `api.example.com AAAA has no SECONDARY failover record; ${PAIR_RULE}`,
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
    ["missing", undefined, "api.example.com (A, PRIMARY) has no setIdentifier; failover records need one."],
    ["empty", "", "api.example.com (A, PRIMARY, set ) has no setIdentifier; failover records need one."],
  ])("reports a %s set identifier", async (_label, setIdentifier, message) => {
    const stack = failoverPair({ primary: { setIdentifier } });
    expect((await run(stack)).map((f) => [f.urn, f.message])).toEqual([[stack[2].urn, message]]);
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
      name: `${FAILOVER_NAME}.`,
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
    // Without that link, two unknown zone IDs might be two zones: nothing is judged.
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
