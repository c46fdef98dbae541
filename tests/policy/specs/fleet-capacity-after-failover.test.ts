/**
 * fleet-capacity-after-failover in process: three regions at max size 4 (200 req/s an instance, peak
 * 1000 req/s) survive losing any one; each test changes the regions, a group or its tags.
 */
import { describe, expect, it } from "vitest";
import { fleetCapacityAfterFailover } from "../../../policy-pack/policies/fleet-capacity-after-failover";
import { AnalyzedResource, UNKNOWN } from "../../../tools/policy-harness";
import { runStackPolicy } from "../../support/policy-in-process";
import { healthCheck } from "../fixtures";
import { autoScalingGroup, drainCheck, fleet } from "./builders";

const run = (stack: readonly AnalyzedResource[]) => runStackPolicy(fleetCapacityAfterFailover, stack);
const TWO_REGIONS = ["us-east-1", "eu-west-1"];
const ADVICE =
  "Raise backend.maxInstanceCount, add a region, or check capacity.peakRequestsPerSecond and capacity.requestsPerInstance.";

describe("fleet-capacity-after-failover", () => {
  it("passes when any one of 3 regions can fail: the other two carry 1600 req/s", async () => {
    expect(await run(fleet())).toEqual([]);
  });

  it("warns, per failing region, when the one survivor carries 800 of the 1000 req/s peak", async () => {
    expect(await run(fleet(TWO_REGIONS))).toEqual([
      {
        enforcementLevel: "advisory",
        urn: autoScalingGroup("us-east-1").urn,
        message: `us-east-1 fails: eu-west-1 carries at most 800 req/s at max size, below the peak of 1000 req/s. ${ADVICE}`,
      },
      {
        enforcementLevel: "advisory",
        urn: autoScalingGroup("eu-west-1").urn,
        message: `eu-west-1 fails: us-east-1 carries at most 800 req/s at max size, below the peak of 1000 req/s. ${ADVICE}`,
      },
    ]);
  });

  it("passes the same 2 regions at max size 5 (1000 req/s: exactly the peak)", async () => {
    expect(await run(fleet(TWO_REGIONS, 5))).toEqual([]);
  });

  it("counts nothing from a drained region", async () => {
    const found = await run([...fleet(), drainCheck("ap-southeast-1")]);
    expect(found.map((f) => f.message.split(":")[0])).toEqual(["us-east-1 fails", "eu-west-1 fails"]);
  });

  it("judges nothing without the peak tag, or while a region in service has no group", async () => {
    expect(await run(fleet(TWO_REGIONS, 4, { CapacityRequestsPerInstance: "200" }))).toEqual([]);
    expect(await run([...fleet(TWO_REGIONS), healthCheck("ap-southeast-1")])).toEqual([]);
  });

  it("waits while a group's max size is unknown", async () => {
    expect(await run(fleet(TWO_REGIONS, UNKNOWN))).toEqual([]);
  });

  it("is advisory unless a config makes it mandatory", async () => {
    const found = await runStackPolicy(fleetCapacityAfterFailover, fleet(TWO_REGIONS), {
      enforcementLevel: "mandatory",
    });
    expect(found.map((f) => f.enforcementLevel)).toEqual(["mandatory", "mandatory"]);
  });
});
