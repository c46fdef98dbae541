// The preview's EC2 instance-hours estimate, from the real program's plan under the strict mocks.
import { describe, expect, it } from "vitest";
import { previewPlanOf } from "../support/preview-plan";
import { EC2_ON_DEMAND_USD_PER_HOUR, HOURS_PER_MONTH } from "@multi-region-api/model/prices/ec2-prices";
import { estimateComputeCost } from "../../tools/preview/compute-cost";
import { formatComputeCost } from "../../tools/preview/print-report";

function planOf(values: Record<string, unknown>) {
  return previewPlanOf({
    domainName: "api.example.com",
    hostedZoneName: "example.com",
    auth: { mode: "none" },
    ...values,
  });
}

describe("EC2 instance-hours estimate", () => {
  it("prices each region's group at its desired size and at its max, from the price table", async () => {
    const compute = estimateComputeCost(
      await planOf({
        regions: ["us-east-1", "eu-west-1"],
        backend: { instanceCount: 2, maxInstanceCount: 4 },
      }),
    );
    const hourly = (region: string) => EC2_ON_DEMAND_USD_PER_HOUR[region]["t4g.small"];
    expect(compute.groups).toEqual([
      expect.objectContaining({ region: "us-east-1", instanceType: "t4g.small", desired: 2, max: 4 }),
      expect.objectContaining({ region: "eu-west-1", instanceType: "t4g.small", desired: 2, max: 4 }),
    ]);
    // us-east-1 $0.0168/h and eu-west-1 $0.0184/h, 2 instances, 730 h.
    expect(compute.groups.map((g) => g.monthlyAtDesired)).toEqual([24.53, 26.86]);
    expect(compute.monthlyAtDesired).toBeCloseTo(
      2 * HOURS_PER_MONTH * (hourly("us-east-1") + hourly("eu-west-1")),
      1,
    );
    expect(compute.monthlyAtMax).toBe(102.79);
    expect(compute.unpriced).toBe(0);
    expect(formatComputeCost(compute).join("\n")).toContain("$51.39 at desired size, up to $102.79");
  });

  it("says a type or region it has no price for is not priced, and counts nothing for it", async () => {
    const compute = estimateComputeCost(
      await planOf({ regions: ["us-east-1", "ap-southeast-2"], backend: { instanceType: "m7g.large" } }),
    );
    expect(compute.groups.map((g) => g.usdPerHour)).toEqual([undefined, undefined]);
    expect(compute).toMatchObject({ monthlyAtDesired: 0, unpriced: 2 });
    expect(formatComputeCost(compute).join("\n")).toContain("not priced");
  });

  it("has nothing to price for an existing backend", async () => {
    const compute = estimateComputeCost(
      await planOf({ regions: ["us-east-1", "eu-west-1"], backend: { url: "https://backend.example.net" } }),
    );
    expect(compute.groups).toEqual([]);
  });
});
