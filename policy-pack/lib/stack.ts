/**
 * The failover records of a whole stack and how they connect: records to their zone, aliases to the records
 * they target, records to their health checks. Used by the stack policies.
 *
 * During preview, IDs are unknown, so resources are matched by what the engine knows instead: a property's
 * dependencies (the `zoneId` of a record depends on the zone resource, its `healthCheckId` on the health
 * check) and names written literally in the program.
 */
import { PolicyResource } from "@pulumi/policy";
import { ALIAS_TO_AWS_RESOURCE_TTL_SECONDS } from "@multi-region-api/model/route53/knowledge";
import {
  AliasView,
  isAwsResourceName,
  normalizeDnsName,
  readRecord,
  RECORD_TYPE,
  RecordView,
} from "./records";
import { isPlainObject, isUnknown, stringProperty, toPlain, UNKNOWN, Unknown } from "./values";

export const HEALTH_CHECK_TYPE = "aws:route53/healthCheck:HealthCheck";

export interface StackRecord {
  readonly resource: PolicyResource;
  readonly view: RecordView;
  /** Identifies the hosted zone: its ID when known, else the zone resource `zoneId` depends on. */
  readonly zoneKey: string | undefined;
  /** The normalized name when known. */
  readonly nameKey: string | undefined;
}

function zoneKeyOf(resource: PolicyResource, view: RecordView): string | undefined {
  if (typeof view.zoneId === "string") {
    return `id:${view.zoneId}`;
  }
  const zoneUrns = (resource.propertyDependencies?.zoneId ?? []).map((dependency) => dependency.urn).sort();
  return zoneUrns.length > 0 ? `from:${zoneUrns.join(",")}` : undefined;
}

export function collectRecords(resources: readonly PolicyResource[]): StackRecord[] {
  return resources
    .filter((resource) => resource.type === RECORD_TYPE)
    .map((resource) => {
      const view = readRecord(resource.props);
      return {
        resource,
        view,
        zoneKey: zoneKeyOf(resource, view),
        nameKey: typeof view.name === "string" ? normalizeDnsName(view.name) : undefined,
      };
    });
}

export type AliasTarget =
  | { readonly kind: "records"; readonly records: readonly StackRecord[] }
  | { readonly kind: "aws-resource" }
  | { readonly kind: "undetermined" };

/** True unless both zones are identified and differ. */
function mayShareZone(a: StackRecord, b: StackRecord): boolean {
  return a.zoneKey === undefined || b.zoneKey === undefined || a.zoneKey === b.zoneKey;
}

/**
 * The records an alias of `source` answers with. Route 53 DG: an alias targets an AWS resource or "another
 * record in this hosted zone" of the same type, so a record of the stack with the alias's name (and type, in
 * the same zone) is its target.
 */
export function resolveAliasTarget(
  source: StackRecord,
  alias: AliasView,
  records: readonly StackRecord[],
): AliasTarget {
  if (typeof alias.name !== "string") {
    return { kind: "undetermined" };
  }
  const targetName = normalizeDnsName(alias.name);
  const targets = records.filter(
    (candidate) =>
      candidate !== source &&
      candidate.nameKey === targetName &&
      (isUnknown(candidate.view.type) ||
        isUnknown(source.view.type) ||
        candidate.view.type === source.view.type) &&
      mayShareZone(source, candidate),
  );
  if (targets.length > 0) {
    return { kind: "records", records: targets };
  }
  if (isAwsResourceName(alias.name)) {
    return { kind: "aws-resource" };
  }
  if (typeof alias.zoneId === "string" && typeof source.view.zoneId === "string") {
    return alias.zoneId === source.view.zoneId ? { kind: "undetermined" } : { kind: "aws-resource" };
  }
  return { kind: "undetermined" };
}

/** A TTL that resolvers may keep an answer for, and the record that sets it. */
export interface EffectiveTtl {
  readonly seconds: number;
  readonly source: string;
}

/**
 * The TTL Route 53 answers with for `record` (docs/aws-facts.md#alias-has-no-ttl): a non-alias record's own `ttl`; 60 s for an alias
 * to an AWS resource; for an alias to a record of the zone, that record's (the largest, if several answer).
 * `UNKNOWN` when any part is unknown or unresolvable; `undefined` when a non-alias record has no TTL.
 */
export function effectiveTtl(
  record: StackRecord,
  records: readonly StackRecord[],
  visiting: ReadonlySet<StackRecord> = new Set(),
): EffectiveTtl | Unknown | undefined {
  const { aliases, ttl } = record.view;
  if (aliases === undefined) {
    if (isUnknown(ttl)) {
      return UNKNOWN;
    }
    return ttl === undefined ? undefined : { seconds: ttl, source: `the ttl of ${record.resource.urn}` };
  }
  if (isUnknown(aliases) || visiting.has(record)) {
    return UNKNOWN;
  }
  const inChain = new Set(visiting).add(record);
  let worst: EffectiveTtl | undefined;
  for (const alias of aliases) {
    const target = resolveAliasTarget(record, alias, records);
    const candidates: (EffectiveTtl | Unknown | undefined)[] =
      target.kind === "aws-resource"
        ? [
            {
              seconds: ALIAS_TO_AWS_RESOURCE_TTL_SECONDS,
              source: "the fixed TTL of an alias to an AWS resource",
            },
          ]
        : target.kind === "records"
          ? target.records.map((next) => effectiveTtl(next, records, inChain))
          : [UNKNOWN];
    for (const candidate of candidates) {
      if (candidate === undefined || isUnknown(candidate)) {
        return UNKNOWN;
      }
      if (worst === undefined || candidate.seconds > worst.seconds) {
        worst = candidate;
      }
    }
  }
  return worst ?? UNKNOWN;
}

/** Records reached from `start` through alias chains (not including `start`). */
export function reachedThroughAliases(start: StackRecord, records: readonly StackRecord[]): StackRecord[] {
  const reached = new Set<StackRecord>();
  const pending = [start];
  while (pending.length > 0) {
    const current = pending.pop()!;
    const aliases = current.view.aliases;
    if (aliases === undefined || isUnknown(aliases)) {
      continue;
    }
    for (const alias of aliases) {
      const target = resolveAliasTarget(current, alias, records);
      if (target.kind !== "records") {
        continue;
      }
      for (const next of target.records) {
        if (next !== start && !reached.has(next)) {
          reached.add(next);
          pending.push(next);
        }
      }
    }
  }
  return [...reached];
}

/**
 * The health check a record names in `healthCheckId`: the HealthCheck resource that property depends on
 * (known even in preview), else the one whose `id` output equals it (after an update), else the only
 * HealthCheck among the record's dependencies. `undefined` when the record names none or it cannot be found.
 */
export function healthCheckOf(
  record: StackRecord,
  resources: readonly PolicyResource[],
): PolicyResource | undefined {
  const isHealthCheck = (resource: PolicyResource) => resource.type === HEALTH_CHECK_TYPE;
  const fromProperty = (record.resource.propertyDependencies?.healthCheckId ?? []).filter(isHealthCheck);
  if (fromProperty.length === 1) {
    return fromProperty[0];
  }
  const id = record.view.healthCheckId;
  if (typeof id === "string" && id !== "") {
    const byId = resources.filter((resource) => {
      const props = toPlain(resource.props);
      return isHealthCheck(resource) && isPlainObject(props) && stringProperty(props, "id") === id;
    });
    if (byId.length === 1) {
      return byId[0];
    }
  }
  if (id === undefined || id === "") {
    return undefined;
  }
  const fromDependencies = (record.resource.dependencies ?? []).filter(isHealthCheck);
  return fromDependencies.length === 1 ? fromDependencies[0] : undefined;
}
