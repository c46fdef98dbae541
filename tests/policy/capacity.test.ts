/** fleet-capacity-after-failover, through the real analyzer: one changed property per case. */
import { describe, expect, it } from "vitest";
import { AnalyzedResource, UNKNOWN } from "../../tools/policy-harness";
import { analyzeLikeTheCli, byPolicy, healthCheck, PACK_RUNS, usePack } from "./fixtures";
import { autoScalingGroup, drainCheck, fleet } from "./specs/builders";

const policy = "fleet-capacity-after-failover";

describe.each(PACK_RUNS)("through %s", (run) => {
  const pack = usePack(run);

  /** The diagnostics of the policy, each message without the description the CLI puts first. */
  async function violations(resources: readonly AnalyzedResource[]) {
    return byPolicy(await analyzeLikeTheCli(pack, resources), policy).map((d) => ({
      ...d,
      message: d.message.split("\n").at(-1) ?? "",
    }));
  }

  describe(policy, () => {
    it("passes when any one of 3 regions can fail: the other two carry 1600 req/s", async () => {
      expect(await violations(fleet())).toEqual([]);
    });

    it("warns, per failing region, when the one survivor carries 800 of the 1000 req/s peak", async () => {
      const found = await violations(fleet(["us-east-1", "eu-west-1"]));
      expect(found.map((d) => [d.enforcementLevel, d.urn, d.message])).toEqual([
        [
          "advisory",
          autoScalingGroup("us-east-1").urn,
          "us-east-1 fails: eu-west-1 carries at most 800 req/s at max size, below the peak of 1000 req/s. " +
            "Raise backend.maxInstanceCount, add a region, or check capacity.peakRequestsPerSecond and capacity.requestsPerInstance.",
        ],
        [
          "advisory",
          autoScalingGroup("eu-west-1").urn,
          "eu-west-1 fails: us-east-1 carries at most 800 req/s at max size, below the peak of 1000 req/s. " +
            "Raise backend.maxInstanceCount, add a region, or check capacity.peakRequestsPerSecond and capacity.requestsPerInstance.",
        ],
      ]);
    });

    it("passes the same 2 regions at max size 5 (1000 req/s: exactly the peak)", async () => {
      expect(await violations(fleet(["us-east-1", "eu-west-1"], 5))).toEqual([]);
    });

    it("counts nothing from a drained region", async () => {
      const regions = ["us-east-1", "eu-west-1", "ap-southeast-1"];
      const found = await violations([...fleet(regions), drainCheck("ap-southeast-1")]);
      expect(found.map((d) => d.message.split(":")[0])).toEqual(["us-east-1 fails", "eu-west-1 fails"]);
    });

    it("judges nothing without the peak tag, or while a region in service has no group", async () => {
      expect(
        await violations(fleet(["us-east-1", "eu-west-1"], 4, { CapacityRequestsPerInstance: "200" })),
      ).toEqual([]);
      const external = [...fleet(["us-east-1", "eu-west-1"]), healthCheck("ap-southeast-1")];
      expect(await violations(external)).toEqual([]);
    });

    it("waits while a group's max size is unknown", async () => {
      const regions = ["us-east-1", "eu-west-1"];
      const unknownMax = regions.flatMap((region) => [
        healthCheck(region),
        autoScalingGroup(region, UNKNOWN),
      ]);
      expect(await violations(unknownMax)).toEqual([]);
      // And judges once it is known: the same stack with max 4 warns.
      expect(await violations(regions.flatMap((r) => [healthCheck(r), autoScalingGroup(r, 4)]))).toHaveLength(
        2,
      );
    });
  });
});
