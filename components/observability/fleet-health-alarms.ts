import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** A region in service (not drained) and its own Route 53 health check. */
export interface CheckedRegion {
  readonly region: string;
  readonly healthCheckId: pulumi.Input<string>;
}

/**
 * An alarm's metric math may use at most 10 metrics (CloudWatch User Guide, "Create a CloudWatch alarm
 * based on a metric math expression"), so at most 10 regions' checks fit in one expression.
 */
export const MAX_REGIONS_PER_EXPRESSION = 10;

/** How many in-service regions must be healthy, at least, for the alarm to stay OK. */
export interface FleetHealthCondition {
  /** The alarm's name suffix and the expression's meaning. */
  readonly suffix: "every-region-unhealthy" | "one-region-left";
  /** `MAX` (1 while any region is healthy) or `SUM` (how many are). */
  readonly expression: "MAX" | "SUM";
  /** The alarm fires when the expression is below this. */
  readonly threshold: number;
  readonly description: string;
}

/**
 * The conditions worth an alarm for a stack of `count` regions (drained or not, so that a drain changes an
 * alarm's metrics rather than deleting it). Every region unhealthy is Route 53 failing
 * open: with every record's check unhealthy it answers as if all were healthy (Route 53 Developer Guide,
 * "How Amazon Route 53 chooses records when health checking is configured"), so traffic flows while the
 * checks mean nothing. One region left is everything on one region: a fault shared by all but one sends all
 * traffic to the survivor. With two regions that is the per-region alarm already, so it starts at three;
 * with all but one drained it stays in ALARM, which is the truth: every client is on one region.
 */
export function fleetHealthConditions(count: number): FleetHealthCondition[] {
  const conditions: FleetHealthCondition[] = [
    {
      suffix: "every-region-unhealthy",
      expression: "MAX",
      threshold: 1,
      description:
        "Every region in service is unhealthy: Route 53 now fails open and answers as if all were healthy, so clients reach regions that fail.",
    },
  ];
  if (count >= 3) {
    conditions.push({
      suffix: "one-region-left",
      expression: "SUM",
      threshold: 2,
      description:
        "At most one region in service is healthy: every client is on the last healthy region; check that it carries the load.",
    });
  }
  return conditions;
}

/** `MAX([m0, m1, …])` over one `HealthCheckStatus` query (1 healthy, 0 unhealthy) per region. */
export function healthMathQueries(
  regions: readonly CheckedRegion[],
  expression: FleetHealthCondition["expression"],
): aws.types.input.cloudwatch.MetricAlarmMetricQuery[] {
  const ids = regions.map((_, index) => `m${index}`);
  return [
    ...regions.map((r, index) => ({
      id: ids[index],
      label: r.region,
      returnData: false,
      metric: {
        namespace: "AWS/Route53",
        metricName: "HealthCheckStatus",
        dimensions: { HealthCheckId: r.healthCheckId },
        // A minute's minimum: one failing checker round in it counts.
        stat: "Minimum",
        period: 60,
      },
    })),
    { id: "healthy", expression: `${expression}([${ids.join(", ")}])`, returnData: true },
  ];
}

/**
 * The alarms of `fleetHealthConditions`, in us-east-1 (where Route 53 publishes `HealthCheckStatus`), each
 * notifying `topicArn` when it fires and when it clears. No data means Route 53 stopped reporting: a breach.
 */
export function createFleetHealthAlarms(
  name: string,
  regions: { readonly inService: readonly CheckedRegion[]; readonly configured: number },
  topicArn: pulumi.Input<string>,
  parent: pulumi.Resource,
): aws.cloudwatch.MetricAlarm[] {
  return fleetHealthConditions(regions.configured).map(
    (condition) =>
      new aws.cloudwatch.MetricAlarm(
        `${name}-${condition.suffix}`,
        {
          alarmDescription: condition.description,
          metricQueries: healthMathQueries(regions.inService, condition.expression),
          evaluationPeriods: 1,
          threshold: condition.threshold,
          comparisonOperator: "LessThanThreshold",
          treatMissingData: "breaching",
          alarmActions: [topicArn],
          okActions: [topicArn],
        },
        { parent },
      ),
  );
}
