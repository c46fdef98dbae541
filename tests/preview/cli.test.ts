// `npm run preview` end to end: the CLI as a child process, the real program, the real policy pack over
// gRPC. Each run is two processes (the CLI and its pack) that are busy, not waiting, most of the time: at
// most two run at once, as many as this project's machines have cores, so a pack is never starved past its
// start-up timeout by the others.
import { exec, execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { FailoverAnalysis } from "../../tools/preview/analysis";
import { failoverDiagramMarkdown } from "../../tools/preview/diagram";

const REPO = path.resolve(__dirname, "../..");

interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** What npm itself wrote on stdout, for a run through npm with --output. */
  readonly npmStdout?: string;
}

const CONCURRENT_RUNS = 2;

/** Runs the tasks, at most `limit` at a time, and returns their results in order. */
async function inBatchesOf<T>(limit: number, tasks: readonly (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

function preview(...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", path.join(REPO, "tools/preview/cli.ts"), ...args],
      { cwd: REPO, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

/**
 * `npm run preview -- ARGS --output FILE` exactly as a user types it; `stdout` is what landed in FILE,
 * where npm's own output (its banner on stdout) must not be.
 */
function npmRunPreviewTo(file: string, ...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    exec(
      `npm run preview -- ${args.join(" ")} --output ${JSON.stringify(file)}`,
      { cwd: REPO },
      (error, npmStdout, stderr) =>
        resolve({
          code: error ? Number(error.code) : 0,
          stdout: readFileSync(file, "utf8"),
          stderr,
          npmStdout,
        }),
    );
  });
}

/** A project dir with the repository's Pulumi.yaml and the given stack files. */
function projectWith(stacks: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "preview-cli-"));
  copyFileSync(path.join(REPO, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  for (const [stack, text] of Object.entries(stacks))
    writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), text);
  return dir;
}

const STACK_HEAD = `config:
  multi-region-api:domainName: api.example.com
  multi-region-api:hostedZoneName: example.com
  multi-region-api:regions: [us-east-1, eu-west-1]
  multi-region-api:auth: { mode: jwt, issuer: "https://login.example.com/", audience: "https://api.example.com" }
`;

let prodText: CliResult;
let prodJson: CliResult;
let cname300: CliResult;
let invalid: CliResult;
let budgets: CliResult;
let unknownPolicy: CliResult;
let drained: CliResult;

beforeAll(async () => {
  const dir = projectWith({
    cname: `${STACK_HEAD}  multi-region-api:dns:\n    recordKind: cname\n    ttl: 300\n  multi-region-api:healthCheck:\n    failureThreshold: 5\n`,
    invalid: `${STACK_HEAD}  multi-region-api:healthCheck:\n    requestInterval: 20\n    interval: 10\n  multi-region-api:dns:\n    recordKind: cname\n    ttl: "60"\n`,
    // With a provider secret the offline preview cannot decrypt and the program does not read.
    drained: `${STACK_HEAD}  multi-region-api:drainedRegions: [eu-west-1]\n  aws:secretKey:\n    secure: AAABAL==\n`,
  });
  const policyConfig = (name: string, content: unknown) => {
    writeFileSync(path.join(dir, name), JSON.stringify(content));
    return path.join(dir, name);
  };
  [prodText, prodJson, cname300, invalid, budgets, unknownPolicy, drained] = await inBatchesOf(
    CONCURRENT_RUNS,
    [
      () => preview(),
      () => npmRunPreviewTo(path.join(dir, "plan.json"), "--stack", "prod", "--json"),
      () => preview("--project-dir", dir, "--stack", "cname"),
      () => preview("--project-dir", dir, "--stack", "invalid"),
      // Issue 10's reproduction: the analysis prints 156 s while only unknown values were judged.
      () =>
        preview(
          "--policy-pack-config",
          policyConfig("budgets.json", {
            "failover-record-low-ttl": { maxTtlSeconds: 30 },
            "failover-rto-budget": { maxFailoverSeconds: 100 },
          }),
        ),
      () => preview("--policy-pack-config", policyConfig("unknown.json", { "no-such-policy": "advisory" })),
      () => preview("--project-dir", dir, "--stack", "drained"),
    ],
  );
  // A guard against a hung run, not a speed target: seven runs on a busy two-core machine.
}, 300_000);

describe("npm run preview", () => {
  it("previews prod: exit 0, the plan, no policy violation, and the failover analysis", () => {
    expect(prodText.stderr).not.toMatch(/error/i);
    expect(prodText.code, prodText.stderr).toBe(0);
    const out = prodText.stdout;
    expect(out).toContain("Previewing update (prod):");
    expect(out).toMatch(/\+ {3}pulumi:pulumi:Stack +multi-region-api-prod +create/);
    expect(out).toMatch(/aws:route53:Record +failover-primary +create +us-east-1/);
    expect(out).toMatch(/healthCheckIds +: output<string>/);
    expect(out).toMatch(/Resources:\n +\+ \d+ to create/);
    // Both judgements, each clean: the plan of a new stack, and the known run on the provider's state.
    expect(out).toMatch(
      /Policy judgement 1 of 2: the plan, every computed value unknown.*\nPolicies:\n +✅ multi-region-failover@v[\d.]+\n +\(no violations\)/,
    );
    expect(out).toMatch(
      /Policy judgement 2 of 2: the run with every value known.*\nPolicies:\n +✅ multi-region-failover@v[\d.]+\n +\(no violations\)/,
    );
    expect(out).toContain("failover order   us-east-1 → eu-west-1");
    expect(out).toContain("30 s × 3 + 6 s timeouts + 60 s TTL = 156 s");
    expect(out).toMatch(/down +down +→ {2}us-east-1/);
    expect(out).toMatch(/total, failover layer only +\$6\.20 +not the stack.s cost/);
    expect(out.trimEnd()).toMatch(/\nPreview of stack prod passed: \d+ resources, .*\nNext: .*\n.*$/);
    expect(out).toMatch(
      /Not in this total[^\n]*\n(.*\n)*? +- EC2 instance hours of the Auto Scaling groups[^\n]*: 1 in us-east-1, 1 in eu-west-1/,
    );
  });

  it("exits 1 and names failover-record-low-ttl for CNAME failover records with a TTL of 300", () => {
    expect(cname300.code, cname300.stderr).toBe(1);
    expect(cname300.stdout).toMatch(
      /- \[mandatory\] {2}failover-record-low-ttl {2}\(urn:pulumi:cname::multi-region-api::multiregion:index:FailoverDns\$aws:route53\/record:Record::failover-primary\)/,
    );
    expect(cname300.stdout).toContain("has ttl 300 s");
    // The verdict is the last thing on stderr, naming the keys to change.
    expect(cname300.stderr.trimEnd().split("\n").slice(-4)).toEqual([
      "Preview of stack cname FAILED (exit 1):",
      "  - failover-record-low-ttl (mandatory, judgements 1 and 2): change multi-region-api:dns.ttl",
      "  - failover-rto-budget (mandatory, judgements 1 and 2): change multi-region-api:healthCheck.requestInterval or multi-region-api:healthCheck.failureThreshold or multi-region-api:dns.ttl",
      "  - health-check-https (mandatory, judgements 1 and 2): change multi-region-api:healthCheck.failureThreshold",
    ]);
  });

  it("names, for each mandatory violation the config caused, the config key and the pack setting that would allow it", () => {
    expect(cname300.stdout).toContain(
      "stack config: healthCheck.failureThreshold is 5; the pack allows 1–3: health-check-https maxFailureThreshold (AWS accepts 1–10).",
    );
    expect(cname300.stdout).toContain(
      "stack config: the failover records answer with dns.ttl 300 s; the pack allows at most 60 s: failover-record-low-ttl maxTtlSeconds",
    );
    expect(cname300.stdout).toContain(
      "stack config: healthCheck.requestInterval 30 s × healthCheck.failureThreshold 5 + 6 s timeouts + dns.ttl 300 s = 456 s; the pack allows at most 180 s: failover-rto-budget maxFailoverSeconds.",
    );
  });

  it("exits 2 on an invalid stack config, naming the key", () => {
    expect(invalid.code, invalid.stderr).toBe(2);
    expect(invalid.stderr).toContain("multi-region-api:healthCheck.requestInterval");
    expect(invalid.stderr).toContain(
      "multi-region-api:healthCheck.interval: unknown key; allowed: path, failureThreshold, requestInterval, checkerRegions",
    );
    expect(invalid.stderr).toContain('multi-region-api:dns.ttl: expected a number, got the string "60"');
    expect(invalid.stdout).toBe("");
  });

  it("writes one JSON document into --output with --json: the plan, the policy results and the analysis", () => {
    expect(prodJson.code, prodJson.stderr).toBe(0);
    // npm is not silenced: its banner goes to stdout, the report only into the file.
    expect(prodJson.npmStdout).toContain("> multi-region-api@");
    expect(prodJson.stdout.startsWith("{")).toBe(true);
    const report = JSON.parse(prodJson.stdout) as {
      exitCode: number;
      plan: {
        resources: { urn: string; type: string }[];
        outputs: Record<string, unknown>;
        summary: { create: number };
      };
      policies: { judgement: string; packName: string; diagnostics: unknown[] };
      knownPolicies: { judgement: string; packName: string; diagnostics: unknown[] };
      policyFailures: string[];
      analysis: { failoverOrder: string[]; truthTable: unknown[] };
      cost: { total: number; lineItems: { usdPerMonth: number }[] };
    };
    expect(report.exitCode).toBe(0);
    expect(report.plan.summary.create).toBe(report.plan.resources.length);
    expect(report.plan.outputs.healthCheckIds).toBe("output<string>");
    expect(report.policies).toMatchObject({
      judgement: "plan",
      packName: "multi-region-failover",
      diagnostics: [],
    });
    expect(report.knownPolicies).toMatchObject({ judgement: "known", diagnostics: [] });
    expect(report.policyFailures).toEqual([]);
    expect(report.analysis.failoverOrder).toEqual(["us-east-1", "eu-west-1"]);
    expect(report.analysis.truthTable).toHaveLength(4);
    // One figure for the whole stack, which the README quotes.
    expect(report.cost.total).toBeCloseTo(
      report.cost.lineItems.reduce((sum, item) => sum + item.usdPerMonth, 0),
      2,
    );
    expect(report.cost.total).toBeGreaterThan(100);
  });

  it("draws from prod's analysis the diagram committed as docs/failover-diagram.md (what --diagram prints)", () => {
    // `--diagram` writes failoverDiagramMarkdown(analysis) (tests/preview/write-report.test.ts); the analysis
    // is the one the JSON run reports, so the committed diagram is checked without a preview of its own.
    const { analysis } = JSON.parse(prodJson.stdout) as { analysis: FailoverAnalysis };
    const diagram = failoverDiagramMarkdown(analysis, "prod");
    expect(diagram).toContain("```mermaid\nflowchart LR");
    expect(diagram).toBe(readFileSync(path.join(REPO, "docs/failover-diagram.md"), "utf8"));
  });

  it("applies --policy-pack-config like the CLI, and exits 2 naming a policy the pack does not have", () => {
    // Prod passes with the pack's defaults (above); the same stack fails with a stricter TTL setting.
    expect(budgets.code, budgets.stderr).toBe(1);
    expect(budgets.stdout).toMatch(/\[mandatory\] {2}failover-record-low-ttl/);
    expect(unknownPolicy.code, unknownPolicy.stderr).toBe(2);
    expect(unknownPolicy.stderr).toContain('"no-such-policy"');
  });

  it("shows advisory-only findings as a warning and exits 0: a drained region is on purpose", () => {
    expect(drained.code).toBe(0);
    expect(drained.stdout).toMatch(
      /⚠️ multi-region-failover@v[\d.]+\n +- \[advisory\] {2}health-check-drained/,
    );
    expect(drained.stdout).not.toContain("❌");
  });

  it("previews a stack holding a secret of another namespace, naming it as unknown", () => {
    expect(drained.stdout).toContain("Secrets left unknown (the program does not read them): aws:secretKey");
    expect(drained.code, drained.stderr).toBe(0);
  });

  it("marks a mandatory violation with ❌", () => {
    expect(cname300.stdout).toMatch(/❌ multi-region-failover@v[\d.]+\n/);
  });

  it.each([["--help"], ["-h"]])("prints the usage for %s and exits 0", async (flag) => {
    const result = await preview(flag);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run preview -- \[options\]/);
    expect(result.stderr).toBe("");
  });

  it("exits 2 on bad usage, with the usage", async () => {
    const result = await preview("--stack");
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain("Usage: npm run preview");
  });
});

describe("npm run preview, judged twice", () => {
  it("exits 1 when only the known run breaks a budget, naming that judgement and both policies", () => {
    expect(budgets.code).toBe(1);
    const out = budgets.stdout;
    const [planPart, knownPart] = out.split("Policy judgement 2 of 2");
    // In the plan every alias target is unknown, so neither budget can be judged there.
    expect(planPart).toMatch(/Policy judgement 1 of 2[^\n]*\nPolicies:\n +✅[^\n]*\n +\(no violations\)/);
    expect(knownPart).toMatch(/\[mandatory\] {2}failover-rto-budget/);
    expect(knownPart).toContain("more than the budget of 100 s");
    expect(knownPart.match(/\[mandatory\] {2}failover-record-low-ttl/g)).toHaveLength(2);
    expect(knownPart).not.toContain("sets a ttl");
    expect(out).toContain(
      "error: mandatory policy violation in the run with every value known (what `pulumi up` and a preview of an existing stack see): failover-record-low-ttl, failover-rto-budget",
    );
    expect(out).not.toMatch(/error: mandatory policy violation in the plan/);
  });
});
