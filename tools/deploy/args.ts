/** Command-line options of `npm run deploy -- --stack <name> [...]`; any mistake is a UsageError (exit 2). */
import { parseArgs } from "node:util";
import { requireStackName, UsageError, withUsageLine } from "../cli-args";

export interface DeployArgs {
  /** `--help`/`-h`: print HELP and exit 0; the other fields are then not read. */
  readonly help: boolean;
  readonly stack: string;
  readonly dryRun: boolean;
  /** False with `--no-rollback`: a region whose gate fails is left as the failed `up` made it. */
  readonly rollback: boolean;
}

export const USAGE = "usage: npm run deploy -- --stack <name> [--dry-run] [--no-rollback]";

export const HELP = `${USAGE}

Delivers the checked-out commit in waves. For a stack that holds part global, each region's stack gets its
own pulumi up (by default the first region alone, then the others one at a time; deploy.waves in the stack
config), then the global stack. For a stack that holds part all, the one stack is the only wave.

After each wave's up, before the next wave starts, every region of the wave must pass these gates:
  instance refresh   the Auto Scaling group's latest instance refresh has finished successfully
  health check       the region's Route 53 health check is healthy (GetHealthCheckStatus), once it exists
  bake               the region's 5XX-rate and p99-latency alarms stay OK for deploy.bakeMinutes
A passed region records the commit as passed in its stack (the release output). A failed gate stops every
later wave, names the gate and the region, and rolls that region back: a git worktree of the last commit
that passed there, and pulumi up from it.

Options:
  --stack NAME     the global (or all) stack; its config lists the regions and the waves (required)
  --dry-run        print the waves, gates and bake times, and call neither Pulumi nor AWS
  --no-rollback    leave a region whose gate failed as it is
  -h, --help       show this help

Exit status: 0 every wave passed (or the dry run printed its plan); 1 a gate or an up failed; 2 bad usage
or a stack config that cannot be deployed in waves.`;

export { UsageError };

/** Parses argv; a UsageError's message names the option and ends with the usage line. */
export function parseDeployArgs(argv: readonly string[]): DeployArgs {
  return withUsageLine(USAGE, () => readDeployArgs(argv));
}

function readDeployArgs(argv: readonly string[]): DeployArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      help: { type: "boolean", short: "h", default: false },
      stack: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      "no-rollback": { type: "boolean", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return { help: true, stack: "", dryRun: false, rollback: true };
  if (!values.stack) throw new UsageError("--stack is required");
  requireStackName(values.stack);
  return {
    help: false,
    stack: values.stack,
    dryRun: values["dry-run"] ?? false,
    rollback: !(values["no-rollback"] ?? false),
  };
}
