import { describe, expect, it } from "vitest";
import { totalOf } from "@multi-region-api/model/cost";
import {
  describeFailoverTime,
  failoverLayerLineItems,
  modelFailoverTime,
  type MonthlyCostInput,
} from "@multi-region-api/model/route53";

/** Line item name → USD a month. */
const priced = (input: MonthlyCostInput) =>
  Object.fromEntries(failoverLayerLineItems(input).map((item) => [item.name, item.usdPerMonth]));

describe("failoverLayerLineItems (Route 53 and CloudWatch prices, 2026-09)", () => {
  const check = { https: true, stringMatch: true, fastInterval: false, measureLatency: false };

  it("charges $0.50 per AWS-endpoint check plus $1 per optional feature, and $0.10 per alarm", () => {
    const input = {
      healthChecks: [check, check],
      alarms: 2,
      queriesPerMonth: 10_000_000,
      aliasQueriesAreFree: true,
    };
    expect(priced(input)).toEqual({
      "Route 53 health checks": 5,
      "CloudWatch alarms": 0.2,
      "Route 53 queries": 0,
    });
    expect(totalOf(failoverLayerLineItems(input))).toBe(5.2);
  });

  it("names the price list and its date on every line", () => {
    const items = failoverLayerLineItems({
      healthChecks: [],
      alarms: 0,
      queriesPerMonth: 0,
      aliasQueriesAreFree: true,
    });
    for (const item of items) expect(item.source).toMatch(/pricing.*2026-09/);
  });

  it("charges standard queries at $0.40 per million when they are not free alias queries", () => {
    const input = { healthChecks: [], alarms: 0, queriesPerMonth: 10_000_000, aliasQueriesAreFree: false };
    expect(priced(input)["Route 53 queries"]).toBe(4);
  });

  it("counts a 10 s interval as one more feature", () => {
    const input = {
      healthChecks: [{ ...check, fastInterval: true }],
      alarms: 0,
      queriesPerMonth: 0,
      aliasQueriesAreFree: true,
    };
    expect(priced(input)["Route 53 health checks"]).toBe(3.5);
  });
});

describe("modelFailoverTime", () => {
  it("adds interval × threshold, 6 s of timeouts and the TTL", () => {
    const model = modelFailoverTime({ requestIntervalSeconds: 10, failureThreshold: 2, ttlSeconds: 60 });
    expect(model).toMatchObject({ detectionSeconds: 26, totalSeconds: 86 });
    expect(describeFailoverTime(model)).toBe("10 s × 2 + 6 s timeouts + 60 s TTL = 86 s");
  });
});
