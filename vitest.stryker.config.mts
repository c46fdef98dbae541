import { relative } from "node:path";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { testProjects } from "./vitest.config.mts";

/**
 * The test config `npm run mutation` gives Stryker's vitest runner: the projects of `npm test`
 * (vitest.config.mts), so a worker keeps its modules from file to file and only files that `vi.mock` a module
 * get their own. Stryker switches a mutant on at run time, and vitest loads the modules afresh for each of
 * Stryker's runs, so a mutant in code that runs at import time (a policy's description, a schema's bound) is
 * seen too: a run of one policy file killed all 7 of its import-time mutants this way.
 */

/**
 * Checks of the git tree, not of the mutated code: Stryker's sandbox (.stryker-tmp/, git-ignored) has no
 * tracked files, so they could only fail there.
 */
const GIT_TREE_CHECKS = ["tests/references.test.ts"];
/** Stryker runs at low priority on a shared machine: a stack test that takes 60 s there is slow, not broken. */
const PATIENT = { testTimeout: 300_000, hookTimeout: 300_000 };
/**
 * One test file at a time in each Stryker runner (Stryker runs `concurrency` runners side by side). With two
 * files at once, the first failure stops the run (bail 1) and cancels the other file before its results are
 * reported; when the failing test was in the cancelled file, Stryker saw only passing tests and scored a killed
 * mutant Survived (178 of config/'s import-time mutants did, each after 3 tests).
 */
const ONE_FILE_AT_A_TIME = { maxWorkers: 1 };

/** Test folders whose files run in a second or less: unit tests, no whole-stack runs, no child processes. */
const QUICK = [
  "tests/config/",
  "tests/property/",
  "tests/route53/",
  "tests/policy/in-process/",
  "tests/policy/specs/",
  "tests/mocks/",
];

/**
 * Quick files first. Stryker stops a mutant's run at the first failing test (bail 1), and a mutant in code
 * that runs at import time runs every test that reaches its file: the quick tests usually kill it within
 * a second, before the stack runs start. Order changes only how soon a mutant is killed, not whether.
 */
class QuickTestsFirst extends BaseSequencer {
  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) =>
      QUICK.some((folder) => relative(process.cwd(), file.moduleId).startsWith(folder)) ? 0 : 1;
    return Promise.resolve(
      [...files].sort((a, b) => rank(a) - rank(b) || a.moduleId.localeCompare(b.moduleId)),
    );
  }
}

export default defineConfig({
  test: {
    globalSetup: ["tools/build-assets.mjs"],
    sequence: { sequencer: QuickTestsFirst },
    projects: testProjects({ ...PATIENT, ...ONE_FILE_AT_A_TIME }, GIT_TREE_CHECKS),
  },
});
