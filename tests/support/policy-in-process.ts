/**
 * Runs one policy of the pack inside the test process, with the arguments @pulumi/policy's analyzer server
 * builds for it (server.ts, makeAnalyzeRpcFun / makeAnalyzeStackRpcFun): properties behind the same
 * `unknownCheckingProxy`, `isType` by Pulumi type token, `getConfig()` without the enforcement level, the
 * provider, and for stack policies dependencies and property dependencies as resource objects.
 *
 * The gRPC tests (tests/policy/*.test.ts) prove the pack works as the CLI runs it; these in-process runs let
 * coverage and mutation testing see the policy code, which in the gRPC tests lives in another process.
 * Resources are the same `AnalyzedResource` fixtures (tests/policy/fixtures.ts), unknowns the same sentinel.
 */
import {
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationPolicy,
  unknownCheckingProxy,
  UnknownValueError,
} from "@pulumi/policy";
import type { AnalyzedResource, JsonObject } from "../../tools/policy-harness";

export interface Finding {
  readonly enforcementLevel: string;
  readonly urn: string;
  readonly message: string;
}

/** A policy's config as a policy config file gives it: its settings, and optionally `enforcementLevel`. */
export type InProcessConfig = Readonly<Record<string, unknown>>;

const NO_OPTIONS: PolicyResourceOptions = {
  protect: false,
  ignoreChanges: [],
  aliases: [],
  customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
  additionalSecretOutputs: [],
};

/** The server drops properties whose value is undefined before proxying them. */
function proxied(properties: JsonObject): Record<string, unknown> {
  const defined = Object.fromEntries(Object.entries(properties).filter(([, value]) => value !== undefined));
  return unknownCheckingProxy(structuredClone(defined)) as Record<string, unknown>;
}

function isTypeOf(type: string, resourceClass: unknown): boolean {
  return (resourceClass as { __pulumiType?: string }).__pulumiType === type;
}

/** `isType`/`asType` as the server builds them; `asType` hands back the same proxied props, untyped. */
function typeChecks(type: string, props: Record<string, unknown>) {
  return {
    isType: (resourceClass: unknown) => isTypeOf(type, resourceClass),
    asType: (resourceClass: unknown) => (isTypeOf(type, resourceClass) ? props : undefined),
  };
}

function providerOf(resource: AnalyzedResource) {
  const provider = resource.provider;
  return provider && { ...provider, props: proxied(provider.properties) };
}

/** The server records `notApplicable(reason)` as "not applicable" and reports nothing for that policy. */
class NotApplicable extends Error {}

function notApplicable(reason?: string): never {
  throw new NotApplicable(reason);
}

/** Like the server: an unknown value read during preview turns the whole policy into one advisory note. */
async function judged(
  policyName: string,
  findings: Finding[],
  urn: string,
  validate: () => unknown,
): Promise<void> {
  try {
    await validate();
  } catch (error) {
    if (error instanceof NotApplicable) {
      return;
    }
    if (!(error instanceof UnknownValueError)) {
      throw error;
    }
    findings.push({
      enforcementLevel: "advisory",
      urn,
      message: `can't run policy '${policyName}' during preview: ${(error as Error).message}`,
    });
  }
}

function levelAndSettings(policy: { enforcementLevel?: string }, config: InProcessConfig) {
  const { enforcementLevel, ...settings } = config;
  return { level: String(enforcementLevel ?? policy.enforcementLevel ?? "advisory"), settings };
}

/** What `Analyze` reports for each resource, in order: one finding per violation. */
export async function runResourcePolicy(
  policy: ResourceValidationPolicy,
  resources: readonly AnalyzedResource[],
  config: InProcessConfig = {},
): Promise<Finding[]> {
  const { level, settings } = levelAndSettings(policy, config);
  const findings: Finding[] = [];
  if (level === "disabled" || policy.validateResource === undefined) {
    return findings;
  }
  const validations = [policy.validateResource].flat();
  for (const resource of resources) {
    const props = proxied(resource.properties);
    const args = {
      type: resource.type,
      props,
      urn: resource.urn,
      name: resource.name,
      opts: NO_OPTIONS,
      provider: providerOf(resource),
      stackTags: new Map<string, string>(),
      getConfig: <T extends object>() => settings as T,
      notApplicable,
      ...typeChecks(resource.type, props),
    } as unknown as ResourceValidationArgs;
    const report = (message: string) =>
      findings.push({ enforcementLevel: level, urn: resource.urn, message });
    for (const validate of validations) {
      await judged(policy.name, findings, resource.urn, () => validate(args, report));
    }
  }
  return findings;
}

/** The resources of a stack as `AnalyzeStack` hands them to a policy, linked to each other by URN. */
export function policyResources(resources: readonly AnalyzedResource[]): PolicyResource[] {
  const byUrn = new Map<string, PolicyResource>();
  const linked = resources.map((resource) => {
    const props = proxied(resource.properties);
    const policyResource: PolicyResource = {
      type: resource.type,
      props,
      urn: resource.urn,
      name: resource.name,
      opts: NO_OPTIONS,
      provider: providerOf(resource),
      dependencies: [],
      propertyDependencies: {},
      ...typeChecks(resource.type, props),
    } as unknown as PolicyResource;
    byUrn.set(resource.urn, policyResource);
    return { resource, policyResource };
  });
  const known = (urns: readonly string[]) =>
    urns.map((urn) => byUrn.get(urn)).filter((found): found is PolicyResource => found !== undefined);
  for (const { resource, policyResource } of linked) {
    policyResource.parent = resource.parent === undefined ? undefined : byUrn.get(resource.parent);
    policyResource.dependencies = known(resource.dependencies ?? []);
    for (const [property, urns] of Object.entries(resource.propertyDependencies ?? {})) {
      policyResource.propertyDependencies[property] = known(urns);
    }
  }
  return linked.map(({ policyResource }) => policyResource);
}

/** What `AnalyzeStack` reports for the stack; a violation without a URN is the stack's (""). */
export async function runStackPolicy(
  policy: StackValidationPolicy,
  resources: readonly AnalyzedResource[],
  config: InProcessConfig = {},
): Promise<Finding[]> {
  const { level, settings } = levelAndSettings(policy, config);
  const findings: Finding[] = [];
  if (level === "disabled") {
    return findings;
  }
  const args = {
    resources: policyResources(resources),
    stackTags: new Map<string, string>(),
    getConfig: <T extends object>() => settings as T,
    notApplicable,
  };
  const report = (message: string, urn?: string) =>
    findings.push({ enforcementLevel: level, urn: urn ?? "", message });
  await judged(policy.name, findings, "", () => policy.validateStack(args, report));
  return findings;
}

/** The URNs findings were reported on, in order. */
export function urnsOf(findings: readonly Finding[]): string[] {
  return findings.map((finding) => finding.urn);
}
