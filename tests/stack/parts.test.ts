/**
 * Parts (README "Parts"): a stack per region and a global stack, from the same program. The split keeps
 * every resource of `part: all` in exactly one part, with the same inputs and provider region; a drain
 * changes the global part alone; the global part refuses a regional stack that is missing or was deployed
 * from other shared settings, before it registers anything.
 */
import { describe, expect, it } from "vitest";
import { parseStackConfig } from "../../config";
import { createProgram, sharedSettingsDigest } from "../../parts";
import type { MockRegistration } from "../../tools/aws-mocks";
import { runStackProgram } from "../../tools/stack-runner";
import {
  GLOBAL_STACK,
  regionalOutputs,
  resourceKey,
  runPart,
  runSplit,
  type PartRun,
} from "../support/parts";
import { stackFileConfig } from "../support/stacks";

const PROD = stackFileConfig("prod");
const THREE_REGIONS = { ...PROD, regions: ["us-east-1", "eu-west-1", "ap-southeast-2"] };
const SHAPES: [string, Record<string, unknown>][] = [
  ["prod", PROD],
  ["three regions", THREE_REGIONS],
  ["latency routing", { ...THREE_REGIONS, routing: "latency" }],
  ["IPv6", { ...PROD, dns: { recordKind: "alias", ipv6: true } }],
];

/**
 * In every regional part by design: the provider (configuration, not a resource in AWS), and the one ACM
 * validation record with its component, which each region writes (UPSERT) and keeps when its stack is
 * deleted, since every region's certificate renews against it. The global part adds its StackReferences.
 */
const PER_PART = new Set([
  "pulumi:providers:aws",
  "pulumi:pulumi:StackReference",
  "multiregion:index:Certificates::certificates",
  "aws:route53/record:Record::certificates-validation",
]);
const perPart = (r: MockRegistration) => PER_PART.has(r.type) || PER_PART.has(resourceKey(r));

/** What a resource must keep across the split: its inputs and the region of its provider. */
const kept = (r: MockRegistration) => ({ inputs: r.inputs, region: r.region });

function byKey(registrations: readonly MockRegistration[]): Map<string, MockRegistration[]> {
  const map = new Map<string, MockRegistration[]>();
  for (const r of registrations) map.set(resourceKey(r), [...(map.get(resourceKey(r)) ?? []), r]);
  return map;
}

describe("parts: nothing lost in the split", () => {
  for (const [shape, raw] of SHAPES) {
    it(`${shape}: every resource of part all is in exactly one part, with the same inputs and region`, async () => {
      const whole = await runPart(raw, "all");
      const { regional, global } = await runSplit(raw);
      const parts = [...regional, global];
      const wholeByKey = byKey(whole.registrations.filter((r) => !perPart(r)));

      for (const [key, [resource]] of wholeByKey) {
        const holders = parts.filter((part) => byKey(part.registrations).has(key));
        expect(
          holders.map((p) => p.part),
          key,
        ).toHaveLength(1);
        const [found] = byKey(holders[0].registrations).get(key)!;
        expect(kept(found), key).toEqual(kept(resource));
      }
      const extra = parts.flatMap((part) =>
        part.registrations.filter((r) => !perPart(r) && !wholeByKey.has(resourceKey(r))).map(resourceKey),
      );
      expect(extra).toEqual([]);
    });
  }

  it("each regional part writes the shared validation record with UPSERT and keeps it on delete", async () => {
    const run = await runPart(PROD, "eu-west-1");
    const [record] = run.registrations.filter(
      (r) => resourceKey(r) === "aws:route53/record:Record::certificates-validation",
    );
    expect(record.inputs.allowOverwrite).toBe(true);
    const whole = await runPart(PROD, "all");
    const [wholeRecord] = whole.registrations.filter(
      (r) => resourceKey(r) === "aws:route53/record:Record::certificates-validation",
    );
    expect(wholeRecord.inputs.allowOverwrite).toBeUndefined();
  });

  it("the users table lives in its home region's part only, with the replicas of every other region", async () => {
    const { regional } = await runSplit(THREE_REGIONS);
    const tables = regional.flatMap((part) =>
      part.registrations
        .filter((r) => r.type === "aws:dynamodb/table:Table")
        .map((r) => ({ part: part.part, r })),
    );
    expect(tables.map((t) => t.part)).toEqual(["us-east-1"]);
    expect((tables[0].r.inputs.replicas as { regionName: string }[]).map((x) => x.regionName)).toEqual([
      "ap-southeast-2",
      "eu-west-1",
    ]);
  });
});

describe("parts: a drain is global only", () => {
  const drained = { ...THREE_REGIONS, drainedRegions: ["eu-west-1"] };

  it("draining changes no regional part", async () => {
    for (const region of ["us-east-1", "eu-west-1", "ap-southeast-2"]) {
      const before = await runPart(THREE_REGIONS, region);
      const after = await runPart(drained, region);
      expect(after.registrations.map((r) => [resourceKey(r), kept(r)])).toEqual(
        before.registrations.map((r) => [resourceKey(r), kept(r)]),
      );
      expect(after.outputs.settingsDigest).toBe(before.outputs.settingsDigest);
    }
  });

  it("in the global part, a drain changes only Route 53 health checks and records and CloudWatch alarms and the dashboard", async () => {
    const { regional } = await runSplit(THREE_REGIONS);
    const stacks = regionalOutputs(regional);
    const before = byKey((await runPart(THREE_REGIONS, "global", stacks)).registrations);
    const after = byKey((await runPart(drained, "global", stacks)).registrations);
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter(
      (key) => JSON.stringify(before.get(key)?.map(kept)) !== JSON.stringify(after.get(key)?.map(kept)),
    );
    expect(changed.length).toBeGreaterThan(0);
    const types = [...new Set(changed.map((key) => key.split("::")[0]))].sort();
    expect(types).toEqual(
      [
        "aws:cloudwatch/dashboard:Dashboard",
        "aws:cloudwatch/metricAlarm:MetricAlarm",
        "aws:route53/healthCheck:HealthCheck",
        "aws:route53/record:Record",
      ].filter((t) => types.includes(t)),
    );
    expect(types).toContain("aws:route53/healthCheck:HealthCheck");
  });

  it("the global part configures only the us-east-1 provider and runs invokes only there", async () => {
    const { regional } = await runSplit(THREE_REGIONS);
    const global = await runPart(drained, "global", regionalOutputs(regional));
    const providers = global.registrations.filter((r) => r.type === "pulumi:providers:aws");
    expect(providers.map((p) => p.inputs.region)).toEqual(["us-east-1"]);
    expect(
      new Set(global.registrations.filter((r) => r.custom && r.type.startsWith("aws:")).map((r) => r.region)),
    ).toEqual(new Set(["us-east-1"]));
    expect(global.invokes.length).toBeGreaterThan(0);
    expect(global.invokes.filter((call) => call.region !== "us-east-1")).toEqual([]);
  });

  it("a regional part configures only its own region's provider and runs invokes only there", async () => {
    const run = await runPart(THREE_REGIONS, "ap-southeast-2");
    expect(
      run.registrations.filter((r) => r.type === "pulumi:providers:aws").map((p) => p.inputs.region),
    ).toEqual(["ap-southeast-2"]);
    expect(run.invokes.filter((call) => call.region !== "ap-southeast-2")).toEqual([]);
  });
});

describe("parts: the global part refuses what it cannot wire", () => {
  async function globalRun(stackOutputs: Record<string, Record<string, unknown>>) {
    const config = parseStackConfig({ ...PROD, part: "global" });
    return runStackProgram(() => createProgram(config), { stack: GLOBAL_STACK, stackOutputs });
  }

  async function deployedRegions(
    raw: Record<string, unknown>,
  ): Promise<Record<string, Record<string, unknown>>> {
    const regional: PartRun[] = [];
    for (const region of ["us-east-1", "eu-west-1"]) regional.push(await runPart(raw, region));
    return regionalOutputs(regional);
  }

  const awsResources = (run: { registrations: readonly { type: string }[] }) =>
    run.registrations.filter((r) => r.type.startsWith("aws:") || r.type === "pulumi:providers:aws");

  it("a region deployed from other shared settings: named, with the key, before any resource", async () => {
    const stacks = await deployedRegions(PROD);
    const other = await runPart(
      { ...PROD, healthCheck: { ...(PROD.healthCheck as object), path: "/ready" } },
      "eu-west-1",
    );
    const key = "organization/multi-region-api/prod-eu-west-1";
    const run = await globalRun({ ...stacks, [key]: other.outputs });
    expect(String(run.failure)).toContain(
      "multi-region-api:regionalStacks.eu-west-1: the stack organization/multi-region-api/prod-eu-west-1 was deployed from other shared settings",
    );
    expect(awsResources(run)).toEqual([]);
  });

  it("a regional stack with no regional part (never deployed, or destroyed): named, before any resource", async () => {
    const stacks = await deployedRegions(PROD);
    const run = await globalRun({ ...stacks, "organization/multi-region-api/prod-us-east-1": {} });
    expect(String(run.failure)).toContain(
      "multi-region-api:regionalStacks.us-east-1: the stack organization/multi-region-api/prod-us-east-1 has no regional part of us-east-1",
    );
    expect(awsResources(run)).toEqual([]);
  });

  it("a regional stack that does not exist fails the read, naming the stack", async () => {
    const stacks = await deployedRegions(PROD);
    delete stacks["organization/multi-region-api/prod-eu-west-1"];
    const run = await globalRun(stacks);
    expect(String(run.rejections[0] ?? run.failure)).toContain("prod-eu-west-1");
    expect(awsResources(run)).toEqual([]);
  });

  it("regionalStacks names where a region is read from", async () => {
    const stacks = await deployedRegions(PROD);
    const moved: Record<string, Record<string, unknown>> = {
      ...stacks,
      "acme/other/api-eu": stacks["organization/multi-region-api/prod-eu-west-1"],
    };
    delete moved["organization/multi-region-api/prod-eu-west-1"];
    const config = parseStackConfig({
      ...PROD,
      part: "global",
      regionalStacks: { "eu-west-1": "acme/other/api-eu" },
    });
    const run = await runStackProgram(() => createProgram(config), {
      stack: GLOBAL_STACK,
      stackOutputs: moved,
    });
    expect(run.failure).toBeUndefined();
    expect(run.rejections).toEqual([]);
    const read = run.mocks.registrations.filter((r) => r.type === "pulumi:pulumi:StackReference");
    expect(read.map((r) => r.inputs.name)).toEqual([
      "organization/multi-region-api/prod-us-east-1",
      "acme/other/api-eu",
    ]);
  });

  it("the digest covers the shared settings and nothing that is the global part's alone", () => {
    const digest = (raw: Record<string, unknown>) => sharedSettingsDigest(parseStackConfig(raw));
    expect(digest({ ...PROD, routing: "latency", drainedRegions: ["eu-west-1"] })).toBe(digest(PROD));
    expect(digest({ ...PROD, regions: ["eu-west-1", "us-east-1"] })).toBe(digest(PROD));
    expect(digest({ ...PROD, domainName: "www.example.com" })).not.toBe(digest(PROD));
    expect(digest({ ...PROD, dns: { recordKind: "alias", ipv6: true } })).not.toBe(digest(PROD));
  });
});

describe("parts: the release record of npm run deploy", () => {
  const release = { commit: "c".repeat(40), passed: "b".repeat(40) };

  it("each part exports the release it was deployed with, and its registrations do not change with it", async () => {
    for (const part of ["all", "eu-west-1"]) {
      const plain = await runPart(PROD, part);
      const released = await runPart({ ...PROD, release }, part);
      expect(plain.outputs.release).toBeUndefined();
      expect(released.outputs.release).toEqual(release);
      expect(released.registrations.map(kept)).toEqual(plain.registrations.map(kept));
    }
  });

  it("a regional part exports its fleet and release alarms for the deploy's gates", async () => {
    const run = await runPart(PROD, "eu-west-1");
    const gates = run.outputs.releaseGates as Record<
      string,
      { autoScalingGroupName: string; alarmNames: string[] }
    >;
    expect(Object.keys(gates)).toEqual(["eu-west-1"]);
    const alarms = run.registrations.filter(
      (r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm" && r.name.includes("-release-"),
    );
    expect(gates["eu-west-1"].alarmNames).toEqual(alarms.map((a) => a.outputs.name));
    expect(alarms.map((a) => a.region)).toEqual(["eu-west-1", "eu-west-1"]);
  });
});
