// `npm run deploy`'s waves with Pulumi and AWS faked (aws-sdk-client-mock, a fake clock for the bake).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseStackConfig } from "../../config";
import { runDeployment } from "../../tools/deploy/orchestrator";
import { planDeployment, type DeployPlan } from "../../tools/deploy/plan";
import { MINIMAL_CONFIG } from "../support/stacks";
import { COMMIT, FakeDeployment, PASSED, REGIONS, REPO, allOutputs, wavesOutputs } from "./fake-deploy";

const MINUTE = 60_000;
const WAVE_STACKS = ["waves-us-east-1", "waves-eu-west-1", "waves"];

function wavesPlan(change: Record<string, unknown> = {}): DeployPlan {
  const config = parseStackConfig({
    ...MINIMAL_CONFIG,
    part: "global",
    deploy: { bakeMinutes: 30 },
    ...change,
  });
  return planDeployment(config, "waves");
}

const upsOf = (world: FakeDeployment) =>
  world.ups.map((u) => [u.stack, u.workDir, u.release.commit.slice(0, 1), u.release.passed?.slice(0, 1)]);

let world: FakeDeployment;
beforeEach(() => {
  world = new FakeDeployment(wavesOutputs).deployed(WAVE_STACKS, { commit: PASSED, passed: PASSED });
});
afterEach(() => world.restore());

describe("npm run deploy in waves", () => {
  it("ups each region alone, gates and bakes it, records it as passed, and ends with the global stack", async () => {
    const report = await runDeployment(wavesPlan(), { rollback: true }, world.deps());
    expect(report.passed).toBe(true);
    // Each stack: the up of the new commit (still naming the last passed one), then the record of its pass.
    expect(upsOf(world)).toEqual([
      ["waves-us-east-1", REPO, "c", "b"],
      ["waves-us-east-1", REPO, "c", "c"],
      ["waves-eu-west-1", REPO, "c", "b"],
      ["waves-eu-west-1", REPO, "c", "c"],
      ["waves", REPO, "c", "b"],
      ["waves", REPO, "c", "c"],
    ]);
    // The second wave starts only once the first has baked for its 30 minutes.
    expect(world.ups[2].atMs - world.ups[0].atMs).toBeGreaterThanOrEqual(30 * MINUTE);
    expect(report.gates.filter((g) => g.gate !== "up").map((g) => [g.gate, g.region])).toEqual([
      ["instance refresh", "us-east-1"],
      ["health check", "us-east-1"],
      ["bake", "us-east-1"],
      ["instance refresh", "eu-west-1"],
      ["health check", "eu-west-1"],
      ["bake", "eu-west-1"],
      ["health check", "us-east-1"],
      ["health check", "eu-west-1"],
    ]);
    expect(world.checkouts).toEqual([]);
  });

  it("waits for an instance refresh in progress and passes when it succeeds", async () => {
    world.refreshStatus = (region, call) =>
      region === "us-east-1" && call <= 3 ? "InProgress" : "Successful";
    const report = await runDeployment(
      wavesPlan({ deploy: { bakeMinutes: 0 } }),
      { rollback: true },
      world.deps(),
    );
    expect(report.passed).toBe(true);
    expect(world.callsOf("refresh us-east-1")).toBe(4);
    expect(world.elapsedMs()).toBe(3 * 30_000);
  });

  it("stops at a refresh that fails in the second wave, names it, rolls that region back, leaves the rest", async () => {
    world.refreshStatus = (region) => (region === "eu-west-1" ? "RollbackSuccessful" : "Successful");
    const report = await runDeployment(wavesPlan(), { rollback: true }, world.deps());
    expect(report.passed).toBe(false);
    expect(report.failure).toMatchObject({ gate: "instance refresh", region: "eu-west-1", passed: false });
    expect(world.printed).toContain(
      "FAILED: instance refresh in eu-west-1: asg-eu-west-1: refresh ir-eu-west-1 RollbackSuccessful",
    );
    // The failed region is re-applied from a worktree of its last passed commit; the global stack is untouched.
    expect(world.checkouts).toEqual([PASSED]);
    expect(upsOf(world)).toEqual([
      ["waves-us-east-1", REPO, "c", "b"],
      ["waves-us-east-1", REPO, "c", "c"],
      ["waves-eu-west-1", REPO, "c", "b"],
      ["waves-eu-west-1", "/worktrees/bbbbbbb", "b", "b"],
    ]);
    expect(world.removed).toEqual(["/worktrees/bbbbbbb"]);
    expect(report.skipped).toEqual(["waves"]);
    expect(world.outputs.get("waves-eu-west-1")?.release).toEqual({ commit: PASSED, passed: PASSED });
    expect(world.outputs.get("waves-us-east-1")?.release).toEqual({ commit: COMMIT, passed: COMMIT });
  });

  it("fails the bake when an alarm goes off during it, and --no-rollback leaves the region as it is", async () => {
    world.alarmState = (alarm, elapsed) =>
      alarm === "us-east-1-latency-p99" && elapsed >= 10 * MINUTE ? "ALARM" : "OK";
    const report = await runDeployment(wavesPlan(), { rollback: false }, world.deps());
    expect(report.failure).toMatchObject({ gate: "bake", region: "us-east-1" });
    expect(report.failure?.detail).toMatch(/^us-east-1-latency-p99 in ALARM after 6\d\d s of the bake/);
    expect(report.rollback).toBe("waves-us-east-1 left as the failed up made it (--no-rollback)");
    expect(world.checkouts).toEqual([]);
    expect(upsOf(world)).toEqual([["waves-us-east-1", REPO, "c", "b"]]);
    expect(report.skipped).toEqual(["waves-eu-west-1", "waves"]);
  });

  it("keeps watching the alarms for the whole bake: one going off in its last minute still fails", async () => {
    world.alarmState = (alarm, elapsed) =>
      alarm === "us-east-1-5xx-rate" && elapsed >= 29 * MINUTE ? "ALARM" : "OK";
    const report = await runDeployment(wavesPlan(), { rollback: true }, world.deps());
    expect(report.failure).toMatchObject({ gate: "bake", region: "us-east-1" });
    expect(world.ups.at(-1)).toMatchObject({ stack: "waves-us-east-1", release: { commit: PASSED } });
  });

  it("fails the bake when an alarm does not exist, rather than baking against nothing", async () => {
    world.missingAlarms.add("eu-west-1-5xx-rate");
    const report = await runDeployment(wavesPlan(), { rollback: true }, world.deps());
    expect(report.failure).toMatchObject({
      gate: "bake",
      region: "eu-west-1",
      detail: "alarm(s) not found: eu-west-1-5xx-rate",
    });
  });

  it("fails a region whose health check stays unhealthy for the gate's 10 minutes", async () => {
    world.healthy = (region) => region !== "us-east-1";
    const report = await runDeployment(wavesPlan(), { rollback: true }, world.deps());
    expect(report.failure).toMatchObject({ gate: "health check", region: "us-east-1" });
    expect(report.failure?.detail).toContain("after 10 min");
    expect(world.elapsedMs()).toBe(10 * MINUTE);
  });

  it("does not require a drained region's health check to pass", async () => {
    world.healthy = (region) => region !== "eu-west-1";
    const report = await runDeployment(
      wavesPlan({ drainedRegions: ["eu-west-1"], deploy: { bakeMinutes: 0 } }),
      { rollback: true },
      world.deps(),
    );
    expect(report.passed).toBe(true);
    expect(world.callsOf("health eu-west-1")).toBe(0);
  });

  it("skips the health-check gate on the first release, before the global part has created the checks", async () => {
    const first = new FakeDeployment(wavesOutputs);
    try {
      const report = await runDeployment(
        wavesPlan({ deploy: { bakeMinutes: 0 } }),
        { rollback: true },
        first.deps(),
      );
      expect(report.passed).toBe(true);
      expect(report.gates.filter((g) => g.gate === "health check").map((g) => g.detail)).toEqual([
        "no health check yet: skipped",
        "no health check yet: skipped",
        expect.stringContaining("hc-us-east-1 healthy"),
        expect.stringContaining("hc-eu-west-1 healthy"),
      ]);
    } finally {
      first.restore();
    }
  });

  it("has nothing to roll back to when no earlier release passed in that stack", async () => {
    world.deployed(["waves-us-east-1"], { commit: PASSED });
    world.failUp = (stack, release) => stack === "waves-us-east-1" && release.commit === COMMIT;
    const report = await runDeployment(wavesPlan(), { rollback: true }, world.deps());
    expect(report.failure).toMatchObject({
      gate: "up",
      region: "us-east-1",
      detail: "waves-us-east-1: update failed",
    });
    expect(report.rollback).toBe(
      "waves-us-east-1 has no earlier release that passed its gates: nothing to roll back to, left as it is",
    );
    expect(world.checkouts).toEqual([]);
  });

  it("delivers a custom wave's regions together and bakes them once", async () => {
    const three = ["us-east-1", "eu-west-1", "ap-southeast-2"];
    const plan = wavesPlan({
      regions: three,
      deploy: { bakeMinutes: 30, waves: [["us-east-1"], ["eu-west-1", "ap-southeast-2"]] },
    });
    expect(plan.waves.map((w) => w.steps.map((s) => s.stack))).toEqual([
      ["waves-us-east-1"],
      ["waves-eu-west-1", "waves-ap-southeast-2"],
    ]);
    const report = await runDeployment(plan, { rollback: true }, world.deps());
    expect(report.passed).toBe(true);
    // Both regions of the second wave are recorded as passed at the same moment, after one bake together.
    const passedAt = new Map(
      world.ups.filter((u) => u.release.passed === COMMIT).map((u) => [u.stack, u.atMs]),
    );
    expect([...passedAt.keys()]).toEqual([
      "waves-us-east-1",
      "waves-eu-west-1",
      "waves-ap-southeast-2",
      "waves",
    ]);
    expect(passedAt.get("waves-us-east-1")).toBeGreaterThanOrEqual(30 * MINUTE);
    expect(passedAt.get("waves-eu-west-1")).toBe(passedAt.get("waves-ap-southeast-2"));
    expect(passedAt.get("waves-eu-west-1")! - passedAt.get("waves-us-east-1")!).toBeGreaterThanOrEqual(
      15 * MINUTE,
    );
  });
});

describe("npm run deploy of a stack that holds every region", () => {
  it("is one wave: one up, every region's gates and bake, then the pass recorded", async () => {
    const all = new FakeDeployment(allOutputs).deployed(["prod"], { commit: PASSED, passed: PASSED });
    try {
      all.refreshStatus = (region) => (region === "eu-west-1" ? "Failed" : "Successful");
      const plan = planDeployment(parseStackConfig({ ...MINIMAL_CONFIG }), "prod");
      const report = await runDeployment(plan, { rollback: true }, all.deps());
      expect(report.failure).toMatchObject({ gate: "instance refresh", region: "eu-west-1" });
      expect(upsOf(all)).toEqual([
        ["prod", REPO, "c", "b"],
        ["prod", "/worktrees/bbbbbbb", "b", "b"],
      ]);
      expect(REGIONS.map((r) => all.callsOf(`refresh ${r}`))).toEqual([1, 1]);
    } finally {
      all.restore();
    }
  });
});

describe("a bake needs alarms", () => {
  it("fails a region whose stack exports no release alarms", async () => {
    const bare = new FakeDeployment((stack) => (stack === "waves" ? wavesOutputs(stack) : { part: "x" }));
    try {
      const report = await runDeployment(wavesPlan(), { rollback: true }, bare.deps());
      expect(report.failure).toMatchObject({
        gate: "bake",
        region: "us-east-1",
        detail: "the stack exports no release alarms (releaseGates)",
      });
    } finally {
      bare.restore();
    }
  });
});
