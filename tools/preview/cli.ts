/**
 * `npm run preview -- [--stack prod] [--policy-pack-config FILE] [--json | --diagram]`: the offline preview.
 * See `--help` and tools/preview/preview.ts; this file only parses, prints and exits.
 */
import { UNKNOWN } from "../policy-harness";
import { pluginChildrenOf } from "./awsx-children";
import { parsePreviewArgs, USAGE, UsageError } from "./args";
import { failoverDiagramMarkdown } from "./diagram";
import { formatReport } from "./format-report";
import { formatPolicyFailures } from "./print-judgements";
import { formatRejections } from "./print-report";
import { runPreview, type PreviewReport } from "./preview";

/** The report as one JSON document; unknown values read `output<string>`, as in `pulumi preview --json`. */
function toJson(report: PreviewReport): string {
  const plan = report.plan && {
    project: report.plan.project,
    stack: report.plan.stack,
    resources: report.plan.resources.map((r) => ({
      op: "create",
      urn: r.urn,
      type: r.type,
      name: r.name,
      parent: r.parent,
      region: r.region,
      provider: r.provider?.urn,
      inputs: r.inputs,
    })),
    outputs: report.plan.outputs,
    summary: { create: report.plan.resources.length },
    // Registered by the awsx plugin in a real preview; the mocks leave them out (see awsx-children.ts).
    notShown: pluginChildrenOf(report.plan),
  };
  const document = {
    exitCode: report.exitCode,
    error: report.error,
    plan,
    policies: report.policies,
    knownPolicies: report.knownPolicies,
    policyFailures: report.policyFailures,
    rejections: report.rejections,
    failure: report.failure,
    analysis: report.analysis,
    compute: report.compute,
    edgeCost: report.edgeCost,
  };
  return JSON.stringify(
    document,
    (_key, value: unknown) => (value === UNKNOWN ? "output<string>" : value),
    2,
  );
}

async function main(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parsePreviewArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`error: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // --json and --diagram promise one document on stdout: anything a library logs goes to stderr instead.
  const stdoutLog = console.log;
  if (args.json || args.diagram) {
    console.log = console.error;
  }
  const report = await runPreview(args);
  console.log = stdoutLog;

  if (args.json) {
    process.stdout.write(`${toJson(report)}\n`);
  } else if (report.error) {
    process.stderr.write(`error: ${report.error}\n`);
  } else if (args.diagram) {
    if (report.analysis) {
      process.stdout.write(failoverDiagramMarkdown(report.analysis, args.stack));
    }
    const problems = [
      ...formatRejections(report.rejections),
      ...(report.failure ? [`error: ${report.failure}`] : []),
      ...formatPolicyFailures(report),
    ];
    if (problems.length > 0) process.stderr.write(`${problems.join("\n")}\n`);
  } else {
    process.stdout.write(`${formatReport(report)}\n`);
  }
  return report.exitCode;
}

/** Exits once stdout is flushed: `process.exit` right after a large write to a pipe would cut it short. */
function exitAfterFlush(code: number): void {
  process.stdout.write("", () => process.exit(code));
}

main(process.argv.slice(2)).then(exitAfterFlush, (error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  exitAfterFlush(1);
});
