// Capacity before failover in the preview, from the real program run in-process under the strict mocks: the
// capacity tags on each Auto Scaling group, the judgement, its text and its place in --json.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { analyzeFailover } from "../../tools/preview/analysis";
import { parsePreviewArgs } from "../../tools/preview/args";
import { formatCapacity, judgeCapacity } from "../../tools/preview/capacity";
import { AUTOSCALING_GROUP_TYPE } from "../../tools/preview/compute-cost";
import { resourcesOfType, type Plan } from "../../tools/preview/plan";
import { formatReport } from "../../tools/preview/format-report";
import { writeReport } from "../../tools/preview/write-report";
import { previewPlanOf } from "../support/preview-plan";
import { MINIMAL_CONFIG } from "../support/stacks";

const THREE = ["us-east-1", "eu-west-1", "ap-southeast-2"];

async function judged(values: Record<string, unknown>) {
  const plan = await previewPlanOf({ ...MINIMAL_CONFIG, ...values });
  const analysis = analyzeFailover(plan);
  return { plan, analysis, capacity: judgeCapacity(plan, analysis.regions, analysis.drainedRegions) };
}

/** 4 instances at most per region, 200 req/s each: 800 req/s a region. */
const FLEET = { instanceCount: 2, maxInstanceCount: 4 };

const groupTags = (plan: Plan) =>
  resourcesOfType(plan, AUTOSCALING_GROUP_TYPE).map((group) => group.inputs.tags);

describe("capacity before failover", () => {
  it("says the survivor cannot carry a 1000 req/s peak when either of 2 regions fails", async () => {
    const { plan, capacity } = await judged({
      backend: FLEET,
      capacity: { peakRequestsPerSecond: 1000, requestsPerInstance: 200 },
    });
    // The program states the figures on each group, not on its instances.
    for (const tags of groupTags(plan)) {
      expect(tags).toEqual(
        expect.arrayContaining([
          { key: "CapacityPeakRequestsPerSecond", value: "1000", propagateAtLaunch: false },
          { key: "CapacityRequestsPerInstance", value: "200", propagateAtLaunch: false },
        ]),
      );
    }
    expect(capacity.judged).toBe(true);
    expect(capacity.fleets.map((f) => [f.region, f.maxInstances, f.maxRequestsPerSecond])).toEqual([
      ["us-east-1", 4, 800],
      ["eu-west-1", 4, 800],
    ]);
    expect(
      capacity.failures.map((f) => [f.failing, f.survivors, f.survivorsRequestsPerSecond, f.carries]),
    ).toEqual([
      ["us-east-1", ["eu-west-1"], 800, false],
      ["eu-west-1", ["us-east-1"], 800, false],
    ]);
    expect(capacity.carriesEveryFailure).toBe(false);
    const text = formatCapacity(capacity).join("\n");
    expect(text).toContain("Capacity before failover (peak 1000 req/s; 200 req/s per instance");
    expect(text).toContain(
      "✗ us-east-1 fails: eu-west-1 carries at most 800 req/s at max size, below the peak of 1000 req/s",
    );
    expect(text).toContain("Raise backend.maxInstanceCount");
  });

  it("carries the same peak with 3 regions: two survivors make 1600 req/s", async () => {
    const { capacity } = await judged({
      regions: THREE,
      backend: FLEET,
      capacity: { peakRequestsPerSecond: 1000, requestsPerInstance: 200 },
    });
    expect(capacity.failures.map((f) => [f.failing, f.survivorsRequestsPerSecond, f.carries])).toEqual([
      ["us-east-1", 1600, true],
      ["eu-west-1", 1600, true],
      ["ap-southeast-2", 1600, true],
    ]);
    expect(capacity.carriesEveryFailure).toBe(true);
    expect(formatCapacity(capacity).join("\n")).not.toContain("Raise");
  });

  it("counts nothing from a drained region: with it out, one failure leaves 800 req/s", async () => {
    const { capacity } = await judged({
      regions: THREE,
      drainedRegions: ["ap-southeast-2"],
      backend: FLEET,
      capacity: { peakRequestsPerSecond: 1000, requestsPerInstance: 200 },
    });
    expect(capacity.fleets.find((f) => f.region === "ap-southeast-2")?.inService).toBe(false);
    expect(capacity.failures.map((f) => [f.failing, f.survivors, f.carries])).toEqual([
      ["us-east-1", ["eu-west-1"], false],
      ["eu-west-1", ["us-east-1"], false],
    ]);
    expect(formatCapacity(capacity).join("\n")).toContain("(drained: carries nothing)");
  });

  it("uses the default estimate of 100 req/s per instance when only the peak is set", async () => {
    const { capacity } = await judged({ backend: FLEET, capacity: { peakRequestsPerSecond: 400 } });
    expect(capacity.failures.map((f) => [f.survivorsRequestsPerSecond, f.carries])).toEqual([
      [400, true],
      [400, true],
    ]);
  });

  it("judges nothing, and tags nothing, without a peak", async () => {
    const { plan, capacity } = await judged({ backend: FLEET });
    expect(groupTags(plan)).toEqual([
      [expect.objectContaining({ key: "Name" })],
      [expect.objectContaining({ key: "Name" })],
    ]);
    expect(capacity).toMatchObject({ judged: false, failures: [], carriesEveryFailure: true });
    expect(formatCapacity(capacity)).toEqual([
      "Capacity before failover: not judged (no expected peak: set capacity.peakRequestsPerSecond to judge it).",
    ]);
  });

  it("judges nothing when a region in service has an external backend", async () => {
    const { capacity } = await judged({
      regions: ["us-east-1", { name: "eu-west-1", backendUrl: "https://eu.backend.example.com" }],
      backend: FLEET,
      capacity: { peakRequestsPerSecond: 1000 },
    });
    expect(capacity.judged).toBe(false);
    expect(capacity.reason).toContain("eu-west-1 proxies to an external backend");
  });

  it("is in the text report and in --json as capacity", async () => {
    const { capacity, analysis } = await judged({
      backend: FLEET,
      capacity: { peakRequestsPerSecond: 1000, requestsPerInstance: 200 },
    });
    expect(formatReport({ exitCode: 0, rejections: [], analysis, capacity })).toContain(
      "✗ eu-west-1 fails: us-east-1 carries at most 800 req/s",
    );
    const file = path.join(mkdtempSync(path.join(tmpdir(), "preview-capacity-")), "report.json");
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    writeReport({ exitCode: 0, rejections: [], capacity }, parsePreviewArgs(["--json", "--output", file]));
    vi.restoreAllMocks();
    const document = JSON.parse(readFileSync(file, "utf8")) as { capacity: typeof capacity };
    expect(document.capacity.carriesEveryFailure).toBe(false);
    expect(document.capacity.failures[0]).toMatchObject({
      failing: "us-east-1",
      peakRequestsPerSecond: 1000,
    });
  });
});
