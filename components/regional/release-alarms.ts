import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ReleaseAlarmThresholds } from "@multi-region-api/model/limits/edge-limits";

export interface ReleaseAlarmsArgs extends ReleaseAlarmThresholds {
  /** API Gateway's metric dimensions `ApiName` and `Stage` of the region's REST API. */
  readonly apiName: pulumi.Input<string>;
  readonly stageName: pulumi.Input<string>;
}

/** The alarms `npm run deploy` watches during a region's bake: its API's 5XX rate and p99 latency. */
export interface ReleaseAlarms {
  readonly errorRate: aws.cloudwatch.MetricAlarm;
  readonly latency: aws.cloudwatch.MetricAlarm;
}

/**
 * Two alarms on the region's own API Gateway metrics, in the region (CloudWatch alarms read metrics of their
 * own region only). They carry no actions: the deploy's bake reads their state, and a minute without requests
 * publishes no datapoint, which must not fail a bake (`notBreaching`). Two of three one-minute datapoints
 * decide, so one slow minute alone does not roll a release back.
 */
export function createReleaseAlarms(
  name: string,
  args: ReleaseAlarmsArgs,
  parent: pulumi.Resource,
): ReleaseAlarms {
  const common = {
    namespace: "AWS/ApiGateway",
    dimensions: { ApiName: args.apiName, Stage: args.stageName },
    period: 60,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    comparisonOperator: "GreaterThanThreshold",
    treatMissingData: "notBreaching",
  };
  const errorRate = new aws.cloudwatch.MetricAlarm(
    `${name}-5xx-rate`,
    {
      ...common,
      alarmDescription: `More than ${args.api5xxRatePercent}% of the API's requests in this region end in a 5XX: npm run deploy stops and rolls the region back.`,
      metricName: "5XXError",
      // 5XXError is 1 for a request answered with a 5XX and 0 otherwise, so its average is the rate.
      statistic: "Average",
      threshold: args.api5xxRatePercent / 100,
    },
    { parent },
  );
  const latency = new aws.cloudwatch.MetricAlarm(
    `${name}-latency-p99`,
    {
      ...common,
      alarmDescription: `The API's p99 latency in this region is over ${args.latencyP99Ms} ms: npm run deploy stops and rolls the region back.`,
      metricName: "Latency",
      extendedStatistic: "p99",
      threshold: args.latencyP99Ms,
    },
    { parent },
  );
  return { errorRate, latency };
}
