// Mutation testing of the core set (issue 14): `npm run mutation`. Not part of `npm test` or CI: it takes
// tens of minutes on a 2-core machine (see README, "Mutation testing").
// Narrow a run while working: npm run mutation -- --mutate policy-pack/policies/failover-rto-budget.ts
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  // Stryker's vitest runner with vitest 5's test names (see tools/stryker/vitest-names.mjs).
  testRunner: "vitest-names",
  plugins: ["@stryker-mutator/vitest-runner", "./tools/stryker/vitest-names.mjs"],
  vitest: { configFile: "vitest.stryker.config.mts" },
  checkers: [],
  mutate: [
    "model/route53/**/*.ts",
    "components/failover-dns.ts",
    "policy-pack/policies/**/*.ts",
    "policy-pack/lib/**/*.ts",
    "config/**/*.ts",
    "!**/*.test.ts",
  ],
  // Each mutant runs only the tests that reach it (per-test coverage from the first, unmutated run).
  coverageAnalysis: "perTest",
  // One test process per core of the project's 2-core machines; lower it with --concurrency 1 on a busy one.
  concurrency: 2,
  // Pulumi mock runs and the analyzer child process are slow to start; give each mutant room.
  timeoutMS: 60_000,
  timeoutFactor: 2,
  reporters: ["clear-text", "progress-append-only", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
  thresholds: { high: 90, low: 80, break: null },
};
