import * as aws from "@pulumi/aws";
import { describe, expect, it } from "vitest";
import { ComponentArgsError, RegionalAlarms, type RegionalAlarmsArgs } from "../../components";
import { runWithMocks } from "../../tools/stack-runner";
import type { MockRegistration } from "../../tools/aws-mocks";
import {
  configProblems,
  healthCheckAlarms,
  MINIMAL_CONFIG,
  ofType,
  regionOfArn,
  runStack,
  stackFileConfig,
} from "../support/stacks";

type Run = { registrations: readonly MockRegistration[] };

const alarmsOf = (run: Run) => ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm");
const named = (run: Run, name: string) => {
  const found = alarmsOf(run).find((a) => a.name === name);
  if (found === undefined) throw new Error(`no alarm ${name}`);
  return found;
};
const topicOf = (run: Run, region: string) =>
  ofType(run, "aws:sns/topic:Topic").find((t) => t.name === `alarms-${region}-topic`);

/** An alarm notifies when it fires and when it clears, to the topic of its own region. */
function expectNotifiesOwnRegion(run: Run, alarm: MockRegistration) {
  const topic = topicOf(run, alarm.region ?? "");
  expect(topic?.region).toBe(alarm.region);
  expect(alarm.inputs.alarmActions).toEqual([topic?.outputs.arn]);
  expect(alarm.inputs.okActions).toEqual([topic?.outputs.arn]);
  expect(regionOfArn(topic?.outputs.arn)).toBe(alarm.region);
  expect(alarm.inputs.actionsEnabled ?? true).toBe(true);
}

describe("each region's notifying alarms (issue 26)", () => {
  it("prod (2 regions): a 5XX-rate alarm per region at 5 % and replication to the other replica at 10 s, each to its region's topic", async () => {
    const run = await runStack(
      { ...stackFileConfig("prod"), alarmEmail: "ops@example.com" },
      { stack: "prod" },
    );
    const apis = ofType(run, "aws:apigateway/restApi:RestApi");
    const [table] = ofType(run, "aws:dynamodb/table:Table");
    for (const [region, other] of [
      ["us-east-1", "eu-west-1"],
      ["eu-west-1", "us-east-1"],
    ]) {
      const rate = named(run, `alarms-${region}-api-5xx-rate`);
      expect(rate.region).toBe(region);
      expect(rate.inputs).toMatchObject({
        namespace: "AWS/ApiGateway",
        metricName: "5XXError",
        statistic: "Average",
        dimensions: { ApiName: apis.find((a) => a.region === region)?.outputs.name, Stage: "live" },
        threshold: 0.05,
        comparisonOperator: "GreaterThanThreshold",
        treatMissingData: "notBreaching",
      });
      expectNotifiesOwnRegion(run, rate);

      const replication = named(run, `alarms-${region}-replication-latency-${other}`);
      expect(replication.region).toBe(region);
      expect(replication.inputs).toMatchObject({
        namespace: "AWS/DynamoDB",
        metricName: "ReplicationLatency",
        dimensions: { TableName: table.outputs.name, ReceivingRegion: other },
        threshold: 10000,
        comparisonOperator: "GreaterThanThreshold",
      });
      expectNotifiesOwnRegion(run, replication);

      const [subscription, ...more] = ofType(run, "aws:sns/topicSubscription:TopicSubscription").filter(
        (s) => s.name === `alarms-${region}-email`,
      );
      expect(more).toEqual([]);
      expect(subscription.region).toBe(region);
      expect(subscription.inputs).toMatchObject({
        protocol: "email",
        endpoint: "ops@example.com",
        topic: topicOf(run, region)?.outputs.arn,
      });
    }
    // The release alarms keep no actions: the deploy's bake reads them, nobody is paged by them.
    for (const release of alarmsOf(run).filter((a) => a.name.includes("-release-"))) {
      expect(release.inputs.alarmActions ?? []).toEqual([]);
      expect(release.inputs.okActions ?? []).toEqual([]);
    }
  });

  it("3 regions with thresholds from config: every region replicates to the two others", async () => {
    const regions = ["us-east-1", "eu-west-1", "ap-southeast-2"];
    const run = await runStack({
      ...MINIMAL_CONFIG,
      regions,
      alarms: { api5xxRatePercent: 2.5, replicationLatencyMs: 3000 },
    });
    for (const region of regions) {
      const rate = named(run, `alarms-${region}-api-5xx-rate`);
      expect(rate.region).toBe(region);
      expect(rate.inputs.threshold).toBe(0.025);
      expectNotifiesOwnRegion(run, rate);
      const replication = alarmsOf(run).filter((a) =>
        a.name.startsWith(`alarms-${region}-replication-latency-`),
      );
      expect(
        replication.map((a) => (a.inputs.dimensions as Record<string, string>).ReceivingRegion).sort(),
      ).toEqual(regions.filter((r) => r !== region).sort());
      for (const alarm of replication) {
        expect(alarm.region).toBe(region);
        expect(alarm.inputs.threshold).toBe(3000);
        expectNotifiesOwnRegion(run, alarm);
      }
    }
  });

  it("a region proxied to an existing backend has no replica, so only its 5XX-rate alarm", async () => {
    const run = await runStack({ ...MINIMAL_CONFIG, backend: { url: "https://backend.example.com" } });
    expect(alarmsOf(run).filter((a) => a.name.includes("-replication-latency-"))).toEqual([]);
    expect(
      alarmsOf(run)
        .filter((a) => a.name.endsWith("-api-5xx-rate"))
        .map((a) => a.region),
    ).toEqual(["us-east-1", "eu-west-1"]);
  });

  it("a drain changes none of them: the same alarms with the same inputs", async () => {
    const summary = (run: Run) =>
      alarmsOf(run)
        .filter((a) => a.name.startsWith("alarms-"))
        .map((a) => ({ name: a.name, region: a.region, inputs: a.inputs }));
    const served = await runStack({ ...MINIMAL_CONFIG });
    const drained = await runStack({ ...MINIMAL_CONFIG, drainedRegions: ["us-east-1"] });
    expect(summary(drained)).toEqual(summary(served));
    expect(summary(served)).toHaveLength(4);
  });

  it.each([
    [
      { api5xxRatePercent: 0 },
      "multi-region-api:alarms.api5xxRatePercent: must be a percentage above 0 and at most 100",
    ],
    [
      { api5xxRatePercent: 101 },
      "multi-region-api:alarms.api5xxRatePercent: must be a percentage above 0 and at most 100",
    ],
    [{ replicationLatencyMs: 0 }, "multi-region-api:alarms.replicationLatencyMs"],
    [{ replicationLatencyMs: 1.5 }, "multi-region-api:alarms.replicationLatencyMs"],
    [{ p99: 1 }, "api5xxRatePercent, replicationLatencyMs"],
  ])("refuses alarms %j, naming the key", (alarms, message) => {
    expect(configProblems({ ...MINIMAL_CONFIG, alarms }).join("\n")).toContain(message);
  });
});

describe("failover and failback of a region notify", () => {
  // Route 53 takes a region out of the answers when its health check turns unhealthy, and puts it back
  // when it turns healthy: the region's unhealthy alarm follows the same status, so its ALARM message says
  // "failed over away from it" and its OK message says "failed back".
  it("each region's health-check alarm sends both ALARM and OK to the us-east-1 topic, on the check Route 53 answers by", async () => {
    const run = await runStack(
      { ...stackFileConfig("prod"), alarmEmail: "ops@example.com" },
      { stack: "prod" },
    );
    const topic = ofType(run, "aws:sns/topic:Topic").find((t) => t.name === "failover-alarms");
    const ids = run.outputs.healthCheckIds as unknown as Record<string, string>;
    for (const region of ["us-east-1", "eu-west-1"]) {
      const alarm = named(run, `failover-${region}-unhealthy`);
      expect(alarm.region).toBe("us-east-1");
      expect(alarm.inputs).toMatchObject({
        dimensions: { HealthCheckId: ids[region] },
        alarmActions: [topic?.outputs.arn],
        okActions: [topic?.outputs.arn],
        actionsEnabled: true,
      });
    }
    expect(
      ofType(run, "aws:sns/topicSubscription:TopicSubscription").find(
        (s) => s.name === "failover-alarms-email",
      )?.inputs,
    ).toMatchObject({ protocol: "email", endpoint: "ops@example.com", topic: topic?.outputs.arn });
  });

  it("a drained region's alarm stays (same name and metric) with its notifications off: a planned drain pages nobody", async () => {
    const run = await runStack({ ...MINIMAL_CONFIG, drainedRegions: ["us-east-1"] });
    expect(healthCheckAlarms(run).map((a) => [a.name, a.inputs.actionsEnabled])).toEqual(
      expect.arrayContaining([
        ["failover-us-east-1-unhealthy", false],
        ["failover-eu-west-1-unhealthy", true],
      ]),
    );
  });
});

describe("RegionalAlarms arguments", () => {
  const ARGS: RegionalAlarmsArgs = { region: "eu-west-1", apiName: "api", stageName: "live" };
  const build = (change: Partial<RegionalAlarmsArgs>) => () => {
    const provider = new aws.Provider("eu-west-1", { region: "eu-west-1" });
    new RegionalAlarms("alarms", { ...ARGS, ...change }, { provider });
  };

  it("defaults: 5 %, no replication alarm and no subscription", async () => {
    const run = await runWithMocks(build({}));
    expect(alarmsOf(run).map((a) => [a.name, a.inputs.threshold])).toEqual([["alarms-api-5xx-rate", 0.05]]);
    expect(ofType(run, "aws:sns/topicSubscription:TopicSubscription")).toEqual([]);
  });

  it.each([
    [
      "a region outside the aws partition",
      { region: "cn-north-1" },
      'region: "cn-north-1" is not an AWS region',
    ],
    [
      "a 5XX rate of 0",
      { api5xxRatePercent: 0 },
      "api5xxRatePercent: must be a percentage above 0 and at most 100, got 0",
    ],
    [
      "a replication threshold that is not whole",
      { replication: { tableName: "users", receivingRegions: ["us-east-1"], latencyMs: 2.5 } },
      "replication.latencyMs: must be a whole number from 1 to 86400000, got 2.5",
    ],
    [
      "its own region as a receiving region",
      { replication: { tableName: "users", receivingRegions: ["eu-west-1"] } },
      "replication.receivingRegions: must list other regions than eu-west-1",
    ],
  ] as [string, Partial<RegionalAlarmsArgs>, string][])(
    "rejects %s before registering anything",
    async (_, change, message) => {
      const run = runWithMocks(build(change));
      await expect(run).rejects.toThrow(ComponentArgsError);
      await expect(run).rejects.toThrow(message);
    },
  );

  it("refuses to run without an explicit provider, naming opts.provider", async () => {
    await expect(runWithMocks(() => new RegionalAlarms("alarms", ARGS))).rejects.toThrow(
      "opts.provider: must be the aws.Provider of eu-west-1",
    );
  });
});
