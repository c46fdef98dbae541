/**
 * Runs the plan through a policy pack as `pulumi preview --policy-pack` does: `Configure` with the policy
 * config the CLI resolves from `--policy-pack-config` (`resolvePolicyConfig`), `ConfigureStack`, `Analyze` for each resource's inputs (unknowns as the engine's
 * sentinel) and then `AnalyzeStack` over all of them.
 */
import type {
  AnalyzedResource,
  Diagnostic,
  JsonObject,
  PolicyConfig,
  PolicyPackClient,
} from "../policy-harness";
import type { ExplainedDiagnostic } from "./config-terms";
import type { Plan, PlannedResource } from "./plan";

export interface PolicyResults {
  readonly packName: string;
  readonly packVersion: string;
  /** As the pack reported them; the preview adds the config keys behind each (./config-terms). */
  readonly diagnostics: readonly ExplainedDiagnostic[];
}

function analyzedResource(resource: PlannedResource): AnalyzedResource {
  const provider = resource.provider;
  return {
    type: resource.type,
    name: resource.name,
    urn: resource.urn,
    properties: resource.inputs as JsonObject,
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

export async function checkPolicies(
  pack: PolicyPackClient,
  plan: Plan,
  stackConfig: Readonly<Record<string, string>>,
  policyConfig: PolicyConfig,
): Promise<PolicyResults> {
  const info = pack.info();
  await pack.configure(policyConfig);
  await pack.configureStack({ stack: plan.stack, project: plan.project, dryRun: true, config: stackConfig });
  const resources = plan.resources.map(analyzedResource);
  const perResource = await Promise.all(resources.map((resource) => pack.analyze(resource)));
  const stackWide = await pack.analyzeStack(resources);
  return {
    packName: info.name,
    packVersion: info.version,
    diagnostics: [...perResource.flat(), ...stackWide],
  };
}

export function mandatoryViolations(results: PolicyResults): Diagnostic[] {
  return results.diagnostics.filter((d) => d.enforcementLevel === "mandatory");
}
