import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as aws from "@pulumi/aws";
import { describe, expect, it } from "vitest";
import { FailoverObservability } from "../../components";
import { runWithMocks } from "../../tools/stack-runner";
import { MINIMAL_CONFIG, ofType, runStack, stackFileConfig } from "../support/stacks";

const GOLDEN = join(__dirname, "golden", "dashboard-prod.json");

interface Widget {
  type: string;
  properties: { region?: string; title?: string; markdown?: string; metrics?: unknown[][] };
}

function dashboardOf(run: Awaited<ReturnType<typeof runStack>>): { widgets: Widget[] } {
  const [dashboard] = ofType(run, "aws:cloudwatch/dashboard:Dashboard");
  expect(dashboard.region).toBe("us-east-1");
  return JSON.parse(String(dashboard.inputs.dashboardBody)) as { widgets: Widget[] };
}

/** Every metric line of every widget, with the widget's region in front. */
function metricLines(body: { widgets: Widget[] }): unknown[][] {
  return body.widgets.flatMap((w) => (w.properties.metrics ?? []).map((m) => [w.properties.region, ...m]));
}

describe("FailoverObservability", () => {
  it("builds prod's dashboard body from the registered resources, as the committed golden body", async () => {
    const body = dashboardOf(await runStack(stackFileConfig("prod"), { stack: "prod" }));
    // UPDATE_GOLDEN=1 rewrites the file; review its diff before committing it.
    if (process.env.UPDATE_GOLDEN === "1") {
      writeFileSync(GOLDEN, `${JSON.stringify(body, null, 2)}\n`);
    }
    expect(body).toEqual(JSON.parse(readFileSync(GOLDEN, "utf8")));
  });

  it("shows every region of three: its health check, API, fleet and users-table replica", async () => {
    const regions = ["us-east-1", "eu-west-1", "ap-southeast-2"];
    const run = await runStack({ ...MINIMAL_CONFIG, regions, drainedRegions: ["eu-west-1"] });
    const body = dashboardOf(run);
    const lines = metricLines(body);
    const healthCheckIds = run.outputs.healthCheckIds as unknown as Record<string, string>;
    const restApis = ofType(run, "aws:apigateway/restApi:RestApi");
    const groups = ofType(run, "aws:autoscaling/group:Group");
    for (const region of regions) {
      expect(lines).toContainEqual([
        "us-east-1",
        "AWS/Route53",
        "HealthCheckStatus",
        "HealthCheckId",
        healthCheckIds[region],
      ]);
      const api = restApis.find((r) => r.region === region);
      for (const metric of ["5XXError", "4XXError", "Latency"]) {
        expect(lines).toContainEqual([
          region,
          "AWS/ApiGateway",
          metric,
          "ApiName",
          api?.outputs.name,
          "Stage",
          "live",
        ]);
      }
      const group = groups.find((g) => g.region === region);
      expect(lines).toContainEqual([
        region,
        "AWS/AutoScaling",
        "GroupInServiceInstances",
        "AutoScalingGroupName",
        group?.outputs.name,
      ]);
    }
    const table = String(ofType(run, "aws:dynamodb/table:Table")[0].inputs.name);
    for (const replica of ["eu-west-1", "ap-southeast-2"]) {
      expect(lines).toContainEqual([
        "us-east-1",
        "AWS/DynamoDB",
        "ReplicationLatency",
        "TableName",
        table,
        "ReceivingRegion",
        replica,
        { label: replica },
      ]);
    }
    const text = body.widgets.find((w) => w.type === "text")?.properties.markdown;
    expect(text).toContain("us-east-1 → eu-west-1 → ap-southeast-2");
    expect(text).toContain("**Drained:** eu-west-1.");
  });

  describe("fleet-wide health alarms, to the alarm topic", () => {
    type Run = Awaited<ReturnType<typeof runStack>>;
    const fleetAlarms = (run: Run) =>
      ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => a.inputs.metricQueries);
    // FailoverDns's topic; each region's RegionalAlarms has its own.
    const topicArn = (run: Run) =>
      ofType(run, "aws:sns/topic:Topic").find((t) => t.name === "failover-alarms")?.outputs.arn;
    /** The expression and the health check each metric of the alarm reads. */
    const mathOf = (alarm: ReturnType<typeof fleetAlarms>[number]) => {
      const queries = alarm.inputs.metricQueries as {
        expression?: string;
        returnData?: boolean;
        metric?: {
          namespace: string;
          metricName: string;
          stat: string;
          dimensions: { HealthCheckId: string };
        };
      }[];
      return {
        expression: queries.find((q) => q.returnData)?.expression,
        checks: queries.flatMap((q) => (q.metric ? [q.metric.dimensions.HealthCheckId] : [])),
        metrics: [
          ...new Set(
            queries.flatMap((q) =>
              q.metric ? [`${q.metric.namespace} ${q.metric.metricName} ${q.metric.stat}`] : [],
            ),
          ),
        ],
      };
    };

    it("prod (2 regions): one alarm when every region is unhealthy, MAX over both health checks", async () => {
      const run = await runStack(stackFileConfig("prod"), { stack: "prod" });
      const ids = run.outputs.healthCheckIds as unknown as Record<string, string>;
      const [alarm, ...more] = fleetAlarms(run);
      expect(more).toEqual([]);
      expect(alarm.name).toBe("multi-region-api-prod-every-region-unhealthy");
      expect(alarm.region).toBe("us-east-1");
      expect(mathOf(alarm)).toEqual({
        expression: "MAX([m0, m1])",
        checks: [ids["us-east-1"], ids["eu-west-1"]],
        metrics: ["AWS/Route53 HealthCheckStatus Minimum"],
      });
      expect(alarm.inputs).toMatchObject({
        threshold: 1,
        comparisonOperator: "LessThanThreshold",
        treatMissingData: "breaching",
        alarmActions: [topicArn(run)],
        okActions: [topicArn(run)],
      });
    });

    it("3 regions: also one when at most one is left, SUM over every health check below 2", async () => {
      const regions = ["us-east-1", "eu-west-1", "ap-southeast-2"];
      const run = await runStack({ ...MINIMAL_CONFIG, regions });
      const ids = run.outputs.healthCheckIds as unknown as Record<string, string>;
      const byName = Object.fromEntries(
        fleetAlarms(run).map((a) => [String(a.name).split("-").slice(-3).join("-"), a]),
      );
      expect(Object.keys(byName).sort()).toEqual(["every-region-unhealthy", "one-region-left"]);
      const every = regions.map((r) => ids[r]);
      expect(mathOf(byName["every-region-unhealthy"])).toMatchObject({
        expression: "MAX([m0, m1, m2])",
        checks: every,
      });
      expect(mathOf(byName["one-region-left"])).toMatchObject({
        expression: "SUM([m0, m1, m2])",
        checks: every,
      });
      expect(byName["one-region-left"].inputs).toMatchObject({
        threshold: 2,
        comparisonOperator: "LessThanThreshold",
      });
    });

    it("leaves a drained region out of both: its records answer only when none in service is healthy", async () => {
      const regions = ["us-east-1", "eu-west-1", "ap-southeast-2"];
      const run = await runStack({ ...MINIMAL_CONFIG, regions, drainedRegions: ["eu-west-1"] });
      const ids = run.outputs.healthCheckIds as unknown as Record<string, string>;
      const alarms = fleetAlarms(run);
      const inService = [ids["us-east-1"], ids["ap-southeast-2"]];
      const metrics = ["AWS/Route53 HealthCheckStatus Minimum"];
      // A drain changes what the alarms read, not which alarms exist.
      expect(alarms.map((a) => mathOf(a))).toEqual([
        { expression: "MAX([m0, m1])", checks: inService, metrics },
        { expression: "SUM([m0, m1])", checks: inService, metrics },
      ]);
    });
  });

  it("refuses fleet-wide alarms over more than 10 regions in service, naming alarmTopicArn", async () => {
    const names = ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-west-2", "eu-west-3"];
    const more = ["eu-central-1", "eu-north-1", "ap-southeast-1", "ap-southeast-2"];
    const region = (name: string) => ({ region: name, healthCheckId: "h", apiName: "a", stageName: "s" });
    const observe = (drainedRegions: string[]) =>
      runWithMocks(() => {
        const provider = new aws.Provider("us-east-1", { region: "us-east-1" });
        new FailoverObservability(
          "obs",
          {
            regions: [...names, ...more].map(region),
            drainedRegions,
            alarmTopicArn: "arn:aws:sns:us-east-1:1:t",
          },
          { provider },
        );
      });
    await expect(observe([])).rejects.toThrow(
      "alarmTopicArn: the fleet-wide alarms' metric math takes at most 10 regions in service, got 11",
    );
    await expect(observe(["eu-west-3"])).resolves.toBeDefined();
  });

  it("refuses a drained region that is not one of its regions, naming drainedRegions, before registering", async () => {
    const run = runWithMocks(() => {
      const provider = new aws.Provider("us-east-1", { region: "us-east-1" });
      const region = (name: string) => ({ region: name, healthCheckId: "h", apiName: "a", stageName: "s" });
      return new FailoverObservability(
        "obs",
        { regions: [region("us-east-1"), region("eu-west-1")], drainedRegions: ["eu-west-2"] },
        { provider },
      );
    });
    await expect(run).rejects.toThrow(
      'drainedRegions: "eu-west-2" is not one of the regions; allowed: us-east-1, eu-west-1',
    );
  });
});
