/**
 * Runs a plan through a policy pack as the Pulumi CLI does: `Configure` with the policy config the CLI
 * resolves from `--policy-pack-config` (`resolvePolicyConfig`), `ConfigureStack`, `Analyze` for each
 * resource's inputs, then `AnalyzeStack` over every resource's outputs (pulumi/pulumi
 * `stepGenerator.AnalyzeResources`; docs/aws-facts.md, "Engine-true policy checks").
 *
 * Two judgements, because the engine sends different values in each:
 * - `plan`: a preview of a new stack. Every computed value (IDs, ARNs, DNS names) is the unknown sentinel;
 *   the outputs are the inputs plus an unknown `id`.
 * - `known`: `pulumi up`, and a preview of a stack that already exists. Inputs are known, and the outputs
 *   are the provider's state: `id`, and empty values for unset fields (./provider-state).
 */
import {
  UNKNOWN,
  type AnalyzedResource,
  type Diagnostic,
  type JsonObject,
  type PolicyConfig,
  type PolicyPackClient,
} from "../policy-harness";
import type { ExplainedDiagnostic } from "./config-terms";
import type { Plan, PlannedResource } from "./plan";
import { providerState } from "./provider-state";

export type Judgement = "plan" | "known";

/** What each judgement stands for, in the words the report uses. */
export const JUDGEMENTS: Readonly<Record<Judgement, string>> = {
  plan: "the plan, every computed value unknown (what `pulumi preview` of a new stack sees)",
  known: "the run with every value known (what `pulumi up` and a preview of an existing stack see)",
};

export interface PolicyResults {
  readonly judgement: Judgement;
  readonly packName: string;
  readonly packVersion: string;
  /** As the pack reported them; the preview adds the config keys behind each (./config-terms). */
  readonly diagnostics: readonly ExplainedDiagnostic[];
}

function analyzedResource(resource: PlannedResource, properties: JsonObject): AnalyzedResource {
  const provider = resource.provider;
  return {
    type: resource.type,
    name: resource.name,
    urn: resource.urn,
    properties,
    options: { ...resource.options, parent: resource.parent },
    provider: provider && {
      name: provider.name,
      type: provider.type,
      urn: provider.urn,
      properties: provider.properties as JsonObject,
    },
    parent: resource.parent,
    dependencies: resource.dependencies,
    propertyDependencies: resource.propertyDependencies,
  };
}

/** The outputs the engine holds for a resource at the end of the deployment. */
function outputsOf(resource: PlannedResource, judgement: Judgement): JsonObject {
  if (judgement === "known") {
    return providerState(resource.type, resource.outputs, resource.id);
  }
  // A create's planned outputs: the inputs, with the ID (and every other computed value) unknown.
  return { ...(resource.inputs as JsonObject), ...(resource.custom ? { id: UNKNOWN } : {}) };
}

export async function checkPolicies(
  pack: PolicyPackClient,
  plan: Plan,
  stackConfig: Readonly<Record<string, string>>,
  policyConfig: PolicyConfig,
  judgement: Judgement,
): Promise<PolicyResults> {
  const info = pack.info();
  await pack.configure(policyConfig);
  await pack.configureStack({
    stack: plan.stack,
    project: plan.project,
    dryRun: judgement === "plan",
    config: stackConfig,
  });
  // The engine sends Analyze as each resource is registered and AnalyzeStack at the end; the pack answers
  // each call on its own, so all are in flight at once and only the diagnostics keep the engine's order.
  const [perResource, stackWide] = await Promise.all([
    Promise.all(
      plan.resources.map((resource) =>
        pack.analyze(analyzedResource(resource, resource.inputs as JsonObject)),
      ),
    ),
    pack.analyzeStack(
      plan.resources.map((resource) => analyzedResource(resource, outputsOf(resource, judgement))),
    ),
  ]);
  return {
    judgement,
    packName: info.name,
    packVersion: info.version,
    diagnostics: [...perResource.flat(), ...stackWide],
  };
}

export function mandatoryViolations(results: PolicyResults): Diagnostic[] {
  return results.diagnostics.filter((d) => d.enforcementLevel === "mandatory");
}

/** "the run with every value known (…): failover-record-low-ttl, failover-rto-budget", or undefined. */
export function describeFailedJudgement(results: PolicyResults): string | undefined {
  const names = [...new Set(mandatoryViolations(results).map((d) => d.policyName))].sort();
  return names.length === 0 ? undefined : `${JUDGEMENTS[results.judgement]}: ${names.join(", ")}`;
}
