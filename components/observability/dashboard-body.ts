/**
 * The failover dashboard's body (CloudWatch `PutDashboard` DashboardBody), built from resolved values so
 * that it can be compared with a committed golden body. Metric names and dimensions are CloudWatch's:
 * - `AWS/Route53` `HealthCheckStatus` by `HealthCheckId`, published only in us-east-1 (Route 53 DG,
 *   "Monitoring health checks using CloudWatch").
 * - `AWS/ApiGateway` `5XXError`, `4XXError`, `Latency` by `ApiName` and `Stage` for REST APIs (API Gateway
 *   DG, "Amazon API Gateway dimensions and metrics").
 * - `AWS/AutoScaling` `GroupInServiceInstances` by `AutoScalingGroupName`, only while the group collects
 *   group metrics (EC2 Auto Scaling UG, "Monitor CloudWatch metrics for your Auto Scaling groups").
 * - `AWS/DynamoDB` `ReplicationLatency` by `TableName` and `ReceivingRegion`, emitted in the source region for
 *   every source and destination pair (DynamoDB DG, "Monitoring global tables").
 */

export interface DashboardRegion {
  readonly region: string;
  readonly healthCheckId: string;
  readonly apiName: string;
  readonly stageName: string;
  /** Undefined for a region proxied to an existing backend: there is no group to show. */
  readonly autoScalingGroupName?: string;
}

export interface DashboardUsersTable {
  readonly tableName: string;
  readonly homeRegion: string;
  readonly replicaRegions: readonly string[];
}

export interface DashboardInput {
  /** In failover order. */
  readonly regions: readonly DashboardRegion[];
  readonly routing: "failover" | "latency";
  readonly drainedRegions: readonly string[];
  readonly usersTable?: DashboardUsersTable;
  /** Where Route 53 publishes HealthCheckStatus. */
  readonly healthMetricsRegion: string;
}

type Metric = readonly (string | Readonly<Record<string, unknown>>)[];

export interface DashboardWidget {
  readonly type: "metric" | "text";
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** CloudWatch's grid is 24 units wide; four metric widgets per region row. */
const GRID_WIDTH = 24;
const ROW_HEIGHT = 6;
const TEXT_HEIGHT = 4;
const PERIOD_SECONDS = 60;

export function dashboardBody(input: DashboardInput): { widgets: DashboardWidget[] } {
  const widgets: DashboardWidget[] = [
    {
      type: "text",
      x: 0,
      y: 0,
      width: GRID_WIDTH,
      height: TEXT_HEIGHT,
      properties: { markdown: whoAnswers(input) },
    },
  ];
  input.regions.forEach((region, row) => {
    const y = TEXT_HEIGHT + row * ROW_HEIGHT;
    const panels = regionPanels(region, input.healthMetricsRegion);
    const width = GRID_WIDTH / panels.length;
    panels.forEach((properties, column) =>
      widgets.push({ type: "metric", x: column * width, y, width, height: ROW_HEIGHT, properties }),
    );
  });
  const table = input.usersTable;
  if (table !== undefined && table.replicaRegions.length > 0) {
    widgets.push({
      type: "metric",
      x: 0,
      y: TEXT_HEIGHT + input.regions.length * ROW_HEIGHT,
      width: GRID_WIDTH,
      height: ROW_HEIGHT,
      properties: metricPanel(
        `users table: ReplicationLatency from ${table.homeRegion} (ms)`,
        table.homeRegion,
        "Average",
        table.replicaRegions.map((replica) => [
          "AWS/DynamoDB",
          "ReplicationLatency",
          "TableName",
          table.tableName,
          "ReceivingRegion",
          replica,
          { label: replica },
        ]),
      ),
    });
  }
  return { widgets };
}

/** The text widget: which region answers now, as far as configuration decides it. */
function whoAnswers(input: DashboardInput): string {
  const names = input.regions.map((r) => r.region);
  const drained = input.drainedRegions.length > 0 ? input.drainedRegions.join(", ") : "none";
  const order =
    input.routing === "failover"
      ? `**Failover order:** ${names.join(" → ")}. The first region in this order whose health check passes ` +
        `answers; when none passes, Route 53 answers with ${names[0]} (it fails open).`
      : `**Latency routing:** each client gets its nearest region of ${names.join(", ")} whose health check ` +
        "passes; when none passes, Route 53 answers as if all were healthy (it fails open).";
  return `## Who answers\n${order}\n\n**Drained:** ${drained}. A health-check status of 1 is healthy, 0 unhealthy.`;
}

function regionPanels(region: DashboardRegion, healthMetricsRegion: string) {
  const api = ["ApiName", region.apiName, "Stage", region.stageName] as const;
  const panels = [
    metricPanel(`${region.region}: health check (1 healthy)`, healthMetricsRegion, "Minimum", [
      ["AWS/Route53", "HealthCheckStatus", "HealthCheckId", region.healthCheckId],
    ]),
    metricPanel(`${region.region}: API 5XX and 4XX`, region.region, "Sum", [
      ["AWS/ApiGateway", "5XXError", ...api],
      ["AWS/ApiGateway", "4XXError", ...api],
    ]),
    metricPanel(`${region.region}: API p99 latency (ms)`, region.region, "p99", [
      ["AWS/ApiGateway", "Latency", ...api],
    ]),
  ];
  if (region.autoScalingGroupName !== undefined) {
    panels.push(
      metricPanel(`${region.region}: in-service instances`, region.region, "Minimum", [
        ["AWS/AutoScaling", "GroupInServiceInstances", "AutoScalingGroupName", region.autoScalingGroupName],
      ]),
    );
  }
  return panels;
}

function metricPanel(title: string, region: string, stat: string, metrics: Metric[]) {
  return { title, region, stat, period: PERIOD_SECONDS, view: "timeSeries", stacked: false, metrics };
}
