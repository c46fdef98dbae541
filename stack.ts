import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  Certificates,
  FailoverDns,
  FailoverObservability,
  RegionalAlarms,
  RegionalApi,
  UsersTable,
  type FailoverEndpoint,
  type ObservedUsersTable,
  type RegionalBackend,
} from "./components";
import type { StackConfig } from "./config";

/**
 * The composition root: one provider per region, a RegionalApi in each, the users table, and FailoverDns
 * over them. It receives the parsed config and returns the stack outputs; `index.ts` does the reading
 * and exporting, so tests can build any stack from a config object.
 */
export function createStack(config: StackConfig) {
  const regions = config.regions.map((r) => r.name);
  const providerOf = regionalProviders(config, [GLOBAL_REGION, ...regions]);
  const globalProvider = providerOf(GLOBAL_REGION);
  const zone = lookUpZone(config, globalProvider);
  const { backendFor, table } = createBackends(config, regions, providerOf, pulumi.getStack());

  const certificates = new Certificates(
    "certificates",
    {
      domainName: config.domainName,
      zoneId: zone.zoneId,
      regions: certificateRegions(config, regions, providerOf),
      validationRecordAliases: formerValidationRecordUrns(regions),
    },
    { provider: globalProvider },
  );

  const apis = config.regions.map((entry) =>
    createRegionalApi(config, entry.name, zone.zoneId, certificates, backendFor, providerOf),
  );
  apis.forEach((api) => createRegionalAlarms(config, api, providerOf, pulumi.getStack()));
  const failover = createFailoverLayer(
    config,
    zone.zoneId,
    apis.map((api) => ({
      region: api.region,
      aliasName: api.regionalDomainName,
      aliasZoneId: api.regionalZoneId,
      healthCheckFqdn: api.healthCheckFqdn,
      healthCheckPath: api.healthCheckPath,
      apiName: api.restApiName,
      stageName: api.stageName,
      autoScalingGroupName: api.autoScalingGroupName,
    })),
    globalProvider,
    table,
  );

  const { recordName, recordType, routing, url, ...rest } = failover;
  return {
    recordName,
    recordType,
    routing,
    url,
    ...zoneOutputsOf(zone),
    ...rest,
    regions: Object.fromEntries(apis.map((api) => [api.region, regionOutputsOf(api)])),
    releaseGates: Object.fromEntries(apis.map((api) => [api.region, releaseGatesOf(api)])),
  };
}

/** What `npm run deploy` checks in a region after its `up`: the fleet's instance refresh and the alarms. */
export function releaseGatesOf(api: RegionalApi) {
  return {
    ...(api.autoScalingGroupName === undefined ? {} : { autoScalingGroupName: api.autoScalingGroupName }),
    alarmNames: api.releaseAlarmNames,
  };
}

/** What a region exposes to the failover layer: its alias target, health-check target and CloudWatch names. */
export interface RegionEndpoint extends FailoverEndpoint {
  readonly apiName: pulumi.Input<string>;
  readonly stageName: pulumi.Input<string>;
  readonly autoScalingGroupName?: pulumi.Input<string>;
}

/** The Route 53 layer over the regions' endpoints: FailoverDns and its dashboard, on the global provider. */
export function createFailoverLayer(
  config: StackConfig,
  zoneId: pulumi.Input<string>,
  endpoints: readonly RegionEndpoint[],
  globalProvider: aws.Provider,
  usersTable: ObservedUsersTable | undefined,
) {
  const dns = new FailoverDns(
    "failover",
    {
      zoneId,
      recordName: config.domainName,
      endpoints: endpoints.map(({ region, aliasName, aliasZoneId, healthCheckFqdn, healthCheckPath }) => ({
        region,
        aliasName,
        aliasZoneId,
        healthCheckFqdn,
        healthCheckPath,
      })),
      healthCheck: {
        failureThreshold: config.healthCheck.failureThreshold,
        requestInterval: config.healthCheck.requestInterval,
        checkerRegions: config.healthCheck.checkerRegions,
      },
      routing: config.routing,
      recordKind: config.dns.recordKind,
      ttl: config.dns.recordKind === "cname" ? config.dns.ttl : undefined,
      ipv6: config.dns.ipv6,
      drainedRegions: config.drainedRegions,
      alarms: { provider: globalProvider, email: config.alarmEmail },
    },
    { provider: globalProvider },
  );

  const healthCheckIds = dns.healthCheckIds;
  const observability = new FailoverObservability(
    `${pulumi.getProject()}-${pulumi.getStack()}`,
    {
      regions: endpoints.map((endpoint) => ({
        region: endpoint.region,
        healthCheckId: healthCheckIds.apply((ids) => ids[endpoint.region]),
        apiName: endpoint.apiName,
        stageName: endpoint.stageName,
        autoScalingGroupName: endpoint.autoScalingGroupName,
      })),
      routing: config.routing,
      drainedRegions: config.drainedRegions,
      usersTable,
      alarmTopicArn: dns.alarmTopicArn,
    },
    { provider: globalProvider },
  );

  return {
    recordName: config.domainName,
    recordType: dns.recordType,
    routing: dns.routing,
    url: dns.url,
    failoverOrder: dns.failoverOrder,
    healthCheckIds: dns.healthCheckIds,
    drainedRegions: config.drainedRegions,
    failoverTimeSeconds: dns.failoverTime.totalSeconds,
    failoverTime: dns.failoverTime,
    intermediateNames: dns.intermediateNames,
    dashboardName: observability.dashboardName,
  };
}

/**
 * One provider per region named like it. The us-east-1 one is the global provider: Route 53 is global and
 * its health-check metrics live only in us-east-1, so the zone lookup, health checks, records, alarms and
 * the alarm topic all use it. Its name and region never depend on the regions list, so adding, removing or
 * reordering regions moves none of them to another provider (which would replace them). A stack with
 * us-east-1 among its regions shares it with that region.
 */
export function regionalProviders(
  config: StackConfig,
  regions: readonly string[],
  region: (name: string) => pulumi.Input<string> = (name) => name,
): (region: string) => aws.Provider {
  const providers = new Map(
    [...new Set(regions)].map((name) => [
      name,
      new aws.Provider(name, {
        region: region(name) as pulumi.Input<aws.Region>,
        defaultTags: { tags: config.tags },
      }),
    ]),
  );
  return (name) => {
    const found = providers.get(name);
    if (found === undefined) throw new Error(`no provider for region ${name}`); // unreachable: every part lists its regions
    return found;
  };
}

/** The existing public zone that holds the failover name; looked up, never created. */
export function lookUpZone(config: StackConfig, provider: aws.Provider) {
  return aws.route53.getZoneOutput({ name: config.hostedZoneName, privateZone: false }, { provider });
}

/** The zone's stack outputs. */
export function zoneOutputsOf(zone: ReturnType<typeof lookUpZone>) {
  return {
    hostedZoneId: zone.zoneId,
    // Draining and every failover change are Route 53 control-plane changes, served from us-east-1;
    // accelerated recovery keeps them possible while us-east-1 is impaired (docs/aws-facts.md).
    hostedZoneAcceleratedRecovery: zone.apply((found) => found.enableAcceleratedRecovery === true),
  };
}

/** Where each region's certificate comes from: requested on its own provider, or the configured ARN. */
export function certificateRegions(
  config: StackConfig,
  regions: readonly string[],
  providerOf: (region: string) => aws.Provider,
) {
  return config.regions
    .filter((entry) => regions.includes(entry.name))
    .map((entry) => ({
      region: entry.name,
      provider: providerOf(entry.name),
      certificateArn: entry.certificateArn,
    }));
}

export function createRegionalApi(
  config: StackConfig,
  region: string,
  zoneId: pulumi.Input<string>,
  certificates: Certificates,
  backendFor: (region: string) => RegionalBackend,
  providerOf: (region: string) => aws.Provider,
): RegionalApi {
  return new RegionalApi(
    `api-${region}`,
    {
      region,
      domainName: config.domainName,
      hostedZoneId: zoneId,
      certificateArn: certificates.arns[region],
      backend: backendFor(region),
      healthCheckPath: config.healthCheck.path,
      manageApiGatewayAccount: config.manageApiGatewayAccount,
      auth: config.auth,
      waf: config.waf,
      ipv6: config.dns.ipv6,
      releaseAlarms: {
        api5xxRatePercent: config.deploy.api5xxRatePercent,
        latencyP99Ms: config.deploy.latencyP99Ms,
      },
    },
    { provider: providerOf(region) },
  );
}

/**
 * The region's alarms that notify people, on its own provider and topic (an alarm's actions stay in its
 * region): the API's 5XX rate and, in a region with a users-table replica, replication to every other one.
 */
export function createRegionalAlarms(
  config: StackConfig,
  api: RegionalApi,
  providerOf: (region: string) => aws.Provider,
  deploymentStack: string,
): RegionalAlarms {
  const plan = usersTablePlan(config, deploymentStack);
  const tableRegions = plan === undefined ? [] : [plan.homeRegion, ...plan.replicaRegions];
  return new RegionalAlarms(
    `alarms-${api.region}`,
    {
      region: api.region,
      apiName: api.restApiName,
      stageName: api.stageName,
      api5xxRatePercent: config.alarms.api5xxRatePercent,
      replication:
        plan !== undefined && tableRegions.includes(api.region)
          ? {
              tableName: plan.tableName,
              receivingRegions: tableRegions.filter((r) => r !== api.region),
              latencyMs: config.alarms.replicationLatencyMs,
            }
          : undefined,
      email: config.alarmEmail,
    },
    { provider: providerOf(api.region) },
  );
}

/** What the `regions` stack output says of one region: a RegionalApi, or what its regional stack exported. */
export interface RegionOutputSource {
  readonly url: pulumi.Input<string>;
  readonly healthCheckFqdn: pulumi.Input<string>;
  readonly healthCheckPath: pulumi.Input<string>;
  readonly regionalDomainName: pulumi.Input<string>;
  readonly regionalZoneId: pulumi.Input<string>;
}

/** The `regions` stack output of one region: its own URL, health-check target and alias target. */
export function regionOutputsOf<T extends RegionOutputSource>(source: T) {
  return {
    url: source.url as T["url"],
    healthCheckFqdn: source.healthCheckFqdn as T["healthCheckFqdn"],
    healthCheckPath: source.healthCheckPath as T["healthCheckPath"],
    regionalDomainName: source.regionalDomainName as T["regionalDomainName"],
    regionalZoneId: source.regionalZoneId as T["regionalZoneId"],
  };
}

/** The region of the global provider: Route 53 publishes health-check metrics only there. */
export const GLOBAL_REGION = "us-east-1";

/**
 * Where the ACM validation record lived before `Certificates` owned it: in the first region's RegionalApi.
 * As aliases, they let a stack created then keep its record (a second record of the same name would be
 * refused, and deleting the old one would stop every certificate's renewal).
 */
function formerValidationRecordUrns(regions: readonly string[]): pulumi.Output<string>[] {
  return regions.map((region) =>
    pulumi.createUrn(
      `api-${region}-certificate-validation`,
      "aws:route53/record:Record",
      pulumi.createUrn(`api-${region}`, "multiregion:index:RegionalApi"),
    ),
  );
}

/** The regions that run the EC2 fleet: every region without its own `backendUrl`, when the backend is EC2. */
export function fleetRegions(config: StackConfig): string[] {
  if (config.backend.kind !== "ec2") return [];
  return config.regions.filter((r) => r.backendUrl === undefined).map((r) => r.name);
}

/** The users table a config describes: created once, in `backend.homeRegion`, when any region runs EC2. */
export interface UsersTablePlan {
  readonly tableName: string;
  readonly homeRegion: string;
  /** Sorted: the replicas are a set, and the regions' order means failover priority, not replicas. */
  readonly replicaRegions: string[];
  readonly deletionProtection: boolean;
}

/**
 * The table of a config, named after the stack that owns the deployment (the whole stack, or the global
 * part's stack for every part: the table's name must be the same in each region).
 */
export function usersTablePlan(config: StackConfig, deploymentStack: string): UsersTablePlan | undefined {
  const backend = config.backend;
  const ec2Regions = fleetRegions(config);
  if (backend.kind !== "ec2" || ec2Regions.length === 0) return undefined;
  return {
    tableName: `${pulumi.getProject()}-${deploymentStack}-users`,
    homeRegion: backend.homeRegion,
    replicaRegions: ec2Regions.filter((r) => r !== backend.homeRegion).sort(),
    deletionProtection: backend.deletionProtection,
  };
}

/**
 * What each of `regions` proxies to: its own `backendUrl`, else `backend` — an existing backend, or EC2
 * instances that share one users table. The table is created here when its home region is among `regions`
 * (on that region's provider, never "the first region": reordering regions must not move it); a region
 * whose replica another stack created finds it by the table's name, the same in every region.
 */
export function createBackends(
  config: StackConfig,
  regions: readonly string[],
  providerOf: (region: string) => aws.Provider,
  deploymentStack: string,
): { backendFor: (region: string) => RegionalBackend; table: UsersTable | undefined } {
  const backend = config.backend;
  const plan = usersTablePlan(config, deploymentStack);
  const table =
    plan !== undefined && regions.includes(plan.homeRegion)
      ? new UsersTable(
          "users",
          {
            tableName: plan.tableName,
            homeRegion: plan.homeRegion,
            replicaRegions: plan.replicaRegions,
            deletionProtection: plan.deletionProtection,
          },
          { provider: providerOf(plan.homeRegion) },
        )
      : undefined;
  const replicaArn = (region: string): pulumi.Input<string> => {
    if (table !== undefined) return table.replicaArn(region);
    const caller = aws.getCallerIdentityOutput({}, { provider: providerOf(region) });
    // The partition of the caller's own ARN: arn:<partition>:iam::<account>:…
    return pulumi.interpolate`arn:${caller.arn.apply((arn) => arn.split(":")[1])}:dynamodb:${region}:${caller.accountId}:table/${plan?.tableName}`;
  };
  const backendFor = (region: string): RegionalBackend => {
    const own = config.regions.find((r) => r.name === region)?.backendUrl;
    const url = own ?? (backend.kind === "url" ? backend.url : undefined);
    if (url !== undefined) {
      return { kind: "url", url };
    }
    if (backend.kind !== "ec2" || plan === undefined) {
      throw new Error(`no backend for region ${region}`); // unreachable: a region without a URL is an EC2 region
    }
    return {
      kind: "ec2",
      instanceType: backend.instanceType,
      instanceCount: backend.instanceCount,
      maxInstanceCount: backend.maxInstanceCount,
      amiId: backend.amiIds?.[region],
      usersTableName: plan.tableName,
      usersTableReplicaArn: replicaArn(region),
      capacity:
        config.capacity.peakRequestsPerSecond === undefined
          ? undefined
          : {
              peakRequestsPerSecond: config.capacity.peakRequestsPerSecond,
              requestsPerInstance: config.capacity.requestsPerInstance,
            },
    };
  };
  return { backendFor, table };
}

export type StackOutputs = ReturnType<typeof createStack>;
