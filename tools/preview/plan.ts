/**
 * The plan: every resource the program registered, as `pulumi preview` would create it, with the URNs the
 * engine would give them, their parent, provider and region, and the stack outputs.
 *
 * The mock monitor builds a child's URN from its parent's last type only; the engine uses the parent's
 * whole type chain, leaving out the root stack's type (`multiregion:index:FailoverDns$aws:route53/record:Record`;
 * pulumi/pulumi `Deployment.generateURN`, docs/aws-facts.md). The plan rewrites every URN (and every
 * reference to one) to the engine's form, so what the policy pack and the reader see matches a real preview.
 */
import type { EngineRegistration } from "../aws-mocks/engine-recorder";

export const STACK_TYPE = "pulumi:pulumi:Stack";
export const AWS_PROVIDER_TYPE = "pulumi:providers:aws";

export interface PlannedProvider {
  readonly name: string;
  readonly type: string;
  readonly urn: string;
  readonly region?: string;
  readonly properties: Record<string, unknown>;
}

/** A registration with the engine's URNs, and its provider and region resolved. */
export interface PlannedResource extends Omit<EngineRegistration, "providerRef"> {
  /** The AWS region it is created in: its own `region` input, else its provider's. */
  readonly region?: string;
  readonly provider?: PlannedProvider;
}

export interface Plan {
  readonly project: string;
  readonly stack: string;
  /** In registration order, the stack first. */
  readonly resources: readonly PlannedResource[];
  readonly outputs: Record<string, unknown>;
}

function qualifiedTypeOf(urn: string): string {
  return urn.split("::")[2] ?? "";
}

/**
 * The URN the engine gives a resource: `urn:pulumi:<stack>::<project>::<qualified type>::<name>`, where the
 * qualified type is the parent's qualified type, `$`, and the resource's own type; a resource whose parent
 * is the root stack (or that has none) gets its own type alone (pulumi/pulumi `Deployment.generateURN`
 * and `urn.New`).
 */
export function engineUrn(
  stack: string,
  project: string,
  parentUrn: string | undefined,
  type: string,
  name: string,
): string {
  const parentType = parentUrn === undefined ? undefined : qualifiedTypeOf(parentUrn);
  const qualifiedType =
    parentType === undefined || parentType === STACK_TYPE ? type : `${parentType}$${type}`;
  return `urn:pulumi:${stack}::${project}::${qualifiedType}::${name}`;
}

/** Maps each mock URN to the engine's URN, parents first (a parent always registers before its children). */
function engineUrns(registrations: readonly EngineRegistration[]): Map<string, string> {
  const urns = new Map<string, string>();
  for (const registration of registrations) {
    const parentUrn = registration.parent === undefined ? undefined : urns.get(registration.parent);
    const [stackPart, project] = registration.urn.split("::");
    const stack = stackPart.slice("urn:pulumi:".length);
    urns.set(registration.urn, engineUrn(stack, project, parentUrn, registration.type, registration.name));
  }
  return urns;
}

function regionInput(inputs: Record<string, unknown>): string | undefined {
  return typeof inputs.region === "string" ? inputs.region : undefined;
}

export function buildPlan(
  project: string,
  stack: string,
  registrations: readonly EngineRegistration[],
  outputs: Record<string, unknown>,
): Plan {
  const urns = engineUrns(registrations);
  const urnOf = (mockUrn: string) => urns.get(mockUrn) ?? mockUrn;
  const providers = new Map<string, PlannedProvider>();
  for (const registration of registrations.filter((r) => r.type.startsWith("pulumi:providers:"))) {
    // A resource names its provider as `providerUrn::providerId`.
    providers.set(`${registration.urn}::${registration.id ?? ""}`, {
      name: registration.name,
      type: registration.type,
      urn: urnOf(registration.urn),
      region: regionInput(registration.inputs),
      properties: registration.inputs,
    });
  }
  const resources = registrations.map((registration): PlannedResource => {
    const provider = registration.providerRef ? providers.get(registration.providerRef) : undefined;
    return {
      urn: urnOf(registration.urn),
      type: registration.type,
      name: registration.name,
      custom: registration.custom,
      parent: registration.parent === undefined ? undefined : urnOf(registration.parent),
      region: regionInput(registration.inputs) ?? provider?.region,
      provider,
      id: registration.id,
      inputs: registration.inputs,
      outputs: registration.outputs,
      dependencies: registration.dependencies.map(urnOf),
      propertyDependencies: Object.fromEntries(
        Object.entries(registration.propertyDependencies).map(([key, list]) => [key, list.map(urnOf)]),
      ),
      options: { ...registration.options, aliases: registration.options.aliases.map(urnOf) },
    };
  });
  return { project, stack, resources, outputs };
}

/** The CLI's display form of a type token: `aws:route53/record:Record` → `aws:route53:Record`. */
export function displayType(type: string): string {
  const [pkg, module, member] = type.split(":");
  if (member === undefined) {
    return type;
  }
  const moduleName = module.split("/")[0];
  return `${pkg}:${moduleName}:${member}`;
}

export function resourcesOfType(plan: Plan, type: string): PlannedResource[] {
  return plan.resources.filter((resource) => resource.type === type);
}
