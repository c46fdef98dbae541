import { cents, type CostLineItem } from "../cost";

/**
 * Route 53 prices in USD, transcribed from the Route 53 pricing page (2026-09; docs/aws-facts.md, Route 53
 * and CloudWatch prices). They are an estimate for planning, not a bill: check the pricing page before you
 * budget.
 */
export const ROUTE53_PRICES = {
  hostedZonePerMonth: 0.5,
  /** A health check on an AWS endpoint, per month (the first 50 of an account are free). */
  awsEndpointHealthCheckPerMonth: 0.5,
  /** HTTPS, string matching, a 10 s interval and latency measurement: each, per AWS-endpoint check. */
  awsEndpointOptionalFeaturePerMonth: 1.0,
  /** Standard queries per million (first billion a month); alias queries to AWS resources are free. */
  standardQueriesPerMillion: 0.4,
  /** A CloudWatch standard-resolution alarm metric per month (CloudWatch pricing): one per metric an alarm reads. */
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
  /** Alarm metrics: one per plain alarm, one per metric of a metric-math alarm. */
  readonly alarms: number;
  /** Queries a month to the failover name; free when it is an alias to an AWS resource. */
  readonly queriesPerMonth: number;
  readonly aliasQueriesAreFree: boolean;
}

/** Where ROUTE53_PRICES come from (docs/aws-facts.md, Route 53 and CloudWatch prices). */
export const ROUTE53_PRICES_SOURCE =
  "Route 53 and CloudWatch pricing pages, us-east-1 list prices, read 2026-09 (docs/aws-facts.md#route-53-and-cloudwatch-prices)";

/**
 * The failover layer's monthly cost as line items: health checks, their alarms, and the queries to the
 * failover name. The hosted zone is not counted: it exists before the stack and whatever the stack does.
 */
export function failoverLayerLineItems(input: MonthlyCostInput): CostLineItem[] {
  const featureCount = (check: HealthCheckFeatures) =>
    [check.https, check.stringMatch, check.fastInterval, check.measureLatency].filter(Boolean).length;
  const healthChecks = input.healthChecks.reduce(
    (sum, check) =>
      sum +
      ROUTE53_PRICES.awsEndpointHealthCheckPerMonth +
      featureCount(check) * ROUTE53_PRICES.awsEndpointOptionalFeaturePerMonth,
    0,
  );
  const queries = input.aliasQueriesAreFree
    ? 0
    : (input.queriesPerMonth / 1_000_000) * ROUTE53_PRICES.standardQueriesPerMillion;
  const millions = (input.queriesPerMonth / 1e6).toLocaleString("en-US");
  return [
    {
      name: "Route 53 health checks",
      usdPerMonth: cents(healthChecks),
      basis: `${input.healthChecks.length} × (base + optional features); an account's first 50 have no base fee`,
      source: ROUTE53_PRICES_SOURCE,
    },
    {
      name: "CloudWatch alarms",
      usdPerMonth: cents(input.alarms * ROUTE53_PRICES.cloudWatchAlarmPerMonth),
      basis: `${input.alarms} standard-resolution alarm metric(s)`,
      source: ROUTE53_PRICES_SOURCE,
    },
    {
      name: "Route 53 queries",
      usdPerMonth: cents(queries),
      basis: `${millions} million/month assumed, ${input.aliasQueriesAreFree ? "alias queries to AWS are free" : "CNAME queries are billed"}`,
      source: ROUTE53_PRICES_SOURCE,
    },
  ];
}
