// The Stryker test runner of tools/stryker/vitest-names.mjs: a mutant run where a test file failed as a
// whole (an import that throws, a failing beforeAll) has no failing test, yet vitest fails the run; it must be
// scored Killed, not Survived after 0 tests.
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module for Stryker, without type declarations
import { withFileFailures } from "../../tools/stryker/vitest-names.mjs";

const survived = { status: "survived", nrOfTests: 0 };
const file = (name: string, state: string, errors: { message: string }[] = []) => ({
  name,
  result: { state, errors },
});

describe("vitest-names: file-level failures", () => {
  it("scores a run Killed when a test file failed as a whole, naming the file and its error", () => {
    const result = withFileFailures(survived, [
      file("tests/config/config.test.ts", "fail", [{ message: "Invalid discriminated union option" }]),
      file("tests/route53/prices.test.ts", "pass"),
    ]);
    expect(result).toEqual({
      status: "killed",
      failureMessage:
        "test file failed as a whole: tests/config/config.test.ts: Invalid discriminated union option",
      killedBy: [],
      nrOfTests: 0,
    });
  });

  it("keeps Survived when every file passed, and any other status as it is", () => {
    const passing = [file("tests/route53/prices.test.ts", "pass")];
    expect(withFileFailures(survived, passing)).toBe(survived);
    const killed = { status: "killed", failureMessage: "x", killedBy: ["1"], nrOfTests: 1 };
    expect(withFileFailures(killed, [file("a.test.ts", "fail")])).toBe(killed);
    // A file cut short by bail is skipped, not failed.
    expect(withFileFailures(survived, [file("a.test.ts", "skip")])).toBe(survived);
  });
});
