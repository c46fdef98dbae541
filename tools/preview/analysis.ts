/**
 * How failover will behave, read from what the program registered with every value known: Route 53's
 * answer for each combination of healthy regions (the shared `FailoverEvaluator` over the registered
 * records), the order Route 53 fails over in, the modelled worst-case failover time and a monthly cost
 * estimate. Nothing here re-states a Route 53 rule: the rules, the time model and the prices come from
 * `model/route53`.
 */
import {
  ALIAS_TO_AWS_RESOURCE_TTL_SECONDS,
  DEFAULT_FAILURE_THRESHOLD,
  DEFAULT_REQUEST_INTERVAL_SECONDS,
  FailoverEvaluator,
  allSubsets,
  canonicalDnsName,
  describeFailoverTime,
  evaluatedHealthCheckFromInputs,
  evaluatedRecordFromInputs,
  healthyCheckIds,
  isAlwaysUnhealthyCalculated,
  latencyRecordFromInputs,
  modelFailoverTime,
  type EvaluatedHealthCheck,
  type EvaluatedRecord,
  type FailoverTimeModel,
  type HealthCheckFeatures,
} from "@multi-region-api/model/route53";
import { estimateCost, type CostEstimate } from "./cost";
import { latencyTable, type LatencyTable } from "./latency-table";
import { resourcesOfType, type Plan, type PlannedResource } from "./plan";

export const RECORD_TYPE = "aws:route53/record:Record";
export const HEALTH_CHECK_TYPE = "aws:route53/healthCheck:HealthCheck";
export const DOMAIN_NAME_TYPE = "aws:apigateway/domainName:DomainName";
export const METRIC_ALARM_TYPE = "aws:cloudwatch/metricAlarm:MetricAlarm";

/** Truth tables grow as 2^N: beyond this many regions only the failover order is shown. */
export const MAX_TRUTH_TABLE_REGIONS = 5;
/** The queries/month assumption when none is given: a modest production API (10 million). */
export const DEFAULT_QUERIES_PER_MONTH = 10_000_000;

export interface RegionHealthCheck {
  readonly region: string;
  readonly id: string;
  readonly type: string;
  readonly fqdn: string;
  readonly resourcePath: string;
  readonly requestIntervalSeconds: number;
  readonly failureThreshold: number;
  /** Drained on purpose: the region's records carry an always-unhealthy check instead of this one. */
  readonly drained: boolean;
  readonly features: HealthCheckFeatures;
}

export interface TruthTableRow {
  /** Regions whose endpoint is healthy. */
  readonly healthy: readonly string[];
  /** Regions whose records' health check passes (never a drained region). */
  readonly passing: readonly string[];
  /** The region Route 53 answers with. */
  readonly answer: string;
  /** The names Route 53 walked through. */
  readonly path: readonly string[];
  /**
   * FailoverDns's contract: the first healthy region in service, else the primary, drained or not: with
   * nothing healthy in a failover pair Route 53 answers with its PRIMARY (docs/aws-facts.md#both-unhealthy-answers-primary).
   */
  readonly expected: string;
}

/** One failover record: where it sends the query and which region's check guards it. */
export interface FailoverRecordSummary {
  readonly name: string;
  readonly type: string;
  readonly role: "PRIMARY" | "SECONDARY";
  readonly setIdentifier: string;
  /** A region's API, or the next name of the chain. */
  readonly target: { readonly region: string } | { readonly chainName: string };
  readonly healthCheckRegion?: string;
}

/** One latency record of the name (the A or CNAME set): the region it answers for, and where it points. */
export interface LatencyRecordSummary {
  readonly name: string;
  readonly type: string;
  readonly setIdentifier: string;
  /** The record's latency region: Route 53 answers with it the clients nearest that region. */
  readonly latencyRegion: string;
  /** The region whose API the record answers with. */
  readonly region: string;
  /** The region whose endpoint check guards the record; undefined when a drain's check does. */
  readonly healthCheckRegion?: string;
}

export interface FailoverAnalysis {
  /** `failover` (an ordered chain) or `latency` (each client's nearest healthy region). */
  readonly routing: "failover" | "latency";
  readonly recordName: string;
  readonly recordType: string;
  readonly zoneId: string;
  readonly regions: readonly string[];
  /** The order Route 53 moves through the regions as each one fails, derived from the records. */
  readonly failoverOrder: readonly string[];
  readonly drainedRegions: readonly string[];
  /**
   * Whether the hosted zone has Route 53 accelerated recovery on (the zone lookup's answer, exported as
   * `hostedZoneAcceleratedRecovery`); undefined when the program does not export it.
   */
  readonly acceleratedRecovery: boolean | undefined;
  readonly intermediateNames: readonly string[];
  readonly records: readonly FailoverRecordSummary[];
  readonly healthChecks: readonly RegionHealthCheck[];
  /** Every combination of healthy regions; empty when there are more than MAX_TRUTH_TABLE_REGIONS. */
  readonly truthTable: readonly TruthTableRow[];
  /** Rows whose answer is not the expected one: should always be empty. */
  readonly truthTableMismatches: number;
  /** Latency routing only (else empty): the latency records of the name, one per region. */
  readonly latencyRecords: readonly LatencyRecordSummary[];
  /** Latency routing only: who answers a client nearest each region, under each failure. */
  readonly latencyTable?: LatencyTable;
  readonly failoverTime: FailoverTimeModel & { readonly description: string };
  readonly cost: CostEstimate & {
    readonly queriesPerMonth: number;
    readonly aliasQueriesAreFree: boolean;
  };
}

export class AnalysisError extends Error {}

const asString = (value: unknown) => (typeof value === "string" ? value : undefined);
const asNumber = (value: unknown) => (typeof value === "number" ? value : undefined);
const firstOf = (value: unknown): Record<string, unknown> | undefined =>
  Array.isArray(value) && value.length > 0 ? (value[0] as Record<string, unknown>) : undefined;

function healthCheckOf(
  check: PlannedResource,
  regions: readonly string[],
  drainedRegions: readonly string[],
): RegionHealthCheck {
  const inputs = check.inputs;
  const fqdn = asString(inputs.fqdn) ?? "";
  const tagged = asString((inputs.tags as Record<string, unknown> | undefined)?.Region);
  const region = tagged ?? regions.find((r) => canonicalDnsName(fqdn).startsWith(`${r}.`));
  if (region === undefined) {
    throw new AnalysisError(`health check ${check.name}: no Region tag and its fqdn ${fqdn} names no region`);
  }
  const type = String(inputs.type);
  const requestIntervalSeconds = asNumber(inputs.requestInterval) ?? DEFAULT_REQUEST_INTERVAL_SECONDS;
  return {
    region,
    id: check.id ?? check.name,
    type,
    fqdn,
    resourcePath: asString(inputs.resourcePath) ?? "",
    requestIntervalSeconds,
    failureThreshold: asNumber(inputs.failureThreshold) ?? DEFAULT_FAILURE_THRESHOLD,
    drained: drainedRegions.includes(region),
    features: {
      https: type.startsWith("HTTPS"),
      stringMatch: type.endsWith("_STR_MATCH"),
      fastInterval: requestIntervalSeconds === 10,
      measureLatency: inputs.measureLatency === true,
    },
  };
}

/** The regions, in endpoint order: one per API Gateway domain's provider region. */
function regionsOf(plan: Plan): string[] {
  return [...new Set(resourcesOfType(plan, DOMAIN_NAME_TYPE).flatMap((d) => (d.region ? [d.region] : [])))];
}

/** Which region a record's answer (alias target, or CNAME value) belongs to. */
function regionResolver(plan: Plan): (record: EvaluatedRecord) => string {
  const byTargetName = new Map<string, string>();
  for (const domain of resourcesOfType(plan, DOMAIN_NAME_TYPE)) {
    const target = asString(domain.outputs.regionalDomainName);
    if (target && domain.region) {
      byTargetName.set(canonicalDnsName(target), domain.region);
    }
  }
  return (record) => {
    const target = record.alias?.name ?? record.values?.[0] ?? "";
    const region = byTargetName.get(canonicalDnsName(target));
    if (region === undefined) {
      throw new AnalysisError(
        `${record.name} (${record.setIdentifier}): its target ${target} is no region's API`,
      );
    }
    return region;
  };
}

function summarize(
  record: EvaluatedRecord,
  zoneId: string,
  regionOfAnswer: (record: EvaluatedRecord) => string,
  healthChecks: readonly RegionHealthCheck[],
): FailoverRecordSummary {
  const staysInZone = record.alias !== undefined && record.alias.zoneId === zoneId;
  return {
    name: canonicalDnsName(record.name),
    type: record.type,
    role: record.failover ?? "PRIMARY",
    setIdentifier: record.setIdentifier ?? "",
    target: staysInZone
      ? { chainName: canonicalDnsName(record.alias!.name) }
      : { region: regionOfAnswer(record) },
    healthCheckRegion: healthChecks.find((c) => c.id === record.healthCheckId)?.region,
  };
}

/** A failover record that aliases to the next name of the chain (same zone) rather than to a region. */
const isChainLink = (record: EvaluatedRecord) =>
  record.alias !== undefined && record.alias.zoneId === record.zoneId;

/**
 * The regions whose records carry an always-unhealthy CALCULATED check: drained on purpose, whatever their
 * own health (`isAlwaysUnhealthyCalculated`, the same rule FailoverDns drains with).
 */
function drainedRegionsOf(
  records: readonly EvaluatedRecord[],
  checks: readonly EvaluatedHealthCheck[],
  regions: readonly string[],
  regionOfAnswer: (record: EvaluatedRecord) => string,
): string[] {
  const alwaysUnhealthy = new Set(
    checks
      .filter(
        (c) =>
          c.type === "CALCULATED" &&
          !c.disabled &&
          !c.inverted &&
          isAlwaysUnhealthyCalculated(c.childHealthThreshold, c.childHealthChecks.length),
      )
      .map((c) => c.id),
  );
  const drained = records
    .filter((r) => !isChainLink(r) && alwaysUnhealthy.has(r.healthCheckId ?? ""))
    .map(regionOfAnswer);
  return regions.filter((r) => drained.includes(r));
}

export function analyzeFailover(
  plan: Plan,
  options: { readonly queriesPerMonth?: number } = {},
): FailoverAnalysis {
  const queriesPerMonth = options.queriesPerMonth ?? DEFAULT_QUERIES_PER_MONTH;
  const latencyResources = resourcesOfType(plan, RECORD_TYPE).filter((r) =>
    firstOf(r.inputs.latencyRoutingPolicies),
  );
  const latencyRecords = latencyResources.flatMap((r) => latencyRecordFromInputs(r.inputs) ?? []);
  const routing = latencyRecords.length > 0 ? "latency" : "failover";
  const recordResources =
    routing === "latency"
      ? latencyResources
      : resourcesOfType(plan, RECORD_TYPE).filter((r) => firstOf(r.inputs.failoverRoutingPolicies));
  const records =
    routing === "latency" ? [] : recordResources.map((r) => evaluatedRecordFromInputs(r.inputs));
  // The failover name is the one no other failover record aliases to: the top of the chain. A latency set is
  // one name; the table is about its A (or CNAME) records, which the AAAA twins mirror.
  const aliased = new Set(records.flatMap((r) => (r.alias ? [canonicalDnsName(r.alias.name)] : [])));
  const top =
    routing === "latency"
      ? (latencyRecords.find((r) => r.type !== "AAAA") ?? latencyRecords[0])
      : records.find((r) => r.type !== "AAAA" && !aliased.has(canonicalDnsName(r.name)));
  if (!top) {
    throw new AnalysisError("the program registered no failover or latency record");
  }
  const regions = regionsOf(plan);
  const regionOfAnswer = regionResolver(plan);
  const checkResources = resourcesOfType(plan, HEALTH_CHECK_TYPE);
  const evaluatedChecks = checkResources.map((check) =>
    evaluatedHealthCheckFromInputs(check.id ?? check.name, check.inputs),
  );
  const drainedRegions = drainedRegionsOf(
    routing === "latency" ? latencyRecords : records,
    evaluatedChecks,
    regions,
    regionOfAnswer,
  );
  // The endpoint checks, one per region; CALCULATED checks (the drains) probe nothing of their own.
  const healthChecks = checkResources
    .filter((check) => check.inputs.type !== "CALCULATED")
    .map((check) => healthCheckOf(check, regions, drainedRegions));
  const checkOf = new Map(healthChecks.map((check) => [check.region, check]));
  const evaluator = new FailoverEvaluator(records);
  /** The checks that pass when exactly the endpoints of `healthyRegions` answer healthy (never a drain's). */
  const passingWhen = (healthyRegions: readonly string[]) =>
    healthyCheckIds(
      evaluatedChecks,
      new Set(healthyRegions.flatMap((r) => (checkOf.has(r) ? [checkOf.get(r)!.id] : []))),
    );
  /** Route 53's answer when exactly the endpoints of `healthyRegions` answer healthy. */
  const answer = (healthyRegions: readonly string[]) => {
    const passing = passingWhen(healthyRegions);
    const resolution = evaluator.resolve(top.zoneId, top.name, top.type, passing);
    return { region: regionOfAnswer(resolution.record), path: resolution.path, passing };
  };
  const recordCheckOf = (region: string) =>
    records.find((r) => r.healthCheckId !== undefined && !isChainLink(r) && regionOfAnswer(r) === region)
      ?.healthCheckId;

  // Take away the answering region's health, one at a time: the order Route 53 moves through the regions
  // in service (a drained region answers only when nothing in service is healthy). Latency routing has no
  // order: every region in service answers its nearest clients.
  const inService = regions.filter((r) => !drainedRegions.includes(r));
  const failoverOrder: string[] = routing === "latency" ? [...inService] : [];
  while (failoverOrder.length < inService.length) {
    const next = answer(inService.filter((r) => !failoverOrder.includes(r))).region;
    if (failoverOrder.includes(next) || drainedRegions.includes(next)) {
      break;
    }
    failoverOrder.push(next);
  }

  const truthTable =
    regions.length > MAX_TRUTH_TABLE_REGIONS || routing === "latency"
      ? []
      : allSubsets(regions).map((healthySet): TruthTableRow => {
          const healthy = regions.filter((r) => healthySet.has(r));
          const { region, path, passing: passingChecks } = answer(healthy);
          return {
            healthy,
            passing: regions.filter((r) => passingChecks.has(recordCheckOf(r) ?? "")),
            answer: region,
            path,
            expected: regions.find((r) => healthySet.has(r) && !drainedRegions.includes(r)) ?? regions[0],
          };
        });

  const isCname = top.type === "CNAME";
  const ttlSeconds = isCname
    ? Math.max(...recordResources.map((r) => asNumber(r.inputs.ttl) ?? 0))
    : ALIAS_TO_AWS_RESOURCE_TTL_SECONDS;
  // The slowest check decides the worst case.
  const slowest = healthChecks.reduce((a, b) =>
    b.requestIntervalSeconds * b.failureThreshold > a.requestIntervalSeconds * a.failureThreshold ? b : a,
  );
  const time = modelFailoverTime({
    requestIntervalSeconds: slowest.requestIntervalSeconds,
    failureThreshold: slowest.failureThreshold,
    ttlSeconds,
  });

  const alarmCount = resourcesOfType(plan, METRIC_ALARM_TYPE).reduce(
    (sum, alarm) => sum + alarmMetrics(alarm),
    0,
  );
  const cost = estimateCost(plan, {
    healthChecks: healthChecks.map((c) => c.features),
    alarms: alarmCount,
    queriesPerMonth,
    aliasQueriesAreFree: !isCname,
  });

  return {
    routing,
    recordName: canonicalDnsName(top.name),
    recordType: top.type,
    zoneId: top.zoneId,
    regions,
    failoverOrder,
    drainedRegions,
    acceleratedRecovery:
      typeof plan.outputs.hostedZoneAcceleratedRecovery === "boolean"
        ? plan.outputs.hostedZoneAcceleratedRecovery
        : undefined,
    intermediateNames: [...new Set(records.map((r) => canonicalDnsName(r.name)))].filter(
      (n) => n !== canonicalDnsName(top.name),
    ),
    records: records.map((record) => summarize(record, top.zoneId, regionOfAnswer, healthChecks)),
    healthChecks,
    truthTable,
    truthTableMismatches: truthTable.filter((row) => row.answer !== row.expected).length,
    latencyRecords: latencyRecords
      .filter((r) => r.type === top.type && canonicalDnsName(r.name) === canonicalDnsName(top.name))
      .map((r) => ({
        name: canonicalDnsName(r.name),
        type: r.type,
        setIdentifier: r.setIdentifier ?? "",
        latencyRegion: r.latencyRegion,
        region: regionOfAnswer(r),
        healthCheckRegion: healthChecks.find((c) => c.id === r.healthCheckId)?.region,
      })),
    latencyTable:
      routing === "latency"
        ? latencyTable({
            records: latencyRecords,
            top,
            regions,
            drained: drainedRegions,
            passingWhen,
            regionOfAnswer,
          })
        : undefined,
    failoverTime: { ...time, description: describeFailoverTime(time) },
    cost: { ...cost, queriesPerMonth, aliasQueriesAreFree: !isCname },
  };
}

/**
 * What CloudWatch bills an alarm by: its alarm metrics, one for a plain alarm and one per metric its math
 * expression reads (CloudWatch pricing, "Alarms": priced per alarm metric).
 */
function alarmMetrics(alarm: PlannedResource): number {
  const queries = alarm.inputs.metricQueries;
  if (!Array.isArray(queries)) return 1;
  return queries.filter((query) => typeof query === "object" && query !== null && "metric" in query).length;
}
