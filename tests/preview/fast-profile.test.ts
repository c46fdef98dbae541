// The fast failover profile (Pulumi.fast.yaml): a modelled failover of at most 45 s that previews clean,
// with its own pack config (policy-pack/config/fast.json) holding it to that budget.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runPreview } from "../../tools/preview/preview";
import { usePolicyPack } from "../policy/fixtures";
import { REPO_ROOT } from "../support/stacks";

const FAST_PACK_CONFIG = path.join(REPO_ROOT, "policy-pack/config/fast.json");
const FAST_BUDGET_SECONDS = 45;

const pack = usePolicyPack();

describe("the fast profile", () => {
  it.each([
    ["with the pack's defaults", undefined],
    ["with its own pack config", FAST_PACK_CONFIG],
  ])("previews clean %s and models at most 45 s", async (_, policyPackConfig) => {
    const report = await runPreview({ stack: "fast", projectDir: REPO_ROOT, policyPackConfig, pack });
    expect(report.rejections).toEqual([]);
    expect(report.policies?.diagnostics).toEqual([]);
    expect(report.exitCode).toBe(0);
    expect(report.analysis?.failoverTime.totalSeconds).toBeLessThanOrEqual(FAST_BUDGET_SECONDS);
    expect(report.analysis?.failoverTime).toMatchObject({ requestIntervalSeconds: 10, ttlSeconds: 5 });
  });

  it("its pack config fails the profile when a change breaks the 45 s budget", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "fast-profile-"));
    copyFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    const slower = readFileSync(path.join(REPO_ROOT, "Pulumi.fast.yaml"), "utf8").replace(
      "ttl: 5",
      "ttl: 30",
    );
    writeFileSync(path.join(dir, "Pulumi.fast.yaml"), slower);
    const report = await runPreview({
      stack: "fast",
      projectDir: dir,
      policyPackConfig: FAST_PACK_CONFIG,
      pack,
    });
    expect(report.exitCode).toBe(1);
    expect(report.policies?.diagnostics.map((d) => d.policyName).sort()).toEqual([
      "failover-record-low-ttl",
      "failover-record-low-ttl",
      "failover-rto-budget",
    ]);
  });

  it("a region drained during an incident still passes its own pack config: only regions in service are judged", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "fast-drained-"));
    copyFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    const drained = `${readFileSync(path.join(REPO_ROOT, "Pulumi.fast.yaml"), "utf8")}  multi-region-api:drainedRegions:\n    - eu-west-1\n`;
    writeFileSync(path.join(dir, "Pulumi.fast.yaml"), drained);
    const report = await runPreview({
      stack: "fast",
      projectDir: dir,
      policyPackConfig: FAST_PACK_CONFIG,
      pack,
    });
    expect(report.rejections).toEqual([]);
    expect(report.policies?.diagnostics.filter((d) => d.enforcementLevel === "mandatory")).toEqual([]);
    expect(report.exitCode).toBe(0);
  });
});
