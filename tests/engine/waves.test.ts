/**
 * `npm run deploy`'s waves on the real engine: the waves stacks (Pulumi.waves*.yaml) deployed as parts on the
 * file backend with the stand-in providers, through the Automation API. AWS's gate APIs are faked (the
 * stand-ins serve resources, not Auto Scaling's or CloudWatch's read APIs): the second wave's instance
 * refresh fails, and that stack's state must show the rollback while the global stack is left untouched.
 */
import { AutoScalingClient, DescribeInstanceRefreshesCommand } from "@aws-sdk/client-auto-scaling";
import { CloudWatchClient, DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import { GetHealthCheckStatusCommand, Route53Client } from "@aws-sdk/client-route-53";
import { appendFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { mockClient } from "aws-sdk-client-mock";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfigTexts } from "../../config";
import { Route53Api } from "../../tools/ops-kit/route53";
import { runDeployment, type DeployDeps, type DeployReport } from "../../tools/deploy/orchestrator";
import { planDeployment } from "../../tools/deploy/plan";
import { writeReleaseConfig } from "../../tools/deploy/release";
import { automationStacks } from "../../tools/deploy/stacks";
import { readProjectConfig } from "../../tools/preview/project-config";
import { FakeClock } from "../drill/fake-world";
import { EngineProject, POLICY_PACK, ROOT, expectSuccess } from "./engine";

const project = new EngineProject("waves");
const PASSED = "b".repeat(40);
const NEXT = "c".repeat(40);
const STACKS = ["waves-us-east-1", "waves-eu-west-1", "waves"];
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";

interface StateResource {
  urn: string;
  id?: string;
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}
const state = (stack: string) => project.exportResources(stack) as unknown as StateResource[];
/** Each launch template's URN and user data, which carries the app bundle. */
const templatesIn = (resources: StateResource[]) =>
  resources.filter((r) => r.type === LAUNCH_TEMPLATE).map((r) => [r.urn, r.inputs?.userData]);

const autoScaling = mockClient(AutoScalingClient);
const cloudWatch = mockClient(CloudWatchClient);
const route53 = mockClient(Route53Client);

function deps(workDir: string, commit: string, checkouts: string[], previousDir: string): DeployDeps {
  return {
    stacks: automationStacks(project.dir),
    workDir,
    commit,
    checkout: (target) => {
      checkouts.push(target);
      return Promise.resolve({ workDir: previousDir, remove: () => Promise.resolve() });
    },
    releaseConfig: writeReleaseConfig,
    clientsFor: (region) => ({
      autoScaling: new AutoScalingClient({ region }),
      cloudWatch: new CloudWatchClient({ region }),
    }),
    route53: new Route53Api(new Route53Client({ region: "us-east-1" })),
    clock: new FakeClock(),
    print: () => undefined,
  };
}

const stackConfig = (stack: string) =>
  (
    parse(readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8")) as {
      config: Record<string, unknown>;
    }
  ).config;

let before: Record<string, StateResource[]> = {};
let report: DeployReport;
const checkouts: string[] = [];

describe("npm run deploy in waves on the real engine", () => {
  beforeAll(async () => {
    process.env.STAND_IN_ACCOUNT_FILE = project.account;
    for (const stack of STACKS)
      project.stack(stack, { ...stackConfig(stack), "multi-region-api:deploy": { bakeMinutes: 0 } });
    // The next release: the same stacks, with a new app bundle (so every launch template changes).
    const nextDir = project.variant("next", (dir) => {
      appendFileSync(path.join(dir, "backend", "server.ts"), '\nexport const engineTestRelease = "2";\n');
    });
    autoScaling.on(DescribeInstanceRefreshesCommand).callsFake((input: { AutoScalingGroupName: string }) => ({
      InstanceRefreshes: [
        {
          InstanceRefreshId: "ir-1",
          Status: input.AutoScalingGroupName.includes("eu-west-1") ? "Failed" : "Successful",
          StartTime: new Date(0),
        },
      ],
    }));
    route53.on(GetHealthCheckStatusCommand).resolves({
      HealthCheckObservations: [{ StatusReport: { Status: "Success: HTTP Status Code 200, OK" } }],
    });
    cloudWatch.on(DescribeAlarmsCommand).callsFake((input: { AlarmNames: string[] }) => ({
      MetricAlarms: input.AlarmNames.map((AlarmName) => ({ AlarmName, StateValue: "OK" })),
    }));

    // The release every stack passed before: each part deployed from the project with its record.
    const stacks = automationStacks(project.dir);
    for (const stack of STACKS) {
      const configFile = writeReleaseConfig(project.dir, stack, { commit: PASSED, passed: PASSED });
      await stacks.up(stack, { workDir: project.dir, configFile, print: () => undefined });
    }
    before = Object.fromEntries(STACKS.map((stack) => [stack, state(stack)]));

    const config = parseConfigTexts(readProjectConfig(project.dir, "waves").config);
    report = await runDeployment(
      planDeployment(config, "waves"),
      { rollback: true },
      deps(nextDir, NEXT, checkouts, project.dir),
    );
  });
  afterAll(() => {
    autoScaling.restore();
    cloudWatch.restore();
    route53.restore();
  });

  it("the parts deployed on the engine: the global part read both regions through StackReferences", () => {
    const global = before.waves;
    const references = global.filter((r) => r.type === "pulumi:pulumi:StackReference").map((r) => r.id);
    expect(references.sort()).toEqual([
      "organization/multi-region-api/waves-eu-west-1",
      "organization/multi-region-api/waves-us-east-1",
    ]);
    expect(global.filter((r) => r.type === "aws:route53/record:Record").length).toBeGreaterThan(0);
    // The global part configures the us-east-1 provider alone.
    expect(global.filter((r) => r.type === "pulumi:providers:aws").map((r) => r.inputs?.region)).toEqual([
      "us-east-1",
    ]);
    expect(before["waves-eu-west-1"].filter((r) => r.type.startsWith("aws:route53/healthCheck"))).toEqual([]);
  });

  it("the second wave's failed refresh stops the release and names the gate and the region", () => {
    expect(report.passed).toBe(false);
    expect(report.failure).toMatchObject({ gate: "instance refresh", region: "eu-west-1" });
    expect(report.skipped).toEqual(["waves"]);
    expect(checkouts).toEqual([PASSED]);
  });

  it("the first wave keeps the new release, recorded as passed", async () => {
    expect((await automationStacks(project.dir).outputs("waves-us-east-1")).release).toEqual({
      commit: NEXT,
      passed: NEXT,
    });
    const now = templatesIn(state("waves-us-east-1"));
    expect(now.map(([urn]) => urn)).toEqual(templatesIn(before["waves-us-east-1"]).map(([urn]) => urn));
    expect(now).not.toEqual(templatesIn(before["waves-us-east-1"]));
  });

  it("the failed region's state shows the rollback: its launch template and record are the passed release's", async () => {
    expect((await automationStacks(project.dir).outputs("waves-eu-west-1")).release).toEqual({
      commit: PASSED,
      passed: PASSED,
    });
    const after = state("waves-eu-west-1");
    expect(templatesIn(after).length).toBeGreaterThan(0);
    expect(templatesIn(after)).toEqual(templatesIn(before["waves-eu-west-1"]));
    // The state lists resources in the order the last update wrote them, so compare them sorted.
    const ids = (resources: StateResource[]) => resources.map((r) => `${r.urn} ${r.id ?? ""}`).sort();
    expect(ids(after)).toEqual(ids(before["waves-eu-west-1"]));
    // The new release did reach the stack before it was rolled back: its update and the rollback's.
    const history = project.pulumi(["stack", "history", "--json", "--stack", "waves-eu-west-1"]);
    const updates = JSON.parse(history.output.slice(history.output.indexOf("["))) as { kind: string }[];
    expect(updates.filter((u) => u.kind === "update")).toHaveLength(3);
  });

  it("the global stack, a later wave, is untouched", () => {
    expect(state("waves")).toEqual(before.waves);
  });

  it("a drain is an up of the global stack alone: the regions' states stay, only Route 53 and alarms change", () => {
    const regional = ["waves-us-east-1", "waves-eu-west-1"];
    const regionalBefore = regional.map((stack) => JSON.stringify(state(stack)));
    const globalBefore = state("waves");
    project.stack("waves", {
      ...stackConfig("waves"),
      "multi-region-api:deploy": { bakeMinutes: 0 },
      "multi-region-api:drainedRegions": ["eu-west-1"],
    });
    expectSuccess(
      project.pulumi(["up", "--yes", "--skip-preview", "--stack", "waves", "--policy-pack", POLICY_PACK]),
      "pulumi up of the global stack",
    );
    expect(regional.map((stack) => JSON.stringify(state(stack)))).toEqual(regionalBefore);
    const old = new Map(globalBefore.map((r) => [r.urn, JSON.stringify(r.inputs)]));
    const changedTypes = new Set(
      state("waves")
        .filter((r) => old.get(r.urn) !== JSON.stringify(r.inputs))
        .map((r) => r.type),
    );
    expect(changedTypes.size).toBeGreaterThan(0);
    const allowed = [
      "aws:route53/healthCheck:HealthCheck",
      "aws:route53/record:Record",
      "aws:cloudwatch/metricAlarm:MetricAlarm",
      "aws:cloudwatch/dashboard:Dashboard",
    ];
    expect([...changedTypes].filter((type) => !allowed.includes(type))).toEqual([]);
  });
});
