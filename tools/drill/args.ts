/** Command-line options of `npm run drill -- --stack <name> [...]`; any mistake is a UsageError (exit 2). */
import { parseArgs } from "node:util";
import { requireStackName, UsageError, withUsageLine } from "../cli-args";

export interface DrillArgs {
  /** `--help`/`-h`: print HELP and exit 0; the other fields are then not read. */
  help: boolean;
  stack: string;
  outputsFile?: string;
  dryRun: boolean;
  timeoutSeconds: number;
  pollSeconds: number;
  /** `--record FILE.json`: write the run (what the drill saw, and the model) as JSON. */
  recordFile?: string;
  /** `--timeline FILE.svg`: draw the run's timeline as an SVG picture. */
  timelineFile?: string;
  /** `--from-record FILE.json`: no drill; report (and draw) a recorded run. `stack` is then "". */
  fromRecordFile?: string;
}

export const USAGE =
  "usage: npm run drill -- --stack <name> [--outputs FILE] [--dry-run] [--timeout SECONDS] [--poll SECONDS]" +
  " [--record FILE.json] [--timeline FILE.svg]\n" +
  "       npm run drill -- --from-record FILE.json [--timeline FILE.svg]";

/** Long enough for the default model (30 s x 3 + 6 s + 60 s TTL = 156 s) with room for slow resolvers. */
export const DEFAULT_TIMEOUT_SECONDS = 600;
/** GetHealthCheckStatus is not meant for high query rates (Route 53 API reference). */
export const DEFAULT_POLL_SECONDS = 5;

export const HELP = `${USAGE}

Rehearses a failover against a deployed stack: inverts the primary region's Route 53 health check, so that
Route 53 reads the healthy region as unhealthy and fails over, measures how long until DNS and HTTPS
answer from the next region, then restores the check (Inverted false) and measures the failback. It is a
rehearsal, not a drain: an inverted check would read a region that is really down as healthy. To take a
region out of service, add it to drainedRegions and run pulumi up (README, "Drain and fail back").

Options:
  --stack NAME        the stack whose outputs name the health checks and records (required)
  --outputs FILE      read the stack outputs from FILE (\`pulumi stack output --json\`) instead of Pulumi
  --dry-run           print every call the drill would make, with the ids, and make none
  --timeout SECONDS   how long to wait for each move (default: ${DEFAULT_TIMEOUT_SECONDS})
  --poll SECONDS      time between observations (default: ${DEFAULT_POLL_SECONDS})
  --record FILE       write the run as JSON into FILE: what was seen when, and the modelled times
  --timeline FILE     draw the run's timeline into FILE as SVG: the health check's status, the region the
                      zone's name servers answer with, the first success in the next region, and the
                      measured RTO against the modelled one
  --from-record FILE  run no drill: print the report of a run written by --record (and draw it with
                      --timeline); takes no other option
  -h, --help          show this help

Exit status: 0 the drill passed (or the dry run printed its plan, or the recording was reported); 1 it failed,
or the outputs or the recording could not be read, or a file could not be written; 2 bad usage.`;

export { UsageError };

function positiveNumber(value: string | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (value.trim() === "" || !Number.isFinite(parsed) || parsed <= 0) {
    throw new UsageError(`--${option} must be a positive number of seconds, got "${value}"`);
  }
  return parsed;
}

/** Parses argv; a UsageError's message names the option and ends with the usage line. */
export function parseDrillArgs(argv: readonly string[]): DrillArgs {
  return withUsageLine(USAGE, () => readDrillArgs(argv));
}

function readDrillArgs(argv: readonly string[]): DrillArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      help: { type: "boolean", short: "h", default: false },
      stack: { type: "string" },
      outputs: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      timeout: { type: "string" },
      poll: { type: "string" },
      record: { type: "string" },
      timeline: { type: "string" },
      "from-record": { type: "string" },
    },
    strict: true,
    allowPositionals: false,
  });
  const help = values.help ?? false;
  if (help) {
    return { help, stack: "", dryRun: false, timeoutSeconds: 0, pollSeconds: 0 };
  }
  const fromRecordFile = values["from-record"];
  if (fromRecordFile !== undefined) {
    const others = ["stack", "outputs", "dry-run", "timeout", "poll", "record"] as const;
    const given = others.filter((name) => values[name] !== undefined && values[name] !== false);
    if (given.length > 0) {
      throw new UsageError(
        `--from-record reports a recorded run and takes only --timeline, not ${given.map((name) => `--${name}`).join(", ")}`,
      );
    }
    requireFileName(fromRecordFile, "from-record");
    return {
      help,
      stack: "",
      dryRun: false,
      timeoutSeconds: 0,
      pollSeconds: 0,
      fromRecordFile,
      timelineFile: optionalFileName(values.timeline, "timeline"),
    };
  }
  if (!values.stack) throw new UsageError("--stack is required");
  requireStackName(values.stack);
  return {
    help,
    stack: values.stack,
    outputsFile: values.outputs,
    dryRun: values["dry-run"] ?? false,
    timeoutSeconds: positiveNumber(values.timeout, "timeout", DEFAULT_TIMEOUT_SECONDS),
    pollSeconds: positiveNumber(values.poll, "poll", DEFAULT_POLL_SECONDS),
    ...runFiles(values.record, values.timeline, values["dry-run"] ?? false),
  };
}

function requireFileName(value: string, option: string): void {
  if (value.trim() === "") throw new UsageError(`--${option} needs a file name`);
}

function optionalFileName(value: string | undefined, option: string): string | undefined {
  if (value !== undefined) requireFileName(value, option);
  return value;
}

/** --record and --timeline describe a run: a dry run has none. */
function runFiles(
  record: string | undefined,
  timeline: string | undefined,
  dryRun: boolean,
): Pick<DrillArgs, "recordFile" | "timelineFile"> {
  if (dryRun && (record !== undefined || timeline !== undefined)) {
    throw new UsageError(
      `--dry-run makes no calls, so there is no run for ${record !== undefined ? "--record" : "--timeline"} to keep`,
    );
  }
  return {
    recordFile: optionalFileName(record, "record"),
    timelineFile: optionalFileName(timeline, "timeline"),
  };
}
