import { describe, expect, it } from "vitest";
import { allSubsets, evaluatedRecordFromInputs, FailoverEvaluator } from "@multi-region-api/model/route53";
import { parseStackConfig } from "../../config";
import { createStack } from "../../stack";
import { runStackProgram } from "../../tools/stack-runner";
import { passingChecksOf, regionAnswered } from "../support/failover";
import { MINIMAL_CONFIG, healthCheckAlarms, ofType, runStack } from "../support/stacks";

type Inputs = Record<string, unknown>;

const REGION_SETS = {
  2: ["us-east-1", "eu-west-1"],
  3: ["us-east-1", "eu-west-1", "ap-southeast-2"],
  4: ["us-east-1", "eu-west-1", "ap-southeast-2", "us-west-2"],
  5: ["us-east-1", "eu-west-1", "ap-southeast-2", "us-west-2", "eu-central-1"],
} as const;

describe("failover records answer with the first healthy region, for every health state", () => {
  it.each([2, 3, 4, 5] as const)("%i regions: all 2^N states", async (n) => {
    const regions = REGION_SETS[n];
    const run = await runStack({
      ...MINIMAL_CONFIG,
      regions: [...regions],
      backend: { url: "https://backend.example.net" },
    });
    const records = ofType(run, "aws:route53/record:Record").map((r) => evaluatedRecordFromInputs(r.inputs));
    const checkOf = Object.fromEntries(
      ofType(run, "aws:route53/healthCheck:HealthCheck").map((c) => [
        (c.inputs.tags as Inputs).Region,
        String(c.id),
      ]),
    );
    const evaluator = new FailoverEvaluator(records);
    const zoneId = String(run.outputs.hostedZoneId);
    for (const healthy of allSubsets([...regions])) {
      const passing = new Set([...healthy].map((region) => checkOf[region]));
      const answer = evaluator.resolve(zoneId, "api.example.com", "A", passing);
      // Route 53 DG: with no healthy record it answers with the primary (docs/aws-facts.md#both-unhealthy-answers-primary).
      const expected = regions.find((region) => healthy.has(region)) ?? regions[0];
      expect({ healthy: [...healthy], answered: regionAnswered(answer.record, run.registrations) }).toEqual({
        healthy: [...healthy],
        answered: expected,
      });
    }
  });
});

describe("a drain holds whatever the drained region's health", () => {
  // For every drained set (never all) and every health state, over the records and checks the program
  // actually registered: the answer is the first healthy region in service, else the primary.
  it.each([2, 3, 4] as const)("%i regions: every drained set × all 2^N states", async (n) => {
    const regions: string[] = [...REGION_SETS[n]];
    const drainedSets = allSubsets(regions).filter((set) => set.size > 0 && set.size < regions.length);
    for (const drained of drainedSets) {
      const run = await runStack({
        ...MINIMAL_CONFIG,
        regions,
        drainedRegions: regions.filter((r) => drained.has(r)),
        backend: { url: "https://backend.example.net" },
      });
      const passingChecks = passingChecksOf(run);
      const evaluator = new FailoverEvaluator(
        ofType(run, "aws:route53/record:Record").map((r) => evaluatedRecordFromInputs(r.inputs)),
      );
      for (const healthy of allSubsets(regions)) {
        const passing = passingChecks(healthy);
        const answer = evaluator.resolve(String(run.outputs.hostedZoneId), "api.example.com", "A", passing);
        // No healthy region in service: every record of the top pair is unhealthy, so Route 53 answers
        // with the PRIMARY, drained or not (Route 53 DG; README "Drain and fail back").
        const expected = regions.find((r) => healthy.has(r) && !drained.has(r)) ?? regions[0];
        expect({
          drained: [...drained],
          healthy: [...healthy],
          answered: regionAnswered(answer.record, run.registrations),
        }).toEqual({ drained: [...drained], healthy: [...healthy], answered: expected });
      }
    }
  });
});

describe("FailoverDns records", () => {
  it("chains 3+ regions through documented intermediate names with evaluate target health", async () => {
    const run = await runStack({ ...MINIMAL_CONFIG, regions: [...REGION_SETS[4]] });
    const records = ofType(run, "aws:route53/record:Record").filter(
      (r) => r.inputs.setIdentifier !== undefined,
    );
    // Registrations arrive in the order their inputs resolve: compare sorted by name, then role.
    const summary = records
      .map((r) => [
        r.inputs.name,
        (r.inputs.failoverRoutingPolicies as Inputs[])[0].type,
        (r.inputs.aliases as Inputs[])[0].name,
      ])
      .sort((a, b) => `${a[0]}|${a[1]}`.localeCompare(`${b[0]}|${b[1]}`));
    const target = (region: string) =>
      ofType(run, "aws:apigateway/domainName:DomainName").find(
        (d) => d.region === region && d.inputs.domainName === "api.example.com",
      )?.outputs.regionalDomainName;
    expect(summary).toEqual([
      ["api.example.com", "PRIMARY", target("us-east-1")],
      ["api.example.com", "SECONDARY", "failover-1.api.example.com"],
      ["failover-1.api.example.com", "PRIMARY", target("eu-west-1")],
      ["failover-1.api.example.com", "SECONDARY", "failover-2.api.example.com"],
      ["failover-2.api.example.com", "PRIMARY", target("ap-southeast-2")],
      ["failover-2.api.example.com", "SECONDARY", target("us-west-2")],
    ]);
    for (const record of records) {
      expect((record.inputs.aliases as Inputs[])[0].evaluateTargetHealth).toBe(true);
      expect(record.inputs.ttl).toBeUndefined();
    }
    // The chain's SECONDARYs point into the same zone and carry no health check of their own: their
    // health is the health of the branch they lead to.
    const chainLinks = records.filter((r) =>
      String((r.inputs.aliases as Inputs[])[0].name).startsWith("failover-"),
    );
    expect(chainLinks.map((r) => [(r.inputs.aliases as Inputs[])[0].zoneId, r.inputs.healthCheckId])).toEqual(
      [
        [run.outputs.hostedZoneId, undefined],
        [run.outputs.hostedZoneId, undefined],
      ],
    );
    expect(run.outputs.intermediateNames).toEqual([
      "failover-1.api.example.com",
      "failover-2.api.example.com",
    ]);
  });

  it("creates every chain alias after the records of the name it targets (dependsOn), for 3 and 4 regions", async () => {
    for (const regions of [REGION_SETS[3], REGION_SETS[4]]) {
      const config = parseStackConfig({ ...MINIMAL_CONFIG, regions: [...regions] });
      const run = await runStackProgram(() => createStack(config));
      expect(run.rejections).toEqual([]);
      const records = run.registrations.filter((r) => r.type === "aws:route53/record:Record");
      const links = records.filter((r) =>
        String((r.inputs.aliases as Inputs[] | undefined)?.[0]?.name).startsWith("failover-"),
      );
      expect(links).toHaveLength(regions.length - 2);
      for (const link of links) {
        const target = String((link.inputs.aliases as Inputs[])[0].name);
        const targetUrns = records.filter((r) => r.inputs.name === target).map((r) => r.urn);
        expect(targetUrns).toHaveLength(2);
        expect(link.dependencies).toEqual(expect.arrayContaining(targetUrns));
      }
    }
  });

  it("makes CNAME failover records with the chosen TTL and counts it in the failover time", async () => {
    const run = await runStack({ ...MINIMAL_CONFIG, dns: { recordKind: "cname", ttl: 30 } });
    const records = ofType(run, "aws:route53/record:Record").filter(
      (r) => r.inputs.name === "api.example.com",
    );
    expect(records).toHaveLength(2);
    for (const record of records) {
      expect(record.inputs).toMatchObject({ type: "CNAME", ttl: 30 });
      expect(record.inputs.aliases).toBeUndefined();
      expect(String((record.inputs.records as string[])[0])).toMatch(
        /^d-\w+\.execute-api\.[a-z0-9-]+\.amazonaws\.com$/,
      );
      expect(record.inputs.healthCheckId).toBeTruthy();
    }
    expect(run.outputs.recordType).toBe("CNAME");
    // 30 s × 3 + 6 s + 30 s TTL.
    expect(run.outputs.failoverTimeSeconds).toBe(126);
  });

  it("drains with an always-unhealthy CALCULATED check and keeps the region's own check, muted", async () => {
    const before = await runStack(MINIMAL_CONFIG);
    const run = await runStack({ ...MINIMAL_CONFIG, drainedRegions: ["us-east-1"] });
    const checks = ofType(run, "aws:route53/healthCheck:HealthCheck");
    const own = checks.filter((c) => c.inputs.type === "HTTPS_STR_MATCH");
    // The region's own check is unchanged: same name, same inputs, so the same ID and the same alarm.
    expect(own.map((c) => [c.name, c.inputs])).toEqual(
      ofType(before, "aws:route53/healthCheck:HealthCheck").map((c) => [c.name, c.inputs]),
    );
    expect(own.every((c) => c.inputs.invertHealthcheck === false)).toBe(true);
    const drain = checks.filter((c) => c.inputs.type === "CALCULATED");
    const usEast1 = own.find((c) => (c.inputs.tags as Inputs).Region === "us-east-1");
    expect(drain.map((c) => [c.name, c.inputs.childHealthchecks, c.inputs.childHealthThreshold])).toEqual([
      ["failover-us-east-1-drained", [usEast1?.id], 2],
    ]);
    const records = ofType(run, "aws:route53/record:Record").filter((r) => r.inputs.setIdentifier);
    expect(records.map((r) => [r.inputs.setIdentifier, r.inputs.healthCheckId])).toEqual(
      expect.arrayContaining([
        ["primary-us-east-1", drain[0].id],
        ["secondary-eu-west-1", own.find((c) => (c.inputs.tags as Inputs).Region === "eu-west-1")?.id],
      ]),
    );
    const alarms = healthCheckAlarms(run);
    expect(
      alarms.map((a) => [(a.inputs.dimensions as Inputs).HealthCheckId, a.inputs.actionsEnabled]),
    ).toEqual([
      [usEast1?.id, false],
      [own[1].id, true],
    ]);
    expect(run.outputs.drainedRegions).toEqual(["us-east-1"]);
    expect(run.outputs.healthCheckIds).toEqual(before.outputs.healthCheckIds);
  });

  it("passes checker regions and a 10 s interval to every health check", async () => {
    const checkerRegions = ["us-east-1", "eu-west-1", "ap-southeast-1"];
    const run = await runStack({
      ...MINIMAL_CONFIG,
      healthCheck: { requestInterval: 10, failureThreshold: 2, checkerRegions },
    });
    for (const check of ofType(run, "aws:route53/healthCheck:HealthCheck")) {
      expect(check.inputs).toMatchObject({
        regions: checkerRegions,
        requestInterval: 10,
        failureThreshold: 2,
      });
    }
    expect(run.outputs.failoverTimeSeconds).toBe(10 * 2 + 6 + 60);
  });

  it("keeps a us-east-1 provider for Route 53 and the alarms when no configured region is us-east-1", async () => {
    const run = await runStack({ ...MINIMAL_CONFIG, regions: ["eu-west-1", "ap-southeast-2"] });
    expect(ofType(run, "pulumi:providers:aws").map((p) => [p.name, p.inputs.region])).toEqual([
      ["us-east-1", "us-east-1"],
      ["eu-west-1", "eu-west-1"],
      ["ap-southeast-2", "ap-southeast-2"],
    ]);
    expect(ofType(run, "aws:route53/healthCheck:HealthCheck").map((c) => c.region)).toEqual([
      "us-east-1",
      "us-east-1",
    ]);
    expect(healthCheckAlarms(run).map((a) => a.region)).toEqual(["us-east-1", "us-east-1"]);
  });
});
