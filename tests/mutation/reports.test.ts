// The two scripts that read Stryker's JSON reports (tools/stryker/): the per-file summary, which must not
// trust a survivor whose run completed fewer tests than cover it, and the merge of part reports into one
// incremental baseline, whose test IDs must be renumbered consistently.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/stacks";

const SUMMARY = join(REPO_ROOT, "tools/stryker/summary.mjs");
const MERGE = join(REPO_ROOT, "tools/stryker/merge-reports.mjs");

interface Mutant {
  id: string;
  status: string;
  testsCompleted?: number;
  coveredBy?: string[];
  killedBy?: string[];
}

function report(files: Record<string, Mutant[]>, tests: Record<string, Record<string, string>> = {}) {
  return {
    schemaVersion: "1",
    thresholds: { high: 90, low: 80 },
    files: Object.fromEntries(
      Object.entries(files).map(([file, mutants]) => [file, { language: "typescript", source: "", mutants }]),
    ),
    testFiles: Object.fromEntries(
      Object.entries(tests).map(([file, byId]) => [
        file,
        { source: "", tests: Object.entries(byId).map(([id, name]) => ({ id, name })) },
      ]),
    ),
  };
}

function write(content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), "stryker-report-")), "report.json");
  writeFileSync(file, JSON.stringify(content));
  return file;
}

describe("npm run mutation:summary", () => {
  it("scores each file as Stryker does: killed and timed out over killed, timed out, survived and uncovered", () => {
    const file = write(
      report({
        "a.ts": [
          { id: "1", status: "Killed" },
          { id: "2", status: "Timeout" },
          { id: "3", status: "Survived", testsCompleted: 2, coveredBy: ["t1", "t2"] },
          { id: "4", status: "NoCoverage" },
          { id: "5", status: "Ignored" },
        ],
      }),
    );
    const out = execFileSync(process.execPath, [SUMMARY, file], { encoding: "utf8" });
    expect(out).toContain("| a.ts | 4 | 2 | 1 | 1 | 50.0 % |");
    expect(out).toContain("| **all 1 files** | 4 | 2 | | | **50.0 %** |");
  });

  it("fails and says so when a survivor completed no test, or fewer than cover it", () => {
    for (const survivor of [
      { id: "1", status: "Survived", testsCompleted: 0, coveredBy: [] },
      { id: "1", status: "Survived", testsCompleted: 3, coveredBy: ["t1", "t2", "t3", "t4"] },
    ]) {
      const run = spawnSync(process.execPath, [SUMMARY, write(report({ "a.ts": [survivor] }))], {
        encoding: "utf8",
      });
      expect(run.status).toBe(1);
      expect(run.stdout).toContain("1 survivors completed no test or fewer than cover them");
    }
  });
});

describe("tools/stryker/merge-reports.mjs", () => {
  it("joins part reports, giving each test one ID by file and name and remapping coveredBy and killedBy", () => {
    const first = write(
      report(
        { "a.ts": [{ id: "1", status: "Killed", coveredBy: ["0", "1"], killedBy: ["1"] }] },
        { "t.test.ts": { "0": "first", "1": "second" } },
      ),
    );
    const second = write(
      report(
        { "b.ts": [{ id: "1", status: "Survived", coveredBy: ["0", "7"] }] },
        { "t.test.ts": { "7": "second", "0": "third" } },
      ),
    );
    const out = join(mkdtempSync(join(tmpdir(), "stryker-merged-")), "merged.json");
    execFileSync(process.execPath, [MERGE, out, first, second]);
    const merged = JSON.parse(readFileSync(out, "utf8")) as ReturnType<typeof report>;
    const nameOf = Object.fromEntries(
      merged.testFiles["t.test.ts"].tests.map((test: { id: string; name: string }) => [test.id, test.name]),
    );
    expect(Object.values(nameOf).sort()).toEqual(["first", "second", "third"]);
    const a = merged.files["a.ts"].mutants[0];
    const b = merged.files["b.ts"].mutants[0];
    expect(a.coveredBy?.map((id) => nameOf[id])).toEqual(["first", "second"]);
    expect(a.killedBy?.map((id) => nameOf[id])).toEqual(["second"]);
    expect(b.coveredBy?.map((id) => nameOf[id])).toEqual(["third", "second"]);
  });

  it("refuses reports of overlapping parts", () => {
    const part = write(report({ "a.ts": [{ id: "1", status: "Killed" }] }));
    const run = spawnSync(process.execPath, [MERGE, join(tmpdir(), "never.json"), part, part], {
      encoding: "utf8",
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("a.ts is in more than one report");
  });
});
