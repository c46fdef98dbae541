/**
 * Opting out of auth is deliberate twice: a stack with `auth: { mode: none }` is a mandatory violation of
 * api-method-authorization until its pack config (policy-pack/config-examples/auth-none.json) relaxes it.
 * The whole program runs under the strict mocks and its plan goes through the real analyzer.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readPolicyConfigFile, resolvePolicyConfig } from "../../tools/policy-harness";
import { buildPlan, type Plan } from "../../tools/preview/plan";
import { checkPolicies, mandatoryViolations } from "../../tools/preview/policy-check";
import { configText, type ProjectConfig } from "../../tools/preview/project-config";
import { loadConfigFor, runProgram } from "../../tools/preview/run-program";
import { MINIMAL_CONFIG, REPO_ROOT } from "../support/stacks";
import { usePolicyPack } from "./fixtures";

const pack = usePolicyPack();
let plan: Plan;
let project: ProjectConfig;
beforeAll(async () => {
  project = {
    projectName: "multi-region-api",
    stack: "open",
    unknownSecrets: [],
    config: Object.fromEntries(
      Object.entries({ ...MINIMAL_CONFIG, auth: { mode: "none" } }).map(([key, value]) => [
        `multi-region-api:${key}`,
        configText(value),
      ]),
    ),
  };
  const run = await runProgram(project, loadConfigFor(project), { preview: true });
  expect(run.rejections).toEqual([]);
  plan = buildPlan(project.projectName, project.stack, run.registrations, run.outputs);
});

describe("a stack with auth.mode none", () => {
  it("is a mandatory violation of api-method-authorization for each /v1 method of each region", async () => {
    const violations = mandatoryViolations(await checkPolicies(pack, plan, project.config, {}, "plan"));
    expect(violations.map((v) => v.policyName)).toEqual(Array(4).fill("api-method-authorization"));
  });

  it("passes once its pack config relaxes the policy, and keeps api-stage-waf on", async () => {
    const file = readPolicyConfigFile(join(REPO_ROOT, "policy-pack/config-examples/auth-none.json"));
    const results = await checkPolicies(
      pack,
      plan,
      project.config,
      resolvePolicyConfig(pack.info(), file),
      "plan",
    );
    expect(mandatoryViolations(results)).toEqual([]);
    expect(results.diagnostics).toEqual([]);
    expect(pack.info().policies.find((p) => p.name === "api-stage-waf")).toBeDefined();
  });
});
