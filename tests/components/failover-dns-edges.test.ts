/**
 * FailoverDns behaviour that the mutation run still found unguarded: what a drain registers for operators
 * and the policy pack to find, the outputs the component records in the engine's state, and the failover-
 * name check that must let an Output health-check name through to the policy pack.
 */
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { runWithMocks, type StackRun } from "../../tools/stack-runner";
import { buildFailoverDns, endpoint } from "../support/failover-dns";
import { ofType } from "../support/stacks";
import { mockRegisteredResources } from "../../tools/pulumi-internals";

const HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";
const RECORD = "aws:route53/record:Record";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

const buildDrained = buildFailoverDns({ drainedRegions: ["eu-west-1"] });
/**
 * A run with eu-west-1 drained, one per test: a run shared through a cached promise is recorded by Stryker as
 * covered by the first test only, so a mutant that only the second test catches was run against the first
 * and scored Survived (the drained alarm's text, failover-dns.ts).
 */
function runDrained(): Promise<StackRun<ReturnType<typeof buildDrained>>> {
  return runWithMocks(buildDrained);
}

describe("FailoverDns drain", () => {
  it("give the drained region's records a CALCULATED check tagged Name <name>-<region>-drained, Region and Drained", async () => {
    const run = await runDrained();
    const own = ofType(run, HEALTH_CHECK).find((c) => c.name === "failover-eu-west-1");
    const drained = ofType(run, HEALTH_CHECK).filter((c) => c.inputs.type === "CALCULATED");
    expect(drained.map((c) => [c.name, c.inputs])).toEqual([
      [
        "failover-eu-west-1-drained",
        {
          type: "CALCULATED",
          childHealthchecks: [own?.id],
          childHealthThreshold: 2,
          tags: { Name: "failover-eu-west-1-drained", Region: "eu-west-1", Drained: "true" },
        },
      ],
    ]);
    const secondary = ofType(run, RECORD).find((r) => r.name === "failover-secondary");
    expect(secondary?.inputs.healthCheckId).toBe(drained[0].id);
  });

  it("say in the drained region's alarm that its notifications are off on purpose, and only there", async () => {
    const run = await runDrained();
    expect(
      ofType(run, ALARM).map((a) => [a.name, a.inputs.actionsEnabled, a.inputs.alarmDescription]),
    ).toEqual([
      [
        "failover-us-east-1-unhealthy",
        true,
        "Route 53 sees us-east-1 as unhealthy: the failover name now answers with the next healthy region.",
      ],
      [
        "failover-eu-west-1-unhealthy",
        false,
        "Route 53 sees eu-west-1 as unhealthy: the failover name now answers with the next healthy region." +
          " eu-west-1 is drained on purpose, so notifications are off; OK here means it is healthy again.",
      ],
    ]);
  });
});

describe("FailoverDns outputs", () => {
  it("record every public output in the component's state with registerOutputs", async () => {
    const run = await runWithMocks(buildFailoverDns());
    const component = [...mockRegisteredResources("failover-dns-edges").values()].find((r) =>
      r.urn.endsWith("::multiregion:index:FailoverDns::failover"),
    );
    const state = component?.state as { toJavaScript(): Record<string, unknown> } | undefined;
    expect(state?.toJavaScript()).toEqual({
      url: "https://api.example.com",
      failoverOrder: ["us-east-1", "eu-west-1"],
      recordType: "A",
      routing: "failover",
      recordTypes: ["A"],
      healthCheckIds: run.outputs.healthCheckIds,
      failoverTime: run.outputs.failoverTime,
      intermediateNames: [],
      alarmTopicArn: run.outputs.alarmTopicArn,
    });
    expect(run.outputs.alarmTopicArn).toMatch(/^arn:aws:sns:us-east-1:/);
  });
});

describe("FailoverDns health-check names", () => {
  it("take a health-check name known only as an Output (a RegionalApi's) and send it to Route 53 unchanged", async () => {
    const run = await runWithMocks(
      buildFailoverDns({
        endpoints: [
          { ...endpoint("us-east-1"), healthCheckFqdn: pulumi.output("us-east-1.api.example.com") },
          endpoint("eu-west-1"),
        ],
      }),
    );
    const fqdns = Object.fromEntries(ofType(run, HEALTH_CHECK).map((c) => [c.name, c.inputs.fqdn]));
    expect(fqdns).toEqual({
      "failover-us-east-1": "us-east-1.api.example.com",
      "failover-eu-west-1": "eu-west-1.api.example.com",
    });
  });
});
