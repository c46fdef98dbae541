/**
 * The whole text report. What the strict mocks refused (and any other error of the program) comes first:
 * a refused request leaves resources out of the plan, and the policy results that follow may be caused by
 * it (a failover pair missing its second record), so the cause must be read before its effects.
 */
import { formatEdgeCost } from "./edge-cost";
import { formatJudgements } from "./print-judgements";
import { formatPlan } from "./print-plan";
import { formatCapacity } from "./capacity";
import { formatAnalysis, formatComputeCost, formatRejections } from "./print-report";
import type { PreviewReport } from "./preview";
import { formatStackCost } from "./stack-cost";

export function formatReport(report: PreviewReport): string {
  const sections: string[][] = [];
  if (report.rejections.length > 0) sections.push(formatRejections(report.rejections));
  if (report.failure) sections.push([`error: ${report.failure}`]);
  if (report.unknownSecrets && report.unknownSecrets.length > 0) {
    sections.push([
      `Secrets left unknown (the program does not read them): ${report.unknownSecrets.join(", ")}`,
    ]);
  }
  if (report.plan) sections.push(formatPlan(report.plan));
  const judgements = formatJudgements(report);
  if (report.rejections.length > 0 && report.policies && report.policies.diagnostics.length > 0) {
    judgements.push(["    (the refused requests listed first may cause some of these results)"]);
  }
  sections.push(...judgements);
  if (report.analysis) sections.push(formatAnalysis(report.analysis));
  if (report.capacity) sections.push(formatCapacity(report.capacity));
  if (report.compute) sections.push(formatComputeCost(report.compute));
  if (report.edgeCost) sections.push(formatEdgeCost(report.edgeCost));
  if (report.cost) sections.push(formatStackCost(report.cost));
  return sections.map((lines) => lines.join("\n")).join("\n\n");
}
