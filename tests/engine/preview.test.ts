/**
 * `pulumi preview --policy-pack policy-pack` on the real engine: the CLI's own exit code and output decide,
 * with the stand-in providers answering for AWS. The offline preview (`npm run preview`, which emulates the
 * engine under mocks) must plan the same steps and judge the same policies for the same stacks.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { EngineProject, POLICY_PACK, ROOT, describeStep, plannedSteps, prodConfig } from "./engine";

const project = new EngineProject("preview");
const preview = (stack: string) =>
  project.pulumi(["preview", "--stack", stack, "--policy-pack", POLICY_PACK]);

interface OfflineReport {
  readonly exitCode: number;
  readonly plan: { resources: { op: string; urn: string; parent?: string; provider?: string }[] };
  /** The pack's judgement of the plan with computed values unknown: what the engine's preview judges. */
  readonly policies: { diagnostics: { policyName: string; enforcementLevel: string }[] };
}

/** `npm run preview -- --json` of one of this project's stacks, as a user runs it. */
function offlinePreview(stack: string): OfflineReport {
  const output = path.join(project.dir, `offline-${stack}.json`);
  const args = ["--import", "tsx", "tools/preview/cli.ts", "--stack", stack, "--project-dir", project.dir];
  spawnSync(process.execPath, [...args, "--json", "--output", output], { cwd: ROOT, encoding: "utf8" });
  return JSON.parse(readFileSync(output, "utf8")) as OfflineReport;
}

/** The steps `pulumi preview --json` plans for a stack. */
const engineSteps = (stack: string) =>
  plannedSteps(project.pulumi(["preview", "--json", "--stack", stack]).output);

describe("pulumi preview --policy-pack on the real engine", () => {
  beforeAll(() => {
    project.stack("prod", prodConfig());
    project.stack("ttl600", { ...prodConfig(), "multi-region-api:dns": { recordKind: "cname", ttl: 600 } });
    project.stack("drained", { ...prodConfig(), "multi-region-api:drainedRegions": ["eu-west-1"] });
  });

  it("passes prod: exit 0, the pack loaded and every policy passed", () => {
    const run = preview("prod");
    expect(run.output).toContain("multi-region-failover@v0.1.0");
    expect(run.output).toMatch(/\+ 1\d\d to create/);
    expect(run.code, run.output.slice(-4000)).toBe(0);
  });

  it("fails a 600 s CNAME TTL with failover-record-low-ttl in the CLI's output", () => {
    const run = preview("ttl600");
    expect(run.code).not.toBe(0);
    expect(run.output).toMatch(
      /\[mandatory\]\s+failover-record-low-ttl\s+\(aws:route53:Record: failover-primary\)/,
    );
    expect(run.output).toContain("has ttl 600 s");
  });

  it("shows the advisory health-check-drained as a warning and still exits 0", () => {
    const run = preview("drained");
    expect(run.output).toMatch(/\[advisory\]\s+health-check-drained/);
    expect(run.code, run.output.slice(-4000)).toBe(0);
  });

  it("the offline preview plans the steps the engine plans for prod: URNs, parents, providers", () => {
    const offline = offlinePreview("prod");
    expect(offline.exitCode).toBe(0);
    const planned = offline.plan.resources.map((r) => describeStep(r.op, r.urn, r.parent, r.provider)).sort();
    expect(planned.length).toBeGreaterThan(100);
    expect(planned).toEqual(engineSteps("prod"));
  });

  it("the offline preview fails the 600 s TTL on the same policy as the engine", () => {
    const offline = offlinePreview("ttl600");
    expect(offline.exitCode).toBe(1);
    const mandatory = [...preview("ttl600").output.matchAll(/\[mandatory\]\s+([a-z0-9-]+)/g)].map(
      (m) => m[1],
    );
    const offlineMandatory = offline.policies.diagnostics
      .filter((d) => d.enforcementLevel === "mandatory")
      .map((d) => d.policyName);
    expect(mandatory.length).toBeGreaterThan(0);
    expect([...new Set(offlineMandatory)].sort()).toEqual([...new Set(mandatory)].sort());
  });
});
