import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { Certificates } from "./components";
import { CONFIG_NAMESPACE, ConfigError, type StackConfig } from "./config";
import {
  GLOBAL_REGION,
  certificateRegions,
  createBackends,
  createFailoverLayer,
  createRegionalAlarms,
  createRegionalApi,
  createStack,
  fleetRegions,
  lookUpZone,
  regionOutputsOf,
  zoneOutputsOf,
  regionalProviders,
  releaseGatesOf,
  usersTablePlan,
  type RegionEndpoint,
} from "./stack";

/**
 * What a regional part exports for the global part: the alias and health-check targets of its RegionalApi
 * and the CloudWatch names the dashboard and alarms use.
 */
export interface RegionalPartOutputs {
  readonly region: string;
  readonly url: string;
  readonly healthCheckFqdn: string;
  readonly healthCheckPath: string;
  readonly regionalDomainName: string;
  readonly regionalZoneId: string;
  readonly restApiName: string;
  readonly stageName: string;
  /** Absent for a region proxied to an existing backend. */
  readonly autoScalingGroupName?: string;
}

/** The stack outputs of any part: the whole stack's, and what only a part has. */
export type ProgramOutputs = Partial<Omit<ReturnType<typeof createStack>, "regions">> & {
  /** Per region: its own URL, health-check target and alias target. */
  readonly regions?: Readonly<Record<string, unknown>>;
  /** The part this stack holds (absent for `all`, whose outputs stay those of one stack). */
  readonly part?: string;
  /** The digest of the settings every part must share (`sharedSettingsDigest`). */
  readonly settingsDigest?: string;
  /** A regional part's endpoint, read by the global part. */
  readonly regionalPart?: pulumi.Output<RegionalPartOutputs>;
  /** The commit this stack was deployed from by `npm run deploy`, and the last one that passed its gates. */
  readonly release?: StackConfig["release"];
};

/**
 * What the program builds for the stack's `part`: everything, the Route 53 layer, or one region; and the
 * release `npm run deploy` recorded for it, which its rollback reads back from the stack's outputs.
 */
export function createProgram(config: StackConfig): ProgramOutputs {
  const outputs =
    config.part === "all"
      ? createStack(config)
      : config.part === "global"
        ? createGlobalPart(config)
        : createRegionalPart(config, config.part);
  return config.release === undefined ? outputs : { ...outputs, release: config.release };
}

/** The global part's stack name: what every part names the shared resources after. */
function deploymentStackOf(config: StackConfig): string {
  return config.globalStack ?? pulumi.getStack();
}

/**
 * The settings both sides of a split read, so that a region deployed from other values is refused rather
 * than half-wired: the names clients and health checks call, the health route, IPv6 (AAAA records need a
 * dualstack domain), the set of regions and where the users table and its replicas live. Routing, order,
 * drains and the fleet-wide alarms are the global part's alone, so changing them redeploys no region.
 */
export function sharedSettings(config: StackConfig) {
  return {
    domainName: config.domainName,
    hostedZoneName: config.hostedZoneName,
    regions: config.regions.map((r) => r.name).sort(),
    healthCheckPath: config.healthCheck.path,
    ipv6: config.dns.ipv6,
    usersTable: usersTablePlan(config, deploymentStackOf(config)) ?? null,
  };
}

export function sharedSettingsDigest(config: StackConfig): string {
  return createHash("sha256")
    .update(JSON.stringify(sharedSettings(config)))
    .digest("hex")
    .slice(0, 16);
}

/**
 * One region's RegionalApi and what only it needs: its provider, its certificate, and — in the home region
 * — the users table with its replicas. Everything it calls is its own region's, or Route 53 (a global
 * service) for the regional host name and the certificate's validation record.
 */
export function createRegionalPart(config: StackConfig, region: string): ProgramOutputs {
  const providerOf = regionalProviders(config, [region]);
  const provider = providerOf(region);
  const zone = lookUpZone(config, provider);
  const { backendFor } = createBackends(config, [region], providerOf, deploymentStackOf(config));
  const certificates = new Certificates(
    "certificates",
    {
      domainName: config.domainName,
      zoneId: zone.zoneId,
      regions: certificateRegions(config, [region], providerOf),
      sharedValidationRecord: true,
      adoptUnparented: true,
    },
    { provider },
  );
  const api = createRegionalApi(config, region, zone.zoneId, certificates, backendFor, providerOf);
  createRegionalAlarms(config, api, providerOf, deploymentStackOf(config));
  const regionalPart: pulumi.Output<RegionalPartOutputs> = pulumi.output({
    region,
    ...regionOutputsOf(api),
    restApiName: api.restApiName,
    stageName: api.stageName,
    ...(api.autoScalingGroupName === undefined ? {} : { autoScalingGroupName: api.autoScalingGroupName }),
  });
  return {
    part: region,
    settingsDigest: sharedSettingsDigest(config),
    regionalPart,
    releaseGates: { [region]: releaseGatesOf(api) },
  };
}

/** The stack the global part reads a region from: `regionalStacks`, else `<org>/<project>/<global stack>-<region>`. */
export function regionalStackName(config: StackConfig, region: string): string {
  return (
    config.regionalStacks[region] ??
    `${pulumi.getOrganization()}/${pulumi.getProject()}/${deploymentStackOf(config)}-${region}`
  );
}

/**
 * Checks what a regional stack exported before the global part uses it: that it holds `region` and was
 * deployed from the same shared settings. Named after the config key that says where it is read from.
 */
export function checkRegionalPart(
  config: StackConfig,
  region: string,
  stack: string,
  exported: { part?: unknown; settingsDigest?: unknown; regionalPart?: unknown },
): RegionalPartOutputs {
  const key = `${CONFIG_NAMESPACE}:regionalStacks.${region}`;
  const expected = sharedSettingsDigest(config);
  if (exported.part === undefined || exported.regionalPart === undefined) {
    throw new ConfigError([
      `${key}: the stack ${stack} has no regional part of ${region}: deploy it with part: ${region} first (or set ${key} to the stack that holds it)`,
    ]);
  }
  if (exported.part !== region) {
    throw new ConfigError([`${key}: the stack ${stack} holds part ${String(exported.part)}, not ${region}`]);
  }
  if (exported.settingsDigest !== expected) {
    throw new ConfigError([
      `${key}: the stack ${stack} was deployed from other shared settings (digest ${String(exported.settingsDigest)}, this stack's ${expected}): ` +
        `deploy ${region} again with the same domainName, hostedZoneName, regions, healthCheck.path, dns.ipv6, backend and globalStack`,
    ]);
  }
  return exported.regionalPart as RegionalPartOutputs;
}

/**
 * The Route 53 layer alone: zone lookup, health checks, failover or latency records, alarms, topic and
 * dashboard, on the us-east-1 provider only, over what each regional stack exported. A drain is an `up` of
 * this part: it configures no provider outside us-east-1 and calls nothing in any region.
 */
export function createGlobalPart(config: StackConfig): ProgramOutputs {
  const regions = config.regions.map((r) => r.name);
  const parts = regions.map((region) => {
    const stack = regionalStackName(config, region);
    const reference = new pulumi.StackReference(`${region}-part`, { name: stack });
    const exported = pulumi
      .all([
        reference.getOutput("part"),
        reference.getOutput("settingsDigest"),
        reference.getOutput("regionalPart"),
      ])
      .apply(([part, settingsDigest, regionalPart]) =>
        checkRegionalPart(config, region, stack, { part, settingsDigest, regionalPart }),
      );
    return { region, exported };
  });
  // The provider waits for every check, and so does every resource on it: a missing or mismatched region
  // stops the update before anything is registered, instead of after the regions that passed.
  const checked = pulumi.all(parts.map((p) => p.exported)).apply(() => GLOBAL_REGION);
  const providerOf = regionalProviders(config, [GLOBAL_REGION], () => checked);
  const globalProvider = providerOf(GLOBAL_REGION);
  const zone = lookUpZone(config, globalProvider);

  const endpoints: RegionEndpoint[] = parts.map(({ region, exported }) => ({
    region,
    aliasName: exported.regionalDomainName,
    aliasZoneId: exported.regionalZoneId,
    healthCheckFqdn: exported.healthCheckFqdn,
    healthCheckPath: exported.healthCheckPath,
    apiName: exported.restApiName,
    stageName: exported.stageName,
    autoScalingGroupName: fleetRegions(config).includes(region)
      ? exported.apply((e) => e.autoScalingGroupName ?? "")
      : undefined,
  }));
  const failover = createFailoverLayer(
    config,
    zone.zoneId,
    endpoints,
    globalProvider,
    usersTablePlan(config, deploymentStackOf(config)),
  );
  return {
    ...failover,
    part: "global",
    settingsDigest: sharedSettingsDigest(config),
    ...zoneOutputsOf(zone),
    regions: Object.fromEntries(parts.map(({ region, exported }) => [region, regionOutputsOf(exported)])),
  };
}
