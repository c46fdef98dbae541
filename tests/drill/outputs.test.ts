/** Reading and validating the stack outputs: a bad file or a missing output is a clear error, not a crash. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { outputsFromPulumi } from "../../tools/drill/output-reader";
import { parseStackOutputs, StackOutputsError } from "../../tools/drill/outputs";
import { runCli } from "../../tools/drill/run-cli";
import { FakeWorld, readFixtureOutputs } from "./fake-world";

const dir = mkdtempSync(join(tmpdir(), "drill-outputs-"));

function writeOutputs(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

async function runWithFile(
  path: string,
  ...extra: string[]
): Promise<{ exitCode: number; world: FakeWorld }> {
  const world = new FakeWorld();
  const exitCode = await runCli(["--stack", "prod", "--outputs", path, ...extra], world.deps());
  return { exitCode, world };
}

describe("a bad outputs file", () => {
  it("that does not exist: exit 1 naming the file, no AWS call", async () => {
    const { exitCode, world } = await runWithFile(join(dir, "nope.json"));

    expect(exitCode).toBe(1);
    expect(world.errors.join("\n")).toMatch(/could not read stack outputs file .*nope\.json/);
    expect(world.route53.calls()).toHaveLength(0);
  });

  it("that is not JSON", async () => {
    const { exitCode, world } = await runWithFile(writeOutputs("broken.json", "{ recordName: "));

    expect(exitCode).toBe(1);
    expect(world.errors.join("\n")).toMatch(/broken\.json is not valid JSON/);
  });

  it("that lacks an output names it", async () => {
    const { healthCheckIds: _dropped, ...rest } = readFixtureOutputs();
    const { exitCode, world } = await runWithFile(writeOutputs("no-ids.json", rest), "--dry-run");

    expect(exitCode).toBe(1);
    expect(world.errors.join("\n")).toContain('stack output "healthCheckIds" is missing');
    expect(world.output).toEqual([]);
  });

  it("whose health check ids miss a region in the failover order", async () => {
    const outputs = readFixtureOutputs();
    outputs.healthCheckIds = { "us-east-1": "hc-1" };
    const { exitCode, world } = await runWithFile(writeOutputs("one-id.json", outputs), "--dry-run");

    expect(exitCode).toBe(1);
    expect(world.errors.join("\n")).toContain(
      'stack output "healthCheckIds" is missing an entry for region "eu-west-1"',
    );
  });
});

describe("parseStackOutputs", () => {
  it("accepts the fixture", () => {
    expect(parseStackOutputs(readFixtureOutputs()).failoverOrder).toEqual(["us-east-1", "eu-west-1"]);
  });

  it.each([
    ["failoverOrder", ["us-east-1"], 'stack output "failoverOrder" is invalid: must list at least 2 regions'],
    ["failoverTimeSeconds", "156", 'stack output "failoverTimeSeconds" is invalid'],
    ["recordName", "", 'stack output "recordName" is invalid: must be a non-empty string'],
    ["failoverTime", { totalSeconds: 156 }, 'stack output "failoverTime" (at detectionSeconds) is missing'],
    [
      "regions",
      { "us-east-1": {}, "eu-west-1": {} },
      'stack output "regions" (at us-east-1.regionalDomainName) is missing',
    ],
  ])("rejects a bad %s", (key, value, message) => {
    expect(() => parseStackOutputs({ ...readFixtureOutputs(), [key]: value })).toThrow(message);
  });

  it("rejects something that is not one object", () => {
    expect(() => parseStackOutputs([])).toThrow(StackOutputsError);
  });
});

describe("outputsFromPulumi", () => {
  it("runs `pulumi stack output --json --stack <name>` and validates what it prints", async () => {
    const calls: string[][] = [];
    const read = outputsFromPulumi("prod", async (file, args) => {
      calls.push([file, ...args]);
      return JSON.stringify(readFixtureOutputs());
    });

    expect((await read()).recordName).toBe("api.example.com");
    expect(calls).toEqual([["pulumi", "stack", "output", "--json", "--stack", "prod"]]);
  });

  it("explains what to do when the Pulumi CLI is not there", async () => {
    const read = outputsFromPulumi("prod", async () => {
      throw new Error("spawn pulumi ENOENT");
    });

    await expect(read()).rejects.toThrow(
      /could not run `pulumi stack output --json --stack prod`.*\n.*--outputs FILE/,
    );
  });
});

describe("refusals the outputs reveal", () => {
  it("a record type the drill cannot test", async () => {
    const outputs = { ...readFixtureOutputs(), recordType: "MX" };
    const path = writeOutputs("mx.json", outputs);

    const dry = await runWithFile(path, "--dry-run");
    expect(dry.world.text()).toContain('record type "MX" is not one of A, AAAA, CNAME');

    const { exitCode, world } = await runWithFile(path);
    expect(exitCode).toBe(3);
    expect(world.updateCalls()).toEqual([]);
    expect(world.text()).toContain('record type "MX" cannot be tested');
  });

  it("a stack that already drains a region", async () => {
    const path = writeOutputs("drained.json", { ...readFixtureOutputs(), drainedRegions: ["eu-west-1"] });

    const { exitCode, world } = await runWithFile(path);

    expect(exitCode).toBe(3);
    expect(world.updateCalls()).toEqual([]);
    expect(world.text()).toContain("the stack drains eu-west-1 (drainedRegions)");
  });
});
