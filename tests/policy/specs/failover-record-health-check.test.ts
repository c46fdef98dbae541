/** failover-record-health-check in process: records of the failover pair, one changed property each. */
import { describe, expect, it } from "vitest";
import { failoverRecordHealthCheck } from "../../../policy-pack/policies/failover-record-health-check";
import { AnalyzedResource, JsonObject, UNKNOWN } from "../../../tools/policy-harness";
import { runResourcePolicy, urnsOf } from "../../support/policy-in-process";
import {
  API_GATEWAY_ZONE_IDS,
  asPreview,
  failoverAliasRecord,
  failoverChain,
  failoverCnameRecord,
  failoverPair,
  latencySet,
  regionalTarget,
  withProps,
} from "../fixtures";
import { aliasTo, intoZone } from "./builders";

const run = (stack: readonly AnalyzedResource[]) => runResourcePolicy(failoverRecordHealthCheck, stack);

/** The SECONDARY of eu-west-1 without a health check of its own, aliased as `aliases` say. */
const unchecked = (aliases: unknown, overrides: JsonObject = {}) =>
  failoverAliasRecord("SECONDARY", "eu-west-1", {
    healthCheckId: undefined,
    aliases,
    ...overrides,
  } as JsonObject);

describe("failover-record-health-check", () => {
  it("passes records with checks and a chaining SECONDARY into the zone", async () => {
    expect(await run(failoverPair())).toEqual([]);
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

  it.each(["api-latency-eu-west-1", "api-latency-eu-west-1-aaaa"])(
    "reports the latency record %s without healthCheckId",
    async (name) => {
      const stack = latencySet({ types: ["A", "AAAA"], change: { [name]: { healthCheckId: undefined } } });
      const found = await run(stack);
      expect(urnsOf(found)).toEqual([stack.find((r) => r.name === name)?.urn]);
      expect(found[0].message).toContain(name.endsWith("-aaaa") ? "(AAAA, latency" : "(A, latency");
    },
  );

  it.each([
    ["evaluateTargetHealth false", intoZone(false)],
    ["evaluateTargetHealth unset", intoZone()],
    ["an API Gateway target", aliasTo(regionalTarget("us-east-1"), API_GATEWAY_ZONE_IDS["us-east-1"], true)],
    ["an AWS zone", aliasTo("other.example.net", "ZAWSOWNED", true)],
    ["one of two aliases leaving the zone", [...intoZone(true), ...aliasTo("x.example.net", "ZAWS", true)]],
  ])("reports an alias without a check: %s", async (_label, aliases) => {
    const record = unchecked(aliases);
    expect(await run([record])).toEqual([
      expect.objectContaining({ enforcementLevel: "mandatory", urn: record.urn }),
    ]);
  });

  it("passes an alias with evaluateTargetHealth into its own zone, which takes its targets' health", async () => {
    expect(await run([unchecked(intoZone(true))])).toEqual([]);
  });

  it("in preview, skips what it cannot tell yet, but reports a CNAME with no check", async () => {
    expect(await run(asPreview(failoverPair()))).toEqual([]);
    expect(await run(asPreview(failoverPair({ primary: { healthCheckId: undefined } })))).toEqual([]);
    expect(await run([unchecked(UNKNOWN)])).toEqual([]);
    expect(await run([unchecked(aliasTo(UNKNOWN, UNKNOWN, true))])).toEqual([]);
    expect(await run([unchecked(intoZone(UNKNOWN))])).toEqual([]);
    expect(await run([unchecked(intoZone(true), { zoneId: UNKNOWN })])).toEqual([]);
    expect(await run([unchecked(aliasTo(`failover-1.api.example.com`, UNKNOWN, true))])).toEqual([]);
    expect(await run([failoverAliasRecord("PRIMARY", "us-east-1", { healthCheckId: UNKNOWN })])).toEqual([]);
    const cname = failoverCnameRecord("PRIMARY", "us-east-1", { healthCheckId: undefined });
    expect(urnsOf(await run(asPreview([cname])))).toEqual([cname.urn]);
  });

  it("leaves records without a failover policy alone", async () => {
    const plain = withProps(failoverCnameRecord("PRIMARY", "us-east-1"), {
      failoverRoutingPolicies: undefined,
      setIdentifier: undefined,
      healthCheckId: undefined,
    });
    const emptyPolicies = withProps(plain, { failoverRoutingPolicies: [] });
    expect(await run([plain, emptyPolicies])).toEqual([]);
  });
});
