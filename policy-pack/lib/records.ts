/**
 * A Route 53 record (`aws:route53/record:Record`) as the policies need to see it, read from plain properties
 * (see ./values): which fields are set, unknown during preview, or missing.
 */
import { canonicalDnsName } from "@multi-region-api/model/route53/knowledge";
import {
  arrayProperty,
  booleanProperty,
  isPlainObject,
  isUnknown,
  numberProperty,
  PlainObject,
  Property,
  stringProperty,
  toPlain,
  UNKNOWN,
  Unknown,
} from "./values";

export const RECORD_TYPE = "aws:route53/record:Record";

export type FailoverRole = "PRIMARY" | "SECONDARY";

export interface AliasView {
  readonly name: Property<string>;
  readonly zoneId: Property<string>;
  readonly evaluateTargetHealth: Property<boolean>;
}

export interface RecordView {
  readonly name: Property<string>;
  readonly type: Property<string>;
  readonly zoneId: Property<string>;
  readonly setIdentifier: Property<string>;
  readonly ttl: Property<number>;
  readonly healthCheckId: Property<string>;
  /** `true` with a failover routing policy, `false` without, unknown when the policy list itself is. */
  readonly isFailover: boolean | Unknown;
  /** The failover type as written (normally PRIMARY or SECONDARY); undefined when not a failover record. */
  readonly failoverRole: Property<string>;
  /** `true` with a latency routing policy, `false` without, unknown when the policy list itself is. */
  readonly isLatency: boolean | Unknown;
  /** The latency policy's region as written; undefined when not a latency record. */
  readonly latencyRegion: Property<string>;
  /** The alias targets; undefined for a non-alias record. */
  readonly aliases: readonly AliasView[] | Unknown | undefined;
}

function readAlias(value: unknown): AliasView {
  const alias: PlainObject = isPlainObject(value) ? value : {};
  return {
    name: stringProperty(alias, "name"),
    zoneId: stringProperty(alias, "zoneId"),
    evaluateTargetHealth: booleanProperty(alias, "evaluateTargetHealth"),
  };
}

function readFailover(props: PlainObject): Pick<RecordView, "isFailover" | "failoverRole"> {
  const policies = arrayProperty(props, "failoverRoutingPolicies");
  if (isUnknown(policies)) {
    return { isFailover: UNKNOWN, failoverRole: UNKNOWN };
  }
  if (policies === undefined || policies.length === 0) {
    return { isFailover: false, failoverRole: undefined };
  }
  const first = policies[0];
  if (isUnknown(first)) {
    return { isFailover: true, failoverRole: UNKNOWN };
  }
  return { isFailover: true, failoverRole: isPlainObject(first) ? stringProperty(first, "type") : undefined };
}

function readLatency(props: PlainObject): Pick<RecordView, "isLatency" | "latencyRegion"> {
  const policies = arrayProperty(props, "latencyRoutingPolicies");
  if (isUnknown(policies)) {
    return { isLatency: UNKNOWN, latencyRegion: UNKNOWN };
  }
  if (policies === undefined || policies.length === 0) {
    return { isLatency: false, latencyRegion: undefined };
  }
  const first = policies[0];
  if (isUnknown(first)) {
    return { isLatency: true, latencyRegion: UNKNOWN };
  }
  return {
    isLatency: true,
    latencyRegion: isPlainObject(first) ? stringProperty(first, "region") : undefined,
  };
}

/**
 * Records Route 53 chooses by health: failover and latency records. Both need a health check and, for an
 * alias, evaluateTargetHealth, and both answer for their name with the TTL resolvers keep. `undefined` while
 * a preview cannot tell.
 */
export function isHealthRouted(record: RecordView): boolean | undefined {
  if (record.isFailover === true || record.isLatency === true) {
    return true;
  }
  return isUnknown(record.isFailover) || isUnknown(record.isLatency) ? undefined : false;
}

function readAliases(props: PlainObject): RecordView["aliases"] {
  const aliases = arrayProperty(props, "aliases");
  if (isUnknown(aliases)) {
    return UNKNOWN;
  }
  return aliases === undefined || aliases.length === 0 ? undefined : aliases.map(readAlias);
}

/** Reads a record from its (possibly proxied) properties. */
export function readRecord(props: unknown): RecordView {
  const plain = toPlain(props);
  const record: PlainObject = isPlainObject(plain) ? plain : {};
  return {
    name: stringProperty(record, "name"),
    type: stringProperty(record, "type"),
    zoneId: stringProperty(record, "zoneId"),
    setIdentifier: stringProperty(record, "setIdentifier"),
    ttl: numberProperty(record, "ttl"),
    healthCheckId: stringProperty(record, "healthCheckId"),
    ...readFailover(record),
    ...readLatency(record),
    aliases: readAliases(record),
  };
}

/** DNS names compare case-insensitively and with or without the root's trailing dot. */
export function normalizeDnsName(name: string): string {
  return canonicalDnsName(name.trim());
}

/**
 * Alias targets that are AWS resources, known by their DNS name: API Gateway and other `*.amazonaws.com`
 * endpoints, CloudFront and Global Accelerator. Such an alias answers with the resource's own TTL.
 */
const AWS_RESOURCE_NAME = /\.(amazonaws\.com|cloudfront\.net|awsglobalaccelerator\.com)$/;

export function isAwsResourceName(name: string): boolean {
  return AWS_RESOURCE_NAME.test(normalizeDnsName(name));
}

/**
 * Where an alias points, judged from the record alone: an AWS resource, another record of the record's own
 * zone, or undetermined (during preview the target's name and zone are often unknown).
 */
export type AliasTargetKind = "aws-resource" | "same-zone-record" | "undetermined";

export function classifyAliasFromRecord(record: RecordView, alias: AliasView): AliasTargetKind {
  if (typeof alias.name === "string" && isAwsResourceName(alias.name)) {
    return "aws-resource";
  }
  if (typeof alias.zoneId === "string" && typeof record.zoneId === "string") {
    // Route 53 DG: an alias targets "another record in this hosted zone" or an AWS resource in another
    // (AWS-owned) zone, so a different zone ID means an AWS resource.
    return alias.zoneId === record.zoneId ? "same-zone-record" : "aws-resource";
  }
  return "undetermined";
}

/** "api.example.com (A, PRIMARY, set us-east-1)": how messages name a record. */
export function describeRecord(record: RecordView): string {
  const show = (value: Property<string>, missing: string): string =>
    isUnknown(value) ? "(unknown)" : (value ?? missing);
  const parts = [show(record.type, "no type")];
  if (record.isFailover === true) {
    parts.push(show(record.failoverRole, "no failover type"));
  }
  if (record.isLatency === true) {
    parts.push(`latency ${show(record.latencyRegion, "no region")}`);
  }
  if (record.setIdentifier !== undefined) {
    parts.push(`set ${show(record.setIdentifier, "")}`);
  }
  return `${show(record.name, "(no name)")} (${parts.join(", ")})`;
}

/** "api.example.com A": the failover name and type a group of records answers for. */
export function describeNameAndType(record: RecordView): string {
  const show = (value: Property<string>): string => (typeof value === "string" ? value : "(unknown)");
  return `${show(record.name)} ${show(record.type)}`;
}
