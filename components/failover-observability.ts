import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { dashboardBody, type DashboardRegion } from "./observability/dashboard-body";
import { createFleetHealthAlarms, MAX_REGIONS_PER_EXPRESSION } from "./observability/fleet-health-alarms";
import { requireAwsProvider, requireOneOf, requireRegion, requireRegionList, requireThat } from "./validate";
import type { RoutingMode } from "@multi-region-api/model/route53/routing";

/** One region as the dashboard and alarms see it; a RegionalApi's and FailoverDns's outputs fit. */
export interface ObservedRegion {
  readonly region: string;
  /** The region's own Route 53 health check (not the drained CALCULATED one: its status is always 0). */
  readonly healthCheckId: pulumi.Input<string>;
  /** The REST API's name and stage: API Gateway's `ApiName` and `Stage` dimensions. */
  readonly apiName: pulumi.Input<string>;
  readonly stageName: pulumi.Input<string>;
  /** The EC2 backend's group; left out for a region proxied to an existing backend. */
  readonly autoScalingGroupName?: pulumi.Input<string>;
}

export interface ObservedUsersTable {
  readonly tableName: pulumi.Input<string>;
  readonly homeRegion: string;
  readonly replicaRegions: string[];
}

export interface FailoverObservabilityArgs {
  /** In failover order (the first is the primary). At least two. */
  readonly regions: ObservedRegion[];
  /** `failover` (default) or `latency`: what the dashboard's text says about who answers. */
  readonly routing?: RoutingMode;
  readonly drainedRegions?: string[];
  readonly usersTable?: ObservedUsersTable;
  /**
   * The alarm topic (us-east-1): given, two alarms over every region in service's health check notify it,
   * when every region is unhealthy (Route 53 failing open) and, from three regions, when at most one is left.
   * @default none: no fleet-wide alarms
   */
  readonly alarmTopicArn?: pulumi.Input<string>;
}

/** Route 53 publishes HealthCheckStatus only in us-east-1, so the dashboard and alarms live there. */
const HEALTH_METRICS_REGION = "us-east-1";

/**
 * What operators look at during a failover: one CloudWatch dashboard in us-east-1 with, per region, the
 * health check's status, API Gateway's 5XX, 4XX and p99 latency and the Auto Scaling group's in-service
 * instances, the users table's replication latency per replica, and a text widget with the failover order
 * and the drained set. `opts.provider` must be the us-east-1 provider.
 */
export class FailoverObservability extends pulumi.ComponentResource {
  /** The dashboard's name: the component's name. */
  public readonly dashboardName: pulumi.Output<string>;
  /** The dashboard body as CloudWatch stores it (JSON text). */
  public readonly dashboardBody: pulumi.Output<string>;
  /** The fleet-wide health alarms (none without `alarmTopicArn`). */
  public readonly fleetHealthAlarms: aws.cloudwatch.MetricAlarm[];

  constructor(name: string, args: FailoverObservabilityArgs, opts: pulumi.ComponentResourceOptions = {}) {
    // Validate first: a bad argument must stop the run before anything, even this component, is registered.
    const settings = validateArgs(name, args);
    requireAwsProvider(opts, "the us-east-1 aws.Provider (Route 53 health-check metrics live only there)");
    super("multiregion:index:FailoverObservability", name, {}, opts);

    const regions = pulumi.all(
      args.regions.map((r) =>
        pulumi
          .all([r.healthCheckId, r.apiName, r.stageName, r.autoScalingGroupName])
          .apply(([healthCheckId, apiName, stageName, autoScalingGroupName]): DashboardRegion => ({
            region: r.region,
            healthCheckId,
            apiName,
            stageName,
            autoScalingGroupName,
          })),
      ),
    );
    const table = args.usersTable;
    const body = pulumi.all([regions, table?.tableName]).apply(([resolved, tableName]) =>
      JSON.stringify(
        dashboardBody({
          regions: resolved,
          routing: settings.routing,
          drainedRegions: settings.drainedRegions,
          usersTable:
            table && tableName !== undefined
              ? { tableName, homeRegion: table.homeRegion, replicaRegions: table.replicaRegions }
              : undefined,
          healthMetricsRegion: HEALTH_METRICS_REGION,
        }),
      ),
    );
    const dashboard = new aws.cloudwatch.Dashboard(
      `${name}-dashboard`,
      { dashboardName: name, dashboardBody: body },
      { parent: this },
    );

    this.fleetHealthAlarms =
      args.alarmTopicArn === undefined
        ? []
        : createFleetHealthAlarms(
            name,
            { inService: settings.inService, configured: args.regions.length },
            args.alarmTopicArn,
            this,
          );

    this.dashboardName = dashboard.dashboardName;
    this.dashboardBody = dashboard.dashboardBody;
    this.registerOutputs({ dashboardName: this.dashboardName, dashboardBody: this.dashboardBody });
  }
}

function validateArgs(name: string, args: FailoverObservabilityArgs) {
  // PutDashboard: DashboardName "can contain only alphanumerics, dash (-) and underscore (_)", at most 255
  // characters (CloudWatch API Reference, PutDashboard).
  requireThat(
    /^[A-Za-z0-9_-]{1,255}$/.test(name),
    "name",
    `"${name}" must be 1-255 letters, digits, - or _ (it is the dashboard's name)`,
  );
  const names = args.regions.map((r) => r.region);
  requireRegionList("regions", names, 2);
  const routing = args.routing ?? "failover";
  requireOneOf("routing", routing, ["failover", "latency"]);
  const drainedRegions = args.drainedRegions ?? [];
  drainedRegions.forEach((region) =>
    requireThat(
      names.includes(region),
      "drainedRegions",
      `"${region}" is not one of the regions; allowed: ${names.join(", ")}`,
    ),
  );
  const inService = args.regions.filter((r) => !drainedRegions.includes(r.region));
  requireThat(
    args.alarmTopicArn === undefined || inService.length <= MAX_REGIONS_PER_EXPRESSION,
    "alarmTopicArn",
    `the fleet-wide alarms' metric math takes at most ${MAX_REGIONS_PER_EXPRESSION} regions in service, got ${inService.length}`,
  );
  if (args.usersTable !== undefined) {
    requireRegion("usersTable.homeRegion", args.usersTable.homeRegion);
    args.usersTable.replicaRegions.forEach((region, i) =>
      requireRegion(`usersTable.replicaRegions[${i}]`, region),
    );
  }
  return { routing, drainedRegions, inService };
}
