import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  Certificates,
  FailoverDns,
  FailoverObservability,
  RegionalApi,
  UsersTable,
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

  // One provider per region, and always one in us-east-1 named like it: the global provider. Route 53 is
  // global and its health-check metrics live only in us-east-1, so the zone lookup, health checks, records,
  // alarms and the alarm topic all use it. Its name and region never depend on the regions list, so adding,
  // removing or reordering regions moves none of them to another provider (which would replace them). A
  // stack with us-east-1 among its regions shares it with that region.
  const providers = new Map(
    [GLOBAL_REGION, ...regions.filter((r) => r !== GLOBAL_REGION)].map((region) => [
      region,
      new aws.Provider(region, { region: region as aws.Region, defaultTags: { tags: config.tags } }),
    ]),
  );
  const providerOf = (region: string) => providers.get(region) as aws.Provider;
  const globalProvider = providerOf(GLOBAL_REGION);

  const zone = aws.route53.getZoneOutput(
    { name: config.hostedZoneName, privateZone: false },
    { provider: globalProvider },
  );

  const { backendFor, table } = createBackends(config, providerOf);

  const certificates = new Certificates(
    "certificates",
    {
      domainName: config.domainName,
      zoneId: zone.zoneId,
      regions: config.regions.map((entry) => ({
        region: entry.name,
        provider: providerOf(entry.name),
        certificateArn: entry.certificateArn,
      })),
      validationRecordAliases: formerValidationRecordUrns(regions),
    },
    { provider: globalProvider },
  );

  const apis = config.regions.map(
    (entry) =>
      new RegionalApi(
        `api-${entry.name}`,
        {
          region: entry.name,
          domainName: config.domainName,
          hostedZoneId: zone.zoneId,
          certificateArn: certificates.arns[entry.name],
          backend: backendFor(entry.name),
          healthCheckPath: config.healthCheck.path,
          manageApiGatewayAccount: config.manageApiGatewayAccount,
          auth: config.auth,
          waf: config.waf,
          ipv6: config.dns.ipv6,
        },
        { provider: providerOf(entry.name) },
      ),
  );

  const dns = new FailoverDns(
    "failover",
    {
      zoneId: zone.zoneId,
      recordName: config.domainName,
      endpoints: apis.map((api) => ({
        region: api.region,
        aliasName: api.regionalDomainName,
        aliasZoneId: api.regionalZoneId,
        healthCheckFqdn: api.healthCheckFqdn,
        healthCheckPath: api.healthCheckPath,
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
      regions: apis.map((api) => ({
        region: api.region,
        healthCheckId: healthCheckIds.apply((ids) => ids[api.region]),
        apiName: api.restApiName,
        stageName: api.stageName,
        autoScalingGroupName: api.autoScalingGroupName,
      })),
      routing: config.routing,
      drainedRegions: config.drainedRegions,
      usersTable: table,
    },
    { provider: globalProvider },
  );

  return {
    recordName: config.domainName,
    recordType: dns.recordType,
    routing: dns.routing,
    url: dns.url,
    hostedZoneId: zone.zoneId,
    // Draining and every failover change are Route 53 control-plane changes, served from us-east-1;
    // accelerated recovery keeps them possible while us-east-1 is impaired (docs/aws-facts.md).
    hostedZoneAcceleratedRecovery: zone.apply((found) => found.enableAcceleratedRecovery === true),
    failoverOrder: dns.failoverOrder,
    healthCheckIds: dns.healthCheckIds,
    drainedRegions: config.drainedRegions,
    failoverTimeSeconds: dns.failoverTime.totalSeconds,
    failoverTime: dns.failoverTime,
    intermediateNames: dns.intermediateNames,
    dashboardName: observability.dashboardName,
    regions: Object.fromEntries(
      apis.map((api) => [
        api.region,
        {
          url: api.url,
          healthCheckFqdn: api.healthCheckFqdn,
          healthCheckPath: api.healthCheckPath,
          regionalDomainName: api.regionalDomainName,
          regionalZoneId: api.regionalZoneId,
        },
      ]),
    ),
  };
}

/** The region of the global provider: Route 53 publishes health-check metrics only there. */
const GLOBAL_REGION = "us-east-1";

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

/**
 * What each region's API proxies to: its own `backendUrl`, else `backend` — an existing backend, or EC2
 * instances that share one users table. The table is created once for the stack when any region runs EC2
 * instances, with a replica in every other such region. It lives on the provider of `backend.homeRegion`,
 * never "the first region": reordering regions must not move it.
 */
function createBackends(
  config: StackConfig,
  providerOf: (region: string) => aws.Provider,
): { backendFor: (region: string) => RegionalBackend; table: UsersTable | undefined } {
  const backend = config.backend;
  const ownUrl = new Map(
    config.regions.flatMap((r) => (r.backendUrl ? [[r.name, r.backendUrl] as const] : [])),
  );
  const ec2Regions =
    backend.kind === "ec2" ? config.regions.map((r) => r.name).filter((region) => !ownUrl.has(region)) : [];
  const table =
    backend.kind === "ec2" && ec2Regions.length > 0
      ? new UsersTable(
          "users",
          {
            tableName: `${pulumi.getProject()}-${pulumi.getStack()}-users`,
            homeRegion: backend.homeRegion,
            // Sorted: the replicas are a set, and the regions' order means failover priority, not replicas.
            replicaRegions: ec2Regions.filter((r) => r !== backend.homeRegion).sort(),
          },
          { provider: providerOf(backend.homeRegion) },
        )
      : undefined;
  const backendFor = (region: string): RegionalBackend => {
    const url = ownUrl.get(region) ?? (backend.kind === "url" ? backend.url : undefined);
    if (url !== undefined) {
      return { kind: "url", url };
    }
    if (backend.kind !== "ec2" || table === undefined) {
      throw new Error(`no backend for region ${region}`); // unreachable: a region without a URL is an EC2 region
    }
    return {
      kind: "ec2",
      instanceType: backend.instanceType,
      instanceCount: backend.instanceCount,
      maxInstanceCount: backend.maxInstanceCount,
      amiId: backend.amiIds?.[region],
      usersTableName: table.tableName,
      usersTableReplicaArn: table.replicaArn(region),
    };
  };
  return { backendFor, table };
}

export type StackOutputs = ReturnType<typeof createStack>;
