// Every input every shipped stack and variant registers reaches a request member AWS's models know and
// satisfies its constraints (the mocks refuse otherwise; this says which resource and input, in one place).
import { describe, expect, it } from "vitest";
import { apiModelReport } from "../../tools/aws-models/validate";
import { runStack, stackFileConfig } from "../support/stacks";

const prod = stackFileConfig("prod");
const VARIANTS: readonly (readonly [string, Record<string, unknown>])[] = [
  ["prod", prod],
  ["fast", stackFileConfig("fast")],
  ["prod, latency routing", { ...prod, routing: "latency" }],
  ["prod, IPv6", { ...prod, dns: { ipv6: true } }],
  ["prod, eu-west-1 drained", { ...prod, drainedRegions: ["eu-west-1"] }],
  ["prod, three regions", { ...prod, regions: ["us-east-1", "eu-west-1", "ap-southeast-2"] }],
  ["fast, eu-west-1 drained", { ...stackFileConfig("fast"), drainedRegions: ["eu-west-1"] }],
];

describe("AWS API models: every input of every shipped stack", () => {
  it.each(VARIANTS)("%s: no input AWS would refuse or that reaches no request", async (_label, config) => {
    // The model check is off inside the mocks only in the sense that its findings are collected here too.
    const run = await runStack(config);
    const findings = run.registrations
      .filter((r) => r.custom && r.type.startsWith("aws:"))
      .flatMap((r) => {
        const { refusals, unmapped } = apiModelReport(r.type, r.name, r.inputs);
        return [...refusals, ...unmapped.map((path) => `unmapped ${path}`)].map(
          (f) => `${r.type} ${r.name}: ${f}`,
        );
      });
    expect(findings).toEqual([]);
    expect(run.registrations.filter((r) => r.type === "aws:wafv2/webAcl:WebAcl").length).toBeGreaterThan(0);
  });
});
