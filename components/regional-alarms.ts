import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  DEFAULT_REGIONAL_ALARM_THRESHOLDS,
  REPLICATION_LATENCY_MAX_MS,
} from "@multi-region-api/model/limits/edge-limits";
import { requireAwsProvider, requireRegion, requireThat } from "./validate";

/** The users table's replication from one region, to alarm on. */
export interface ReplicationAlarmSettings {
  readonly tableName: pulumi.Input<string>;
  /** The other regions with a replica: DynamoDB's `ReceivingRegion` of this region's replication. */
  readonly receivingRegions: string[];
  /** @default 10000 */
  readonly latencyMs?: number;
}

export interface RegionalAlarmsArgs {
  /** The region of `opts.provider`: the alarms, their topic and the metrics they read are all there. */
  readonly region: string;
  /** API Gateway's `ApiName` and `Stage` dimensions of the region's REST API. */
  readonly apiName: pulumi.Input<string>;
  readonly stageName: pulumi.Input<string>;
  /**
   * Above this share of the region's requests answered with a 5XX, in percent, the topic is told.
   * @default 5
   */
  readonly api5xxRatePercent?: number;
  /**
   * The users table's replication from this region: one alarm per other region holding a replica.
   * @default none: no replication alarms (a region proxied to an existing backend has no replica)
   */
  readonly replication?: ReplicationAlarmSettings;
  /**
   * Subscribed to the region's topic by email (it must confirm the subscription).
   * @default none: the topic has no subscriber until one is added outside the stack
   */
  readonly email?: pulumi.Input<string>;
}

/**
 * The alarms of one region that notify people, and their SNS topic in the same region: a CloudWatch alarm
 * reads metrics and names SNS topics of its own region (docs/aws-facts.md#alarm-actions-in-the-alarms-region),
 * so the us-east-1 topic cannot serve them. Unlike the release alarms (which only the deploy's bake reads)
 * these have actions, both on ALARM and on OK, so the end of a fault is said as well as its start. Nothing
 * here depends on drains: draining a region changes none of its alarms.
 */
export class RegionalAlarms extends pulumi.ComponentResource {
  public readonly topicArn: pulumi.Output<string>;
  public readonly api5xxRate: aws.cloudwatch.MetricAlarm;
  /** By receiving region. */
  public readonly replicationLatency: Readonly<Record<string, aws.cloudwatch.MetricAlarm>>;

  constructor(name: string, args: RegionalAlarmsArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const settings = validateArgs(args);
    requireAwsProvider(opts, `the aws.Provider of ${args.region}`);
    super("multiregion:index:RegionalAlarms", name, {}, opts);

    const topic = new aws.sns.Topic(`${name}-topic`, {}, { parent: this });
    if (args.email !== undefined) {
      new aws.sns.TopicSubscription(
        `${name}-email`,
        { topic: topic.arn, protocol: "email", endpoint: args.email },
        { parent: this },
      );
    }
    const actions = { alarmActions: [topic.arn], okActions: [topic.arn] };

    this.api5xxRate = new aws.cloudwatch.MetricAlarm(
      `${name}-api-5xx-rate`,
      {
        alarmDescription: `More than ${settings.api5xxRatePercent}% of the API's requests in ${args.region} end in a 5XX for 3 of the last 5 minutes: see the runbook, "Alarms".`,
        namespace: "AWS/ApiGateway",
        metricName: "5XXError",
        dimensions: { ApiName: args.apiName, Stage: args.stageName },
        // 5XXError is 1 for a request answered with a 5XX and 0 otherwise, so its average is the rate.
        statistic: "Average",
        period: 60,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        threshold: settings.api5xxRatePercent / 100,
        comparisonOperator: "GreaterThanThreshold",
        // A minute without requests publishes nothing: no traffic is not an error.
        treatMissingData: "notBreaching",
        ...actions,
      },
      { parent: this },
    );

    const replication = args.replication;
    this.replicationLatency = Object.fromEntries(
      (replication?.receivingRegions ?? []).map((receiving) => [
        receiving,
        new aws.cloudwatch.MetricAlarm(
          `${name}-replication-latency-${receiving}`,
          {
            alarmDescription: `Writes made in ${args.region} take more than ${settings.replicationLatencyMs} ms to reach ${receiving}'s replica: a failover to ${receiving} would serve stale users.`,
            namespace: "AWS/DynamoDB",
            metricName: "ReplicationLatency",
            dimensions: { TableName: replication!.tableName, ReceivingRegion: receiving },
            statistic: "Average",
            // DynamoDB aggregates ReplicationLatency over five minutes (docs/aws-facts.md#replication-latency-metric).
            period: 300,
            evaluationPeriods: 2,
            threshold: settings.replicationLatencyMs,
            comparisonOperator: "GreaterThanThreshold",
            // No writes means nothing to replicate and no datapoint.
            treatMissingData: "notBreaching",
            ...actions,
          },
          { parent: this },
        ),
      ]),
    );

    this.topicArn = topic.arn;
    this.registerOutputs({ topicArn: this.topicArn });
  }
}

function validateArgs(args: RegionalAlarmsArgs) {
  requireRegion("region", args.region);
  const api5xxRatePercent = args.api5xxRatePercent ?? DEFAULT_REGIONAL_ALARM_THRESHOLDS.api5xxRatePercent;
  requireThat(
    Number.isFinite(api5xxRatePercent) && api5xxRatePercent > 0 && api5xxRatePercent <= 100,
    "api5xxRatePercent",
    `must be a percentage above 0 and at most 100, got ${api5xxRatePercent}`,
  );
  const replicationLatencyMs =
    args.replication?.latencyMs ?? DEFAULT_REGIONAL_ALARM_THRESHOLDS.replicationLatencyMs;
  requireThat(
    Number.isInteger(replicationLatencyMs) &&
      replicationLatencyMs >= 1 &&
      replicationLatencyMs <= REPLICATION_LATENCY_MAX_MS,
    "replication.latencyMs",
    `must be a whole number from 1 to ${REPLICATION_LATENCY_MAX_MS}, got ${replicationLatencyMs}`,
  );
  const receiving = args.replication?.receivingRegions ?? [];
  receiving.forEach((region, i) => requireRegion(`replication.receivingRegions[${i}]`, region));
  requireThat(
    !receiving.includes(args.region) && new Set(receiving).size === receiving.length,
    "replication.receivingRegions",
    `must list other regions than ${args.region}, each once; got ${receiving.join(", ")}`,
  );
  return { api5xxRatePercent, replicationLatencyMs };
}
