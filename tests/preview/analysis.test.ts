// The preview's failover analysis and plan, from the real program run in-process under the strict mocks.
import { describe, expect, it } from "vitest";
import { previewPlanOf } from "../support/preview-plan";
import { UNKNOWN } from "../../tools/policy-harness";
import { analyzeFailover } from "../../tools/preview/analysis";
import { failoverDiagram } from "../../tools/preview/diagram";
import { buildPlan } from "../../tools/preview/plan";
import { formatPlan } from "../../tools/preview/print-plan";
import { formatAnalysis } from "../../tools/preview/print-report";
import { parseStackConfig } from "../../config";
import { createStack } from "../../stack";
import { runStackProgram } from "../../tools/stack-runner";

const BASE = {
  domainName: "api.example.com",
  hostedZoneName: "example.com",
  regions: ["us-east-1", "eu-west-1"],
  auth: { mode: "jwt", issuer: "https://login.example.com/", audience: "https://api.example.com" },
};

function planOf(values: Record<string, unknown>, preview = false) {
  return previewPlanOf({ ...BASE, ...values }, { preview });
}

describe("failover analysis", () => {
  it("prod's two regions: order, all four health states, 156 s, and the cost of two HTTPS string-match checks", async () => {
    const analysis = analyzeFailover(await planOf({}));
    expect(analysis.failoverOrder).toEqual(["us-east-1", "eu-west-1"]);
    expect(analysis.truthTable.map((row) => [row.healthy, row.answer])).toEqual([
      // Route 53 DG: nothing healthy → the primary answers (docs/aws-facts.md#both-unhealthy-answers-primary).
      [[], "us-east-1"],
      [["us-east-1"], "us-east-1"],
      [["eu-west-1"], "eu-west-1"],
      [["us-east-1", "eu-west-1"], "us-east-1"],
    ]);
    expect(analysis.truthTableMismatches).toBe(0);
    expect(analysis.failoverTime.description).toBe("30 s × 3 + 6 s timeouts + 60 s TTL = 156 s");
    // Each check: $0.50 base + $1 HTTPS + $1 string match; alias queries to API Gateway are free. Twelve
    // alarm metrics at $0.10: one per health check's alarm, each region's two release alarms, its
    // notifying 5XX-rate alarm and its replication alarm to the other replica, and the
    // every-region-unhealthy alarm's two (one per health check its expression reads).
    expect(analysis.cost).toMatchObject({ scope: "failover layer only", totalUsdPerMonth: 6.2 });
    expect(analysis.cost.lineItems.map((item) => [item.name, item.usdPerMonth])).toEqual([
      ["Route 53 health checks", 5],
      ["CloudWatch alarms", 1.2],
      ["Route 53 queries", 0],
    ]);
    // What the total leaves out is read from the plan, per region (instance-hours have their own estimate).
    const leftOut = Object.fromEntries(analysis.cost.leftOut.map((item) => [item.type ?? item.what, item]));
    expect(leftOut["aws:lb/loadBalancer:LoadBalancer"].perRegion).toEqual({ "us-east-1": 1, "eu-west-1": 1 });
    expect(leftOut["aws:autoscaling/group:Group"]).toMatchObject({
      perRegion: { "us-east-1": 1, "eu-west-1": 1 },
    });
    expect(analysis.cost.unreviewedTypes).toEqual([]);
    for (const type of [
      "aws:apigateway/restApi:RestApi",
      "aws:dynamodb/table:Table",
      "aws:cloudwatch/logGroup:LogGroup",
    ]) {
      expect(leftOut[type]).toBeDefined();
    }
    expect(analysis.cost.unreviewedTypes).toEqual([]);
  });

  it("three regions, one drained, CNAMEs: the chain, the drain, the TTL in the time and billed queries", async () => {
    const analysis = analyzeFailover(
      await planOf({
        regions: ["us-east-1", "eu-west-1", "ap-southeast-2"],
        drainedRegions: ["eu-west-1"],
        dns: { recordKind: "cname", ttl: 30 },
        healthCheck: { requestInterval: 10, failureThreshold: 3 },
      }),
      { queriesPerMonth: 1_000_000_000 },
    );
    expect(analysis.intermediateNames).toEqual(["failover-1.api.example.com"]);
    expect(analysis.drainedRegions).toEqual(["eu-west-1"]);
    expect(analysis.truthTable).toHaveLength(8);
    expect(analysis.truthTableMismatches).toBe(0);
    expect(analysis.failoverOrder).toEqual(["us-east-1", "ap-southeast-2"]);
    expect(analysis.healthChecks.map((c) => [c.region, c.drained])).toEqual([
      ["us-east-1", false],
      ["eu-west-1", true],
      ["ap-southeast-2", false],
    ]);
    // All three up: the primary. Primary down: the drained eu-west-1 is skipped, up or down; with nothing
    // in service healthy, Route 53 answers with the primary.
    const answer = (...healthy: string[]) =>
      analysis.truthTable.find((row) => row.healthy.join() === healthy.join())?.answer;
    expect(answer("us-east-1", "eu-west-1", "ap-southeast-2")).toBe("us-east-1");
    expect(answer("eu-west-1", "ap-southeast-2")).toBe("ap-southeast-2");
    expect(answer("ap-southeast-2")).toBe("ap-southeast-2");
    expect(answer("eu-west-1")).toBe("us-east-1");
    expect(analysis.failoverTime.totalSeconds).toBe(10 * 3 + 6 + 30);
    // 3 × ($0.50 + HTTPS + string match + 10 s interval); a billion CNAME queries at $0.40 per million.
    const priced = Object.fromEntries(analysis.cost.lineItems.map((item) => [item.name, item.usdPerMonth]));
    expect(priced).toMatchObject({ "Route 53 health checks": 10.5, "Route 53 queries": 400 });
    expect(analysis.cost.aliasQueriesAreFree).toBe(false);
  });

  it("beyond five regions: the order, and no 2^N table", async () => {
    const regions = [
      "us-east-1",
      "eu-west-1",
      "ap-southeast-2",
      "us-west-2",
      "eu-central-1",
      "ap-northeast-1",
    ];
    const analysis = analyzeFailover(await planOf({ regions }));
    expect(analysis.failoverOrder).toEqual(regions);
    expect(analysis.truthTable).toEqual([]);
    expect(analysis.intermediateNames).toHaveLength(4);
  });

  it("draws clients → failover names → regions → health checks", async () => {
    const diagram = failoverDiagram(
      analyzeFailover(await planOf({ regions: ["us-east-1", "eu-west-1", "sa-east-1"] })),
    );
    expect(diagram).toContain("clients --> name_api_example_com");
    expect(diagram).toContain('name_api_example_com -- "SECONDARY" --> name_failover_1_api_example_com');
    expect(diagram).toContain('name_failover_1_api_example_com -- "SECONDARY" --> region_sa_east_1');
    expect(diagram).toContain("region_sa_east_1 -.- check_sa_east_1");
    expect(diagram).not.toContain("latency");
  });
});

describe("accelerated recovery in the failover analysis", () => {
  const analysisWith = async (acceleratedRecovery: boolean | undefined) => {
    const config = parseStackConfig(BASE);
    const run = await runStackProgram(() => createStack(config), { acceleratedRecovery });
    expect(run.rejections).toEqual([]);
    return analyzeFailover(buildPlan("multi-region-api", "test", run.registrations, run.outputs));
  };

  it("reads the zone lookup's answer: off by default, as for a zone nobody turned it on for", async () => {
    const off = await analysisWith(undefined);
    expect(off.acceleratedRecovery).toBe(false);
    expect(formatAnalysis(off).join("\n")).toContain("accelerated recovery of the zone: OFF");
    const on = await analysisWith(true);
    expect(on.acceleratedRecovery).toBe(true);
    expect(formatAnalysis(on).join("\n")).toContain("accelerated recovery of the zone: on");
  });
});

describe("the preview plan", () => {
  it("has the engine's URNs under the stack, provider regions, and unknown IDs in the outputs", async () => {
    const plan = await planOf({}, true);
    const record = plan.resources.find((r) => r.name === "failover-primary");
    expect(record?.urn).toBe(
      "urn:pulumi:test::multi-region-api::multiregion:index:FailoverDns$aws:route53/record:Record::failover-primary",
    );
    expect(record?.provider?.region).toBe("us-east-1");
    expect(record?.inputs.healthCheckId).toBe(UNKNOWN);
    // The root stack's type is never part of a chain, and every parent reference is the parent's own URN.
    const urns = new Set(plan.resources.map((r) => r.urn));
    expect(plan.resources.filter((r) => r.urn.includes("pulumi:pulumi:Stack$"))).toEqual([]);
    expect(plan.resources.filter((r) => r.parent !== undefined && !urns.has(r.parent))).toEqual([]);
    expect(plan.outputs.healthCheckIds).toBe(UNKNOWN);
    const text = formatPlan(plan).join("\n");
    expect(text).toMatch(/ \+ {3}pulumi:pulumi:Stack +multi-region-api-test +create/);
    expect(text).toMatch(/\+ {3}│ {2}└─ aws:route53:Record +failover-secondary +create +us-east-1/);
    expect(text).toMatch(/healthCheckIds +: output<string>/);
    // The awsx plugin's children of each Vpc are not in the plan, and the plan says so, with their count.
    expect(plan.resources.filter((r) => r.parent?.includes("awsx:ec2:Vpc"))).toEqual([]);
    expect(text).toContain("Not shown: the children the awsx plugin registers under each awsx:ec2:Vpc");
    expect(text).toMatch(
      /api-us-east-1-vpc: 8 \(1 aws:ec2:Vpc, 1 aws:ec2:InternetGateway, 2 aws:ec2:Subnet,/,
    );
    expect(text).toContain(
      `+ ${plan.resources.length} to create (${plan.resources.length + 16} in a real preview, with the awsx plugin's children)`,
    );
  });
});
