/**
 * The builders the policy specs share, beside the resource builders of ../fixtures.ts and
 * ../api-fixtures.ts (pulumi/compliance-policies style): each returns what passes every policy, so a spec
 * changes one property and sees one policy fail. builders.test.ts holds them to that.
 */
import { AnalyzedResource, JsonObject } from "../../../tools/policy-harness";
import {
  awsProvider,
  FAILOVER_NAME,
  failoverPair,
  healthCheck,
  healthCheckId,
  regionalTarget,
  resource,
  TYPES,
  withProps,
  ZONE_ID,
} from "../fixtures";
import { API_TYPES, linked } from "../api-fixtures";

/** One alias; an `evaluateTargetHealth` of undefined leaves the property out. */
export function aliasTo(name: unknown, zoneId: unknown, evaluateTargetHealth?: unknown): JsonObject[] {
  return [
    (evaluateTargetHealth === undefined
      ? { name, zoneId }
      : { name, zoneId, evaluateTargetHealth }) as JsonObject,
  ];
}

/** The alias a chaining SECONDARY makes to the next failover name of its own zone. */
export function intoZone(evaluateTargetHealth?: unknown): JsonObject[] {
  return aliasTo(`failover-1.${FAILOVER_NAME}`, ZONE_ID, evaluateTargetHealth);
}

/** FailoverDns's drain: a CALCULATED check whose threshold (2) is above its one child, so never healthy. */
export const DRAIN: JsonObject = {
  type: "CALCULATED",
  port: undefined,
  fqdn: undefined,
  resourcePath: undefined,
  enableSni: undefined,
  searchString: undefined,
  failureThreshold: undefined,
  requestInterval: undefined,
  childHealthchecks: ["0a1b2c3d-own-check"],
  childHealthThreshold: 2,
};

/** A drained region's check as FailoverDns adds it beside the region's own check. */
export function drainCheck(region: string, overrides: JsonObject = {}): AnalyzedResource {
  return withProps(
    resource(TYPES.healthCheck, `failover-${region}-drained`, {
      id: `drain-${region}`,
      type: "CALCULATED",
      childHealthchecks: [healthCheckId(region)],
      childHealthThreshold: 2,
      tags: { Name: `failover-${region}-drained`, Region: region },
    }),
    overrides,
  );
}

export const GROUP_TYPE = "aws:autoscaling/group:Group";

/** What the program tags each group with (`capacity`): a peak of 1000 req/s, 200 req/s per instance. */
export const CAPACITY_TAGS: Readonly<Record<string, string>> = {
  CapacityPeakRequestsPerSecond: "1000",
  CapacityRequestsPerInstance: "200",
};

/** A region's Auto Scaling group as the program registers it (app-fleet.ts), max size 4. */
export function autoScalingGroup(
  region: string,
  maxSize: unknown = 4,
  tags: Readonly<Record<string, string>> = CAPACITY_TAGS,
): AnalyzedResource {
  return resource(
    GROUP_TYPE,
    `api-${region}-app`,
    {
      minSize: 2,
      maxSize,
      tags: [
        { key: "Name", value: `api-${region}-app`, propagateAtLaunch: true },
        ...Object.entries(tags).map(([key, value]) => ({ key, value, propagateAtLaunch: false })),
      ],
    } as JsonObject,
    { provider: awsProvider(region) },
  );
}

/** Regions with a health check and a group each: three regions at max size 4 survive losing any one. */
export function fleet(
  regions: readonly string[] = ["us-east-1", "eu-west-1", "ap-southeast-1"],
  maxSize: unknown = 4,
  tags: Readonly<Record<string, string>> = CAPACITY_TAGS,
): AnalyzedResource[] {
  return regions.flatMap((region) => [healthCheck(region), autoScalingGroup(region, maxSize, tags)]);
}

export const APEX = "example.com";

/** The zone example.com as the stack manages it. */
export function hostedZone(overrides: JsonObject = {}): AnalyzedResource {
  return withProps(resource(TYPES.zone, "zone", { name: APEX, zoneId: ZONE_ID }), overrides);
}

/** The resource called `name` in `resources`; a test that names a missing one fails here, not later. */
export function named(resources: readonly AnalyzedResource[], name: string): AnalyzedResource {
  const found = resources.find((item) => item.name === name);
  if (found === undefined) throw new Error(`no resource ${name} in the stack`);
  return found;
}

/** The stack with the resource called `name` replaced by `change(it)`. */
export function changed(
  resources: readonly AnalyzedResource[],
  name: string,
  change: (item: AnalyzedResource) => AnalyzedResource,
): AnalyzedResource[] {
  named(resources, name);
  return resources.map((item) => (item.name === name ? change(item) : item));
}

/** A method on the API's root resource of `stack` (apiStack): its resourceId is the rootResourceId. */
export function rootMethod(stack: readonly AnalyzedResource[], props: JsonObject): AnalyzedResource {
  return linked(
    resource(API_TYPES.method, "api-us-east-1-api-root-get", {
      restApi: "a1b2c3",
      resourceId: "root1",
      httpMethod: "GET",
      ...props,
    }),
    { resourceId: named(stack, "api-us-east-1-api") },
  );
}

/**
 * A failover pair whose SECONDARY is an alias into the zone to `backup`, a plain CNAME with a 300 s TTL:
 * clients reach the failover name through the chain and get that TTL.
 */
export function chainedToLongTtl(): { stack: AnalyzedResource[]; backup: AnalyzedResource } {
  const backup = resource(TYPES.record, "backup", {
    zoneId: ZONE_ID,
    name: `backup.${FAILOVER_NAME}`,
    type: "CNAME",
    ttl: 300,
    records: [regionalTarget("eu-west-1")],
  });
  const stack = failoverPair({
    kind: "cname",
    secondary: { ttl: undefined, records: undefined, aliases: aliasTo(`backup.${FAILOVER_NAME}`, ZONE_ID) },
  });
  return { stack, backup };
}
