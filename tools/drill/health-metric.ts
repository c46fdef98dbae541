/**
 * Detection as alarms and Route 53 see it: the `AWS/Route53` `HealthCheckStatus` metric, which Route 53
 * publishes only in us-east-1, one value a minute (1 healthy, 0 unhealthy) for the status Route 53 uses for
 * DNS. GetHealthCheckStatus returns what each checker last saw of the endpoint, and AWS does not say whether
 * inversion is applied to it (docs/aws-facts.md "The drill's signals").
 */
import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";

export const HEALTH_CHECK_METRICS_REGION = "us-east-1";

export function createCloudWatchClient(): CloudWatchClient {
  return new CloudWatchClient({ region: HEALTH_CHECK_METRICS_REGION });
}

export interface HealthStatusReading {
  /** The latest minute's minimum: true for 1, false for 0, undefined when there is no data yet. */
  healthy: boolean | undefined;
  /** The minute the value belongs to. */
  at?: Date;
}

export class HealthCheckStatusMetric {
  constructor(
    private readonly client: CloudWatchClient,
    private readonly signal?: AbortSignal,
  ) {}

  async latest(healthCheckId: string, since: Date, until: Date): Promise<HealthStatusReading> {
    const answer = await this.client.send(
      new GetMetricDataCommand({
        StartTime: since,
        EndTime: until,
        ScanBy: "TimestampDescending",
        MetricDataQueries: [
          {
            Id: "status",
            MetricStat: {
              Metric: {
                Namespace: "AWS/Route53",
                MetricName: "HealthCheckStatus",
                Dimensions: [{ Name: "HealthCheckId", Value: healthCheckId }],
              },
              Period: 60,
              Stat: "Minimum",
            },
          },
        ],
      }),
      { abortSignal: this.signal },
    );
    const result = answer.MetricDataResults?.[0];
    const value = result?.Values?.[0];
    return { healthy: value === undefined ? undefined : value >= 1, at: result?.Timestamps?.[0] };
  }
}
