// `node tools/stryker/merge-reports.mjs OUT.json REPORT.json...`: one Stryker report from the reports of runs
// over parts of the core set (`npm run mutation -- --mutate GLOBS`, one part at a time on a small machine),
// to use as the incremental baseline of a run over the whole set:
//   cp reports/mutation/mutation.json reports/part-1.json   (after each part)
//   node tools/stryker/merge-reports.mjs reports/stryker-incremental.json reports/part-*.json
//   npm run mutation -- --incremental
// Stryker then reuses each part's result where the mutant's code and its tests are unchanged, and runs the
// rest (StrykerJS docs, "Incremental"). Test IDs are per run, so tests are renumbered by file and name.
import { readFileSync, writeFileSync } from "node:fs";

const [out, ...inputs] = process.argv.slice(2);
if (!out || inputs.length === 0) {
  console.error("usage: node tools/stryker/merge-reports.mjs OUT.json REPORT.json...");
  process.exit(2);
}

const merged = { files: {}, testFiles: {} };
/** "file\0test name" → the test's ID in the merged report. */
const idByTest = new Map();

for (const input of inputs) {
  const report = JSON.parse(readFileSync(input, "utf8"));
  const globalId = new Map();
  for (const [file, { tests, source }] of Object.entries(report.testFiles ?? {})) {
    const testFile = (merged.testFiles[file] ??= { source, tests: [] });
    for (const test of tests) {
      const key = `${file}\0${test.name}`;
      if (!idByTest.has(key)) {
        idByTest.set(key, String(idByTest.size));
        testFile.tests.push({ ...test, id: idByTest.get(key) });
      }
      globalId.set(test.id, idByTest.get(key));
    }
  }
  const remap = (ids) => ids?.map((id) => globalId.get(id)).filter((id) => id !== undefined);
  for (const [file, result] of Object.entries(report.files)) {
    if (merged.files[file])
      throw new Error(`${file} is in more than one report: merge reports of disjoint parts`);
    merged.files[file] = {
      ...result,
      mutants: result.mutants.map((m) => ({
        ...m,
        coveredBy: remap(m.coveredBy),
        killedBy: remap(m.killedBy),
      })),
    };
  }
  for (const key of ["schemaVersion", "thresholds", "projectRoot", "config", "framework"]) {
    merged[key] ??= report[key];
  }
}
writeFileSync(out, JSON.stringify(merged));
console.log(
  `${out}: ${Object.keys(merged.files).length} files, ${idByTest.size} tests from ${inputs.length} reports`,
);
