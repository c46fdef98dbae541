/** fleet-capacity-after-failover, through the real analyzer: one changed property per case. */
import { describe, expect, it } from "vitest";
import { AnalyzedResource, JsonObject, UNKNOWN } from "../../tools/policy-harness";
import {
  analyzeLikeTheCli,
  awsProvider,
  byPolicy,
  healthCheck,
  healthCheckId,
  PACK_RUNS,
  resource,
  usePack,
  withProps,
} from "./fixtures";

const policy = "fleet-capacity-after-failover";
const GROUP = "aws:autoscaling/group:Group";

/** A region's Auto Scaling group as the program registers it with capacity tags (app-fleet.ts). */
function group(
  region: string,
  maxSize: number | typeof UNKNOWN,
  tags: Record<string, string>,
): AnalyzedResource {
  return resource(
    GROUP,
    `api-${region}-app`,
    {
      minSize: 2,
      maxSize,
      tags: [
        { key: "Name", value: `api-${region}-app`, propagateAtLaunch: true },
        ...Object.entries(tags).map(([key, value]) => ({ key, value, propagateAtLaunch: false })),
      ],
    } as JsonObject,
    { provider: awsProvider(region) },
  );
}

const TAGS = { CapacityPeakRequestsPerSecond: "1000", CapacityRequestsPerInstance: "200" };

/** The drain FailoverDns puts on a region's records: CALCULATED, threshold above its one child. */
function drain(region: string): AnalyzedResource {
  return resource("aws:route53/healthCheck:HealthCheck", `api-${region}-drained`, {
    type: "CALCULATED",
    childHealthchecks: [healthCheckId(region)],
    childHealthThreshold: 2,
    tags: { Name: `api-${region}-drained`, Region: region, Drained: "true" },
  });
}

describe.each(PACK_RUNS)("through %s", (run) => {
  const pack = usePack(run);

  /** The diagnostics of the policy, each message without the description the CLI puts first. */
  async function violations(resources: readonly AnalyzedResource[]) {
    return byPolicy(await analyzeLikeTheCli(pack, resources), policy).map((d) => ({
      ...d,
      message: d.message.split("\n").at(-1) ?? "",
    }));
  }

  /** Regions with a health check each and a group of max `maxSize` at 200 req/s an instance, peak 1000. */
  function stack(regions: readonly string[], maxSize = 4, tags: Record<string, string> = TAGS) {
    return regions.flatMap((region) => [healthCheck(region), group(region, maxSize, tags)]);
  }

  describe(policy, () => {
    it("passes when any one of 3 regions can fail: the other two carry 1600 req/s", async () => {
      expect(await violations(stack(["us-east-1", "eu-west-1", "ap-southeast-1"]))).toEqual([]);
    });

    it("warns, per failing region, when the one survivor carries 800 of the 1000 req/s peak", async () => {
      const found = await violations(stack(["us-east-1", "eu-west-1"]));
      expect(found.map((d) => [d.enforcementLevel, d.urn, d.message])).toEqual([
        [
          "advisory",
          group("us-east-1", 4, TAGS).urn,
          "us-east-1 fails: eu-west-1 carries at most 800 req/s at max size, below the peak of 1000 req/s. " +
            "Raise backend.maxInstanceCount, add a region, or check capacity.peakRequestsPerSecond and capacity.requestsPerInstance.",
        ],
        [
          "advisory",
          group("eu-west-1", 4, TAGS).urn,
          "eu-west-1 fails: us-east-1 carries at most 800 req/s at max size, below the peak of 1000 req/s. " +
            "Raise backend.maxInstanceCount, add a region, or check capacity.peakRequestsPerSecond and capacity.requestsPerInstance.",
        ],
      ]);
    });

    it("passes the same 2 regions at max size 5 (1000 req/s: exactly the peak)", async () => {
      expect(await violations(stack(["us-east-1", "eu-west-1"], 5))).toEqual([]);
    });

    it("counts nothing from a drained region", async () => {
      const regions = ["us-east-1", "eu-west-1", "ap-southeast-1"];
      const found = await violations([...stack(regions), drain("ap-southeast-1")]);
      expect(found.map((d) => d.message.split(":")[0])).toEqual(["us-east-1 fails", "eu-west-1 fails"]);
    });

    it("judges nothing without the peak tag, or while a region in service has no group", async () => {
      expect(
        await violations(stack(["us-east-1", "eu-west-1"], 4, { CapacityRequestsPerInstance: "200" })),
      ).toEqual([]);
      const external = [...stack(["us-east-1", "eu-west-1"]), healthCheck("ap-southeast-1")];
      expect(await violations(external)).toEqual([]);
    });

    it("waits while a group's max size is unknown", async () => {
      const regions = ["us-east-1", "eu-west-1"];
      const unknownMax = regions.flatMap((region) => [healthCheck(region), group(region, UNKNOWN, TAGS)]);
      expect(await violations(unknownMax)).toEqual([]);
      // And judges once it is known: the same stack with max 4 warns.
      expect(
        await violations(regions.flatMap((r) => [healthCheck(r), withProps(group(r, 4, TAGS), {})])),
      ).toHaveLength(2);
    });
  });
});
