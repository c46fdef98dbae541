/**
 * What API Gateway and AWS WAF accept for the authorizer cache and the rate-based rule, shared by the stack
 * config, the components' own argument checks and the strict mocks (sources in docs/aws-facts.md,
 * "API authorization and WAF").
 */

/** API Gateway `authorizerResultTtlInSeconds`: 0 turns caching off; at most 3600; AWS's default is 300. */
export const AUTHORIZER_CACHE_TTL_MIN = 0;
export const AUTHORIZER_CACHE_TTL_MAX = 3600;
export const DEFAULT_AUTHORIZER_CACHE_TTL_SECONDS = 60;

/** terraform-provider-aws `rate_based_statement.limit`: 100 to 2,000,000,000 requests per window. */
export const WAF_RATE_LIMIT_MIN = 100;
export const WAF_RATE_LIMIT_MAX = 2_000_000_000;
/** Requests per client IP in 5 minutes before the rate-based rule blocks it (issue 12's default). */
export const DEFAULT_WAF_REQUESTS_PER_5_MINUTES = 2000;
/** The rate-based rule's window: 300 s, so the limit reads as "per 5 minutes" (WAF allows 60/120/300/600). */
export const WAF_RATE_WINDOW_SECONDS = 300;

/**
 * API Gateway ends a REST API integration after 29 s by default (docs/aws-facts.md, "Release alarms"), so a
 * p99 latency threshold above it could never be crossed by a timed-out request.
 */
export const LATENCY_P99_MAX_MS = 29_000;

/** The limits a release must stay within in one region while it bakes. */
export interface ReleaseAlarmThresholds {
  /** The share of requests answered with a 5XX, in percent. */
  readonly api5xxRatePercent: number;
  /** The 99th percentile of API Gateway's `Latency`, in milliseconds. */
  readonly latencyP99Ms: number;
}

/** What a release must stay within unless the stack says otherwise: a judgement, 1 % and 2 s. */
export const DEFAULT_RELEASE_ALARM_THRESHOLDS: ReleaseAlarmThresholds = {
  api5xxRatePercent: 1,
  latencyP99Ms: 2000,
};

/**
 * What a region's notifying alarms fire at unless the stack says otherwise: a judgement, looser than the
 * release gate's 1 % (a page, not a rollback) and ten seconds of replication (global tables replicate in
 * about a second; docs/aws-facts.md#replication-latency-metric).
 */
export const DEFAULT_REGIONAL_ALARM_THRESHOLDS = {
  api5xxRatePercent: 5,
  replicationLatencyMs: 10_000,
} as const;

/** The longest replication latency threshold accepted: a day, far past any replication worth waiting for. */
export const REPLICATION_LATENCY_MAX_MS = 86_400_000;
