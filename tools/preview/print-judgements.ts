/**
 * The policy pack's two judgements as text (see ./policy-check): each under a line saying which deployment
 * it stands for, and, when one has a mandatory violation, an error line naming that judgement. A violation
 * both judgements report is printed once, under the first, with the judgements it failed in.
 */
import { JUDGEMENTS, type Judgement, type PolicyResults } from "./policy-check";
import type { PreviewReport } from "./preview";
import type { ExplainedDiagnostic } from "./config-terms";
import { formatPolicyResults } from "./print-report";

const ORDER: readonly Judgement[] = ["plan", "known"];

function heading(judgement: Judgement): string {
  return `Policy judgement ${ORDER.indexOf(judgement) + 1} of ${ORDER.length}: ${JUDGEMENTS[judgement]}`;
}

/** The same violation in both judgements: same level, policy, resource and message. */
export const violationKey = (d: ExplainedDiagnostic) =>
  JSON.stringify([d.enforcementLevel, d.policyName, d.urn, d.message]);

function formatJudgement(
  judgement: Judgement,
  results: PolicyResults | undefined,
  other: PolicyResults | undefined,
): string[] {
  if (results === undefined) {
    return [heading(judgement), "    not made: that run of the program failed (see the errors above)"];
  }
  const inOther = new Set((other?.diagnostics ?? []).map(violationKey));
  if (judgement === "plan") {
    const note = (d: ExplainedDiagnostic) =>
      inOther.has(violationKey(d)) ? "failed in judgements 1 and 2" : "failed in judgement 1 only";
    return [heading(judgement), ...formatPolicyResults(results, { note: other && note })];
  }
  const own = results.diagnostics.filter((d) => !inOther.has(violationKey(d)));
  const shared = results.diagnostics.length - own.length;
  return [
    heading(judgement),
    ...formatPolicyResults(results, {
      diagnostics: own,
      note: other && (() => "failed in judgement 2 only"),
      omitted: shared > 0 ? `(and ${shared} listed under judgement 1, which fail here too)` : undefined,
    }),
  ];
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
  const sections = [
    formatJudgement("plan", report.policies, report.knownPolicies),
    formatJudgement("known", report.knownPolicies, report.policies),
  ];
  const failures = formatPolicyFailures(report);
  return failures.length > 0 ? [...sections, failures] : sections;
}
