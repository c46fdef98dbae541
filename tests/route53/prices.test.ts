import { describe, expect, it } from "vitest";
import { estimateMonthlyCost, modelFailoverTime, describeFailoverTime } from "../../components/route53";

describe("estimateMonthlyCost (Route 53 prices, 2026-09)", () => {
  const check = { https: true, stringMatch: true, fastInterval: false, measureLatency: false };

  it("charges $0.50 per AWS-endpoint check plus $1 per optional feature", () => {
    const cost = estimateMonthlyCost({
      healthChecks: [check, check],
      alarms: 2,
      queriesPerMonth: 10_000_000,
      aliasQueriesAreFree: true,
    });
    expect(cost).toEqual({ healthChecks: 5, alarms: 0.2, queries: 0, total: 5.2 });
  });

  it("charges standard queries at $0.40 per million when they are not free alias queries", () => {
    const cost = estimateMonthlyCost({
      healthChecks: [],
      alarms: 0,
      queriesPerMonth: 10_000_000,
      aliasQueriesAreFree: false,
    });
    expect(cost.queries).toBe(4);
  });

  it("counts a 10 s interval as one more feature", () => {
    const fast = estimateMonthlyCost({
      healthChecks: [{ ...check, fastInterval: true }],
      alarms: 0,
      queriesPerMonth: 0,
      aliasQueriesAreFree: true,
    });
    expect(fast.healthChecks).toBe(3.5);
  });
});

describe("modelFailoverTime", () => {
  it("adds interval × threshold, 6 s of timeouts and the TTL", () => {
    const model = modelFailoverTime({ requestIntervalSeconds: 10, failureThreshold: 2, ttlSeconds: 60 });
    expect(model).toMatchObject({ detectionSeconds: 26, totalSeconds: 86 });
    expect(describeFailoverTime(model)).toBe("10 s × 2 + 6 s timeouts + 60 s TTL = 86 s");
  });
});
