// A stack run turns stack traces off for speed (tools/stack-runner.ts); the setting must come back after
// the run, failed or not, or every later test failure would be reported without a location.
import { afterEach, describe, expect, it } from "vitest";
import { runWithMocks } from "../../tools/stack-runner";
import { MINIMAL_CONFIG, runStack } from "../support/stacks";

describe("stack runs and stack traces", () => {
  const before = Error.stackTraceLimit;
  afterEach(() => {
    Error.stackTraceLimit = before;
    delete process.env.MULTIREGION_STACK_TRACES;
  });

  it("captures no stack during a run, and restores the limit after it", async () => {
    let during: number | undefined;
    await runWithMocks(() => {
      during = Error.stackTraceLimit;
    });
    expect(during).toBe(0);
    expect(Error.stackTraceLimit).toBe(before);
  });

  it("restores the limit after a run that fails, and the error keeps its message", async () => {
    await expect(
      runWithMocks(() => {
        throw new Error("the program failed");
      }),
    ).rejects.toThrow("the program failed");
    expect(Error.stackTraceLimit).toBe(before);
  });

  it("restores the limit after a whole stack run", async () => {
    await runStack(MINIMAL_CONFIG);
    expect(Error.stackTraceLimit).toBe(before);
  });

  it("keeps stack traces when MULTIREGION_STACK_TRACES=1", async () => {
    process.env.MULTIREGION_STACK_TRACES = "1";
    let during: number | undefined;
    await runWithMocks(() => {
      during = Error.stackTraceLimit;
    });
    expect(during).toBe(before);
  });
});
