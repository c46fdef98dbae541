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

  it("reads --record and --timeline for a run, and --from-record with --timeline without a stack", () => {
    expect(
      parseDrillArgs(["--stack", "prod", "--record", "run.json", "--timeline", "run.svg"]),
    ).toMatchObject({
      stack: "prod",
      recordFile: "run.json",
      timelineFile: "run.svg",
    });
    expect(parseDrillArgs(["--from-record", "run.json", "--timeline", "t.svg"])).toEqual({
      help: false,
      stack: "",
      dryRun: false,
      timeoutSeconds: 0,
      pollSeconds: 0,
      fromRecordFile: "run.json",
      timelineFile: "t.svg",
    });
  });

  it.each([
    [["--from-record", "run.json", "--stack", "prod"], /--from-record .* takes only --timeline, not --stack/],
    [["--from-record", "r.json", "--poll", "2", "--record", "x"], /not --poll, --record/],
    [["--stack", "prod", "--dry-run", "--timeline", "t.svg"], /--dry-run makes no calls, .* --timeline/],
    [["--stack", "prod", "--dry-run", "--record", "r.json"], /--dry-run makes no calls, .* --record/],
    [["--stack", "prod", "--timeline", " "], /--timeline needs a file name/],
    [["--from-record", ""], /--from-record needs a file name/],
  ])("rejects %j: a recording is reported alone, and a dry run has nothing to record", (argv, message) => {
    expect(() => parseDrillArgs(argv)).toThrow(message);
    expect(() => parseDrillArgs(argv)).toThrow(UsageError);
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
