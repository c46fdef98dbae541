import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "policy-pack/**/*.test.ts"],
    exclude: ["**/node_modules/**"],
    // Each file runs the Pulumi runtime with its own mocks and module state: isolate them in forks.
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
