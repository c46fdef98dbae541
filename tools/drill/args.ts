/** Command-line options of `npm run drill -- --stack <name> [...]`. */
import { parseArgs } from "node:util";

export interface DrillArgs {
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

export class UsageError extends Error {
  override name = "UsageError";
}

function positiveNumber(value: string | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) {
    throw new UsageError(`--${option} must be a positive number of seconds, got "${value}"`);
  }
  return parsed;
}

export function parseDrillArgs(argv: readonly string[]): DrillArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        stack: { type: "string" },
        outputs: { type: "string" },
        "dry-run": { type: "boolean", default: false },
        timeout: { type: "string" },
        poll: { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  if (!values.stack) throw new UsageError(`--stack is required\n${USAGE}`);
  return {
    stack: values.stack,
    outputsFile: values.outputs,
    dryRun: values["dry-run"] ?? false,
    timeoutSeconds: positiveNumber(values.timeout, "timeout", DEFAULT_TIMEOUT_SECONDS),
    pollSeconds: positiveNumber(values.poll, "poll", DEFAULT_POLL_SECONDS),
  };
}
