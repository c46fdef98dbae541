// Bad command lines tried by machine: both CLIs' parsers never crash on random argv, and every refusal is a
// UsageError (exit 2) that names the option or the argument it is about.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDrillArgs, UsageError as DrillUsageError, USAGE as DRILL_USAGE } from "../../tools/drill/args";
import { runCli } from "../../tools/drill/run-cli";
import { parsePreviewArgs, UsageError as PreviewUsageError } from "../../tools/preview/args";
import { FakeWorld } from "../drill/fake-world";

const RUNS = 500;

/** Argument vectors mixing both CLIs' real options, their values and random words. */
function argvOf(options: readonly string[]) {
  const word = fc.oneof(
    fc.constantFrom(...options, "--", "-", "-x", "--no-such-option", "prod", "0", "-5", "12", "a b", ""),
    fc.string({ maxLength: 10 }),
    fc
      .constantFrom(...options)
      .chain((option) => fc.string({ maxLength: 6 }).map((value) => `${option}=${value}`)),
  );
  return fc.array(word, { maxLength: 7 });
}

const PREVIEW_OPTIONS = [
  "--stack",
  "-s",
  "--project-dir",
  "--policy-pack-config",
  "--queries-per-month",
  "--json",
  "--diagram",
  "--help",
  "-h",
];
const DRILL_OPTIONS = ["--stack", "--outputs", "--dry-run", "--timeout", "--poll", "--help", "-h"];

/**
 * The refusal names an option (`--stack`, or as node parsed a short group: `'-='` for `-h=`) or quotes one
 * of the arguments given.
 */
function namesWhatIsWrong(message: string, argv: readonly string[]): boolean {
  const firstLine = message.split("\n")[0];
  return (
    /(^|\W)--?[a-z]/i.test(firstLine) ||
    /'--?[^']*'/.test(firstLine) ||
    argv.some((arg) => firstLine.includes(`'${arg}'`))
  );
}

/** Calls parse; a refusal must be the CLI's UsageError and name what is wrong. */
function parsesOrRefuses(parse: () => unknown, usageError: new (...args: never[]) => Error, argv: string[]) {
  try {
    parse();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(usageError);
    expect(namesWhatIsWrong((error as Error).message, argv), (error as Error).message).toBe(true);
    return error as Error;
  }
}

describe("npm run preview's argument parser, on random argv", () => {
  it("parses, or refuses with a UsageError (exit 2) that names the option or argument", () => {
    fc.assert(
      fc.property(argvOf(PREVIEW_OPTIONS), (argv) => {
        parsesOrRefuses(() => parsePreviewArgs(argv), PreviewUsageError, argv);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("npm run drill's command line, on random argv", () => {
  it("parses, or refuses with a UsageError that names the option and ends with the usage line", () => {
    fc.assert(
      fc.property(argvOf(DRILL_OPTIONS), (argv) => {
        const error = parsesOrRefuses(() => parseDrillArgs(argv), DrillUsageError, argv);
        if (error) expect(error.message.endsWith(`\n${DRILL_USAGE}`)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it("exits 2 with the usage line for every refused argv, before touching anything", async () => {
    await fc.assert(
      fc.asyncProperty(argvOf(DRILL_OPTIONS), async (argv) => {
        let refused = false;
        try {
          parseDrillArgs(argv);
        } catch {
          refused = true;
        }
        fc.pre(refused);
        const world = new FakeWorld();
        expect(await runCli(argv, world.deps())).toBe(2);
        expect(world.errors.join("\n")).toContain(DRILL_USAGE);
        expect(world.route53.calls()).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
