import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import {
  capacityAfterEachFailure,
  describeFailureCapacity,
  PEAK_RPS_TAG,
  RegionFleet,
  RPS_PER_INSTANCE_TAG,
} from "@multi-region-api/model/capacity";
import { isAlwaysUnhealthy, readHealthCheck } from "../lib/health-checks";
import { regionOf } from "../lib/regions";
import { isPlainObject, isUnknown, numberProperty, toPlain } from "../lib/values";

const GROUP_TYPE = "aws:autoscaling/group:Group";
const HEALTH_CHECK_TYPE = "aws:route53/healthCheck:HealthCheck";

/** A group tag's value as a number: undefined when missing, unknown or not a number. */
function tagNumber(tags: unknown, key: string): number | undefined {
  if (!Array.isArray(tags)) return undefined;
  const tag = tags.find((t): t is Record<string, unknown> => isPlainObject(t) && t.key === key);
  return tag === undefined ? undefined : (numberProperty(tag, "value") as number | undefined);
}

interface TaggedFleet extends RegionFleet {
  readonly urn: string;
  readonly peak?: number;
}

function fleetOf(group: PolicyResource, drained: ReadonlySet<string>): TaggedFleet | undefined {
  const plain = toPlain(group.props);
  if (!isPlainObject(plain)) return undefined;
  const region = regionOf(group.props, group.provider);
  const maxInstances = numberProperty(plain, "maxSize");
  const requestsPerInstance = tagNumber(plain.tags, RPS_PER_INSTANCE_TAG);
  if (typeof region !== "string" || typeof maxInstances !== "number" || requestsPerInstance === undefined) {
    return undefined;
  }
  return {
    urn: group.urn,
    region,
    maxInstances,
    requestsPerInstance,
    inService: !drained.has(region),
    peak: tagNumber(plain.tags, PEAK_RPS_TAG),
  };
}

/** The Region tag of each endpoint check (the regions served) and of each always-unhealthy one (drains). */
function regionsOfChecks(resources: readonly PolicyResource[]): {
  served: Set<string>;
  drained: Set<string>;
} {
  const served = new Set<string>();
  const drained = new Set<string>();
  for (const resource of resources.filter((r) => r.type === HEALTH_CHECK_TYPE)) {
    const check = readHealthCheck(resource.props);
    const region = isPlainObject(check.tags) ? check.tags.Region : undefined;
    if (typeof region !== "string") continue;
    if (isAlwaysUnhealthy(check) === true) drained.add(region);
    else if (!isUnknown(check.type) && check.type !== "CALCULATED") served.add(region);
  }
  return { served, drained };
}

/**
 * When one region fails, Route 53 sends its clients to the regions left in service: they must carry the
 * peak between them, at their Auto Scaling max size, or the failover moves an outage instead of ending it.
 * The program states its expected peak and what one instance carries as tags on each group
 * (model/capacity.ts); without them, or while a region in service has no group of its own
 * (an external backend), there is nothing to judge. A drained region carries nothing. Advisory: the figures
 * are estimates, and the judgement is whether they add up.
 */
export const fleetCapacityAfterFailover: StackValidationPolicy = {
  name: "fleet-capacity-after-failover",
  description:
    "When any one region in service fails, the other regions' Auto Scaling groups at their max size carry the expected peak (the CapacityPeakRequestsPerSecond and CapacityRequestsPerInstance tags).",
  enforcementLevel: "advisory",
  validateStack: (args, reportViolation) => {
    const { served, drained } = regionsOfChecks(args.resources);
    const fleets = args.resources
      .filter((r) => r.type === GROUP_TYPE)
      .flatMap((group) => fleetOf(group, drained) ?? []);
    const peaks = fleets.flatMap((fleet) => fleet.peak ?? []);
    if (peaks.length === 0) return;
    if ([...served].some((region) => !drained.has(region) && !fleets.some((f) => f.region === region))) {
      return;
    }
    for (const judged of capacityAfterEachFailure(fleets, Math.max(...peaks))) {
      if (judged.carries) continue;
      reportViolation(
        `${describeFailureCapacity(judged)}. Raise backend.maxInstanceCount, add a region, or check ` +
          "capacity.peakRequestsPerSecond and capacity.requestsPerInstance.",
        fleets.find((fleet) => fleet.region === judged.failing)?.urn,
      );
    }
  },
};
