/**
 * Route 53 prices in USD, transcribed from the Route 53 pricing page (2026-09). They are an estimate for
 * planning, not a bill: check the pricing page before you budget.
 */
export const ROUTE53_PRICES = {
  hostedZonePerMonth: 0.5,
  /** A health check on an AWS endpoint, per month (the first 50 of an account are free). */
  awsEndpointHealthCheckPerMonth: 0.5,
  /** HTTPS, string matching, a 10 s interval and latency measurement: each, per AWS-endpoint check. */
  awsEndpointOptionalFeaturePerMonth: 1.0,
  /** Standard queries per million (first billion a month); alias queries to AWS resources are free. */
  standardQueriesPerMillion: 0.4,
  /** A CloudWatch standard-resolution metric alarm per month (CloudWatch pricing). */
  cloudWatchAlarmPerMonth: 0.1,
} as const;

export interface HealthCheckFeatures {
  readonly https: boolean;
  readonly stringMatch: boolean;
  readonly fastInterval: boolean;
  readonly measureLatency: boolean;
}

export interface MonthlyCostInput {
  readonly healthChecks: readonly HealthCheckFeatures[];
  readonly alarms: number;
  /** Queries a month to the failover name; free when it is an alias to an AWS resource. */
  readonly queriesPerMonth: number;
  readonly aliasQueriesAreFree: boolean;
}

export interface MonthlyCost {
  readonly healthChecks: number;
  readonly alarms: number;
  readonly queries: number;
  readonly total: number;
}

const cents = (usd: number) => Math.round(usd * 100) / 100;

/** The monthly cost of the failover machinery (not the hosted zone, which exists anyway). */
export function estimateMonthlyCost(input: MonthlyCostInput): MonthlyCost {
  const healthChecks = input.healthChecks.reduce((sum, check) => {
    const features = [check.https, check.stringMatch, check.fastInterval, check.measureLatency].filter(
      Boolean,
    ).length;
    return (
      sum +
      ROUTE53_PRICES.awsEndpointHealthCheckPerMonth +
      features * ROUTE53_PRICES.awsEndpointOptionalFeaturePerMonth
    );
  }, 0);
  const alarms = input.alarms * ROUTE53_PRICES.cloudWatchAlarmPerMonth;
  const queries = input.aliasQueriesAreFree
    ? 0
    : (input.queriesPerMonth / 1_000_000) * ROUTE53_PRICES.standardQueriesPerMillion;
  return {
    healthChecks: cents(healthChecks),
    alarms: cents(alarms),
    queries: cents(queries),
    total: cents(healthChecks + alarms + queries),
  };
}
