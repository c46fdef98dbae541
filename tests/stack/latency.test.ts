import { describe, expect, it } from "vitest";
import {
  allPermutations,
  allSubsets,
  LatencyEvaluator,
  latencyRecordFromInputs,
  type LatencyRecord,
} from "@multi-region-api/model/route53";
import { COMMERCIAL_REGIONS } from "@multi-region-api/model/regions";
import { LATENCY_ROUTING_REGIONS } from "@multi-region-api/model/route53";
import { passingChecksOf, regionAnswered } from "../support/failover";
import { MINIMAL_CONFIG, ofType, runStack } from "../support/stacks";

type Inputs = Record<string, unknown>;
const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"];
const RECORD = "aws:route53/record:Record";

function latencyRecords(run: Awaited<ReturnType<typeof runStack>>): LatencyRecord[] {
  return ofType(run, RECORD).flatMap((r) => latencyRecordFromInputs(r.inputs) ?? []);
}

describe("latency records answer every client with its nearest healthy region in service", () => {
  it.each([
    ["all regions in service, A and AAAA", {}, ["A", "AAAA"]],
    ["eu-west-1 drained", { drainedRegions: ["eu-west-1"] }, ["A", "AAAA"]],
    ["cname kind", { dns: { recordKind: "cname", ttl: 30 } }, ["CNAME"]],
  ])(
    "3 regions, %s: every state of the checks the records carry × every client order",
    async (_, change, expectedTypes) => {
      const run = await runStack({
        ...MINIMAL_CONFIG,
        regions: REGIONS,
        routing: "latency",
        backend: { url: "https://backend.example.net" },
        dns: { recordKind: "alias", ipv6: true },
        ...change,
      });
      const records = latencyRecords(run);
      const evaluator = new LatencyEvaluator(records);
      const zoneId = String(run.outputs.hostedZoneId);
      const types = [...new Set(records.map((r) => r.type))];
      expect(types.sort()).toEqual(expectedTypes);
      for (const type of types) {
        // The health check each region's records carry: what Route 53 judges the region by, drained or not.
        const carried = Object.fromEntries(
          REGIONS.map((region) => {
            const ids = records
              .filter((r) => r.latencyRegion === region && r.type === type)
              .map((r) => r.healthCheckId);
            expect(ids).toHaveLength(1);
            expect(ids[0]).toBeTruthy();
            return [region, String(ids[0])];
          }),
        );
        for (const up of allSubsets(REGIONS)) {
          const passing = new Set([...up].map((region) => carried[region]));
          for (const order of allPermutations(REGIONS)) {
            const answer = evaluator.resolve(zoneId, "api.example.com", type, passing, order);
            // Route 53 DG: the nearest record whose check passes; none passing → all count as healthy.
            const expected = order.find((region) => up.has(region)) ?? order[0];
            expect({
              type,
              up: [...up],
              order,
              answered: regionAnswered(answer.record, run.registrations),
            }).toEqual({
              type,
              up: [...up],
              order,
              answered: expected,
            });
          }
        }
      }
    },
  );

  it("a drained region answers no client while any region in service is healthy, whatever its own health", async () => {
    for (const drained of REGIONS) {
      const run = await runStack({
        ...MINIMAL_CONFIG,
        regions: REGIONS,
        routing: "latency",
        drainedRegions: [drained],
        backend: { url: "https://backend.example.net" },
      });
      const passingChecks = passingChecksOf(run);
      const evaluator = new LatencyEvaluator(latencyRecords(run));
      for (const healthy of allSubsets(REGIONS)) {
        // The endpoints answer as `healthy` says; Route 53 derives every check from them, the drain's too.
        const passing = passingChecks(healthy);
        for (const order of allPermutations(REGIONS)) {
          const answer = evaluator.resolve(
            String(run.outputs.hostedZoneId),
            "api.example.com",
            "A",
            passing,
            order,
          );
          // Route 53 DG: the nearest record whose check passes; when none passes, all count as healthy.
          const expected = order.find((region) => healthy.has(region) && region !== drained) ?? order[0];
          expect({
            drained,
            healthy: [...healthy],
            order,
            answered: regionAnswered(answer.record, run.registrations),
          }).toEqual({ drained, healthy: [...healthy], order, answered: expected });
        }
      }
    }
  });

  it("draining a region changes no other region's latency record, and keeps one record per region", async () => {
    const config = {
      ...MINIMAL_CONFIG,
      regions: REGIONS,
      routing: "latency",
      backend: { url: "https://b.example.net" },
    };
    const inService = latencyRecords(await runStack(config));
    const drained = latencyRecords(await runStack({ ...config, drainedRegions: ["eu-west-1"] }));
    const checkOf = (records: LatencyRecord[], region: string) =>
      records.find((r) => r.latencyRegion === region)?.healthCheckId;
    expect(drained.map((r) => r.latencyRegion).sort()).toEqual([...REGIONS].sort());
    // The other regions keep exactly what they carried.
    for (const region of ["us-east-1", "ap-southeast-2"]) {
      expect(checkOf(drained, region)).toBe(checkOf(inService, region));
    }
  });
});

describe("latency records", () => {
  it("one per region with set identifier, latency policy, the region's check and evaluate target health", async () => {
    const run = await runStack({ ...MINIMAL_CONFIG, regions: REGIONS, routing: "latency" });
    const checks = Object.fromEntries(
      ofType(run, "aws:route53/healthCheck:HealthCheck").map((c) => [(c.inputs.tags as Inputs).Region, c.id]),
    );
    const records = ofType(run, RECORD).filter((r) => r.inputs.name === "api.example.com");
    expect(records.map((r) => r.name).sort()).toEqual(
      REGIONS.map((region) => `failover-latency-${region}`).sort(),
    );
    for (const record of records) {
      const region = (record.inputs.latencyRoutingPolicies as Inputs[])[0].region as string;
      expect(record.inputs).toMatchObject({
        type: "A",
        setIdentifier: `latency-${region}`,
        latencyRoutingPolicies: [{ region }],
        healthCheckId: checks[region],
        aliases: [{ evaluateTargetHealth: true }],
      });
      expect(record.inputs.failoverRoutingPolicies).toBeUndefined();
      expect(record.inputs.ttl).toBeUndefined();
      expect(regionAnswered(latencyRecordFromInputs(record.inputs)!, run.registrations)).toBe(region);
    }
    expect(run.outputs.routing).toBe("latency");
    expect(run.outputs.intermediateNames).toEqual([]);
    expect(run.outputs.failoverTimeSeconds).toBe(156);
  });

  it("cname kind carries the TTL on every latency record", async () => {
    const run = await runStack({
      ...MINIMAL_CONFIG,
      routing: "latency",
      dns: { recordKind: "cname", ttl: 15 },
    });
    const records = ofType(run, RECORD).filter((r) => r.inputs.name === "api.example.com");
    expect(records.map((r) => [r.inputs.type, r.inputs.ttl, r.inputs.aliases])).toEqual([
      ["CNAME", 15, undefined],
      ["CNAME", 15, undefined],
    ]);
    expect(run.outputs.failoverTimeSeconds).toBe(30 * 3 + 6 + 15);
  });

  it("every region this program accepts is one Route 53 latency routing accepts", () => {
    expect(COMMERCIAL_REGIONS.filter((region) => !LATENCY_ROUTING_REGIONS.includes(region))).toEqual([]);
  });
});
