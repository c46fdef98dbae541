import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Certificates, FailoverDns, RegionalApi, UsersTable, type RegionalBackend } from "./components";
import type { StackConfig } from "./config";

/**
 * The composition root: one provider per region, a RegionalApi in each, the users table, and FailoverDns
 * over them. It receives the parsed config and returns the stack outputs; `index.ts` does the reading
 * and exporting, so tests can build any stack from a config object.
 */
export function createStack(config: StackConfig) {
  const regions = config.regions.map((r) => r.name);
  const [primaryRegion] = regions;

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

  const backendFor = createBackends(config, primaryRegion, providerOf(primaryRegion));

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
      recordKind: config.dns.recordKind,
      ttl: config.dns.recordKind === "cname" ? config.dns.ttl : undefined,
      drainedRegions: config.drainedRegions,
      alarms: { provider: globalProvider, email: config.alarmEmail },
    },
    { provider: globalProvider },
  );

  return {
    recordName: config.domainName,
    recordType: dns.recordType,
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
 * What each region's API proxies to: an existing backend, or EC2 instances that share one users table
 * (created here, once for the stack, with a replica in every other region).
 */
function createBackends(
  config: StackConfig,
  homeRegion: string,
  homeProvider: aws.Provider,
): (region: string) => RegionalBackend {
  const backend = config.backend;
  if (backend.kind === "url") {
    return () => ({ kind: "url", url: backend.url });
  }
  const regions = config.regions.map((r) => r.name);
  const table = new UsersTable(
    "users",
    {
      tableName: `${pulumi.getProject()}-${pulumi.getStack()}-users`,
      homeRegion,
      replicaRegions: regions.filter((r) => r !== homeRegion),
    },
    { provider: homeProvider },
  );
  return (region) => ({
    kind: "ec2",
    instanceType: backend.instanceType,
    instanceCount: backend.instanceCount,
    usersTableName: table.tableName,
    usersTableReplicaArn: table.replicaArn(region),
  });
}

export type StackOutputs = ReturnType<typeof createStack>;
