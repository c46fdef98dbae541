/**
 * Capacity before failover, from what the program registered: each region's Auto Scaling group (its max
 * size and the capacity tags the program states on it) and the regions in service. For each region in
 * service failing alone, whether the others carry the stack's expected peak at their max size. The
 * arithmetic is the policy pack's (`model/capacity.ts`), so the preview and the advisory
 * policy `fleet-capacity-after-failover` say the same.
 */
import {
  capacityAfterEachFailure,
  describeFailureCapacity,
  maxRequestsPerSecond,
  PEAK_RPS_TAG,
  RPS_PER_INSTANCE_TAG,
  type FailureCapacity,
  type RegionFleet,
} from "@multi-region-api/model/capacity";
import { AUTOSCALING_GROUP_TYPE } from "./compute-cost";
import { resourcesOfType, type Plan } from "./plan";

export interface CapacityFleet extends RegionFleet {
  readonly maxRequestsPerSecond: number;
}

export interface CapacityJudgement {
  /** False when there is nothing to judge; `reason` says why. */
  readonly judged: boolean;
  readonly reason?: string;
  readonly peakRequestsPerSecond?: number;
  readonly fleets: readonly CapacityFleet[];
  readonly failures: readonly FailureCapacity[];
  /** Every single-region failure is carried (true when nothing was judged). */
  readonly carriesEveryFailure: boolean;
}

function tagOf(tags: unknown, key: string): number | undefined {
  if (!Array.isArray(tags)) return undefined;
  const tag = (tags as Record<string, unknown>[]).find((t) => t?.key === key);
  const value = typeof tag?.value === "string" ? Number(tag.value) : NaN;
  return Number.isFinite(value) ? value : undefined;
}

export function judgeCapacity(
  plan: Plan,
  regions: readonly string[],
  drainedRegions: readonly string[],
): CapacityJudgement {
  const groups = resourcesOfType(plan, AUTOSCALING_GROUP_TYPE);
  const peaks = groups.flatMap((g) => tagOf(g.inputs.tags, PEAK_RPS_TAG) ?? []);
  const notJudged = (reason: string): CapacityJudgement => ({
    judged: false,
    reason,
    fleets: [],
    failures: [],
    carriesEveryFailure: true,
  });
  if (peaks.length === 0) {
    return notJudged("no expected peak: set capacity.peakRequestsPerSecond to judge it");
  }
  const peakRequestsPerSecond = Math.max(...peaks);
  const fleets = groups.map((group): CapacityFleet => {
    const fleet = {
      region: group.region ?? "",
      maxInstances: typeof group.inputs.maxSize === "number" ? group.inputs.maxSize : 0,
      requestsPerInstance: tagOf(group.inputs.tags, RPS_PER_INSTANCE_TAG) ?? 0,
      inService: !drainedRegions.includes(group.region ?? ""),
    };
    return { ...fleet, maxRequestsPerSecond: maxRequestsPerSecond(fleet) };
  });
  const withoutFleet = regions.filter(
    (region) => !drainedRegions.includes(region) && !fleets.some((fleet) => fleet.region === region),
  );
  if (withoutFleet.length > 0) {
    return notJudged(
      `${withoutFleet.join(", ")} proxies to an external backend (backendUrl or backend.url), whose capacity the stack does not know`,
    );
  }
  const failures = capacityAfterEachFailure(fleets, peakRequestsPerSecond);
  return {
    judged: true,
    peakRequestsPerSecond,
    fleets,
    failures,
    carriesEveryFailure: failures.every((failure) => failure.carries),
  };
}

/** The judgement as text lines, for the preview's report. */
export function formatCapacity(capacity: CapacityJudgement): string[] {
  if (!capacity.judged) return [`Capacity before failover: not judged (${capacity.reason ?? ""}).`];
  const perInstance = [...new Set(capacity.fleets.map((fleet) => fleet.requestsPerInstance))].join("/");
  return [
    `Capacity before failover (peak ${capacity.peakRequestsPerSecond} req/s; ${perInstance} req/s per instance, capacity.requestsPerInstance):`,
    ...capacity.fleets.map(
      (fleet) =>
        `    ${fleet.region.padEnd(16)} max ${fleet.maxInstances} instances = ${fleet.maxRequestsPerSecond} req/s` +
        (fleet.inService ? "" : " (drained: carries nothing)"),
    ),
    ...capacity.failures.map(
      (failure) => `    ${failure.carries ? "✓" : "✗"} ${describeFailureCapacity(failure)}`,
    ),
    ...(capacity.carriesEveryFailure
      ? []
      : [
          "    Raise backend.maxInstanceCount (Auto Scaling max size), add a region, or check the peak: the",
          "    advisory policy fleet-capacity-after-failover warns about the same.",
        ]),
  ];
}
