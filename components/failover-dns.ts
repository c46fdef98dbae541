import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { HEALTHY_MARKER } from "@multi-region-api/model/contracts/backend";
import {
  ALIAS_TO_AWS_RESOURCE_TTL_SECONDS,
  canonicalDnsName,
  FAILURE_THRESHOLD_MAX,
  FAILURE_THRESHOLD_MIN,
  HEALTH_CHECKER_REGIONS,
  MIN_HEALTH_CHECKER_REGIONS,
  REQUEST_INTERVALS_SECONDS,
  SEARCH_STRING_MAX_LENGTH,
  modelFailoverTime,
  type FailoverTimeModel,
} from "@multi-region-api/model/route53/knowledge";
import {
  planFailoverChain,
  type PlannedFailoverRecord,
} from "@multi-region-api/model/route53/failover-chain";
import {
  requireAwsProvider,
  requireDnsName,
  requireOneOf,
  requireRange,
  requireRegionList,
  requireThat,
} from "./validate";
import { planLatencySet } from "@multi-region-api/model/route53/latency-set";
import { RecordKind, RecordType, RoutingMode } from "@multi-region-api/model/route53/routing";

/** One region behind the failover name; a RegionalApi's outputs fit as they are. */
export interface FailoverEndpoint {
  readonly region: string;
  /** The alias target for the failover name in this region (`d-….execute-api.<region>.amazonaws.com`). */
  readonly aliasName: pulumi.Input<string>;
  /** The alias target's hosted zone (API Gateway's zone of the region). */
  readonly aliasZoneId: pulumi.Input<string>;
  /** The per-region name the health check calls; never the failover name (docs/aws-facts.md#health-check-not-on-the-failover-name). */
  readonly healthCheckFqdn: pulumi.Input<string>;
  readonly healthCheckPath: pulumi.Input<string>;
}

export interface FailoverHealthCheckSettings {
  /** Consecutive failures before a region counts as down: 1–10, default 3. */
  readonly failureThreshold?: number;
  /** Seconds between checks: 10 (faster, costs more) or 30 (default). */
  readonly requestInterval?: number;
  /** What only a healthy health-route body contains. Default: the app's healthy marker. */
  readonly searchString?: string;
  /** At least 3 Route 53 checker regions; default all of them. */
  readonly checkerRegions?: string[];
}

export interface FailoverAlarmSettings {
  /** A provider in us-east-1: Route 53 publishes HealthCheckStatus only there (docs/aws-facts.md#health-check-metrics-live-in-us-east-1). */
  readonly provider: aws.Provider;
  /** Subscribe this address to the alarm topic (it must confirm the subscription). */
  readonly email?: string;
}

export interface FailoverDnsArgs {
  readonly zoneId: pulumi.Input<string>;
  /** The name clients call, e.g. `api.example.com`. */
  readonly recordName: string;
  /** The regions in priority order: the first is the primary. At least two. */
  readonly endpoints: FailoverEndpoint[];
  readonly healthCheck?: FailoverHealthCheckSettings;
  /** `alias` (default): A aliases, free queries, TTL fixed at 60 s by AWS. `cname`: CNAMEs with `ttl`. */
  readonly recordKind?: RecordKind;
  /** The CNAMEs' TTL in seconds; only with `recordKind: "cname"`. Default 60. */
  readonly ttl?: number;
  /**
   * How the name routes. `failover` (default): the first region in `endpoints` order whose check passes.
   * `latency`: one latency record per region; each client gets its nearest region whose check passes.
   */
  readonly routing?: RoutingMode;
  /**
   * IPv6 clients too: every A alias record gets an AAAA twin (same name, set identifier, routing policy,
   * health check and evaluateTargetHealth). The targets must be dualstack. CNAMEs need no twin.
   */
  readonly ipv6?: boolean;
  /**
   * Regions to take out of service on purpose: their records carry an always-unhealthy check, their own
   * health checks keep running. Not all of them.
   */
  readonly drainedRegions?: string[];
  /** CloudWatch alarms on each health check; none without it. */
  readonly alarms?: FailoverAlarmSettings;
}

/**
 * Route 53 health checks and the records that make the regions one API. With `routing: "failover"` the
 * name answers with the first region in priority order whose health check passes, chaining through
 * intermediate names for more than two regions (see `route53/failover-chain.ts`), and with the primary when
 * none passes. With `routing: "latency"` it answers each client with its nearest region whose check passes,
 * and with the nearest region when none passes (see `route53/latency-set.ts`).
 *
 * Route 53 resources are global: any region's provider, given as `opts.provider` or `opts.providers.aws`,
 * will do. Alarms use the us-east-1 provider of `alarms.provider`.
 */
export class FailoverDns extends pulumi.ComponentResource {
  /** `https://{recordName}`. */
  public readonly url: string;
  /** The regions in the order Route 53 tries them. */
  public readonly failoverOrder: string[];
  /** `A` for alias records, `CNAME` for cname records. */
  public readonly recordType: RecordType;
  /** `failover` or `latency`. */
  public readonly routing: RoutingMode;
  /** The record types the name has: `A` (and `AAAA` with ipv6) for aliases, `CNAME` for cname records. */
  public readonly recordTypes: RecordType[];
  /** The health check of each region. */
  public readonly healthCheckIds: pulumi.Output<Record<string, string>>;
  /** Each region's own health check by region, to alarm on or to add to a CALCULATED check of your own. */
  public readonly healthChecks: Readonly<Record<string, aws.route53.HealthCheck>>;
  /** The modelled worst-case failover time and its parts. */
  public readonly failoverTime: FailoverTimeModel;
  /** The intermediate names that chain more than two regions (empty for two). */
  public readonly intermediateNames: string[];
  /** The SNS topic the alarms notify, when alarms are on. */
  public readonly alarmTopicArn: pulumi.Output<string> | undefined;

  constructor(name: string, args: FailoverDnsArgs, opts: pulumi.ComponentResourceOptions = {}) {
    // Validate first: a bad argument must stop the run before anything, even this component, is registered.
    const settings = validateArgs(args);
    requireAwsProvider(opts, "an aws.Provider for the Route 53 resources");
    super("multiregion:index:FailoverDns", name, {}, opts);
    const regions = args.endpoints.map((e) => e.region);

    // Each region's own check keeps running (and keeps its ID) while the region is drained: its alarm
    // still says when the region is healthy again.
    const healthChecks = args.endpoints.map(
      (endpoint) =>
        new aws.route53.HealthCheck(
          `${name}-${endpoint.region}`,
          {
            type: "HTTPS_STR_MATCH",
            port: 443,
            fqdn: endpoint.healthCheckFqdn,
            resourcePath: endpoint.healthCheckPath,
            enableSni: true,
            searchString: settings.searchString,
            failureThreshold: settings.failureThreshold,
            requestInterval: settings.requestInterval,
            regions: settings.checkerRegions,
            // Never inverted (an inverted check passes while its region is down). Explicit, so that
            // `pulumi up --refresh` puts back a check someone, or an interrupted drill, left inverted.
            invertHealthcheck: false,
            tags: { Name: `${name}-${endpoint.region}`, Region: endpoint.region },
          },
          { parent: this },
        ),
    );
    this.healthChecks = Object.fromEntries(healthChecks.map((check, index) => [regions[index], check]));
    const recordCheckIds = this.recordHealthCheckIds(name, regions, healthChecks, settings.drainedRegions);

    this.recordType = settings.recordKind === "alias" ? "A" : "CNAME";
    this.recordTypes = settings.recordKind === "cname" ? ["CNAME"] : settings.ipv6 ? ["A", "AAAA"] : ["A"];
    this.routing = settings.routing;
    const plan = settings.routing === "failover" ? planFailoverChain(args.recordName, regions) : [];
    for (const type of this.recordTypes) {
      if (settings.routing === "failover") {
        this.createFailoverRecords(name, plan, args, settings, recordCheckIds, type);
      } else {
        this.createLatencyRecords(name, args, settings, recordCheckIds, type);
      }
    }

    if (args.alarms) {
      this.alarmTopicArn = this.createAlarms(
        name,
        args.alarms,
        regions,
        healthChecks,
        settings.drainedRegions,
      );
    }

    this.url = `https://${args.recordName}`;
    this.failoverOrder = regions;
    this.intermediateNames = [...new Set(plan.map((p) => p.name))].filter((n) => n !== args.recordName);
    this.healthCheckIds = pulumi
      .all(healthChecks.map((check) => check.id))
      .apply((ids) => Object.fromEntries(ids.map((id, i) => [regions[i], id])));
    this.failoverTime = modelFailoverTime({
      requestIntervalSeconds: settings.requestInterval,
      failureThreshold: settings.failureThreshold,
      // An alias to API Gateway answers with AWS's fixed 60 s; a CNAME with the TTL we chose (docs/aws-facts.md#alias-has-no-ttl).
      ttlSeconds: settings.recordKind === "alias" ? ALIAS_TO_AWS_RESOURCE_TTL_SECONDS : settings.ttl,
    });

    this.registerOutputs({
      url: this.url,
      failoverOrder: this.failoverOrder,
      recordType: this.recordType,
      routing: this.routing,
      recordTypes: this.recordTypes,
      healthCheckIds: this.healthCheckIds,
      failoverTime: this.failoverTime,
      intermediateNames: this.intermediateNames,
      alarmTopicArn: this.alarmTopicArn,
    });
  }

  /**
   * The health check each region's records carry, by region index: the region's own check while it is in
   * service; while it is drained, a CALCULATED check whose threshold exceeds its one child, which Route 53
   * always considers unhealthy (docs/aws-facts.md "Drain with an always-unhealthy check"). An inverted
   * check would not do: it passes while the region is down. Every routing mode takes its records' checks
   * from here, so a drain holds the same way whatever the records look like.
   */
  private recordHealthCheckIds(
    name: string,
    regions: readonly string[],
    ownChecks: readonly aws.route53.HealthCheck[],
    drainedRegions: readonly string[],
  ): pulumi.Output<string>[] {
    return regions.map((region, index) => {
      if (!drainedRegions.includes(region)) {
        return ownChecks[index].id;
      }
      const children = [ownChecks[index].id];
      return new aws.route53.HealthCheck(
        `${name}-${region}-drained`,
        {
          type: "CALCULATED",
          childHealthchecks: children,
          childHealthThreshold: children.length + 1,
          tags: { Name: `${name}-${region}-drained`, Region: region, Drained: "true" },
        },
        { parent: this },
      ).id;
    });
  }

  /**
   * The failover routing mode: the planned chain's records of one type (A, its AAAA twin, or CNAME), the
   * deepest name first, and every alias to an
   * intermediate name created after that name's records (Route 53 refuses an alias to a name of the zone
   * that does not exist yet: docs/aws-facts.md "Alias to a name of the same zone").
   */
  private createFailoverRecords(
    name: string,
    plan: readonly PlannedFailoverRecord[],
    args: FailoverDnsArgs,
    settings: ValidSettings,
    recordCheckIds: readonly pulumi.Output<string>[],
    type: RecordType,
  ): void {
    // Per type: an AAAA alias to an intermediate name targets that name's AAAA records.
    const recordsOfName = new Map<string, aws.route53.Record[]>();
    for (const planned of [...plan].reverse()) {
      const common = {
        zoneId: args.zoneId,
        name: planned.name,
        type,
        setIdentifier: planned.setIdentifier,
        failoverRoutingPolicies: [{ type: planned.role }],
      };
      const target = planned.target;
      const chainName = "chainName" in target ? target.chainName : undefined;
      const recordArgs: aws.route53.RecordArgs =
        "chainName" in target
          ? {
              ...common,
              // Route 53 follows this alias into the next pair (of the same type), and backs out when
              // nothing there is healthy; the branch's health comes from the checks on the records it reaches.
              aliases: [{ name: target.chainName, zoneId: args.zoneId, evaluateTargetHealth: true }],
            }
          : {
              ...common,
              ...regionAnswer(
                args.endpoints[target.regionIndex],
                settings,
                recordCheckIds[target.regionIndex],
              ),
            };
      const prefix = planned.name === args.recordName ? "" : `${planned.name.split(".")[0]}-`;
      const record = new aws.route53.Record(
        `${name}-${prefix}${planned.role.toLowerCase()}${twinSuffix(type)}`,
        recordArgs,
        {
          parent: this,
          dependsOn: chainName !== undefined ? recordsOfName.get(chainName) : undefined,
        },
      );
      recordsOfName.set(planned.name, [...(recordsOfName.get(planned.name) ?? []), record]);
    }
  }

  /**
   * The latency routing mode: one record of `type` per region, carrying the region's record health check,
   * so Route 53 answers each client with its nearest region in service whose check passes.
   */
  private createLatencyRecords(
    name: string,
    args: FailoverDnsArgs,
    settings: ValidSettings,
    recordCheckIds: readonly pulumi.Output<string>[],
    type: RecordType,
  ): void {
    const regions = args.endpoints.map((e) => e.region);
    for (const planned of planLatencySet(args.recordName, regions)) {
      new aws.route53.Record(
        `${name}-latency-${planned.region}${twinSuffix(type)}`,
        {
          zoneId: args.zoneId,
          name: planned.name,
          type,
          setIdentifier: planned.setIdentifier,
          latencyRoutingPolicies: [{ region: planned.region }],
          ...regionAnswer(args.endpoints[planned.regionIndex], settings, recordCheckIds[planned.regionIndex]),
        },
        { parent: this },
      );
    }
  }

  private createAlarms(
    name: string,
    alarms: FailoverAlarmSettings,
    regions: string[],
    healthChecks: aws.route53.HealthCheck[],
    drained: readonly string[],
  ): pulumi.Output<string> {
    const opts = { parent: this, provider: alarms.provider };
    const topic = new aws.sns.Topic(`${name}-alarms`, {}, opts);
    if (alarms.email) {
      new aws.sns.TopicSubscription(
        `${name}-alarms-email`,
        { topic: topic.arn, protocol: "email", endpoint: alarms.email },
        opts,
      );
    }
    healthChecks.forEach((check, index) => {
      const region = regions[index];
      const isDrained = drained.includes(region);
      new aws.cloudwatch.MetricAlarm(
        `${name}-${region}-unhealthy`,
        {
          alarmDescription:
            `Route 53 sees ${region} as unhealthy: the failover name now answers with the next healthy region.` +
            (isDrained
              ? ` ${region} is drained on purpose, so notifications are off; OK here means it is healthy again.`
              : ""),
          namespace: "AWS/Route53",
          metricName: "HealthCheckStatus",
          dimensions: { HealthCheckId: check.id },
          statistic: "Minimum",
          period: 60,
          evaluationPeriods: 1,
          threshold: 1,
          comparisonOperator: "LessThanThreshold",
          // No data means Route 53 stopped reporting the check: treat it as a failure, not as fine.
          treatMissingData: "breaching",
          actionsEnabled: !isDrained,
          alarmActions: [topic.arn],
          okActions: [topic.arn],
        },
        opts,
      );
    });
    return topic.arn;
  }
}

/** The AAAA twin of an A record keeps the A record's resource name with `-aaaa`: the A records never move. */
function twinSuffix(type: RecordType): string {
  return type === "AAAA" ? "-aaaa" : "";
}

/**
 * What a record that answers with a region carries, whatever its routing mode: the region's API as an alias
 * (or CNAME) target, and the health check `recordHealthCheckIds` chose for the region.
 */
function regionAnswer(
  endpoint: FailoverEndpoint,
  settings: ValidSettings,
  healthCheckId: pulumi.Input<string>,
): Pick<aws.route53.RecordArgs, "aliases" | "healthCheckId" | "records" | "ttl"> {
  if (settings.recordKind === "alias") {
    // evaluateTargetHealth alone only sees API Gateway itself failing in the region; the health check
    // sees the API and its backend (docs/aws-facts.md#evaluate-target-health-sees-only-api-gateway): the record needs both.
    return {
      healthCheckId,
      aliases: [{ name: endpoint.aliasName, zoneId: endpoint.aliasZoneId, evaluateTargetHealth: true }],
    };
  }
  return { healthCheckId, ttl: settings.ttl, records: [endpoint.aliasName] };
}

interface ValidSettings {
  readonly failureThreshold: number;
  readonly requestInterval: number;
  readonly searchString: string;
  readonly checkerRegions: string[] | undefined;
  readonly recordKind: RecordKind;
  readonly ttl: number;
  readonly drainedRegions: readonly string[];
  readonly routing: RoutingMode;
  readonly ipv6: boolean;
}

function validateArgs(args: FailoverDnsArgs): ValidSettings {
  requireDnsName("recordName", args.recordName);
  const regions = args.endpoints.map((e) => e.region);
  requireRegionList("endpoints", regions, 2);
  // Route 53 DG: a health check aimed at the failover record's own name gives unpredictable results
  // (docs/aws-facts.md#health-check-not-on-the-failover-name). Names only known after deployment are checked by the policy pack instead.
  args.endpoints.forEach((endpoint, i) =>
    requireThat(
      typeof endpoint.healthCheckFqdn !== "string" ||
        canonicalDnsName(endpoint.healthCheckFqdn) !== canonicalDnsName(args.recordName),
      `endpoints[${i}].healthCheckFqdn`,
      `must not be the failover name ${args.recordName}: check a per-region name such as ${endpoint.region}.${args.recordName}`,
    ),
  );

  const health = args.healthCheck ?? {};
  const failureThreshold = health.failureThreshold ?? 3;
  requireRange(
    "healthCheck.failureThreshold",
    failureThreshold,
    FAILURE_THRESHOLD_MIN,
    FAILURE_THRESHOLD_MAX,
  );
  const requestInterval = health.requestInterval ?? 30;
  requireOneOf(
    "healthCheck.requestInterval",
    requestInterval,
    REQUEST_INTERVALS_SECONDS as readonly number[],
  );
  const searchString = health.searchString ?? HEALTHY_MARKER;
  requireThat(
    searchString.length > 0 && searchString.length <= SEARCH_STRING_MAX_LENGTH,
    "healthCheck.searchString",
    `must be 1 to ${SEARCH_STRING_MAX_LENGTH} characters`,
  );
  const checkerRegions = health.checkerRegions === undefined ? undefined : [...health.checkerRegions];
  if (checkerRegions !== undefined) {
    requireThat(
      checkerRegions.length >= MIN_HEALTH_CHECKER_REGIONS &&
        new Set(checkerRegions).size === checkerRegions.length &&
        checkerRegions.every((r) => (HEALTH_CHECKER_REGIONS as readonly string[]).includes(r)),
      "healthCheck.checkerRegions",
      `must name at least ${MIN_HEALTH_CHECKER_REGIONS} distinct regions of ${HEALTH_CHECKER_REGIONS.join(", ")}`,
    );
  }

  const recordKind = args.recordKind ?? "alias";
  requireOneOf("recordKind", recordKind, ["alias", "cname"]);
  requireThat(
    recordKind === "cname" || args.ttl === undefined,
    "ttl",
    'applies only to recordKind "cname": an alias answers with its target\'s TTL (docs/aws-facts.md#alias-has-no-ttl)',
  );
  const ttl = args.ttl ?? 60;
  requireRange("ttl", ttl, 0, 172_800);

  const drainedRegions = args.drainedRegions ?? [];
  drainedRegions.forEach((region) =>
    requireThat(
      regions.includes(region),
      "drainedRegions",
      `"${region}" is not an endpoint region; allowed: ${regions.join(", ")}`,
    ),
  );
  requireThat(
    !regions.every((region) => drainedRegions.includes(region)),
    "drainedRegions",
    "must leave at least one region in service",
  );
  const routing = args.routing ?? "failover";
  requireOneOf("routing", routing, ["failover", "latency"]);
  const ipv6 = args.ipv6 ?? false;
  requireOneOf("ipv6", ipv6, [true, false]);
  return {
    failureThreshold,
    requestInterval,
    searchString,
    checkerRegions,
    recordKind,
    ttl,
    drainedRegions,
    routing,
    ipv6,
  };
}
