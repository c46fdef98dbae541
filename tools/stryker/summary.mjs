// `npm run mutation:summary [REPORT.json ...]`: the score per file of one or more Stryker JSON reports
// (default reports/mutation/mutation.json), as Stryker counts it: killed + timeout over every valid mutant,
// survivors and mutants no test reaches included. It also counts survivors whose run completed no test, or
// fewer tests than cover them: a runner fault (stryker-mutator/stryker-js#6213, or a failure lost when a run
// stops early), not a test gap, so the run must be repeated, not trusted.
import { readFileSync } from "node:fs";

const DETECTED = new Set(["Killed", "Timeout"]);
const VALID = new Set(["Killed", "Timeout", "Survived", "NoCoverage"]);

const reports = process.argv.slice(2);
const files = new Map();
for (const report of reports.length > 0 ? reports : ["reports/mutation/mutation.json"]) {
  for (const [file, { mutants }] of Object.entries(JSON.parse(readFileSync(report, "utf8")).files)) {
    files.set(file, mutants);
  }
}

const rows = [];
let [detected, valid, untrusted] = [0, 0, 0];
for (const [file, mutants] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
  const counted = mutants.filter((m) => VALID.has(m.status));
  const found = counted.filter((m) => DETECTED.has(m.status)).length;
  const survived = counted.filter((m) => m.status === "Survived").length;
  const noCoverage = counted.filter((m) => m.status === "NoCoverage").length;
  untrusted += counted.filter(
    (m) =>
      m.status === "Survived" && (m.testsCompleted === 0 || m.testsCompleted < (m.coveredBy ?? []).length),
  ).length;
  detected += found;
  valid += counted.length;
  rows.push([file, counted.length, found, survived, noCoverage]);
}
const score = (found, all) => (all === 0 ? "n/a" : `${((100 * found) / all).toFixed(1)} %`);
console.log("| File | Mutants | Killed | Survived | No coverage | Score |\n|---|---:|---:|---:|---:|---:|");
for (const [file, all, found, survived, noCoverage] of rows) {
  console.log(`| ${file} | ${all} | ${found} | ${survived} | ${noCoverage} | ${score(found, all)} |`);
}
console.log(`| **all ${rows.length} files** | ${valid} | ${detected} | | | **${score(detected, valid)}** |`);
if (untrusted > 0) {
  console.log(
    `\n${untrusted} survivors completed no test or fewer than cover them: a runner fault, repeat the run before trusting it.`,
  );
  process.exitCode = 1;
}
