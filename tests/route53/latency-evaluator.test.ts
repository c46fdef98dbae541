import { describe, expect, it } from "vitest";
import {
  allPermutations,
  allSubsets,
  LATENCY_ROUTING_REGIONS,
  LatencyEvaluator,
  latencyRecordFromInputs,
  planLatencySet,
  type LatencyRecord,
} from "@multi-region-api/model/route53";
import { ResourceRecordSetRegion } from "@aws-sdk/client-route-53";

const ZONE = "Z1";
const NAME = "api.example.com";

const latency = (region: string, healthCheckId?: string): LatencyRecord => ({
  zoneId: ZONE,
  name: NAME,
  type: "A",
  setIdentifier: `latency-${region}`,
  latencyRegion: region,
  healthCheckId,
  alias: { name: `d-1.execute-api.${region}.amazonaws.com`, zoneId: "ZAPIGW", evaluateTargetHealth: true },
});

describe("LatencyEvaluator (Route 53 DG rules)", () => {
  const set = new LatencyEvaluator([latency("us-east-1", "hc-a"), latency("eu-west-1", "hc-b")]);
  const answer = (passing: string[], order: string[]) =>
    set.resolve(ZONE, NAME, "A", new Set(passing), order);

  it("answers with the client's nearest region while it is healthy", () => {
    expect(answer(["hc-a", "hc-b"], ["eu-west-1", "us-east-1"]).record.latencyRegion).toBe("eu-west-1");
    expect(answer(["hc-a", "hc-b"], ["us-east-1", "eu-west-1"]).record.latencyRegion).toBe("us-east-1");
  });

  it("skips an unhealthy nearest region for the next nearest healthy one", () => {
    expect(answer(["hc-a"], ["eu-west-1", "us-east-1"])).toMatchObject({
      record: { latencyRegion: "us-east-1" },
      answeredHealthy: true,
    });
  });

  it("treats every record as healthy when none is: the nearest region answers", () => {
    expect(answer([], ["eu-west-1", "us-east-1"])).toMatchObject({
      record: { latencyRegion: "eu-west-1" },
      answeredHealthy: false,
    });
  });

  it("counts a record without a health check as healthy", () => {
    const unguarded = new LatencyEvaluator([latency("us-east-1", "hc-a"), latency("eu-west-1")]);
    expect(
      unguarded.resolve(ZONE, NAME, "A", new Set(), ["us-east-1", "eu-west-1"]).record.latencyRegion,
    ).toBe("eu-west-1");
  });

  it("keeps A and AAAA sets apart", () => {
    const twins = new LatencyEvaluator([
      latency("us-east-1", "hc-a"),
      { ...latency("eu-west-1", "hc-b"), type: "AAAA" },
    ]);
    expect(twins.resolve(ZONE, NAME, "AAAA", new Set(["hc-a"]), ["us-east-1", "eu-west-1"])).toMatchObject({
      record: { latencyRegion: "eu-west-1", type: "AAAA" },
      answeredHealthy: false,
    });
  });

  it("refuses two records for one region, a client order that misses a region, and an unknown name", () => {
    const twice = new LatencyEvaluator([latency("us-east-1", "hc-a"), latency("us-east-1", "hc-b")]);
    expect(() => twice.resolve(ZONE, NAME, "A", new Set(), ["us-east-1"])).toThrow(
      "two latency records for us-east-1",
    );
    expect(() => answer([], ["us-east-1"])).toThrow("does not rank eu-west-1");
    expect(() => set.resolve(ZONE, "www.example.com", "A", new Set(), [])).toThrow("no A latency record");
  });
});

describe("latency records from planLatencySet answer every client with its nearest healthy region", () => {
  const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2", "us-west-2"];

  it.each([2, 3, 4])("%i regions: every health state × every client order", (n) => {
    const regions = REGIONS.slice(0, n);
    const checkOf = (region: string) => `hc-${region}`;
    const records = planLatencySet(NAME, regions).map((planned) =>
      latency(planned.region, checkOf(regions[planned.regionIndex])),
    );
    const evaluator = new LatencyEvaluator(records);
    let rows = 0;
    for (const healthy of allSubsets(regions)) {
      const passing = new Set([...healthy].map(checkOf));
      for (const order of allPermutations(regions)) {
        const answered = evaluator.resolve(ZONE, NAME, "A", passing, order).record.latencyRegion;
        // Route 53 DG: the lowest-latency healthy record; with none healthy, all count as healthy.
        const expected = order.find((region) => healthy.has(region)) ?? order[0];
        expect({ healthy: [...healthy], order, answered }).toEqual({
          healthy: [...healthy],
          order,
          answered: expected,
        });
        rows++;
      }
    }
    expect(rows).toBe(2 ** n * [1, 1, 2, 6, 24][n]);
  });
});

describe("planLatencySet", () => {
  it("makes one record per region with its own set identifier", () => {
    expect(planLatencySet(NAME, ["us-east-1", "eu-west-1"])).toEqual([
      { name: NAME, region: "us-east-1", regionIndex: 0, setIdentifier: "latency-us-east-1" },
      { name: NAME, region: "eu-west-1", regionIndex: 1, setIdentifier: "latency-eu-west-1" },
    ]);
  });

  it.each([
    [["us-east-1"], "needs at least 2 regions"],
    [["us-east-1", "us-east-1"], "us-east-1 is listed twice"],
    [["us-east-1", "xx-moon-1"], "Route 53 latency routing does not accept xx-moon-1"],
  ])("refuses %j", (regions, message) => {
    expect(() => planLatencySet(NAME, regions)).toThrow(message);
  });

  it("takes the regions Route 53 accepts from the AWS SDK's model", () => {
    expect(LATENCY_ROUTING_REGIONS).toEqual(Object.values(ResourceRecordSetRegion));
    expect(LATENCY_ROUTING_REGIONS).toContain("eu-west-1");
  });
});

describe("latencyRecordFromInputs", () => {
  it("reads the latency region, and ignores records without a latency policy", () => {
    const inputs = {
      zoneId: ZONE,
      name: NAME,
      type: "A",
      setIdentifier: "latency-eu-west-1",
      latencyRoutingPolicies: [{ region: "eu-west-1" }],
      healthCheckId: "hc-b",
    };
    expect(latencyRecordFromInputs(inputs)).toMatchObject({
      latencyRegion: "eu-west-1",
      healthCheckId: "hc-b",
    });
    expect(latencyRecordFromInputs({ ...inputs, latencyRoutingPolicies: undefined })).toBeUndefined();
  });
});

describe("allPermutations", () => {
  it("lists all N! orders", () => {
    expect(allPermutations(["a", "b", "c"])).toEqual([
      ["a", "b", "c"],
      ["a", "c", "b"],
      ["b", "a", "c"],
      ["b", "c", "a"],
      ["c", "a", "b"],
      ["c", "b", "a"],
    ]);
  });
});
