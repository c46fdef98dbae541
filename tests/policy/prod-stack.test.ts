import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPolicyPack, type PolicyPackClient } from "../../tools/policy-harness";
import { buildPlan, type Plan } from "../../tools/preview/plan";
import { checkPolicies, mandatoryViolations } from "../../tools/preview/policy-check";
import { readProjectConfig } from "../../tools/preview/project-config";
import { loadConfigFor, runProgram } from "../../tools/preview/run-program";
import { REPO_ROOT } from "../support/stacks";

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
  let pack: PolicyPackClient;
  beforeAll(async () => {
    pack = await startPolicyPack();
  });
  afterAll(async () => {
    await pack?.close();
  });

  it.each([
    ["in a preview, with unknown IDs and DNS names", true],
    ["with every value known, as after pulumi up", false],
  ])("has no violation %s", async (_, preview) => {
    const { plan, config } = await prodPlan(preview);
    expect(plan.resources.length).toBeGreaterThan(90);
    const results = await checkPolicies(pack, plan, config, {});
    expect(mandatoryViolations(results)).toEqual([]);
    // Nothing is drained in prod, so even the advisory policy stays quiet.
    expect(results.diagnostics).toEqual([]);
  });

  it("does judge the prod stack: the same plan with a TTL on the primary alias is a mandatory violation", async () => {
    const { plan, config } = await prodPlan(false);
    const broken: Plan = {
      ...plan,
      resources: plan.resources.map((resource) =>
        resource.name === "failover-primary"
          ? { ...resource, inputs: { ...resource.inputs, ttl: 300 } }
          : resource,
      ),
    };
    const violations = mandatoryViolations(await checkPolicies(pack, broken, config, {}));
    expect(violations.map((v) => v.policyName)).toContain("failover-record-low-ttl");
  });
});
