/** latency-set-complete in process: FailoverDns's latency set passes; each test changes one of its records. */
import { describe, expect, it } from "vitest";
import { latencySetComplete } from "../../../policy-pack/policies/latency-set-complete";
import { AnalyzedResource, UNKNOWN } from "../../../tools/policy-harness";
import { runStackPolicy } from "../../support/policy-in-process";
import {
  asPreview,
  FAILOVER_NAME,
  failoverPair,
  latencyAliasRecord,
  latencySet,
  plainRecord,
  TYPES,
  withProps,
} from "../fixtures";

describe("latency-set-complete", () => {
  const run = (stack: readonly AnalyzedResource[]) => runStackPolicy(latencySetComplete, stack);
  const EU = "api-latency-eu-west-1";
  const twoForUsEast1 = latencySet({
    change: { [EU]: { latencyRoutingPolicies: [{ region: "us-east-1" }] } },
  });

  it("passes one latency record per region and type, each with its own set identifier", async () => {
    expect(await run(latencySet({ types: ["A", "AAAA"] }))).toEqual([]);
  });

  it("reports a second record for a region on that record, naming both and saying what to keep", async () => {
    const [us, eu] = twoForUsEast1.filter((r) => r.type === TYPES.record).map((r) => r.urn);
    expect(await run(twoForUsEast1)).toEqual([
      {
        enforcementLevel: "mandatory",
        urn: eu,
        message:
          `api.example.com A has two latency records for us-east-1 (${us} and ${eu}); Route 53 takes one ` +
          `per region, so keep one record per region.`,
      },
    ]);
  });

  it("reports an empty region as a latency policy without a region", async () => {
    const stack = latencySet({ change: { [EU]: { latencyRoutingPolicies: [{ region: "" }] } } });
    const eu = stack.find((r) => r.name === EU);
    expect(await run(stack)).toEqual([
      {
        enforcementLevel: "mandatory",
        urn: eu?.urn,
        message: expect.stringContaining(
          "has a latency policy without a region; name the region its target runs in.",
        ),
      },
    ]);
  });

  it("in preview, does not compare regions it cannot tell yet", async () => {
    const unknownRegion = { latencyRoutingPolicies: [{ region: UNKNOWN }] };
    const stack = latencySet({ change: { "api-latency-us-east-1": unknownRegion, [EU]: unknownRegion } });
    expect(await run(stack)).toEqual([]);
  });

  it("reports a record without a latency policy sharing the set's name and type, saying how to fix it", async () => {
    const plain = plainRecord("plain", { name: FAILOVER_NAME, ttl: 60, records: ["192.0.2.10"] });
    expect(await run([...latencySet(), plain])).toEqual([
      {
        enforcementLevel: "mandatory",
        urn: plain.urn,
        message:
          "api.example.com (A) has no latency routing policy but shares its name and type with latency " +
          "records; Route 53 does not allow that. Remove it or make it a latency record.",
      },
    ]);
  });

  it("in preview, reports two known records for a region while another member's routing policy is unknown", async () => {
    const undetermined = withProps(latencyAliasRecord("ap-southeast-1"), { latencyRoutingPolicies: UNKNOWN });
    const alone = await run(twoForUsEast1);
    expect(alone).toHaveLength(1);
    expect(await run([...twoForUsEast1, undetermined])).toEqual(alone);
    // The undetermined member itself is not judged: it may turn out to be a latency record of its own region.
    expect(await run([...latencySet(), undetermined])).toEqual([]);
  });

  it.each([
    [
      "a record without a set identifier",
      { [EU]: { setIdentifier: undefined } },
      "has no setIdentifier; latency records need one",
    ],
    [
      "two records with one set identifier",
      { [EU]: { setIdentifier: "latency-us-east-1" } },
      'uses setIdentifier "latency-us-east-1"',
    ],
    [
      "a latency policy without a region",
      { [EU]: { latencyRoutingPolicies: [{}] } },
      "has a latency policy without a region",
    ],
    [
      "an AAAA twin for a region twice",
      { [`${EU}-aaaa`]: { latencyRoutingPolicies: [{ region: "us-east-1" }] } },
      "AAAA has two latency records for us-east-1",
    ],
  ])("reports %s, in preview too", async (_, change, message) => {
    const stack = latencySet({ types: ["A", "AAAA"], change });
    for (const resources of [stack, asPreview(stack)]) {
      const found = (await run(resources)).filter((f) => f.enforcementLevel === "mandatory");
      expect(found.map((f) => f.message)).toContainEqual(expect.stringContaining(message));
    }
  });

  it("says a latency set, not a pair, needs a set identifier per record", async () => {
    const stack = latencySet({ change: { [EU]: { setIdentifier: "latency-us-east-1" } } });
    expect((await run(stack)).map((f) => f.message)).toContainEqual(
      expect.stringContaining("each record of a latency set needs its own."),
    );
  });

  it("reports a failover record beside the latency set of its name and type", async () => {
    const failover = failoverPair().slice(2, 3);
    expect((await run([...latencySet(), ...failover])).map((f) => [f.urn, f.message])).toEqual([
      [
        failover[0].urn,
        expect.stringContaining("has no latency routing policy but shares its name and type"),
      ],
    ]);
  });
});
