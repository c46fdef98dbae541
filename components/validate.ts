import * as pulumi from "@pulumi/pulumi";
import { isCommercialRegion } from "@multi-region-api/model/regions";

/**
 * Argument checks for the components. A library user may build components without the stack config, so
 * the components check their own args and throw before any resource is registered, naming the property.
 */
export class ComponentArgsError extends Error {
  constructor(property: string, problem: string) {
    super(`${property}: ${problem}`);
    this.name = "ComponentArgsError";
  }
}

export function requireThat(condition: boolean, property: string, problem: string): void {
  if (!condition) {
    throw new ComponentArgsError(property, problem);
  }
}

export function requireRegion(property: string, value: string): void {
  requireThat(isCommercialRegion(value), property, `"${value}" is not an AWS region of the aws partition`);
}

/**
 * A component's regions, one per `${property}[i].region`: each a region of the aws partition, none twice,
 * and at least `min` of them (a failover or latency set needs somewhere to go).
 */
export function requireRegionList(property: string, regions: readonly string[], min = 0): void {
  requireThat(regions.length >= min, property, `must list at least ${min} regions, got ${regions.length}`);
  regions.forEach((region, i) => requireRegion(`${property}[${i}].region`, region));
  requireThat(
    new Set(regions).size === regions.length,
    property,
    `list a region twice: ${regions.join(", ")}`,
  );
}

export function requireDnsName(property: string, value: string): void {
  requireThat(
    /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/.test(value),
    property,
    `"${value}" is not a lower-case DNS name such as api.example.com`,
  );
}

export function requireRange(property: string, value: number, min: number, max: number): void {
  requireThat(
    Number.isInteger(value) && value >= min && value <= max,
    property,
    `must be a whole number from ${min} to ${max}, got ${value}`,
  );
}

export function requireOneOf<T>(property: string, value: T, allowed: readonly T[]): void {
  requireThat(
    allowed.includes(value),
    property,
    `must be one of ${allowed.join(", ")}, got ${String(value)}`,
  );
}

/**
 * For an argument whose `kind` (or `mode`) decides which properties it takes: each of `required` must be set
 * and each of `refused` must not be, naming the property and the kind that decided it.
 */
export function requireKindProperties(
  property: string,
  kind: string,
  value: object,
  required: readonly string[],
  refused: readonly string[],
): void {
  const given = value as Readonly<Record<string, unknown>>;
  for (const name of required) {
    requireThat(given[name] !== undefined, `${property}.${name}`, `is required when ${kind}`);
  }
  for (const name of refused) {
    requireThat(given[name] === undefined, `${property}.${name}`, `must not be set when ${kind}`);
  }
}

/**
 * A component's AWS provider comes as `opts.provider`, or in `opts.providers` keyed by package (`{ aws }`),
 * which is how Pulumi passes providers to a component hosted for other languages. Either reaches every
 * child through `{ parent: this }`; neither means the default provider, which this library never uses.
 */
export function requireAwsProvider(
  opts: pulumi.ComponentResourceOptions,
  role = "the aws.Provider of the region",
): void {
  const providers = opts.providers;
  const inMap =
    providers !== undefined && !Array.isArray(providers) && (providers as Record<string, unknown>).aws;
  requireThat(
    opts.provider !== undefined || pulumi.CustomResource.isInstance(inMap),
    "opts.provider",
    `must be ${role} (or opts.providers: { aws: provider }); this library never uses the default provider`,
  );
}
