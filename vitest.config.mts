import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "policy-pack/**/*.test.ts"],
    exclude: ["**/node_modules/**"],
    // Each file runs the Pulumi runtime with its own mocks and module state: isolate them in forks.
    pool: "forks",
    // One file per core, not vitest's default of one fewer: many files spend seconds waiting on a child
    // process (a policy pack starting, the preview CLI), and on two cores the default is a single worker.
    maxWorkers: availableParallelism(),
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
