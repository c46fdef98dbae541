/**
 * Route 53 facts that the policy pack, the components and the tools all need: API limits, defaults and the
 * failover-time model. Pure data and arithmetic only: no Pulumi, no AWS SDK. The pack and the program both
 * take them from this package, so what the pack enforces and what the program builds cannot drift apart.
 */

/** Route 53 compares names without case and without the root's trailing dot: `API.example.com.` = `api.example.com`. */
export function canonicalDnsName(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}

/** Health-check request intervals Route 53 accepts, in seconds (API Reference, HealthCheckConfig). */
export const REQUEST_INTERVALS_SECONDS = [10, 30] as const;
export type RequestIntervalSeconds = (typeof REQUEST_INTERVALS_SECONDS)[number];

/** Consecutive failures before a health check changes state: 1 to 10, default 3 (API Reference). */
export const FAILURE_THRESHOLD_MIN = 1;
export const FAILURE_THRESHOLD_MAX = 10;

/** The regions Route 53 health checkers run from; a check that names any must name at least three. */
export const HEALTH_CHECKER_REGIONS = [
  "us-east-1",
  "us-west-1",
  "us-west-2",
  "eu-west-1",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-northeast-1",
  "sa-east-1",
] as const;
export const MIN_HEALTH_CHECKER_REGIONS = 3;

/** A string-match health check's search string: at most 255 characters, found in the first 5,120 bytes. */
export const SEARCH_STRING_MAX_LENGTH = 255;
export const SEARCH_STRING_BODY_WINDOW_BYTES = 5120;

/** Health check types that Route 53 offers (the type cannot change after creation). */
export const HEALTH_CHECK_TYPES = [
  "HTTP",
  "HTTPS",
  "HTTP_STR_MATCH",
  "HTTPS_STR_MATCH",
  "TCP",
  "CALCULATED",
  "CLOUDWATCH_METRIC",
  "RECOVERY_CONTROL",
] as const;

/** The HTTPS types: the only ones that reach an API Gateway custom domain the way clients do. */
export const HTTPS_HEALTH_CHECK_TYPES = ["HTTPS", "HTTPS_STR_MATCH"] as const;

/**
 * Worst-case time a checker spends on one failing request: 4 s to connect, then 2 s for the status line
 * (Route 53 DG, "How Route 53 determines whether a health check is healthy").
 */
export const HEALTH_CHECK_TIMEOUT_ALLOWANCE_SECONDS = 6;

/** The TTL Route 53 answers with for an alias to an AWS resource such as API Gateway (TF docs). */
export const ALIAS_TO_AWS_RESOURCE_TTL_SECONDS = 60;

/** The parts of the failover-time model, each in seconds except the threshold. */
export interface FailoverTimeParts {
  /** Seconds between two checks from one checker: 10 or 30. */
  readonly requestIntervalSeconds: number;
  /** Consecutive failed checks before the endpoint counts as unhealthy. */
  readonly failureThreshold: number;
  /** The TTL resolvers may keep the old answer for after Route 53 changes it. */
  readonly ttlSeconds: number;
}

export interface FailoverTimeModel extends FailoverTimeParts {
  readonly timeoutAllowanceSeconds: number;
  /** interval × threshold + timeouts: until Route 53 itself answers with the next region. */
  readonly detectionSeconds: number;
  /** detection + TTL: until every client that honours the TTL has moved. */
  readonly totalSeconds: number;
}

/**
 * The modelled worst-case failover time. Route 53 does not publish its detection time, so this is an
 * estimate: interval × threshold, plus up to 6 s of request timeouts, plus the answer's TTL during which
 * resolvers keep serving the old region.
 */
export function modelFailoverTime(parts: FailoverTimeParts): FailoverTimeModel {
  const detectionSeconds =
    parts.requestIntervalSeconds * parts.failureThreshold + HEALTH_CHECK_TIMEOUT_ALLOWANCE_SECONDS;
  return {
    ...parts,
    timeoutAllowanceSeconds: HEALTH_CHECK_TIMEOUT_ALLOWANCE_SECONDS,
    detectionSeconds,
    totalSeconds: detectionSeconds + parts.ttlSeconds,
  };
}

/** "30 s × 3 + 6 s timeouts + 60 s TTL = 156 s": the figure with its parts, for messages and reports. */
export function describeFailoverTime(model: FailoverTimeModel): string {
  return (
    `${model.requestIntervalSeconds} s × ${model.failureThreshold} + ${model.timeoutAllowanceSeconds} s timeouts` +
    ` + ${model.ttlSeconds} s TTL = ${model.totalSeconds} s`
  );
}

/** Route 53's values when a health check leaves them unset (API Reference, HealthCheckConfig). */
export const DEFAULT_REQUEST_INTERVAL_SECONDS: RequestIntervalSeconds = 30;
export const DEFAULT_FAILURE_THRESHOLD = 3;

/** The failover types a failover record may have: one of each per name and type (Route 53 DG). */
export const FAILOVER_ROLES = ["PRIMARY", "SECONDARY"] as const;

/**
 * A CALCULATED health check's `HealthThreshold` and its children: 0 to 256 (API Reference,
 * HealthCheckConfig; docs/aws-facts.md "Drain with an always-unhealthy check").
 */
export const CALCULATED_CHILD_THRESHOLD_MIN = 0;
export const CALCULATED_CHILD_THRESHOLD_MAX = 256;
export const CALCULATED_CHILDREN_MAX = 256;

/**
 * Route 53 API HealthThreshold: a number greater than the number of children makes a CALCULATED check
 * always unhealthy (and 0 makes it always healthy) whatever its children say (docs/aws-facts.md "Drain with
 * an always-unhealthy check"). This is the drain: a record guarded by such a check never answers while
 * another record of its group is healthy.
 */
export function isAlwaysUnhealthyCalculated(childHealthThreshold: number, childCount: number): boolean {
  return childHealthThreshold > childCount;
}
