/**
 * Done-when for the routing modes: the whole 3-region latency + dualstack stack and the 3-region dualstack
 * failover stack pass the real pack, in preview and with every value known, and each named mutation of them
 * is caught.
 */
import { describe, expect, it } from "vitest";
import { parseStackConfig } from "../../config";
import { buildPlan, type Plan, type PlannedResource } from "../../tools/preview/plan";
import { checkPolicies, mandatoryViolations } from "../../tools/preview/policy-check";
import { readProjectConfig } from "../../tools/preview/project-config";
import { runProgram } from "../../tools/preview/run-program";
import { MINIMAL_CONFIG, REPO_ROOT } from "../support/stacks";
import { usePolicyPack } from "./fixtures";

const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"];
const STACKS = {
  "latency + dualstack": { routing: "latency", dns: { recordKind: "alias", ipv6: true } },
  "failover + dualstack": { routing: "failover", dns: { recordKind: "alias", ipv6: true } },
};

async function planOf(change: Record<string, unknown>, preview: boolean): Promise<Plan> {
  const project = readProjectConfig(REPO_ROOT, "prod");
  const config = parseStackConfig({ ...MINIMAL_CONFIG, regions: REGIONS, ...change });
  const run = await runProgram(project, config, { preview });
  expect(run.rejections).toEqual([]);
  return buildPlan(project.projectName, project.stack, run.registrations, run.outputs);
}

function mutate(
  plan: Plan,
  name: string,
  change: (resource: PlannedResource) => PlannedResource | undefined,
): Plan {
  expect(plan.resources.some((r) => r.name === name)).toBe(true);
  return {
    ...plan,
    resources: plan.resources.flatMap((r) => (r.name === name ? (change(r) ?? []) : [r])),
  };
}

describe("the routing-mode stacks through the real policy pack", () => {
  const pack = usePolicyPack();

  it.each(
    Object.entries(STACKS).flatMap(([label, change]) => [
      [`${label}, in a preview`, change, true] as const,
      [`${label}, every value known`, change, false] as const,
    ]),
  )("%s: no violation", async (_, change, preview) => {
    const results = await checkPolicies(
      pack,
      await planOf(change, preview),
      {},
      {},
      preview ? "plan" : "known",
    );
    expect(results.diagnostics).toEqual([]);
  });

  it.each([
    ["latency + dualstack", "failover-latency-eu-west-1-aaaa", "dualstack-domain-aaaa-twin", () => undefined],
    [
      "latency + dualstack",
      "failover-latency-eu-west-1",
      "failover-record-health-check",
      (r: PlannedResource) => ({ ...r, inputs: { ...r.inputs, healthCheckId: undefined } }),
    ],
    [
      "latency + dualstack",
      "failover-latency-eu-west-1-aaaa",
      "latency-set-complete",
      (r: PlannedResource) => ({
        ...r,
        inputs: { ...r.inputs, latencyRoutingPolicies: [{ region: "us-east-1" }] },
      }),
    ],
    [
      "failover + dualstack",
      "failover-primary-aaaa",
      "failover-alias-evaluate-target-health",
      (r: PlannedResource) => ({
        ...r,
        inputs: {
          ...r.inputs,
          aliases: (r.inputs.aliases as Record<string, unknown>[]).map((a) => ({
            ...a,
            evaluateTargetHealth: false,
          })),
        },
      }),
    ],
    ["failover + dualstack", "api-eu-west-1-region-host-aaaa", "dualstack-domain-aaaa-twin", () => undefined],
  ] as const)("%s without %s's property is caught by %s", async (label, name, policy, change) => {
    const plan = mutate(await planOf(STACKS[label], false), name, change);
    const violations = mandatoryViolations(await checkPolicies(pack, plan, {}, {}, "plan"));
    expect(violations.map((v) => v.policyName)).toContain(policy);
  });
});
