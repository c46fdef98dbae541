// The regional backend as an Auto Scaling group (issue 11): what prod registers, and what a change of the
// app bundle, of the health path and of the regions' order does to it, compared run against run.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { HEALTH_PATH, LIVENESS_PATH } from "@multi-region-api/model/contracts/backend";
import { UserDataTooLargeError } from "../../components/regional/user-data";
import { FLEET_SETTINGS } from "../../components/regional/app-fleet";
import { parseStackConfig } from "../../config";
import { createStack } from "../../stack";
import type { EngineRegistration } from "../../tools/aws-mocks/engine-recorder";
import { runStackProgram, type StackProgramRun } from "../../tools/stack-runner";
import { stackFileConfig } from "../support/stacks";

type Inputs = Record<string, unknown>;

/** What is appended to the real app bundle: a test changes it to ship "a new version of the app". */
const bundleChange = vi.hoisted(() => ({ suffix: "" }));
vi.mock("../../components/regional/user-data", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../components/regional/user-data")>();
  return {
    ...real,
    renderUserData: (options: Parameters<typeof real.renderUserData>[0]) =>
      real.renderUserDataForBundle(options, real.bundleApp() + bundleChange.suffix),
  };
});

const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const GROUP = "aws:autoscaling/group:Group";
const SCALING_POLICY = "aws:autoscaling/policy:Policy";
const TABLE = "aws:dynamodb/table:Table";

/** Runs the program for a raw stack config inside the stack resource, recording the engine's view. */
async function engineRun(raw: Record<string, unknown>): Promise<StackProgramRun> {
  const config = parseStackConfig(raw);
  const run = await runStackProgram(() => createStack(config), { stack: "prod" });
  expect(run.rejections.map((r) => r.message)).toEqual([]);
  if (run.failure !== undefined) {
    throw run.failure;
  }
  return run;
}

const ofType = (run: StackProgramRun, type: string) => run.registrations.filter((r) => r.type === type);
const regionOf = (registration: EngineRegistration) =>
  /pulumi:providers:aws::([a-z0-9-]+)::/.exec(registration.providerRef ?? "")?.[1];
const byUrn = (run: StackProgramRun) => new Map(run.registrations.map((r) => [r.urn, r]));

describe("prod's regional backend", () => {
  let run: StackProgramRun;
  beforeAll(async () => {
    bundleChange.suffix = "";
    run = await engineRun(stackFileConfig("prod"));
  });

  it("registers one launch template and one Auto Scaling group per region, and no bare instance", () => {
    expect(ofType(run, "aws:ec2/instance:Instance")).toEqual([]);
    expect(ofType(run, LAUNCH_TEMPLATE).map(regionOf)).toEqual(["us-east-1", "eu-west-1"]);
    expect(ofType(run, GROUP).map(regionOf)).toEqual(["us-east-1", "eu-west-1"]);
  });

  it("runs the AL2023 AMI SSM names for the architecture when the program runs, and keeps it after that", () => {
    const templates = ofType(run, LAUNCH_TEMPLATE);
    // The plan shows a concrete AMI of the template's own region (no resolve:ssm: at launch), and later
    // runs keep it: only a pinned backend.amiIds entry changes it.
    expect(new Set(templates.map((t) => t.inputs.imageId)).size).toBe(templates.length);
    for (const template of templates) {
      expect(template.inputs.imageId).toMatch(/^ami-[0-9a-f]{17}$/);
      expect(template.options.ignoreChanges).toEqual(["imageId"]);
      expect(template.inputs).toMatchObject({
        metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
        monitoring: { enabled: true },
        blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", volumeType: "gp3" } }],
      });
      expect((template.inputs.iamInstanceProfile as Inputs).arn).toMatch(/:instance-profile\//);
      expect(template.inputs.vpcSecurityGroupIds).toHaveLength(1);
    }
  });

  it("keeps 2 instances on the private subnets behind the NLB, healed by its health check, scaling to 4", () => {
    for (const group of ofType(run, GROUP)) {
      expect(group.inputs).toMatchObject({
        minSize: 2,
        desiredCapacity: 2,
        maxSize: 4,
        healthCheckType: "ELB",
        healthCheckGracePeriod: FLEET_SETTINGS.healthCheckGracePeriodSeconds,
      });
      // Scaling owns the desired size once the group exists (a refreshed up must not undo a scale-out).
      expect(group.options.ignoreChanges).toEqual(["desiredCapacity"]);
      // awsx's VPC answers with two private subnets (one per zone) in the mocks.
      expect(group.inputs.vpcZoneIdentifiers).toHaveLength(2);
      const [targetGroupArn] = group.inputs.targetGroupArns as string[];
      expect(targetGroupArn).toMatch(new RegExp(`^arn:aws:lb:${regionOf(group)}:`));
    }
    // First boot tries dnf 6 times 10 s apart: the grace period must outlast that with room.
    expect(FLEET_SETTINGS.healthCheckGracePeriodSeconds).toBeGreaterThanOrEqual(300);
  });

  it("heals on the shallow liveness route and leaves the deep route to Route 53", () => {
    // ELB health makes Auto Scaling replace what the target group finds unhealthy: the target group must
    // not ask the deep route, or a store outage would terminate every instance in the region.
    const targetGroups = ofType(run, "aws:lb/targetGroup:TargetGroup");
    expect(targetGroups).toHaveLength(2);
    for (const targetGroup of targetGroups) {
      expect(targetGroup.inputs.healthCheck).toMatchObject({ protocol: "HTTP", path: LIVENESS_PATH });
    }
    const checks = ofType(run, "aws:route53/healthCheck:HealthCheck").filter((c) => c.inputs.resourcePath);
    expect(checks.length).toBeGreaterThan(0);
    for (const check of checks) expect(check.inputs.resourcePath).toBe(HEALTH_PATH);
  });

  it("rolls a new template out with a Rolling refresh that keeps every instance serving (100-150 %)", () => {
    for (const group of ofType(run, GROUP)) {
      const refresh = group.inputs.instanceRefresh as Inputs;
      expect(refresh).toMatchObject({
        strategy: "Rolling",
        preferences: { minHealthyPercentage: 100, maxHealthyPercentage: 150 },
      });
      // The template's own version number, never "$Latest" (which starts no refresh).
      const template = ofType(run, LAUNCH_TEMPLATE).find((t) => regionOf(t) === regionOf(group))!;
      expect(group.inputs.launchTemplate).toEqual({ id: template.id, version: "1" });
      expect(group.propertyDependencies.launchTemplate).toContain(template.urn);
    }
  });

  it("tracks 50 % average CPU with one target-tracking policy per group", () => {
    const groups = ofType(run, GROUP);
    const policies = ofType(run, SCALING_POLICY);
    expect(policies.map((p) => p.inputs.autoscalingGroupName).sort()).toEqual(
      groups.map((g) => g.outputs.name).sort(),
    );
    for (const policy of policies) {
      expect(policy.inputs).toMatchObject({
        policyType: "TargetTrackingScaling",
        targetTrackingConfiguration: {
          predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
          targetValue: 50,
        },
      });
    }
  });

  it("creates each group only after its region's DynamoDB and S3 gateway endpoints", () => {
    for (const group of ofType(run, GROUP)) {
      const endpoints = ofType(run, "aws:ec2/vpcEndpoint:VpcEndpoint").filter(
        (e) => regionOf(e) === regionOf(group),
      );
      expect(endpoints.map((e) => String(e.inputs.serviceName).split(".").at(-1)).sort()).toEqual([
        "dynamodb",
        "s3",
      ]);
      expect(group.dependencies).toEqual(expect.arrayContaining(endpoints.map((e) => e.urn)));
    }
  });

  it("turns cross-zone load balancing on for every NLB", () => {
    const nlbs = ofType(run, "aws:lb/loadBalancer:LoadBalancer");
    expect(nlbs).toHaveLength(2);
    for (const nlb of nlbs) {
      expect(nlb.inputs.enableCrossZoneLoadBalancing).toBe(true);
    }
  });
});

describe("a day-2 change of the app bundle", () => {
  it("changes only the launch templates' user data: same resources, same names, nothing else differs", async () => {
    bundleChange.suffix = "";
    const before = await engineRun(stackFileConfig("prod"));
    bundleChange.suffix = "\n// the app, version 2\n";
    const after = await engineRun(stackFileConfig("prod"));
    bundleChange.suffix = "";

    const old = byUrn(before);
    expect([...byUrn(after).keys()]).toEqual([...old.keys()]);
    const changed = after.registrations.filter(
      (r) => JSON.stringify(r.inputs) !== JSON.stringify(old.get(r.urn)!.inputs),
    );
    expect(changed.map((r) => r.type)).toEqual([LAUNCH_TEMPLATE, LAUNCH_TEMPLATE]);
    for (const template of changed) {
      const { userData, ...rest } = template.inputs;
      const { userData: oldUserData, ...oldRest } = old.get(template.urn)!.inputs;
      expect(rest).toEqual(oldRest);
      expect(Buffer.from(String(userData), "base64").toString()).not.toEqual(
        Buffer.from(String(oldUserData), "base64").toString(),
      );
    }
    // Same provider, same options: an update of the template (a new version, which the group follows by
    // number and rolls out with its refresh), never a replacement of the group or its instances.
    for (const registration of after.registrations) {
      expect(registration.providerRef).toBe(old.get(registration.urn)!.providerRef);
      expect(registration.options).toEqual(old.get(registration.urn)!.options);
    }
  });

  it("still refuses user data over EC2's 16 KB before registering the template", async () => {
    // Random bytes do not compress: this bundle cannot fit.
    bundleChange.suffix = `/*${randomBytes(16_384).toString("hex")}*/`;
    try {
      const config = parseStackConfig(stackFileConfig("prod"));
      const run = await runStackProgram(() => createStack(config), { stack: "prod" });
      expect(run.failure).toBeInstanceOf(UserDataTooLargeError);
      expect(run.registrations.filter((r) => r.type === LAUNCH_TEMPLATE)).toEqual([]);
    } finally {
      bundleChange.suffix = "";
    }
  });
});

describe("healthCheck.path other than the app's own route", () => {
  it("serves /status on the API and proxies it to the app's /health, which Route 53 then checks", async () => {
    const run = await engineRun({ ...stackFileConfig("prod"), healthCheck: { path: "/status" } });
    const statusResources = ofType(run, "aws:apigateway/resource:Resource").filter(
      (r) => r.inputs.pathPart === "status",
    );
    expect(statusResources).toHaveLength(2);
    const integrations = ofType(run, "aws:apigateway/integration:Integration");
    for (const resource of statusResources) {
      const integration = integrations.find((i) => i.inputs.resourceId === resource.id)!;
      expect(integration.inputs.uri).toMatch(
        new RegExp(`^http://[^/]+\\.elb\\.[a-z0-9-]+\\.amazonaws\\.com${HEALTH_PATH}$`),
      );
    }
    expect(integrations.map((i) => String(i.inputs.uri)).filter((uri) => uri.endsWith("/status"))).toEqual(
      [],
    );
    for (const check of ofType(run, "aws:route53/healthCheck:HealthCheck")) {
      expect(check.inputs.resourcePath).toBe("/status");
    }
  });

  it("proxies the checked path as it is to an existing backend, which owns its own routes", async () => {
    const run = await engineRun({
      ...stackFileConfig("prod"),
      backend: { url: "https://backend.example.net" },
      healthCheck: { path: "/status" },
    });
    const uris = ofType(run, "aws:apigateway/integration:Integration").map((i) => i.inputs.uri);
    expect(uris.filter((uri) => String(uri).endsWith("/status"))).toEqual([
      "https://backend.example.net/status",
      "https://backend.example.net/status",
    ]);
  });
});

describe("backend.homeRegion keeps the users table in place", () => {
  const prod = () => stackFileConfig("prod");
  const reversed = () => ({ ...prod(), regions: [...(prod().regions as string[])].reverse() });
  const tableOf = (run: StackProgramRun) => {
    const [table] = ofType(run, TABLE);
    return { urn: table.urn, provider: table.providerRef, inputs: table.inputs };
  };

  it("prod and prod with its regions reversed register the same table, on the same provider, with the same inputs", async () => {
    const before = tableOf(await engineRun(prod()));
    const after = tableOf(await engineRun(reversed()));
    expect(after).toEqual(before);
    expect(before.provider).toMatch(/pulumi:providers:aws::us-east-1::/);
  });

  it("with three regions, every order gives the same table (its replicas are a set, sorted)", async () => {
    const three = ["us-east-1", "eu-west-1", "ap-southeast-2"];
    // One run at a time: the mocks are the runtime's, global to the process.
    const tables = [];
    for (const regions of [three, [...three].reverse(), ["eu-west-1", "us-east-1", "ap-southeast-2"]]) {
      tables.push(tableOf(await engineRun({ ...prod(), regions })));
    }
    expect(tables[1]).toEqual(tables[0]);
    expect(tables[2]).toEqual(tables[0]);
  });

  it("puts the table on the provider of the home region it names, with a replica in every other region", async () => {
    const run = await engineRun({
      ...prod(),
      regions: ["us-east-1", "eu-west-1", "ap-southeast-2"],
      backend: { ...(prod().backend as Inputs), homeRegion: "eu-west-1" },
    });
    const table = tableOf(run);
    expect(table.provider).toMatch(/pulumi:providers:aws::eu-west-1::/);
    expect((table.inputs.replicas as Inputs[]).map((r) => r.regionName)).toEqual([
      "ap-southeast-2",
      "us-east-1",
    ]);
  });

  it("without homeRegion, the first region owns the table (so set it before reordering regions)", async () => {
    const { homeRegion: _, ...backend } = prod().backend as Inputs;
    const run = await engineRun({ ...reversed(), backend });
    expect(tableOf(run).provider).toMatch(/pulumi:providers:aws::eu-west-1::/);
  });
});

describe("manageApiGatewayAccount", () => {
  const accountsOf = (run: StackProgramRun) => ofType(run, "aws:apigateway/account:Account");
  const loggingRolesOf = (run: StackProgramRun) =>
    ofType(run, "aws:iam/role:Role").filter((r) => String(r.inputs.assumeRolePolicy).includes("apigateway"));

  it("false: no API Gateway account setting and no logging role; stages wait for nothing of the kind", async () => {
    const run = await engineRun({ ...stackFileConfig("prod"), manageApiGatewayAccount: false });
    expect(accountsOf(run)).toEqual([]);
    expect(loggingRolesOf(run)).toEqual([]);
    for (const stage of ofType(run, "aws:apigateway/stage:Stage")) {
      expect(stage.inputs.accessLogSettings).toBeDefined();
    }
  });

  it("true (default): one setting per region naming that region's role, and deleted before the role", async () => {
    const { manageApiGatewayAccount: _, ...raw } = stackFileConfig("prod");
    const run = await engineRun(raw);
    const accounts = accountsOf(run);
    expect(accounts.map(regionOf)).toEqual(["us-east-1", "eu-west-1"]);
    for (const account of accounts) {
      const role = loggingRolesOf(run).find((r) => regionOf(r) === regionOf(account))!;
      expect(account.inputs.cloudwatchRoleArn).toBe(role.outputs.arn);
      // The engine deletes dependents first: the Account (whose delete resets the setting) before its role.
      expect(account.dependencies).toContain(role.urn);
      expect(account.options.protect).toBe(false);
    }
    for (const stage of ofType(run, "aws:apigateway/stage:Stage")) {
      const account = accounts.find((a) => regionOf(a) === regionOf(stage))!;
      expect(stage.dependencies).toContain(account.urn);
    }
  });
});
