// How the two policy judgements read in the text report (tools/preview/print-judgements.ts).
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../tools/policy-harness";
import { describeFailedJudgement, type PolicyResults } from "../../tools/preview/policy-check";
import { formatJudgements } from "../../tools/preview/print-judgements";

function results(judgement: "plan" | "known", diagnostics: Diagnostic[] = []): PolicyResults {
  return { judgement, packName: "multi-region-failover", packVersion: "0.1.0", diagnostics };
}

const violation = (policyName: string): Diagnostic => ({
  policyName,
  policyPackName: "multi-region-failover",
  policyPackVersion: "0.1.0",
  enforcementLevel: "mandatory",
  message: "too slow",
  urn: "",
  description: "",
});

describe("the policy judgements in the text report", () => {
  it("names a failed judgement and its policies once each, sorted", () => {
    const known = results("known", [
      violation("failover-rto-budget"),
      violation("failover-record-low-ttl"),
      violation("failover-rto-budget"),
    ]);
    expect(describeFailedJudgement(known)).toBe(
      "the run with every value known (what `pulumi up` and a preview of an existing stack see): failover-record-low-ttl, failover-rto-budget",
    );
    expect(describeFailedJudgement(results("plan"))).toBeUndefined();
  });

  it("says the known judgement was not made when that run failed", () => {
    const sections = formatJudgements({
      exitCode: 1,
      rejections: ["refused"],
      policies: results("plan"),
      policyFailures: [],
    });
    expect(sections.map((lines) => lines[0])).toEqual([
      "Policy judgement 1 of 2: the plan, every computed value unknown (what `pulumi preview` of a new stack sees)",
      "Policy judgement 2 of 2: the run with every value known (what `pulumi up` and a preview of an existing stack see)",
    ]);
    expect(sections[1]).toContain("    not made: that run of the program failed (see the errors above)");
  });
});
