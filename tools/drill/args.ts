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
}

export const USAGE =
  "usage: npm run drill -- --stack <name> [--outputs FILE] [--dry-run] [--timeout SECONDS] [--poll SECONDS]";

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
  -h, --help          show this help

Exit status: 0 the drill passed (or the dry run printed its plan); 1 it failed or the outputs could not be
read; 2 bad usage.`;

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
    },
    strict: true,
    allowPositionals: false,
  });
  const help = values.help ?? false;
  if (help) {
    return { help, stack: "", dryRun: false, timeoutSeconds: 0, pollSeconds: 0 };
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
  };
}
