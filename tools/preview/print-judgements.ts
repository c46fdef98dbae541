/**
 * The policy pack's two judgements as text (see ./policy-check): each under a line saying which deployment
 * it stands for, and, when one has a mandatory violation, an error line naming that judgement.
 */
import { JUDGEMENTS, type Judgement, type PolicyResults } from "./policy-check";
import type { PreviewReport } from "./preview";
import { formatPolicyResults } from "./print-report";

const ORDER: readonly Judgement[] = ["plan", "known"];

function heading(judgement: Judgement): string {
  return `Policy judgement ${ORDER.indexOf(judgement) + 1} of ${ORDER.length}: ${JUDGEMENTS[judgement]}`;
}

function formatJudgement(judgement: Judgement, results: PolicyResults | undefined): string[] {
  if (results === undefined) {
    return [heading(judgement), "    not made: that run of the program failed (see the errors above)"];
  }
  return [heading(judgement), ...formatPolicyResults(results)];
}

/** One error line per judgement with a mandatory violation, naming it and its failed policies. */
export function formatPolicyFailures(report: PreviewReport): string[] {
  return (report.policyFailures ?? []).map((line) => `error: mandatory policy violation in ${line}`);
}

/** One section per judgement, then one with the failed judgements, if any. */
export function formatJudgements(report: PreviewReport): string[][] {
  if (report.policies === undefined) {
    return [];
  }
  const sections = [formatJudgement("plan", report.policies), formatJudgement("known", report.knownPolicies)];
  const failures = formatPolicyFailures(report);
  return failures.length > 0 ? [...sections, failures] : sections;
}
