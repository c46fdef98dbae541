import { describe, expect, it } from "vitest";
import { buildPlan, type Plan } from "../../tools/preview/plan";
import { checkPolicies, mandatoryViolations } from "../../tools/preview/policy-check";
import { providerState } from "../../tools/preview/provider-state";
import { readProjectConfig } from "../../tools/preview/project-config";
import { loadConfigFor, runProgram } from "../../tools/preview/run-program";
import { REPO_ROOT } from "../support/stacks";
import { usePolicyPack } from "./fixtures";

/** The prod stack (Pulumi.yaml + Pulumi.prod.yaml) as the engine would send it to the pack. */
async function prodPlan(preview: boolean): Promise<{ plan: Plan; config: Record<string, string> }> {
  const project = readProjectConfig(REPO_ROOT, "prod");
  const run = await runProgram(project, loadConfigFor(project), { preview });
  expect(run.rejections).toEqual([]);
  return {
    plan: buildPlan(project.projectName, project.stack, run.registrations, run.outputs),
    config: project.config,
  };
}

describe("the whole prod stack through the real policy pack", () => {
  const pack = usePolicyPack();

  it.each([
    ["in a preview, with unknown IDs and DNS names", true],
    ["with every value known and outputs shaped as the provider's state, as in pulumi up", false],
  ])("has no violation %s", async (_, preview) => {
    const { plan, config } = await prodPlan(preview);
    expect(plan.resources.length).toBeGreaterThan(90);
    const results = await checkPolicies(pack, plan, config, {}, preview ? "plan" : "known");
    expect(mandatoryViolations(results)).toEqual([]);
    // Nothing is drained in prod, so even the advisory policy stays quiet.
    expect(results.diagnostics).toEqual([]);
  });

  it("feeds the known run's stack policies the provider's state: the alias records carry their id and ttl 0", async () => {
    const { plan } = await prodPlan(false);
    const primary = plan.resources.find((resource) => resource.name === "failover-primary")!;
    expect(providerState(primary.type, primary.outputs, primary.id)).toMatchObject({
      ttl: 0,
      id: primary.id,
      aliases: [expect.objectContaining({ evaluateTargetHealth: true })],
    });
  });

  it("does judge the prod stack: a 30 s TTL budget fails the known run only (alias targets are unknown in the plan)", async () => {
    const strict = { "failover-record-low-ttl": { properties: { maxTtlSeconds: 30 } } };
    const inPlan = await prodPlan(true);
    const inRun = await prodPlan(false);
    const planViolations = mandatoryViolations(
      await checkPolicies(pack, inPlan.plan, inPlan.config, strict, "plan"),
    );
    const runViolations = mandatoryViolations(
      await checkPolicies(pack, inRun.plan, inRun.config, strict, "known"),
    );
    expect(planViolations).toEqual([]);
    expect(runViolations.map((v) => [v.policyName, v.urn.split("::").pop()])).toEqual([
      ["failover-record-low-ttl", "failover-primary"],
      ["failover-record-low-ttl", "failover-secondary"],
    ]);
  });
});
