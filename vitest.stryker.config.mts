import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.mts";

/**
 * The test config `npm run mutation` gives Stryker's vitest runner (which always runs one worker thread).
 * Tests that run code in process without the Pulumi runtime share one module cache across mutants (Stryker
 * switches mutants at run time), so a mutant costs a test run, not a fresh import of @pulumi/aws; tests that
 * run the Pulumi mock runtime keep their own module state per file, as in `npm test`.
 */
const SHARED_MODULES = ["tests/policy/in-process/**/*.test.ts", "tests/route53/**/*.test.ts"];
/** Stryker runs at low priority on a shared machine: a stack test that takes 60 s there is slow, not broken. */
const PATIENT = { testTimeout: 300_000, hookTimeout: 300_000 };

export default defineConfig({
  test: {
    projects: [
      mergeConfig(base, { test: { name: "shared", include: SHARED_MODULES, isolate: false, ...PATIENT } }),
      mergeConfig(base, { test: { name: "isolated", exclude: SHARED_MODULES, ...PATIENT } }),
    ],
  },
});
