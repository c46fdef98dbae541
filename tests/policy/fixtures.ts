/**
 * Resources as the engine describes them to the policy pack, built from real @pulumi/aws input names.
 * Each builder returns a passing resource; a test changes one property to see one policy fail
 * (pulumi/compliance-policies style). `asPreview` turns a stack into what a preview sends: IDs, ARNs and
 * DNS names of resources not yet created become the unknown sentinel.
 */
import { afterEach, beforeAll } from "vitest";
import {
  AnalyzedResource,
  Diagnostic,
  JsonObject,
  PolicyPackClient,
  ProviderResource,
  startPolicyPack,
  UNKNOWN,
} from "../../tools/policy-harness";
import { providerState } from "../../tools/preview/provider-state";
import { inProcessPolicyPack } from "../support/in-process-pack";

export const PROJECT = "multi-region-api";
export const STACK = "prod";
export const FAILOVER_NAME = "api.example.com";
export const ZONE_ID = "Z0123456789EXAMPLE";
/** The hosted zone IDs API Gateway's regional endpoints use (what `regionalZoneId` returns). */
export const API_GATEWAY_ZONE_IDS: Readonly<Record<string, string>> = {
  "us-east-1": "Z1UJRXOUMOOFQ8",
  "eu-west-1": "ZLY8HYME6SFDD",
  "ap-southeast-1": "ZL327KTPIQFUL",
};

export const TYPES = {
  record: "aws:route53/record:Record",
  healthCheck: "aws:route53/healthCheck:HealthCheck",
  zone: "aws:route53/zone:Zone",
  domainName: "aws:apigateway/domainName:DomainName",
  certificate: "aws:acm/certificate:Certificate",
  metricAlarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  awsProvider: "pulumi:providers:aws",
} as const;

export function urnOf(type: string, name: string): string {
  return `urn:pulumi:${STACK}::${PROJECT}::${type}::${name}`;
}

export function awsProvider(region: string): ProviderResource {
  const name = `aws-${region}`;
  return { name, type: TYPES.awsProvider, urn: urnOf(TYPES.awsProvider, name), properties: { region } };
}

export function resource(
  type: string,
  name: string,
  properties: JsonObject,
  extra: Partial<Omit<AnalyzedResource, "type" | "name" | "urn" | "properties">> = {},
): AnalyzedResource {
  return { type, name, urn: urnOf(type, name), properties, ...extra };
}

/** A record of the test zone without a routing policy: an A record unless `properties` say otherwise. */
export function plainRecord(name: string, properties: JsonObject): AnalyzedResource {
  return resource(TYPES.record, name, { zoneId: ZONE_ID, type: "A", ...properties });
}

/** Shallow-merges property overrides; an override of `undefined` removes the property. */
export function withProps(target: AnalyzedResource, overrides: JsonObject): AnalyzedResource {
  const properties: JsonObject = { ...target.properties, ...overrides };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) {
      delete properties[key];
    }
  }
  return { ...target, properties };
}

export function regionalTarget(region: string): string {
  return `d-abc123${region.replace(/-/g, "")}.execute-api.${region}.amazonaws.com`;
}

// ---- Route 53 -----------------------------------------------------------------------------------------

export function healthCheckId(region: string): string {
  return `0a1b2c3d-${region}`;
}

/** The health check FailoverDns builds for a region: HTTPS string match on its own hostname. */
export function healthCheck(region: string, overrides: JsonObject = {}): AnalyzedResource {
  return withProps(
    resource(TYPES.healthCheck, `api-${region}`, {
      // The provider's outputs carry the ID (after an update); a preview has none.
      id: healthCheckId(region),
      type: "HTTPS_STR_MATCH",
      port: 443,
      fqdn: `${region}.${FAILOVER_NAME}`,
      resourcePath: "/health",
      enableSni: true,
      searchString: '"status":"ok"',
      failureThreshold: 3,
      requestInterval: 30,
      invertHealthcheck: false,
      tags: { Name: `api-${region}`, Region: region },
    }),
    overrides,
  );
}

export type Role = "PRIMARY" | "SECONDARY";

function failoverBase(role: Role, region: string, name: string, type: string): JsonObject {
  return {
    zoneId: ZONE_ID,
    name,
    type,
    setIdentifier: `${role.toLowerCase()}-${region}`,
    failoverRoutingPolicies: [{ type: role }],
    healthCheckId: healthCheckId(region),
  };
}

/** A failover alias record to a region's API Gateway custom domain, with its health check. */
export function failoverAliasRecord(
  role: Role,
  region: string,
  overrides: JsonObject = {},
  name = FAILOVER_NAME,
): AnalyzedResource {
  return withProps(
    resource(TYPES.record, `api-${role.toLowerCase()}-${region}`, {
      ...failoverBase(role, region, name, "A"),
      aliases: [
        { name: regionalTarget(region), zoneId: API_GATEWAY_ZONE_IDS[region], evaluateTargetHealth: true },
      ],
    }),
    overrides,
  );
}

/** A failover CNAME record (FailoverDns's "cname" kind) with a TTL of its own. */
export function failoverCnameRecord(
  role: Role,
  region: string,
  overrides: JsonObject = {},
): AnalyzedResource {
  return withProps(
    resource(TYPES.record, `api-${role.toLowerCase()}-${region}`, {
      ...failoverBase(role, region, FAILOVER_NAME, "CNAME"),
      ttl: 60,
      records: [regionalTarget(region)],
    }),
    overrides,
  );
}

/** Links a record to its health check the way the engine does: `healthCheckId` depends on that resource. */
export function usingHealthCheck(record: AnalyzedResource, check: AnalyzedResource): AnalyzedResource {
  return {
    ...record,
    dependencies: [...(record.dependencies ?? []), check.urn],
    propertyDependencies: { ...record.propertyDependencies, healthCheckId: [check.urn] },
  };
}

export interface FailoverPairOptions {
  readonly kind?: "alias" | "cname";
  readonly primary?: JsonObject;
  readonly secondary?: JsonObject;
  readonly primaryCheck?: JsonObject;
  readonly secondaryCheck?: JsonObject;
}

/** The prod shape: us-east-1 PRIMARY, eu-west-1 SECONDARY, each with its health check. */
export function failoverPair(options: FailoverPairOptions = {}): AnalyzedResource[] {
  const build = options.kind === "cname" ? failoverCnameRecord : failoverAliasRecord;
  const primaryCheck = healthCheck("us-east-1", options.primaryCheck);
  const secondaryCheck = healthCheck("eu-west-1", options.secondaryCheck);
  return [
    primaryCheck,
    secondaryCheck,
    usingHealthCheck(build("PRIMARY", "us-east-1", options.primary), primaryCheck),
    usingHealthCheck(build("SECONDARY", "eu-west-1", options.secondary), secondaryCheck),
  ];
}

/**
 * Three regions chained as FailoverDns does: api.example.com PRIMARY → us-east-1, SECONDARY → alias to
 * failover-1.api.example.com, whose pair is eu-west-1 / ap-southeast-1.
 */
export function failoverChain(): AnalyzedResource[] {
  const intermediate = `failover-1.${FAILOVER_NAME}`;
  const checks = ["us-east-1", "eu-west-1", "ap-southeast-1"].map((region) => healthCheck(region));
  const chainingSecondary = withProps(
    resource(TYPES.record, "api-secondary-failover-1", {
      zoneId: ZONE_ID,
      name: FAILOVER_NAME,
      type: "A",
      setIdentifier: "secondary-failover-1",
      failoverRoutingPolicies: [{ type: "SECONDARY" }],
      aliases: [{ name: intermediate, zoneId: ZONE_ID, evaluateTargetHealth: true }],
    }),
    {},
  );
  return [
    ...checks,
    usingHealthCheck(failoverAliasRecord("PRIMARY", "us-east-1"), checks[0]),
    chainingSecondary,
    usingHealthCheck(
      { ...failoverAliasRecord("PRIMARY", "eu-west-1", {}, intermediate), name: "failover-1-primary" },
      checks[1],
    ),
    usingHealthCheck(
      {
        ...failoverAliasRecord("SECONDARY", "ap-southeast-1", {}, intermediate),
        name: "failover-1-secondary",
      },
      checks[2],
    ),
  ].map((r) => ({ ...r, urn: urnOf(r.type, r.name) }));
}

// ---- Routing modes: latency sets, AAAA twins, dualstack domains ------------------------------------------

/** A latency alias record of `type` (A, or its AAAA twin) to a region's API, with its health check. */
export function latencyAliasRecord(region: string, overrides: JsonObject = {}, type = "A"): AnalyzedResource {
  return withProps(
    resource(TYPES.record, `api-latency-${region}${type === "A" ? "" : `-${type.toLowerCase()}`}`, {
      zoneId: ZONE_ID,
      name: FAILOVER_NAME,
      type,
      setIdentifier: `latency-${region}`,
      latencyRoutingPolicies: [{ region }],
      healthCheckId: healthCheckId(region),
      aliases: [
        { name: regionalTarget(region), zoneId: API_GATEWAY_ZONE_IDS[region], evaluateTargetHealth: true },
      ],
    }),
    overrides,
  );
}

/** A latency CNAME record (cname kind) with a TTL of its own. */
export function latencyCnameRecord(region: string, overrides: JsonObject = {}): AnalyzedResource {
  const cname = { aliases: undefined, ttl: 60, records: [regionalTarget(region)] };
  return withProps(latencyAliasRecord(region, cname, "CNAME"), overrides);
}

export interface LatencySetOptions {
  readonly regions?: readonly string[];
  /** Record types to create per region: ["A"], ["A", "AAAA"] or ["CNAME"]. */
  readonly types?: readonly string[];
  /** Overrides per record, by its resource name. */
  readonly change?: Readonly<Record<string, JsonObject>>;
}

/** The latency set FailoverDns builds: one record per region and type, each using its region's check. */
export function latencySet(options: LatencySetOptions = {}): AnalyzedResource[] {
  const regions = options.regions ?? ["us-east-1", "eu-west-1"];
  const checks = regions.map((region) => healthCheck(region));
  const records = (options.types ?? ["A"]).flatMap((type) =>
    regions.map((region, index) => {
      const record = type === "CNAME" ? latencyCnameRecord(region) : latencyAliasRecord(region, {}, type);
      return usingHealthCheck(withProps(record, options.change?.[record.name] ?? {}), checks[index]);
    }),
  );
  return [...checks, ...records];
}

/** A dualstack regional domain with its regional target name (an output once it exists). */
export function dualstackDomain(region: string, overrides: JsonObject = {}): AnalyzedResource {
  return domainName(region, {
    domainName: FAILOVER_NAME,
    endpointConfiguration: { types: "REGIONAL", ipAddressType: "dualstack" },
    regionalDomainName: regionalTarget(region),
    regionalZoneId: API_GATEWAY_ZONE_IDS[region],
    ...overrides,
  });
}

/** Links a record's alias to a domain the way the engine does: `aliases` depends on that resource. */
export function aliasingDomain(record: AnalyzedResource, domain: AnalyzedResource): AnalyzedResource {
  return {
    ...record,
    dependencies: [...(record.dependencies ?? []), domain.urn],
    propertyDependencies: { ...record.propertyDependencies, aliases: [domain.urn] },
  };
}

/**
 * What a preview sends for `stack`: health check IDs, alias targets and the zone ID (from a zone created in
 * the same run) are unknown; the engine still knows which resource each property came from.
 */
export function asPreview(stack: readonly AnalyzedResource[]): AnalyzedResource[] {
  const zone = resource(TYPES.zone, "zone", { name: "example.com", zoneId: UNKNOWN });
  const previewed = stack.map((item): AnalyzedResource => {
    const properties: JsonObject = { ...item.properties };
    delete properties.id;
    if (item.type === TYPES.record) {
      if (properties.healthCheckId !== undefined) {
        properties.healthCheckId = UNKNOWN;
      }
      properties.zoneId = UNKNOWN;
      if (Array.isArray(properties.aliases)) {
        properties.aliases = properties.aliases.map((alias) => {
          const known = alias as JsonObject;
          const intoZone = known.zoneId === ZONE_ID;
          // An alias into the zone keeps its literal name; one to API Gateway takes outputs of the domain.
          return intoZone ? { ...known, zoneId: UNKNOWN } : { ...known, name: UNKNOWN, zoneId: UNKNOWN };
        });
      }
      if (Array.isArray(properties.records)) {
        properties.records = [UNKNOWN];
      }
      return {
        ...item,
        properties,
        propertyDependencies: { ...item.propertyDependencies, zoneId: [zone.urn] },
      };
    }
    if (item.type === TYPES.domainName) {
      // A domain's regional target is an output: a preview that creates the domain does not know it.
      delete properties.regionalDomainName;
      delete properties.regionalZoneId;
    }
    return { ...item, properties };
  });
  return [zone, ...previewed];
}

/**
 * What `pulumi up` (or a preview of an existing stack) sends `AnalyzeStack` for `stack`: each resource's
 * outputs as the AWS provider's state holds them, with its `id` and empty values for unset fields (the
 * preview's own `providerState`). `link: "id-only"` also drops the engine's dependencies, as for a resource
 * whose state came from an import, so records reach their health check by `id` alone.
 */
export function asState(
  stack: readonly AnalyzedResource[],
  link: "dependencies" | "id-only" = "dependencies",
): AnalyzedResource[] {
  return stack.map((item) => {
    const { id, ...outputs } = item.properties;
    const state: AnalyzedResource = {
      ...item,
      properties: providerState(item.type, outputs, typeof id === "string" ? id : `${item.name}-id`),
    };
    return link === "id-only" ? { ...state, dependencies: [], propertyDependencies: {} } : state;
  });
}

// ---- API Gateway, ACM, CloudWatch ----------------------------------------------------------------------

export function certificateArn(region: string): string {
  return `arn:aws:acm:${region}:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`;
}

/** A regional custom domain as RegionalApi builds it. */
export function domainName(region: string, overrides: JsonObject = {}): AnalyzedResource {
  return withProps(
    resource(
      TYPES.domainName,
      `api-${region}`,
      {
        domainName: `${region}.${FAILOVER_NAME}`,
        endpointConfiguration: { types: "REGIONAL" },
        regionalCertificateArn: certificateArn(region),
        securityPolicy: "TLS_1_2",
      },
      { provider: awsProvider(region) },
    ),
    overrides,
  );
}

export function certificate(region: string, overrides: JsonObject = {}): AnalyzedResource {
  return withProps(
    resource(
      TYPES.certificate,
      `api-${region}-certificate`,
      {
        domainName: FAILOVER_NAME,
        subjectAlternativeNames: [`*.${FAILOVER_NAME}`],
        validationMethod: "DNS",
        keyAlgorithm: "RSA_2048",
      },
      { provider: awsProvider(region) },
    ),
    overrides,
  );
}

export function healthCheckAlarm(region: string, overrides: JsonObject = {}): AnalyzedResource {
  return withProps(
    resource(
      TYPES.metricAlarm,
      `api-${region}-unhealthy`,
      {
        namespace: "AWS/Route53",
        metricName: "HealthCheckStatus",
        dimensions: { HealthCheckId: healthCheckId(region) },
        statistic: "Minimum",
        period: 60,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: "LessThanThreshold",
      },
      { provider: awsProvider("us-east-1") },
    ),
    overrides,
  );
}

// ---- Running resources through the pack ------------------------------------------------------------------

/** What the CLI does in a preview: `Analyze` on every resource, then `AnalyzeStack` on all of them. */
export async function analyzeLikeTheCli(
  pack: PolicyPackClient,
  resources: readonly AnalyzedResource[],
): Promise<Diagnostic[]> {
  const perResource = await Promise.all(resources.map((item) => pack.analyze(item)));
  return [...perResource.flat(), ...(await pack.analyzeStack(resources))];
}

export function byPolicy(diagnostics: readonly Diagnostic[], policyName: string): Diagnostic[] {
  return diagnostics.filter((diagnostic) => diagnostic.policyName === policyName);
}

export function mandatory(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((diagnostic) => diagnostic.enforcementLevel === "mandatory");
}

/** One line per diagnostic, so a failed assertion shows what the pack said. */
export function describeDiagnostics(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.enforcementLevel} ${d.policyName} ${d.urn}: ${d.message}`);
}

/**
 * The policy pack process of this test worker. vitest keeps a worker's modules from file to file
 * (vitest.config.mts), so every test file a worker runs shares one pack instead of starting its own (a start
 * is about a second of CPU); the pack harness ends it when the worker exits.
 */
let workerPack: Promise<PolicyPackClient> | undefined;

function sharedPolicyPack(): Promise<PolicyPackClient> {
  workerPack ??= startPolicyPack().catch((error: unknown) => {
    workerPack = undefined; // let the next file try again rather than inherit a failed start
    throw error;
  });
  return workerPack;
}

/**
 * What a freshly started pack holds: no policy config (each policy's in-code defaults) and no stack tags.
 * The pack's only state is what `Configure` and `ConfigureStack` set (@pulumi/policy server.js).
 */
async function resetPack(pack: PolicyPackClient): Promise<void> {
  await pack.configure({});
  await pack.configureStack({ stack: STACK, project: PROJECT });
}

/**
 * The policy pack for the calling test file, as the CLI starts it: the worker's pack, reset to a fresh pack's
 * state before the file's tests and after each test. Call it at the top level of a test file; the client it
 * returns is usable inside the tests.
 */
export function usePolicyPack(): PolicyPackClient {
  let client: PolicyPackClient | undefined;
  beforeAll(async () => {
    client = await sharedPolicyPack();
    await resetPack(client);
  });
  afterEach(async () => {
    if (client) await resetPack(client);
  });
  return new Proxy({} as PolicyPackClient, {
    get(_target, property) {
      if (client === undefined) {
        throw new Error("usePolicyPack: the pack is used before it started (only inside tests and hooks)");
      }
      if (property === "close") {
        throw new Error("usePolicyPack: the pack is shared by the worker's test files; do not close it");
      }
      const value: unknown = Reflect.get(client, property);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(client) : value;
    },
  });
}

/** The two ways the policy tests run the pack: as the CLI runs it, and in the test process. */
export const PACK_RUNS = ["the analyzer process", "in process"] as const;
export type PackRun = (typeof PACK_RUNS)[number];

/**
 * The pack for a `describe.each(PACK_RUNS)` block: the worker's analyzer process (`usePolicyPack`), or the
 * same policies in the test process (tests/support/in-process-pack.ts), where coverage and mutation
 * testing see them. Either is reset to the policies' defaults after each test.
 */
export function usePack(run: PackRun): PolicyPackClient {
  if (run === "the analyzer process") return usePolicyPack();
  const client = inProcessPolicyPack();
  afterEach(() => resetPack(client));
  return client;
}
