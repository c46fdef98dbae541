import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  FailoverDns,
  RegionalApi,
  UsersTable,
  type CertificateSource,
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
  const [primaryRegion] = regions;

  const providers = new Map(
    regions.map((region) => [
      region,
      new aws.Provider(region, { region: region as aws.Region, defaultTags: { tags: config.tags } }),
    ]),
  );
  const providerOf = (region: string) => providers.get(region) as aws.Provider;
  // Route 53 publishes health-check metrics only in us-east-1 (FACTS.md): alarms need a provider there.
  const monitoringProvider =
    providers.get("us-east-1") ??
    new aws.Provider("us-east-1-monitoring", { region: "us-east-1", defaultTags: { tags: config.tags } });

  const zone = aws.route53.getZoneOutput(
    { name: config.hostedZoneName, privateZone: false },
    { provider: providerOf(primaryRegion) },
  );

  const backendFor = createBackends(config, primaryRegion, providerOf(primaryRegion));

  // ACM's validation record is the same in every region: the first region that requests a certificate
  // creates it, every later one validates against it.
  let validationRecordFqdn: pulumi.Output<string> | undefined;
  const apis = config.regions.map((entry) => {
    const certificate: CertificateSource = entry.certificateArn
      ? { existingArn: entry.certificateArn }
      : validationRecordFqdn
        ? { validationRecordFqdn }
        : { createValidationRecordInZone: zone.zoneId };
    const api = new RegionalApi(
      `api-${entry.name}`,
      {
        region: entry.name,
        domainName: config.domainName,
        hostedZoneId: zone.zoneId,
        certificate,
        backend: backendFor(entry.name),
        healthCheckPath: config.healthCheck.path,
        ipv6: config.dns.ipv6,
      },
      { provider: providerOf(entry.name) },
    );
    validationRecordFqdn ??= api.validationRecordFqdn;
    return api;
  });

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
      alarms: { provider: monitoringProvider, email: config.alarmEmail },
    },
    { provider: providerOf(primaryRegion) },
  );

  return {
    recordName: config.domainName,
    recordType: dns.recordType,
    routing: dns.routing,
    url: dns.url,
    hostedZoneId: zone.zoneId,
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
