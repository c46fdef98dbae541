/** The command line of `npm run preview`; any mistake is a UsageError (exit status 2). */
import * as path from "node:path";
import { parseArgs } from "node:util";
import { requireStackName, UsageError } from "../cli-args";
import { DEFAULT_QUERIES_PER_MONTH } from "./analysis";

export { UsageError };

export interface PreviewArgs {
  readonly help: boolean;
  readonly stack: string;
  /** Holds Pulumi.yaml and Pulumi.<stack>.yaml; the program itself always comes from this repository. */
  readonly projectDir: string;
  readonly policyPackConfig?: string;
  readonly json: boolean;
  readonly diagram: boolean;
  /** Where the report goes instead of stdout. */
  readonly output?: string;
  readonly queriesPerMonth: number;
}

export const USAGE = `Usage: npm run preview -- [options]

Runs the program for a stack under strict AWS mocks (no AWS account, no Pulumi CLI), prints what
\`pulumi up\` would create, checks it with the multi-region-failover policy pack over its gRPC protocol,
and analyses how failover will behave.

Options:
  --stack NAME                 the stack: reads Pulumi.NAME.yaml (default: prod)
  --project-dir DIR            where Pulumi.yaml and the stack file are (default: the repository root)
  --policy-pack-config FILE    policy settings as for \`pulumi preview --policy-pack-config\`: JSON, policy
                               name → level, or { enforcementLevel?, ...settings }; "all" sets every level
  --queries-per-month N        DNS queries a month for the cost estimate (default: ${DEFAULT_QUERIES_PER_MONTH})
  --json                       write the whole report (plan, violations, analysis) as one JSON document
  --diagram                    write the failover (chain, or latency records) as a Markdown page with a
                               Mermaid diagram instead of the text report
  --output FILE                write the report (text, --json or --diagram) into FILE instead of stdout:
                               FILE holds only the report, whatever npm prints before it
  -h, --help                   show this help

Options go after \`--\` (npm run preview -- --stack fast): before it, npm takes them as its own.

Exit status: 0 ok; 1 a mandatory policy violation or a request AWS would refuse; 2 bad usage or an
invalid stack configuration.`;

const REPO_ROOT = path.resolve(__dirname, "../..");

const OPTIONS = {
  help: { type: "boolean", short: "h", default: false },
  stack: { type: "string", short: "s", default: "prod" },
  "project-dir": { type: "string", default: REPO_ROOT },
  "policy-pack-config": { type: "string" },
  "queries-per-month": { type: "string" },
  json: { type: "boolean", default: false },
  diagram: { type: "boolean", default: false },
  output: { type: "string", short: "o" },
} as const;

/** The options npm could take for itself; `npm run preview --help` shows npm's own help instead. */
const OPTION_NAMES = Object.keys(OPTIONS).filter((name) => name !== "help");

/**
 * The preview's options that npm took for itself: `npm run preview --json` (no `--`) hands the script no
 * arguments and sets `npm_config_json=true` instead, so the run would write text and exit 0.
 */
export function optionsTakenByNpm(env: NodeJS.ProcessEnv): string[] {
  if (env.npm_lifecycle_event === undefined) return [];
  return OPTION_NAMES.filter((name) => env[`npm_config_${name.replaceAll("-", "_")}`] !== undefined);
}

export function parsePreviewArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): PreviewArgs {
  const taken = optionsTakenByNpm(env);
  if (taken.length > 0) {
    const flags = taken.map((name) => `--${name}`).join(" ");
    throw new UsageError(
      `npm took ${flags} for itself, not for the preview: put \`--\` before the preview's options (npm run preview -- ${flags} …)`,
    );
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: OPTIONS,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  requireStackName(values.stack);
  const queries = values["queries-per-month"];
  const queriesPerMonth = queries === undefined ? DEFAULT_QUERIES_PER_MONTH : Number(queries);
  if (!Number.isFinite(queriesPerMonth) || queriesPerMonth < 0) {
    throw new UsageError(`--queries-per-month: expected a number ≥ 0, got ${queries}`);
  }
  if (values.json && values.diagram) {
    throw new UsageError("--json and --diagram each write one document to stdout: choose one");
  }
  return {
    help: values.help,
    stack: values.stack,
    projectDir: path.resolve(values["project-dir"]),
    policyPackConfig: values["policy-pack-config"],
    json: values.json,
    diagram: values.diagram,
    output: values.output === undefined ? undefined : path.resolve(values.output),
    queriesPerMonth,
  };
}
