// The offline preview of a part: it runs what index.ts runs for the stack's part, so a regional part is
// judged as the engine judges it (only its region, no failover layer), and a global part, which reads
// other stacks, is refused.
import { describe, expect, it } from "vitest";
import { runPreview } from "../../tools/preview/preview";
import { usePolicyPack } from "../policy/fixtures";
import { REPO_ROOT } from "../support/stacks";

const pack = usePolicyPack();

describe("npm run preview of a part", () => {
  it("previews a regional part alone: its region's resources, no failover layer, no violation", async () => {
    const report = await runPreview({ stack: "waves-eu-west-1", projectDir: REPO_ROOT, pack });
    expect(report.exitCode).toBe(0);
    expect(report.policies?.diagnostics).toEqual([]);
    expect(report.knownPolicies?.diagnostics).toEqual([]);
    const resources = report.plan?.resources ?? [];
    expect(resources.some((r) => r.name === "api-eu-west-1")).toBe(true);
    // eu-west-1's replication alarm names the region it replicates to; it is eu-west-1's own resource.
    const othersOwn = (r: (typeof resources)[number]) =>
      /us-east-1/.test(r.name) &&
      !r.name.startsWith("alarms-eu-west-1-") &&
      r.type !== "pulumi:providers:aws";
    expect(resources.filter(othersOwn)).toEqual([]);
    expect(resources.some((r) => r.name === "alarms-eu-west-1-replication-latency-us-east-1")).toBe(true);
    expect(resources.filter((r) => r.type === "aws:route53/healthCheck:HealthCheck")).toEqual([]);
    expect(report.analysis).toBeUndefined();
  });

  it("refuses a global part with exit 2: it reads the regional stacks, which the offline preview has not", async () => {
    const report = await runPreview({ stack: "waves", projectDir: REPO_ROOT, pack });
    expect(report.exitCode).toBe(2);
    expect(report.error).toContain("stack waves holds part global (multi-region-api:part)");
  });
});
