// `npm run deploy`'s command line: usage, help, the dry run (which calls nothing), and refusals (exit 2).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { releaseOf, writeReleaseConfig } from "../../tools/deploy/release";
import { runDeployCli } from "../../tools/deploy/run-cli";
import { REPO_ROOT } from "../support/stacks";
import { COMMIT, PASSED } from "./fake-deploy";

async function run(argv: string[], projectDir = REPO_ROOT) {
  const out: string[] = [];
  const err: string[] = [];
  let depsBuilt = 0;
  const code = await runDeployCli(argv, {
    projectDir,
    print: (line) => out.push(line),
    printError: (line) => err.push(line),
    createDeps: () => {
      depsBuilt += 1;
      throw new Error("a real deployment was started");
    },
  });
  return { code, out: out.join("\n"), err: err.join("\n"), depsBuilt };
}

describe("npm run deploy's command line", () => {
  it("--help prints the gates and the exit codes, and exits 0", async () => {
    const result = await run(["--help"]);
    expect(result.code).toBe(0);
    expect(result.out).toContain("usage: npm run deploy -- --stack <name> [--dry-run] [--no-rollback]");
    expect(result.out).toMatch(/instance refresh[\s\S]*health check[\s\S]*bake/);
    expect(result.out).toContain("Exit status: 0 every wave passed");
  });

  it.each([
    [["--dry-run"], "--stack is required"],
    [["--stack", "prod", "--wave", "1"], "Unknown option '--wave'"],
    [["--stack", "a/b"], '--stack: "a/b" is not a stack name'],
    [["--stack", "nowhere"], "no stack file Pulumi.nowhere.yaml"],
    [
      ["--stack", "waves-eu-west-1"],
      "holds part eu-west-1 (multi-region-api:part); deploy its global stack waves",
    ],
  ])("%j exits 2: %s", async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(result.depsBuilt).toBe(0);
  });

  it("refuses a stack config that does not parse, naming the key, before any deployment starts", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "deploy-cli-"));
    writeFileSync(path.join(dir, "Pulumi.yaml"), readFileSync(path.join(REPO_ROOT, "Pulumi.yaml")));
    const waves = readFileSync(path.join(REPO_ROOT, "Pulumi.waves.yaml"), "utf8").replace(
      "bakeMinutes: 30",
      "bakeMinutes: -1",
    );
    writeFileSync(path.join(dir, "Pulumi.waves.yaml"), waves);
    const result = await run(["--stack", "waves", "--dry-run"], dir);
    expect(result.code).toBe(2);
    expect(result.err).toContain("multi-region-api:deploy.bakeMinutes:");
  });

  it("--dry-run prints every wave, gate and bake of the waves stacks and calls nothing", async () => {
    const result = await run(["--stack", "waves", "--dry-run"]);
    expect(result.code).toBe(0);
    expect(result.depsBuilt).toBe(0);
    const lines = result.out.split("\n");
    const order = [
      "pulumi up --stack waves-us-east-1",
      "pulumi up --stack waves-eu-west-1",
      "pulumi up --stack waves ",
    ];
    const at = order.map((text) => lines.findIndex((line) => line.includes(text)));
    expect(at.every((index, i) => index >= 0 && (i === 0 || index > at[i - 1]))).toBe(true);
    expect(result.out).toContain("bake 30 min: the 5XX-rate and p99-latency alarms of us-east-1 stay OK");
    expect(result.out).toContain("rolls the failed stack back to the last commit that passed there");
  });

  it("--dry-run of prod (every region in one stack) is one wave, and --no-rollback says what it leaves", async () => {
    const result = await run(["--stack", "prod", "--dry-run", "--no-rollback"]);
    expect(result.code).toBe(0);
    expect(result.out.match(/^wave \d+:$/gm)).toEqual(["wave 1:"]);
    expect(result.out).toContain("gates for eu-west-1: instance refresh finished");
    expect(result.out).toContain("--no-rollback leaves the failed stack as it is");
  });
});

describe("the release record", () => {
  it("is written into a copy of the stack file, which stays as it was", () => {
    const original = readFileSync(path.join(REPO_ROOT, "Pulumi.waves.yaml"), "utf8");
    const file = writeReleaseConfig(REPO_ROOT, "waves", { commit: COMMIT, passed: PASSED });
    const copy = readFileSync(file, "utf8");
    expect(copy).toContain(`multi-region-api:release:\n    commit: ${COMMIT}\n    passed: ${PASSED}`);
    expect(copy.replace(/ {2}multi-region-api:release:\n( {4}.*\n)+/, "")).toBe(original);
    expect(readFileSync(path.join(REPO_ROOT, "Pulumi.waves.yaml"), "utf8")).toBe(original);
  });

  it("is read back from the outputs only when its commits are full hashes", () => {
    expect(releaseOf({ release: { commit: COMMIT, passed: PASSED } })).toEqual({
      commit: COMMIT,
      passed: PASSED,
    });
    expect(releaseOf({ release: { commit: COMMIT, passed: "abc" } })).toEqual({ commit: COMMIT });
    expect(releaseOf({ release: { commit: "HEAD" } })).toBeUndefined();
    expect(releaseOf({})).toBeUndefined();
  });
});
