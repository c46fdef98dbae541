// How `npm run preview` writes its report for --diagram, in process: the CLI's own run of --diagram was one
// preview more of the prod stack; tests/preview/cli.test.ts checks the committed diagram from its JSON run.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { analyzeFailover } from "../../tools/preview/analysis";
import { parsePreviewArgs } from "../../tools/preview/args";
import { failoverDiagramMarkdown } from "../../tools/preview/diagram";
import { writeReport } from "../../tools/preview/write-report";
import { previewPlanOf } from "../support/preview-plan";
import { MINIMAL_CONFIG } from "../support/stacks";

/** What writeReport wrote to stdout and stderr. */
function captured(write: () => void): { stdout: string; stderr: string } {
  let stdout = "";
  let stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((stderr += String(chunk)), true));
  write();
  vi.restoreAllMocks();
  return { stdout, stderr };
}

describe("npm run preview -- --diagram", () => {
  afterEach(() => vi.restoreAllMocks());

  it("writes only the Markdown diagram of the analysis to stdout, and nothing to stderr when all passed", async () => {
    const analysis = analyzeFailover(await previewPlanOf({ ...MINIMAL_CONFIG }, { preview: false }));
    const args = parsePreviewArgs(["--stack", "dev", "--diagram"]);
    const out = captured(() => writeReport({ exitCode: 0, rejections: [], analysis }, args));
    expect(out.stdout).toBe(failoverDiagramMarkdown(analysis, "dev"));
    expect(out.stderr).toBe("");
  });

  it("writes the problems to stderr, not into the diagram", () => {
    const args = parsePreviewArgs(["--diagram"]);
    const out = captured(() =>
      writeReport({ exitCode: 1, rejections: [], failure: "the program threw" }, args),
    );
    expect(out.stdout).toBe("");
    expect(out.stderr).toContain("error: the program threw");
  });
});

describe("npm run preview -- --json --output FILE", () => {
  it("writes only the JSON document into FILE, whatever else reaches stdout", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "preview-output-")), "plan.json");
    const args = parsePreviewArgs(["--json", "--output", file]);
    const out = captured(() => writeReport({ exitCode: 0, rejections: [] }, args));
    expect(out.stdout).toBe("");
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ exitCode: 0, rejections: [] });
  });
});
