/**
 * The last lines of a preview: a failed run names what failed and the config keys to change, on stderr,
 * so that they are the last thing a terminal or a CI log shows; a passing run says what to do next.
 */
import type { PolicyResults } from "./policy-check";
import type { PreviewReport } from "./preview";

interface FailedPolicy {
  readonly judgements: Set<number>;
  readonly configKeys: Set<string>;
}

function failedPolicies(report: PreviewReport): Map<string, FailedPolicy> {
  const failed = new Map<string, FailedPolicy>();
  const judged: [number, PolicyResults | undefined][] = [
    [1, report.policies],
    [2, report.knownPolicies],
  ];
  for (const [number, results] of judged) {
    const mandatory = (results?.diagnostics ?? []).filter((d) => d.enforcementLevel === "mandatory");
    for (const d of mandatory) {
      const entry = failed.get(d.policyName) ?? { judgements: new Set(), configKeys: new Set() };
      entry.judgements.add(number);
      for (const key of d.configKeys ?? []) entry.configKeys.add(key);
      failed.set(d.policyName, entry);
    }
  }
  return failed;
}

const judgementWords = (numbers: Set<number>) =>
  numbers.size > 1 ? "judgements 1 and 2" : `judgement ${[...numbers][0]} only`;

/** `{ failed, lines }`: the verdict, for stderr when failed and stdout when not. */
export function formatVerdict(report: PreviewReport, stack: string): { failed: boolean; lines: string[] } {
  const causes: string[] = [];
  if (report.rejections.length > 0) {
    causes.push(
      `${report.rejections.length} request(s) AWS would refuse: see "Errors" at the top; fix those first`,
    );
  }
  if (report.failure) causes.push(`the program failed: ${report.failure.split("\n")[0]}`);
  for (const [policy, { judgements, configKeys }] of [...failedPolicies(report)].sort()) {
    const change =
      configKeys.size > 0
        ? `change ${[...configKeys].map((key) => `multi-region-api:${key}`).join(" or ")}`
        : "see its message above";
    causes.push(`${policy} (mandatory, ${judgementWords(judgements)}): ${change}`);
  }
  if (report.exitCode !== 0 && causes.length > 0) {
    return {
      failed: true,
      lines: [
        `Preview of stack ${stack} FAILED (exit ${report.exitCode}):`,
        ...causes.map((c) => `  - ${c}`),
      ],
    };
  }
  const advisories = [report.policies, report.knownPolicies]
    .flatMap((results) => results?.diagnostics ?? [])
    .filter((d) => d.enforcementLevel === "advisory");
  const warned = new Set(advisories.map((d) => d.policyName));
  const resources = report.plan?.resources.length ?? 0;
  return {
    failed: false,
    lines: [
      `Preview of stack ${stack} passed: ${resources} resources, no mandatory violation` +
        (warned.size > 0 ? `, advisory warnings from ${[...warned].sort().join(", ")}.` : "."),
      `Next: \`pulumi up --stack ${stack}\` on a real account (README, "Deploying for real"), or`,
      "`npm run preview -- --json --output plan.json` for the whole report as JSON.",
    ],
  };
}
