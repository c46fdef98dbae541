// `npm run test:engine`: the real Pulumi CLI on the stand-in providers (tests/engine; docs/engine-tests.md).
// Not part of `npm test`: it needs `source tools/engine-env.sh` (which builds the CLI once). Files run one at
// a time: each engine run already keeps both cores busy (the program, the policy pack, a provider per
// region), and running two only makes each slower.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/engine/*.test.ts"],
    // The program the engine runs reads the code it deploys from files built beforehand.
    globalSetup: ["tools/build-assets.mjs"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
