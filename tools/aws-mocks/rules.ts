import { isUnknown } from "@pulumi/pulumi";
import { canonicalDnsName } from "./ids";

/**
 * What AWS (or the provider, before it calls AWS) rejects, for the resource types this project uses. Each
 * rule throws a StrictMockError worded like the provider's own error, so a test that trips one reads the
 * way a failed `pulumi up` would. Sources: docs/aws-facts.md and the provider's schema. What AWS's service
 * models say of a member (pattern, length, range, enum) is not repeated here: tools/aws-models checks every
 * input against the models first; these rules are the ones the models cannot state.
 */
export class StrictMockError extends Error {
  constructor(
    readonly resourceType: string,
    readonly resourceName: string,
    detail: string,
  ) {
    super(`${resourceType} "${resourceName}": ${detail}`);
    this.name = "StrictMockError";
  }
}

/** EC2 rejects user data over 16 KB (before base64 encoding). */
export const EC2_USER_DATA_MAX_BYTES = 16 * 1024;

type Inputs = Record<string, unknown>;
type Reject = (detail: string) => never;

/**
 * In a preview, values computed by other resources (an ARN, a DNS name) are unknown. AWS never sees them
 * unknown, so a rule judges only what is known and lets the rest pass, as `pulumi preview` does.
 */
function known(value: unknown): boolean {
  return value !== undefined && !isUnknown(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * The model states RequestInterval as a range (10 to 30); the API Reference allows only the two values:
 * "The number of seconds between the time that Amazon Route 53 gets a response from your endpoint and the
 * time that it sends the next health check request ... 10 or 30" (HealthCheckConfig, RequestInterval).
 */
const REQUEST_INTERVALS: readonly number[] = [10, 30];

/**
 * A health check, given the IDs of the health checks that exist already (a CALCULATED check's children must).
 */
export function checkHealthCheck(inputs: Inputs, existingIds: readonly string[], reject: Reject): void {
  const type = String(inputs.type ?? "");
  checkCalculated(type, inputs, existingIds, reject);
  const interval = inputs.requestInterval;
  if (interval !== undefined && !REQUEST_INTERVALS.includes(Number(interval))) {
    reject(
      `expected request_interval to be one of [${REQUEST_INTERVALS.join(" ")}], got ${String(interval)}`,
    );
  }
  const searchString = inputs.searchString;
  if (searchString !== undefined) {
    if (!type.endsWith("_STR_MATCH")) {
      reject(`InvalidInput: search_string is only valid for HTTP_STR_MATCH and HTTPS_STR_MATCH, not ${type}`);
    }
  } else if (type.endsWith("_STR_MATCH")) {
    reject(`InvalidInput: search_string is required for ${type}`);
  }
  if (type.startsWith("HTTP") && inputs.fqdn === undefined && inputs.ipAddress === undefined) {
    reject("InvalidInput: an HTTP(S) health check needs fqdn or ip_address");
  }
  const path = inputs.resourcePath;
  if (known(path) && !String(path).startsWith("/")) {
    reject(`InvalidInput: resource_path must start with /, got ${String(path)}`);
  }
}

/**
 * CALCULATED checks (Route 53 API Reference, HealthCheckConfig; docs/aws-facts.md "Drain with an
 * always-unhealthy check"): they monitor other health checks, which must exist, so ChildHealthChecks is
 * required; they probe no endpoint, so Port and IPAddress must
 * be omitted ("Don't specify a value for Port when you specify a value for Type of ... CALCULATED") and the
 * endpoint's name and path have no meaning. Children belong to CALCULATED checks only.
 */
function checkCalculated(type: string, inputs: Inputs, existingIds: readonly string[], reject: Reject): void {
  const children = inputs.childHealthchecks;
  if (type !== "CALCULATED") {
    if (children !== undefined || inputs.childHealthThreshold !== undefined) {
      reject(
        `InvalidInput: child_healthchecks and child_health_threshold apply only to CALCULATED, not ${type}`,
      );
    }
    return;
  }
  if (!known(children)) {
    if (children === undefined) {
      reject("InvalidInput: child_healthchecks is required for a CALCULATED health check");
    }
  } else {
    const ids = list(children);
    if (ids.length === 0) {
      reject("InvalidInput: child_healthchecks is required for a CALCULATED health check");
    }
    const missing = ids.filter((id) => known(id) && !existingIds.includes(String(id)));
    if (missing.length > 0) {
      reject(
        `NoSuchHealthCheck: No health check exists with the specified ID ${missing.map(String).join(", ")}`,
      );
    }
  }
  const endpointFields = ["fqdn", "ipAddress", "port", "resourcePath", "searchString"].filter(
    (field) => inputs[field] !== undefined,
  );
  if (endpointFields.length > 0) {
    reject(
      `InvalidInput: a CALCULATED health check monitors other health checks; omit ${endpointFields.join(", ")}`,
    );
  }
}

export function checkRecordShape(inputs: Inputs, reject: Reject): void {
  const aliases = list(inputs.aliases);
  const hasAlias = aliases.length > 0;
  if (hasAlias && inputs.ttl !== undefined) {
    // docs/aws-facts.md#alias-has-no-ttl: an alias has no TTL of its own; the provider refuses both together.
    reject('"ttl": conflicts with alias');
  }
  if (hasAlias && inputs.records !== undefined) {
    reject('"records": conflicts with alias');
  }
  if (!hasAlias && (inputs.ttl === undefined || inputs.records === undefined)) {
    reject('"ttl" and "records": required when "alias" is not set');
  }
  const used = ROUTING_POLICIES.filter((policy) => list(inputs[policy.input]).length > 0);
  if (used.length > 1) {
    // TF: each routing policy block ConflictsWith every other one.
    reject(`"${used[1].block}": conflicts with ${used[0].block}`);
  }
  if (used.length > 0 && inputs.setIdentifier === undefined) {
    // TF: each routing policy block is RequiredWith set_identifier.
    reject(`all of \`${used[0].block},set_identifier\` must be specified`);
  }
  if (used.length === 0 && inputs.setIdentifier !== undefined) {
    reject("all of `failover_routing_policy,set_identifier` must be specified");
  }
}

const ROUTING_POLICIES = [
  { input: "failoverRoutingPolicies", block: "failover_routing_policy" },
  { input: "latencyRoutingPolicies", block: "latency_routing_policy" },
  { input: "weightedRoutingPolicies", block: "weighted_routing_policy" },
  { input: "geolocationRoutingPolicies", block: "geolocation_routing_policy" },
] as const;

/** One record set as Route 53 keys it inside a zone. */
export interface RecordKey {
  readonly zoneId: string;
  readonly name: string;
  readonly type: string;
  readonly setIdentifier?: string;
  readonly failover?: string;
  /** The region of a latency record. */
  readonly latencyRegion?: string;
}

export function recordKeyOf(inputs: Inputs): RecordKey {
  const failover = list(inputs.failoverRoutingPolicies)[0] as Inputs | undefined;
  const latency = list(inputs.latencyRoutingPolicies)[0] as Inputs | undefined;
  return {
    zoneId: String(inputs.zoneId),
    name: canonicalDnsName(String(inputs.name)),
    type: String(inputs.type),
    setIdentifier: inputs.setIdentifier === undefined ? undefined : String(inputs.setIdentifier),
    failover: failover === undefined ? undefined : String(failover.type),
    latencyRegion: latency === undefined ? undefined : String(latency.region),
  };
}

/** One record set: the same zone, name, type and set identifier. */
export function sameRecordSet(a: RecordKey, b: RecordKey): boolean {
  return (
    a.zoneId === b.zoneId && a.name === b.name && a.type === b.type && a.setIdentifier === b.setIdentifier
  );
}

/**
 * Route 53's change-batch rules across records of one zone: one record set per name, type and set
 * identifier; one PRIMARY and one SECONDARY per failover name and type; no plain record beside failover
 * records of the same name and type (Route 53 DG); and one latency record per region, with no non-latency
 * record of the same name and type beside latency records (API Reference, ResourceRecordSet `Region`).
 */
export function checkRecordAgainstZone(
  record: RecordKey,
  existing: readonly RecordKey[],
  reject: Reject,
): void {
  const sameSet = existing.filter(
    (r) => r.zoneId === record.zoneId && r.name === record.name && r.type === record.type,
  );
  const describe = `[name='${record.name}', type='${record.type}'${record.setIdentifier ? `, set-identifier='${record.setIdentifier}'` : ""}]`;
  if (sameSet.some((r) => r.setIdentifier === record.setIdentifier)) {
    reject(`InvalidChangeBatch: Tried to create resource record set ${describe} but it already exists`);
  }
  if (sameSet.some((r) => (r.setIdentifier === undefined) !== (record.setIdentifier === undefined))) {
    reject(
      `InvalidChangeBatch: RRSet ${describe} cannot be created because a non-routing-policy RRSet with the same name and type exists (or the reverse)`,
    );
  }
  // A CNAME cannot share its name with a record of any other type (RFC 1034 3.6.2; Route 53 DG, CNAME
  // records; docs/aws-facts.md "Switching between alias A and CNAME").
  const conflicting = existing.find(
    (r) =>
      r.zoneId === record.zoneId &&
      r.name === record.name &&
      r.type !== record.type &&
      (r.type === "CNAME" || record.type === "CNAME"),
  );
  if (conflicting) {
    reject(
      `InvalidChangeBatch: [RRSet of type ${record.type} with DNS name ${record.name}. is not permitted because a conflicting RRSet of type ${conflicting.type} with the same DNS name already exists in zone ${record.zoneId}.]`,
    );
  }
  if (record.failover !== undefined && sameSet.some((r) => r.failover === record.failover)) {
    reject(
      `InvalidChangeBatch: a failover RRSet ${describe} of type ${record.failover} already exists for this name and type`,
    );
  }
  if (sameSet.some((r) => (r.latencyRegion === undefined) !== (record.latencyRegion === undefined))) {
    reject(
      `InvalidChangeBatch: RRSet ${describe} cannot be created: latency and non-latency RRSets cannot share a name and type`,
    );
  }
  if (record.latencyRegion !== undefined && sameSet.some((r) => r.latencyRegion === record.latencyRegion)) {
    reject(
      `InvalidChangeBatch: a latency RRSet ${describe} for region ${record.latencyRegion} already exists for this name and type; only one per region is allowed`,
    );
  }
}

/**
 * Route 53 refuses an alias to a name of the same zone that does not exist yet: "InvalidChangeBatch: Tried
 * to create an alias that targets X., type A in zone Z, but that target was not found" (docs/aws-facts.md
 * "Alias to a name of the same zone"). Pulumi creates resources in parallel, so the target exists first only
 * when it is among the record's dependencies: `createdFirst` are the records the record depends on.
 */
export function checkAliasTargetCreatedFirst(
  inputs: Inputs,
  record: RecordKey,
  createdFirst: readonly RecordKey[],
  reject: Reject,
): void {
  for (const alias of list(inputs.aliases)) {
    const { name, zoneId } = alias as Inputs;
    if (!known(name) || !known(zoneId) || !known(inputs.zoneId) || String(zoneId) !== record.zoneId) {
      continue; // an alias to an AWS resource, or preview cannot tell yet
    }
    const target = canonicalDnsName(String(name));
    const found = createdFirst.some(
      (r) => r.zoneId === record.zoneId && r.name === target && r.type === record.type,
    );
    if (!found) {
      reject(
        `InvalidChangeBatch: [Tried to create an alias that targets ${target}., type ${record.type} in zone ${record.zoneId}, but that target was not found]`,
      );
    }
  }
}

export function checkUserData(inputs: Inputs, reject: Reject): void {
  const plain = !known(inputs.userData) ? undefined : Buffer.byteLength(String(inputs.userData), "utf8");
  const fromBase64 = !known(inputs.userDataBase64)
    ? undefined
    : Buffer.from(String(inputs.userDataBase64), "base64").length;
  const bytes = plain ?? fromBase64;
  if (bytes !== undefined && bytes > EC2_USER_DATA_MAX_BYTES) {
    reject(`InvalidParameterValue: User data is limited to ${EC2_USER_DATA_MAX_BYTES} bytes, got ${bytes}`);
  }
}

/** API Gateway takes a regional certificate only from the API's own region (APIGW developer guide). */
export function checkRegionalDomain(inputs: Inputs, region: string, reject: Reject): void {
  const types = String((inputs.endpointConfiguration as Inputs | undefined)?.types ?? "EDGE");
  const arn = inputs.regionalCertificateArn;
  if (types === "REGIONAL") {
    if (arn === undefined) {
      reject("BadRequestException: A regional certificate is required for a REGIONAL domain name");
    }
    const arnRegion = known(arn) ? String(arn).split(":")[3] : region;
    if (arnRegion !== region) {
      reject(
        `BadRequestException: Invalid certificate ARN: ${String(arn)}. Certificate must be in '${region}'.`,
      );
    }
  }
}

/** AL2023's public "latest" AMI parameters, the only ones these mocks know (and the only ones the app supports). */
export const AL2023_AMI_PARAMETER =
  /^\/aws\/service\/ami-amazon-linux-latest\/al2023-ami-kernel-default-(x86_64|arm64)$/;

/**
 * EC2 RequestLaunchTemplateData: `imageId` is an AMI ID (`ami-` and 8 or 17 hex digits) or
 * `resolve:ssm:<parameter>[:version|:label]`, resolved to an AMI at each launch; user data is base64 and
 * at most 16 KB before encoding; the metadata hop limit is 1-64 (docs/aws-facts.md: Auto Scaling).
 */
export function checkLaunchTemplate(inputs: Inputs, reject: Reject): void {
  const imageId = inputs.imageId;
  if (known(imageId)) {
    const id = String(imageId);
    const parameter = /^resolve:ssm:(.+?)(?::[^:/]+)?$/.exec(id)?.[1];
    if (parameter === undefined && !/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/.test(id)) {
      reject(
        `InvalidAMIID.Malformed: Invalid id: "${id}" (expecting "ami-..." or "resolve:ssm:<parameter>")`,
      );
    }
    if (parameter?.startsWith("/aws/service/") && !AL2023_AMI_PARAMETER.test(parameter)) {
      reject(`ParameterNotFound: ${parameter} (no such public parameter: the group could never launch)`);
    }
  }
  const userData = inputs.userData;
  if (known(userData)) {
    const text = String(userData);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
      reject("InvalidUserData.Malformed: user data of a launch template must be base64-encoded");
    }
    checkUserData({ userDataBase64: text }, reject);
  }
  const hopLimit = (inputs.metadataOptions as Inputs | undefined)?.httpPutResponseHopLimit;
  if (known(hopLimit) && (Number(hopLimit) < 1 || Number(hopLimit) > 64)) {
    reject(
      `expected metadata_options.0.http_put_response_hop_limit to be in the range (1 - 64), got ${String(hopLimit)}`,
    );
  }
}

/**
 * The provider's wait after a create or a size change (terraform-provider-aws autoscaling/group.go,
 * `wait_for_capacity_timeout`, default "10m"; "0" skips it): on an update it polls until exactly
 * max(min_size, the desired capacity in its state) instances are healthy and in service, and fails at the
 * timeout otherwise. Target tracking moves the real desired capacity, so a running group's count seldom
 * matches (docs/aws-facts.md, "Auto Scaling waits").
 */
function checkCapacityWait(inputs: Inputs, reject: Reject, inService: number | undefined): void {
  const timeout = inputs.waitForCapacityTimeout === undefined ? "10m" : String(inputs.waitForCapacityTimeout);
  if (inService === undefined || timeout === "0" || !known(inputs.minSize)) return;
  const wanted = Math.max(
    Number(inputs.minSize),
    known(inputs.desiredCapacity) ? Number(inputs.desiredCapacity) : 0,
  );
  if (inService !== wanted) {
    reject(
      `waiting for Auto Scaling Group capacity satisfied: timeout while waiting for state to become 'ok' (last state: 'want exactly ${wanted} healthy instance(s) in Auto Scaling Group, have ${inService}', timeout: ${timeout})`,
    );
  }
}

/**
 * CreateAutoScalingGroup: min ≤ desired ≤ max, at least one subnet (or zone); an instance refresh's min
 * and max healthy percentages at most 100 apart (their ranges and the strategies are the model's).
 */
export function checkAutoScalingGroup(inputs: Inputs, reject: Reject, inService?: number): void {
  checkCapacityWait(inputs, reject, inService);
  const [min, max, desired] = [inputs.minSize, inputs.maxSize, inputs.desiredCapacity];
  if (known(min) && known(max) && Number(max) < Number(min)) {
    reject(
      `ValidationError: Max bound, ${String(max)}, must be greater than or equal to min bound, ${String(min)}`,
    );
  }
  if (
    known(desired) &&
    known(min) &&
    known(max) &&
    (Number(desired) < Number(min) || Number(desired) > Number(max))
  ) {
    reject(
      `ValidationError: Desired capacity:${String(desired)} must be between the specified min size:${String(min)} and max size:${String(max)}`,
    );
  }
  const subnets = inputs.vpcZoneIdentifiers;
  const zones = inputs.availabilityZones;
  if (known(subnets) && list(subnets).length === 0 && (!known(zones) || list(zones).length === 0)) {
    reject("ValidationError: At least one Availability Zone or VPC Subnet is required.");
  }
  const refresh = inputs.instanceRefresh as Inputs | undefined;
  if (refresh === undefined) {
    return;
  }
  const preferences = (refresh.preferences ?? {}) as Inputs;
  const minHealthy = preferences.minHealthyPercentage;
  const maxHealthy = preferences.maxHealthyPercentage;
  if (known(minHealthy) && known(maxHealthy) && Number(maxHealthy) - Number(minHealthy) > 100) {
    reject(
      "ValidationError: The difference between MinHealthyPercentage and MaxHealthyPercentage cannot be greater than 100",
    );
  }
}

/**
 * CloudWatch PutDashboard. The model gives DashboardName and DashboardBody no constraint; the API Reference
 * does: "A dashboard name can contain only alphanumerics, dash (-), and underscore (_)", and the body must
 * be JSON in the Dashboard Body Structure (CloudWatch API Reference, "Dashboard Body Structure and Syntax"):
 * `widgets` is required; each widget's `width` is 1-24 and `height` 1-1000 grid units, `x` 0-23, and a
 * metric widget's `properties.region` and `properties.metrics` (or `expression`) are required.
 */
export function checkDashboard(inputs: Inputs, reject: Reject): void {
  const name = inputs.dashboardName;
  if (known(name) && !/^[A-Za-z0-9_-]+$/.test(String(name))) {
    reject(`InvalidParameterInput: dashboard name "${String(name)}" may contain only alphanumerics, - and _`);
  }
  const text = inputs.dashboardBody;
  if (!known(text)) return;
  let body: unknown;
  try {
    body = JSON.parse(String(text));
  } catch {
    reject("InvalidParameterInput: The field DashboardBody must be a valid JSON object");
  }
  const widgets = (body as { widgets?: unknown }).widgets;
  if (!Array.isArray(widgets)) {
    reject('InvalidParameterInput: The dashboard body is missing the required property "widgets"');
  }
  widgets.forEach((widget: Record<string, unknown>, i: number) => {
    const within = (key: string, min: number, max: number) => {
      const value = widget[key];
      if (value !== undefined && !(Number.isInteger(value) && Number(value) >= min && Number(value) <= max)) {
        reject(`InvalidParameterInput: widgets[${i}].${key} must be an integer from ${min} to ${max}`);
      }
    };
    within("width", 1, 24);
    within("height", 1, 1000);
    within("x", 0, 23);
    const properties = (widget.properties ?? {}) as Record<string, unknown>;
    if (widget.type === "metric" && (properties.region === undefined || properties.metrics === undefined)) {
      reject(`InvalidParameterInput: widgets[${i}].properties needs region and metrics`);
    }
  });
}
