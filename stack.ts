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

  const backendFor = createBackends(config, providerOf);

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
        manageApiGatewayAccount: config.manageApiGatewayAccount,
        auth: config.auth,
        waf: config.waf,
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
      recordKind: config.dns.recordKind,
      ttl: config.dns.recordKind === "cname" ? config.dns.ttl : undefined,
      drainedRegions: config.drainedRegions,
      alarms: { provider: monitoringProvider, email: config.alarmEmail },
    },
    { provider: providerOf(primaryRegion) },
  );

  return {
    recordName: config.domainName,
    recordType: dns.recordType,
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
 * What each region's API proxies to: its own `backendUrl`, else `backend` — an existing backend, or EC2
 * instances that share one users table. The table is created once for the stack when any region runs EC2
 * instances, with a replica in every other such region. It lives on the provider of `backend.homeRegion`,
 * never "the first region": reordering regions must not move it.
 */
function createBackends(
  config: StackConfig,
  providerOf: (region: string) => aws.Provider,
): (region: string) => RegionalBackend {
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
  return (region) => {
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
      usersTableName: table.tableName,
      usersTableReplicaArn: table.replicaArn(region),
    };
  };
}

export type StackOutputs = ReturnType<typeof createStack>;
