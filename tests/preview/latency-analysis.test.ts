// The preview's latency table, from the real program run in-process under the strict mocks.
import { describe, expect, it } from "vitest";
import { previewPlanOf } from "../support/preview-plan";
import { analyzeFailover } from "../../tools/preview/analysis";
import { failoverDiagram, failoverDiagramMarkdown } from "../../tools/preview/diagram";
import { formatAnalysis } from "../../tools/preview/print-report";

const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"];

async function analysisOf(values: Record<string, unknown>) {
  return analyzeFailover(
    await previewPlanOf({
      domainName: "api.example.com",
      hostedZoneName: "example.com",
      regions: REGIONS,
      routing: "latency",
      auth: { mode: "none" },
      ...values,
    }),
  );
}

describe("latency analysis", () => {
  it("answers a client nearest each region with that region, or the next in service when it fails", async () => {
    const analysis = await analysisOf({ dns: { recordKind: "alias", ipv6: true } });
    expect(analysis.routing).toBe("latency");
    expect(analysis.truthTable).toEqual([]);
    const table = analysis.latencyTable!;
    expect(table.failures).toEqual([[], ["us-east-1"], ["eu-west-1"], ["ap-southeast-2"], REGIONS]);
    expect(table.rows.map((row) => [row.nearest, ...row.cells.map((c) => c.answer)])).toEqual([
      // none down, us-east-1 down, eu-west-1 down, ap-southeast-2 down, all down (all count as healthy)
      ["us-east-1", "us-east-1", "eu-west-1", "us-east-1", "us-east-1", "us-east-1"],
      ["eu-west-1", "eu-west-1", "eu-west-1", "us-east-1", "eu-west-1", "eu-west-1"],
      ["ap-southeast-2", "ap-southeast-2", "ap-southeast-2", "ap-southeast-2", "us-east-1", "ap-southeast-2"],
    ]);
    expect(table.mismatches).toBe(0);
    expect(analysis.failoverTime.totalSeconds).toBe(156);
    const text = formatAnalysis(analysis).join("\n");
    expect(text).toContain("client nearest");
    expect(text).toContain("every client gets its nearest healthy region");
    expect(text).toContain("30 s × 3 + 6 s timeouts + 60 s TTL = 156 s");
  });

  it("sends a drained region's nearest clients to their nearest region in service", async () => {
    const analysis = await analysisOf({ drainedRegions: ["eu-west-1"] });
    const table = analysis.latencyTable!;
    // The columns where the drained region is up and another region is in service; the others depend on how
    // the drain is made (an inverted check passes while the region is down: the table marks those cells ✗).
    const columns = [0, 1, 3];
    expect(table.rows.map((row) => [row.nearest, ...columns.map((i) => row.cells[i].answer)])).toEqual([
      ["us-east-1", "us-east-1", "ap-southeast-2", "us-east-1"],
      ["eu-west-1", "us-east-1", "ap-southeast-2", "us-east-1"],
      ["ap-southeast-2", "ap-southeast-2", "ap-southeast-2", "us-east-1"],
    ]);
    for (const row of table.rows) {
      for (const i of columns) expect(row.cells[i].answer).toBe(row.cells[i].expected);
    }
  });
});

describe("the --diagram of a latency stack", () => {
  it("draws the latency name → each region by its latency record, and says how Route 53 picks", async () => {
    const analysis = await analysisOf({ drainedRegions: ["eu-west-1"] });
    expect(analysis.latencyRecords.map((r) => [r.latencyRegion, r.region, r.healthCheckRegion])).toEqual([
      ["us-east-1", "us-east-1", "us-east-1"],
      ["eu-west-1", "eu-west-1", undefined], // the drain's always-unhealthy check guards it
      ["ap-southeast-2", "ap-southeast-2", "ap-southeast-2"],
    ]);
    const diagram = failoverDiagram(analysis);
    expect(diagram).toContain('name_api_example_com["api.example.com<br/>A · latency name"]');
    expect(diagram).toContain(
      'name_api_example_com -- "latency: clients nearest us-east-1" --> region_us_east_1',
    );
    expect(diagram).toContain(
      'name_api_example_com -- "latency: clients nearest eu-west-1 · drained" --> region_eu_west_1',
    );
    expect(diagram).toContain(
      'name_api_example_com -- "latency: clients nearest ap-southeast-2" --> region_ap_southeast_2',
    );
    expect(diagram).not.toContain("PRIMARY");
    expect(diagram).toContain("region_ap_southeast_2 -.- check_ap_southeast_2");
    const page = failoverDiagramMarkdown(analysis, "latency");
    expect(page).toContain(
      "Route 53 answers api.example.com by latency: each client gets the region nearest it",
    );
    expect(page).not.toContain("in the order");
  });
});
