/**
 * How `npm run preview` writes a report: the text report, one JSON document (`--json`) or the Markdown
 * page with the Mermaid diagram (`--diagram`), on stdout or into `--output FILE`. Apart from cli.ts so that `--help` and bad usage need not import the program.
 */
import { writeFileSync } from "node:fs";
import { UNKNOWN } from "../policy-harness";
import type { PreviewArgs } from "./args";
import { pluginChildrenOf } from "./awsx-children";
import { failoverDiagramMarkdown } from "./diagram";
import { formatReport } from "./format-report";
import { formatPolicyFailures } from "./print-judgements";
import { formatRejections } from "./print-report";
import type { PreviewReport } from "./preview";
import { formatVerdict } from "./verdict";

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
    capacity: report.capacity,
    compute: report.compute,
    edgeCost: report.edgeCost,
    cost: report.cost,
  };
  return JSON.stringify(
    document,
    (_key, value: unknown) => (value === UNKNOWN ? "output<string>" : value),
    2,
  );
}

/**
 * Writes the report in the form the arguments ask for: the report on stdout (or into `--output`, which holds
 * only the report whatever npm prints on stdout), problems on stderr.
 */
export function writeReport(report: PreviewReport, args: PreviewArgs): void {
  const emit = (document: string) =>
    args.output === undefined ? process.stdout.write(document) : writeFileSync(args.output, document);
  const verdict = formatVerdict(report, args.stack);
  const failedVerdict = () => {
    if (verdict.failed) process.stderr.write(`${verdict.lines.join("\n")}\n`);
  };
  if (args.json) {
    emit(`${toJson(report)}\n`);
    failedVerdict();
  } else if (report.error) {
    process.stderr.write(`error: ${report.error}\n`);
  } else if (args.diagram) {
    if (report.analysis) {
      emit(failoverDiagramMarkdown(report.analysis, args.stack));
    }
    const problems = [
      ...formatRejections(report.rejections),
      ...(report.failure ? [`error: ${report.failure}`] : []),
      ...formatPolicyFailures(report),
    ];
    if (problems.length > 0) process.stderr.write(`${problems.join("\n")}\n`);
    failedVerdict();
  } else {
    emit(`${formatReport(report)}\n`);
    failedVerdict();
    if (!verdict.failed) process.stdout.write(`\n${verdict.lines.join("\n")}\n`);
  }
}
