// The whole stack's monthly estimate (tools/preview/stack-cost.ts): every line the issue names, each with
// its basis and source, counted from what the program registers.
import { describe, expect, it } from "vitest";
import { STACK_PRICES } from "@multi-region-api/model/prices/stack-prices";
import { analyzeFailover } from "../../tools/preview/analysis";
import { estimateComputeCost } from "../../tools/preview/compute-cost";
import { estimatePlanEdgeCost } from "../../tools/preview/edge-cost";
import { estimateStackCost, formatStackCost } from "../../tools/preview/stack-cost";
import { previewPlanOf } from "../support/preview-plan";
import { MINIMAL_CONFIG } from "../support/stacks";

async function stackCostOf(values: Record<string, unknown>) {
  const plan = await previewPlanOf(values);
  return estimateStackCost(plan, {
    failover: analyzeFailover(plan).cost,
    compute: estimateComputeCost(plan),
    edge: estimatePlanEdgeCost(plan),
  });
}

describe("the whole stack's monthly estimate", () => {
  it("has a line for each part of the stack, each with its basis and source, adding up to the total", async () => {
    const cost = await stackCostOf({ ...MINIMAL_CONFIG });
    expect(cost.lineItems.map((item) => item.name)).toEqual([
      "failover layer (Route 53, CloudWatch alarms)",
      "EC2 instances",
      "network load balancers",
      "API Gateway requests",
      "WAF",
      "JWT authorizer (Lambda)",
      "DynamoDB",
      "CloudWatch Logs",
      "data transfer",
    ]);
    for (const item of cost.lineItems) {
      expect(item.basis.length, item.name).toBeGreaterThan(10);
      expect(item.source.length, item.name).toBeGreaterThan(10);
      expect(item.usdPerMonth, item.name).toBeGreaterThan(0);
    }
    const sum = cost.lineItems.reduce((total, item) => total + item.usdPerMonth, 0);
    expect(cost.total).toBeCloseTo(sum, 2);
    expect(formatStackCost(cost).at(-2)).toMatch(/total +\$\d+\.\d\d$/);
  });

  it("counts the load balancers and replicas the program registers: a third region costs a third NLB", async () => {
    const two = await stackCostOf({ ...MINIMAL_CONFIG });
    const three = await stackCostOf({
      ...MINIMAL_CONFIG,
      regions: ["us-east-1", "eu-west-1", "ap-southeast-2"],
    });
    const line = (cost: typeof two, name: string) => cost.lineItems.find((item) => item.name === name)!;
    expect(
      line(three, "network load balancers").usdPerMonth - line(two, "network load balancers").usdPerMonth,
    ).toBeCloseTo(730 * STACK_PRICES.nlbPerHour, 2);
    expect(line(three, "DynamoDB").basis).toContain("replicated to 2 other replica(s)");
    expect(line(three, "DynamoDB").usdPerMonth).toBeGreaterThan(line(two, "DynamoDB").usdPerMonth);
  });
});
