import { defineConfig } from "vitest/config";
import { EXCLUDE, INCLUDE, MODULE_MOCKING, WORKERS } from "./vitest.config.mts";

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

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...WORKERS,
          ...PATIENT,
          name: "shared-modules",
          include: INCLUDE,
          exclude: [...EXCLUDE, ...MODULE_MOCKING, ...GIT_TREE_CHECKS],
          isolate: false,
        },
      },
      { test: { ...WORKERS, ...PATIENT, name: "isolated", include: MODULE_MOCKING } },
    ],
  },
});
