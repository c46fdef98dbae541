/**
 * The failover chain's plan as data, and the cost estimate, beyond what the stack tests reach (issue 14).
 */
import { describe, expect, it } from "vitest";
import { totalOf } from "@multi-region-api/model/cost";
import {
  failoverLayerLineItems,
  intermediateName,
  planFailoverChain,
  ROUTE53_PRICES,
} from "@multi-region-api/model/route53";

describe("planFailoverChain", () => {
  it("gives every level's chaining SECONDARY a set identifier naming the level it leads to", () => {
    const plan = planFailoverChain("api.example.com", [
      "us-east-1",
      "eu-west-1",
      "ap-southeast-1",
      "sa-east-1",
    ]);
    expect(plan.map((p) => [p.name, p.role, p.setIdentifier, p.target])).toEqual([
      ["api.example.com", "PRIMARY", "primary-us-east-1", { region: "us-east-1", regionIndex: 0 }],
      ["api.example.com", "SECONDARY", "secondary-failover-1", { chainName: "failover-1.api.example.com" }],
      ["failover-1.api.example.com", "PRIMARY", "primary-eu-west-1", { region: "eu-west-1", regionIndex: 1 }],
      [
        "failover-1.api.example.com",
        "SECONDARY",
        "secondary-failover-2",
        { chainName: "failover-2.api.example.com" },
      ],
      [
        "failover-2.api.example.com",
        "PRIMARY",
        "primary-ap-southeast-1",
        { region: "ap-southeast-1", regionIndex: 2 },
      ],
      [
        "failover-2.api.example.com",
        "SECONDARY",
        "secondary-sa-east-1",
        { region: "sa-east-1", regionIndex: 3 },
      ],
    ]);
    expect(intermediateName("api.example.com", 3)).toBe("failover-3.api.example.com");
  });

  it("refuses fewer than two regions", () => {
    expect(() => planFailoverChain("api.example.com", ["us-east-1"])).toThrow(
      "failover needs at least 2 regions, got 1",
    );
    expect(() => planFailoverChain("api.example.com", [])).toThrow("got 0");
  });
});

describe("failoverLayerLineItems", () => {
  const none = { https: false, stringMatch: false, fastInterval: false, measureLatency: false };
  /** The line items by part, and their total, as the preview adds them up. */
  const cost = (change: Partial<Parameters<typeof failoverLayerLineItems>[0]>) => {
    const items = failoverLayerLineItems({
      healthChecks: [],
      alarms: 0,
      queriesPerMonth: 0,
      aliasQueriesAreFree: true,
      ...change,
    });
    const [healthChecks, alarms, queries] = items.map((item) => item.usdPerMonth);
    return { healthChecks, alarms, queries, total: totalOf(items) };
  };

  it("charges a basic check $0.50 and each optional feature, latency included, $1", () => {
    expect(cost({ healthChecks: [none] }).healthChecks).toBe(0.5);
    expect(cost({ healthChecks: [{ ...none, measureLatency: true }] }).healthChecks).toBe(1.5);
    expect(
      cost({ healthChecks: [{ https: true, stringMatch: true, fastInterval: true, measureLatency: true }] })
        .healthChecks,
    ).toBe(4.5);
  });

  it("rounds each part and the total to cents, and adds queries to the total", () => {
    expect(cost({ alarms: 3 })).toEqual({ healthChecks: 0, alarms: 0.3, queries: 0, total: 0.3 });
    expect(
      cost({ healthChecks: [none], alarms: 1, queriesPerMonth: 1_234_567, aliasQueriesAreFree: false }),
    ).toEqual({
      healthChecks: 0.5,
      alarms: 0.1,
      queries: 0.49,
      total: 1.09,
    });
  });

  it("uses the transcribed prices", () => {
    expect(ROUTE53_PRICES).toEqual({
      hostedZonePerMonth: 0.5,
      awsEndpointHealthCheckPerMonth: 0.5,
      awsEndpointOptionalFeaturePerMonth: 1,
      standardQueriesPerMillion: 0.4,
      cloudWatchAlarmPerMonth: 0.1,
    });
  });
});
