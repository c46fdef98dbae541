/**
 * FailoverDns behaviour that mutation testing found unguarded (issue 14): what each alarm tells and whom,
 * the defaults sent to Route 53, the outputs, and argument checks on both sides of each bound.
 */
import { describe, expect, it } from "vitest";
import { HEALTHY_MARKER } from "@multi-region-api/model/contracts/backend";
import { ComponentArgsError, FailoverDns, type FailoverDnsArgs } from "../../components";
import { runWithMocks } from "../../tools/stack-runner";
import { buildFailoverDns, endpoint, failoverDnsArgs } from "../support/failover-dns";
import { ofType } from "../support/stacks";

const HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";
const RECORD = "aws:route53/record:Record";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const TOPIC = "aws:sns/topic:Topic";
const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";

/** Each region's own HTTPS string-match check (other kinds of check, if any, are not these tests' concern). */
function regionChecks(run: Parameters<typeof ofType>[0]) {
  return ofType(run, HEALTH_CHECK).filter((check) => check.inputs.type === "HTTPS_STR_MATCH");
}

describe("FailoverDns alarms", () => {
  it("alarm from us-east-1 on each region's check, notify the topic on alarm and on recovery, and treat no data as a failure", async () => {
    const run = await runWithMocks(buildFailoverDns());
    const [topic] = ofType(run, TOPIC);
    const checks = regionChecks(run);
    const alarms = ofType(run, ALARM);
    expect(topic).toMatchObject({ name: "failover-alarms", region: "us-east-1" });
    expect(run.outputs.alarmTopicArn).toBe(topic.outputs.arn);
    expect(alarms.map((a) => [a.name, a.region])).toEqual([
      ["failover-us-east-1-unhealthy", "us-east-1"],
      ["failover-eu-west-1-unhealthy", "us-east-1"],
    ]);
    alarms.forEach((alarm, index) => {
      expect(alarm.inputs).toMatchObject({
        namespace: "AWS/Route53",
        metricName: "HealthCheckStatus",
        dimensions: { HealthCheckId: checks[index].id },
        statistic: "Minimum",
        period: 60,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: "LessThanThreshold",
        treatMissingData: "breaching",
        actionsEnabled: true,
        alarmActions: [topic.outputs.arn],
        okActions: [topic.outputs.arn],
      });
      const region = checks[index].inputs.tags as { Region: string };
      expect(alarm.inputs.alarmDescription).toBe(
        `Route 53 sees ${region.Region} as unhealthy: the failover name now answers with the next healthy region.`,
      );
    });
    expect(ofType(run, SUBSCRIPTION)).toEqual([]);
  });

  it("subscribe the alarm e-mail address to the topic", async () => {
    const run = await runWithMocks(buildFailoverDns({}, { email: "oncall@example.com" }));
    const [topic] = ofType(run, TOPIC);
    expect(ofType(run, SUBSCRIPTION).map((s) => [s.name, s.region, s.inputs])).toEqual([
      [
        "failover-alarms-email",
        "us-east-1",
        { topic: topic.outputs.arn, protocol: "email", endpoint: "oncall@example.com" },
      ],
    ]);
  });

  it("create no topic and no alarms without alarm settings", async () => {
    const run = await runWithMocks(buildFailoverDns({}, { alarms: false }));
    expect([...ofType(run, TOPIC), ...ofType(run, ALARM)]).toEqual([]);
    expect(run.outputs.alarmTopicArn).toBeUndefined();
  });
});

describe("FailoverDns health checks and records", () => {
  it("send Route 53 one HTTPS string-match check per region with the documented defaults", async () => {
    const run = await runWithMocks(buildFailoverDns({}, { alarms: false }));
    const checks = regionChecks(run);
    expect(checks.map((c) => [c.name, c.region])).toEqual([
      ["failover-us-east-1", "eu-west-1"],
      ["failover-eu-west-1", "eu-west-1"],
    ]);
    expect(checks[1].inputs).toMatchObject({
      type: "HTTPS_STR_MATCH",
      port: 443,
      fqdn: "eu-west-1.api.example.com",
      resourcePath: "/health",
      enableSni: true,
      searchString: HEALTHY_MARKER,
      failureThreshold: 3,
      requestInterval: 30,
      tags: { Name: "failover-eu-west-1", Region: "eu-west-1" },
    });
    expect(checks[1].inputs.regions).toBeUndefined();
    expect(run.outputs.healthCheckIds).toEqual({ "us-east-1": checks[0].id, "eu-west-1": checks[1].id });
  });

  it("point each alias record at its region with its own check, PRIMARY first", async () => {
    const run = await runWithMocks(buildFailoverDns({}, { alarms: false }));
    const checks = regionChecks(run);
    expect(ofType(run, RECORD).map((r) => [r.name, r.inputs])).toEqual([
      [
        "failover-primary",
        {
          zoneId: "ZEXAMPLE",
          name: "api.example.com",
          type: "A",
          setIdentifier: "primary-us-east-1",
          failoverRoutingPolicies: [{ type: "PRIMARY" }],
          healthCheckId: checks[0].id,
          aliases: [
            {
              name: endpoint("us-east-1").aliasName,
              zoneId: "Z-us-east-1",
              evaluateTargetHealth: true,
            },
          ],
        },
      ],
      [
        "failover-secondary",
        expect.objectContaining({
          setIdentifier: "secondary-eu-west-1",
          failoverRoutingPolicies: [{ type: "SECONDARY" }],
          healthCheckId: checks[1].id,
        }),
      ],
    ]);
    expect(run.outputs).toMatchObject({
      url: "https://api.example.com",
      failoverOrder: ["us-east-1", "eu-west-1"],
      recordType: "A",
      intermediateNames: [],
    });
  });

  it("make CNAME records with the chosen TTL and the regional target as their value", async () => {
    const run = await runWithMocks(buildFailoverDns({ recordKind: "cname", ttl: 0 }, { alarms: false }));
    const [primary] = ofType(run, RECORD);
    expect(primary.inputs).toMatchObject({
      type: "CNAME",
      ttl: 0,
      records: [endpoint("us-east-1").aliasName],
    });
    expect(primary.inputs.aliases).toBeUndefined();
    expect(run.outputs.recordType).toBe("CNAME");
    expect(run.outputs.failoverTime).toMatchObject({ ttlSeconds: 0, totalSeconds: 96 });
  });

  it("default a CNAME's TTL to 60 s", async () => {
    const run = await runWithMocks(buildFailoverDns({ recordKind: "cname" }, { alarms: false }));
    expect(ofType(run, RECORD).map((r) => r.inputs.ttl)).toEqual([60, 60]);
  });

  it("chain a third region through failover-1, whose SECONDARY-to-chain record has no check of its own", async () => {
    const run = await runWithMocks(
      buildFailoverDns(
        { endpoints: [endpoint("us-east-1"), endpoint("eu-west-1"), endpoint("ap-southeast-1")] },
        { alarms: false },
      ),
    );
    const records = ofType(run, RECORD).sort((a, b) => a.name.localeCompare(b.name));
    expect(records.map((r) => [r.name, r.inputs.name, r.inputs.setIdentifier])).toEqual([
      ["failover-failover-1-primary", "failover-1.api.example.com", "primary-eu-west-1"],
      ["failover-failover-1-secondary", "failover-1.api.example.com", "secondary-ap-southeast-1"],
      ["failover-primary", "api.example.com", "primary-us-east-1"],
      ["failover-secondary", "api.example.com", "secondary-failover-1"],
    ]);
    expect(records[3].inputs.healthCheckId).toBeUndefined();
    expect(records[3].inputs.aliases).toEqual([
      { name: "failover-1.api.example.com", zoneId: "ZEXAMPLE", evaluateTargetHealth: true },
    ]);
    expect(run.outputs.intermediateNames).toEqual(["failover-1.api.example.com"]);
  });

  it("pass the bounds Route 53 accepts: threshold 1 and 10, interval 10, 1- and 255-character search strings", async () => {
    for (const healthCheck of [
      { failureThreshold: 1 },
      { failureThreshold: 10, requestInterval: 10 },
      { searchString: "x" },
      { searchString: "x".repeat(255) },
      { checkerRegions: ["us-east-1", "eu-west-1", "sa-east-1"] },
    ]) {
      const run = await runWithMocks(buildFailoverDns({ healthCheck }, { alarms: false }));
      expect(regionChecks(run)[0].inputs).toMatchObject(
        "checkerRegions" in healthCheck ? { regions: healthCheck.checkerRegions } : healthCheck,
      );
    }
    const longest = await runWithMocks(
      buildFailoverDns({ recordKind: "cname", ttl: 172_800 }, { alarms: false }),
    );
    expect(ofType(longest, RECORD)[0].inputs.ttl).toBe(172_800);
  });
});

describe("FailoverDns argument checks", () => {
  it("requires opts.provider for the Route 53 resources, before registering anything", async () => {
    const run = runWithMocks(() => new FailoverDns("failover", failoverDnsArgs()));
    await expect(run).rejects.toThrow(ComponentArgsError);
    await expect(run).rejects.toThrow("opts.provider: must be an aws.Provider for the Route 53 resources");
  });

  it.each([
    [
      "an endpoint region outside the aws partition",
      { endpoints: [endpoint("us-east-1"), endpoint("cn-north-1")] },
      'endpoints[1].region: "cn-north-1" is not an AWS region of the aws partition',
    ],
    [
      "threshold 0",
      { healthCheck: { failureThreshold: 0 } },
      "healthCheck.failureThreshold: must be a whole number from 1 to 10, got 0",
    ],
    [
      "an empty search string",
      { healthCheck: { searchString: "" } },
      "healthCheck.searchString: must be 1 to 255 characters",
    ],
    [
      "a checker region named twice",
      { healthCheck: { checkerRegions: ["us-east-1", "us-east-1", "eu-west-1"] } },
      "healthCheck.checkerRegions: must name at least 3 distinct regions of us-east-1, us-west-1, us-west-2, eu-west-1, ap-southeast-1, ap-southeast-2, ap-northeast-1, sa-east-1",
    ],
    [
      "a region Route 53 does not check from",
      { healthCheck: { checkerRegions: ["us-east-1", "eu-west-1", "eu-central-1"] } },
      "healthCheck.checkerRegions: must name at least 3 distinct regions",
    ],
    [
      "a negative TTL",
      { recordKind: "cname", ttl: -1 },
      "ttl: must be a whole number from 0 to 172800, got -1",
    ],
    [
      "a TTL over two days",
      { recordKind: "cname", ttl: 172_801 },
      "ttl: must be a whole number from 0 to 172800, got 172801",
    ],
    [
      "an endpoint list that repeats a region late",
      { endpoints: [endpoint("us-east-1"), endpoint("eu-west-1"), endpoint("eu-west-1")] },
      "endpoints: list a region twice: us-east-1, eu-west-1, eu-west-1",
    ],
  ] as [string, Partial<FailoverDnsArgs>, string][])("rejects %s", async (_label, change, message) => {
    const run = runWithMocks(buildFailoverDns(change, { alarms: false }));
    await expect(run).rejects.toThrow(ComponentArgsError);
    await expect(run).rejects.toThrow(message);
  });
});
