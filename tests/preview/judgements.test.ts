// How the two policy judgements read in the text report (tools/preview/print-judgements.ts).
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../tools/policy-harness";
import { describeFailedJudgement, type PolicyResults } from "../../tools/preview/policy-check";
import { formatJudgements } from "../../tools/preview/print-judgements";
import type { PreviewReport } from "../../tools/preview/preview";
import { formatVerdict } from "../../tools/preview/verdict";

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

describe("a violation both judgements report", () => {
  const ttl = { ...violation("failover-record-low-ttl"), urn: "urn:a", configKeys: ["dns.ttl"] };
  const budget = { ...violation("failover-rto-budget"), urn: "urn:b" };
  const report: PreviewReport = {
    exitCode: 1,
    rejections: [],
    policies: results("plan", [ttl]),
    knownPolicies: results("known", [ttl, budget]),
    policyFailures: ["…"],
  };

  it("is printed once, under judgement 1, with the judgements it failed in", () => {
    const text = formatJudgements(report).flat().join("\n");
    expect(text.match(/failover-record-low-ttl/g)).toHaveLength(1);
    expect(text).toContain("failed in judgements 1 and 2");
    expect(text).toContain("failed in judgement 2 only");
    expect(text).toContain("(and 1 listed under judgement 1, which fail here too)");
  });

  it("ends a failed preview with a verdict naming each failed policy once and the config keys to change", () => {
    expect(formatVerdict(report, "dev")).toEqual({
      failed: true,
      lines: [
        "Preview of stack dev FAILED (exit 1):",
        "  - failover-record-low-ttl (mandatory, judgements 1 and 2): change multi-region-api:dns.ttl",
        "  - failover-rto-budget (mandatory, judgement 2 only): see its message above",
      ],
    });
  });

  it("ends a passing preview with what to do next", () => {
    const verdict = formatVerdict({ exitCode: 0, rejections: [], policies: results("plan") }, "prod");
    expect(verdict.failed).toBe(false);
    expect(verdict.lines[0]).toBe("Preview of stack prod passed: 0 resources, no mandatory violation.");
    expect(verdict.lines.join(" ")).toContain("Next: `pulumi up --stack prod`");
  });
});
