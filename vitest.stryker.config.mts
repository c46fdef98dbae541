import { defineConfig } from "vitest/config";
import { EXCLUDE, INCLUDE, WORKERS } from "./vitest.config.mts";

/**
 * The test config `npm run mutation` gives Stryker's vitest runner (which always runs one worker thread).
 * Tests that run code in process without the Pulumi runtime share one module cache across mutants (Stryker
 * switches mutants at run time), so a mutant costs a test run, not a fresh import of @pulumi/aws; every
 * other file gets a fresh module graph, so a mutant in code that runs at import time is seen.
 */
const SHARED_MODULES = ["tests/policy/in-process/**/*.test.ts", "tests/route53/**/*.test.ts"];
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
      { test: { ...WORKERS, ...PATIENT, name: "shared", include: SHARED_MODULES, isolate: false } },
      {
        test: {
          ...WORKERS,
          ...PATIENT,
          name: "isolated",
          include: INCLUDE,
          exclude: [...EXCLUDE, ...SHARED_MODULES, ...GIT_TREE_CHECKS],
        },
      },
    ],
  },
});
