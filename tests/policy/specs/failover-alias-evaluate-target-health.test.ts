/** failover-alias-evaluate-target-health in process: failover and latency aliases, one changed alias each. */
import { describe, expect, it } from "vitest";
import { failoverAliasEvaluateTargetHealth } from "../../../policy-pack/policies/failover-alias-evaluate-target-health";
import { AnalyzedResource, UNKNOWN } from "../../../tools/policy-harness";
import { runResourcePolicy } from "../../support/policy-in-process";
import {
  API_GATEWAY_ZONE_IDS,
  asPreview,
  failoverAliasRecord,
  failoverChain,
  failoverCnameRecord,
  failoverPair,
  latencySet,
  regionalTarget,
  TYPES,
  withProps,
  ZONE_ID,
} from "../fixtures";
import { aliasTo, intoZone } from "./builders";

const run = (stack: readonly AnalyzedResource[]) =>
  runResourcePolicy(failoverAliasEvaluateTargetHealth, stack);

describe("failover-alias-evaluate-target-health", () => {
  it("passes the pair and the chain FailoverDns builds", async () => {
    expect(await run(failoverPair())).toEqual([]);
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

  it.each(["api-latency-us-east-1", "api-latency-us-east-1-aaaa"])(
    "reports the latency alias %s with evaluateTargetHealth false",
    async (name) => {
      const off = { aliases: aliasTo(regionalTarget("us-east-1"), API_GATEWAY_ZONE_IDS["us-east-1"], false) };
      const stack = latencySet({ types: ["A", "AAAA"], change: { [name]: off } });
      const found = await run(stack);
      expect(found.map((f) => f.urn)).toEqual([stack.find((r) => r.name === name)?.urn]);
      expect(found[0].message).toContain(name.endsWith("-aaaa") ? "(AAAA, latency us-east-1" : "(A, latency");
    },
  );

  it("counts aliases from 0 and leaves out a target name it does not know", async () => {
    const record = failoverAliasRecord("PRIMARY", "us-east-1", {
      aliases: [
        ...aliasTo(regionalTarget("us-east-1"), API_GATEWAY_ZONE_IDS["us-east-1"], true),
        ...aliasTo(42, ZONE_ID, false),
      ],
    });
    expect((await run([record])).map((f) => f.message)).toEqual([
      "api.example.com (A, PRIMARY, set primary-us-east-1): alias 1 has evaluateTargetHealth false; set it to true.",
    ]);
  });

  it("leaves non-failover aliases, non-records and CNAMEs alone", async () => {
    const plain = withProps(failoverAliasRecord("PRIMARY", "us-east-1", { aliases: intoZone(false) }), {
      failoverRoutingPolicies: undefined,
    });
    const other = {
      ...failoverAliasRecord("PRIMARY", "us-east-1", { aliases: intoZone(false) }),
      type: TYPES.healthCheck,
    };
    expect(await run([plain, other])).toEqual([]);
    expect(await run([failoverCnameRecord("PRIMARY", "us-east-1")])).toEqual([]);
  });

  it("in preview, skips unknown aliases, flags and routing policies but reports a literal false", async () => {
    const unknownAliases = failoverAliasRecord("PRIMARY", "us-east-1", { aliases: UNKNOWN });
    const unknownFlag = failoverAliasRecord("PRIMARY", "us-east-1", { aliases: intoZone(UNKNOWN) });
    const unknownPolicy = failoverAliasRecord("PRIMARY", "us-east-1", {
      aliases: intoZone(false),
      failoverRoutingPolicies: UNKNOWN,
    });
    expect(await run([unknownAliases, unknownFlag, unknownPolicy])).toEqual([]);
    const literalFalse = asPreview(failoverPair({ primary: { aliases: aliasTo(UNKNOWN, UNKNOWN, false) } }));
    expect((await run(literalFalse)).map((f) => f.enforcementLevel)).toEqual(["mandatory"]);
  });
});
