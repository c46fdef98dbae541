import { describe, expect, it } from "vitest";
import {
  DEFAULT_POLL_SECONDS,
  DEFAULT_TIMEOUT_SECONDS,
  HELP,
  parseDrillArgs,
  USAGE,
  UsageError,
} from "../../tools/drill/args";

describe("drill arguments", () => {
  it("reads every option", () => {
    expect(
      parseDrillArgs([
        "--stack",
        "prod",
        "--outputs",
        "o.json",
        "--dry-run",
        "--timeout",
        "300",
        "--poll",
        "2",
      ]),
    ).toEqual({
      help: false,
      stack: "prod",
      outputsFile: "o.json",
      dryRun: true,
      timeoutSeconds: 300,
      pollSeconds: 2,
    });
  });

  it("has defaults for timeout and poll", () => {
    expect(parseDrillArgs(["--stack", "prod"])).toMatchObject({
      dryRun: false,
      timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
      pollSeconds: DEFAULT_POLL_SECONDS,
    });
  });

  it.each([
    [[], /--stack is required/],
    [["--stack", "prod", "--timeout", "soon"], /--timeout must be a positive number of seconds, got "soon"/],
    [["--stack", "prod", "--poll", "0"], /--poll must be a positive number/],
    [["--stack", "prod", "--force"], /Unknown option '--force'/],
    [["--stack", "a b"], /--stack: "a b" is not a stack name/],
    [["--stack", "prod", "extra"], /Unexpected argument 'extra'/],
  ])("rejects %j with a UsageError that ends with the usage line", (argv, message) => {
    expect(() => parseDrillArgs(argv)).toThrow(message);
    expect(() => parseDrillArgs(argv)).toThrow(UsageError);
    expect(() => parseDrillArgs(argv)).toThrow(
      new RegExp(`\\n${USAGE.replace(/[[\]().*+?^$|\\]/g, "\\$&")}$`),
    );
  });

  it.each([["--help"], ["-h"], ["-h", "--stack", "prod"]])("reads %j as a request for help", (...argv) => {
    expect(parseDrillArgs(argv).help).toBe(true);
  });
});

describe("drill help", () => {
  it("says the drill inverts the check as a rehearsal and that a drain is drainedRegions, not an inversion", () => {
    expect(HELP).toContain("inverts the primary region's Route 53 health check");
    expect(HELP).toContain("It is a\nrehearsal, not a drain");
    expect(HELP).toContain("add it to drainedRegions and run pulumi up");
    expect(HELP).not.toMatch(/drains the primary/);
  });
});
