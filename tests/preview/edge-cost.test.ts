// The web ACL and authorizer cost estimate: the arithmetic, and what it reads from the program's resources.
import { describe, expect, it } from "vitest";
import { EDGE_PRICES, estimateEdgeCost } from "@multi-region-api/model/prices/edge-prices";
import { ASSUMED_CACHE_HIT_RATE, estimatePlanEdgeCost, formatEdgeCost } from "../../tools/preview/edge-cost";
import { MINIMAL_CONFIG, runStack } from "../support/stacks";

describe("estimateEdgeCost", () => {
  it("prices web ACLs, rules, inspected requests and the authorizer's cache misses", () => {
    const cost = estimateEdgeCost({
      webAcls: 2,
      wafRules: 6,
      requestsPerMonth: 10_000_000,
      authorizers: 2,
      authorizerCacheHitRate: 0.9,
    });
    // 2 × $5 + 6 × $1; 10 M × $0.60/M; 1 M invocations × ($0.20/M + 0.25 GB × 0.05 s × $0.0000133334).
    expect(cost).toEqual({
      wafFixed: 16,
      wafRequests: 6,
      authorizerInvocationsPerMonth: 1_000_000,
      authorizer: 0.37,
      total: 22.37,
    });
    expect(EDGE_PRICES.wafRequestsPerMillion).toBe(0.6);
  });

  it("with caching off every request invokes the authorizer; an open API has no authorizer cost", () => {
    const base = { webAcls: 2, wafRules: 6, requestsPerMonth: 10_000_000 };
    expect(
      estimateEdgeCost({ ...base, authorizers: 2, authorizerCacheHitRate: 0 }).authorizerInvocationsPerMonth,
    ).toBe(10_000_000);
    expect(estimateEdgeCost({ ...base, authorizers: 0, authorizerCacheHitRate: 0 }).authorizer).toBe(0);
  });
});

describe("estimatePlanEdgeCost reads the program's resources", () => {
  it("prod-like: a web ACL with 3 rules and an authorizer per region, caching on", async () => {
    const run = await runStack({ ...MINIMAL_CONFIG });
    const cost = estimatePlanEdgeCost({ resources: run.registrations });
    expect(cost).toMatchObject({
      webAcls: 2,
      wafRules: 6,
      authorizers: 2,
      authorizerCacheHitRate: ASSUMED_CACHE_HIT_RATE,
    });
    expect(formatEdgeCost(cost).join("\n")).toContain("at a 90 % cache hit rate (assumed)");
  });

  it("cacheTtlSeconds 0: no cache hits", async () => {
    const run = await runStack({ ...MINIMAL_CONFIG, auth: { ...MINIMAL_CONFIG.auth, cacheTtlSeconds: 0 } });
    expect(estimatePlanEdgeCost({ resources: run.registrations }).authorizerCacheHitRate).toBe(0);
  });

  it("auth.mode none: no authorizer to pay for", async () => {
    const run = await runStack({ ...MINIMAL_CONFIG, auth: { mode: "none" } });
    const cost = estimatePlanEdgeCost({ resources: run.registrations });
    expect(cost).toMatchObject({ authorizers: 0, authorizer: 0, webAcls: 2 });
    expect(formatEdgeCost(cost).join("\n")).toContain("none (auth.mode none)");
  });
});
