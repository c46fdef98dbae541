/**
 * Capacity before failover: when a region fails, its traffic goes to the regions left in service, so they
 * must carry the peak between them. The program states its figures on each region's Auto Scaling group
 * (the tags below), and the policy pack and the preview judge them from there, so both read what the stack
 * registers. Pure data and arithmetic only: no Pulumi, no AWS SDK.
 */

/** The Auto Scaling group tag with the stack's expected peak, in requests per second, for all regions together. */
export const PEAK_RPS_TAG = "CapacityPeakRequestsPerSecond";
/** The Auto Scaling group tag with what one instance is taken to carry, in requests per second. */
export const RPS_PER_INSTANCE_TAG = "CapacityRequestsPerInstance";

/** One region's fleet as the judgement sees it. */
export interface RegionFleet {
  readonly region: string;
  /** The Auto Scaling group's max size. */
  readonly maxInstances: number;
  readonly requestsPerInstance: number;
  /** False for a drained region: it takes no traffic, so it carries none of a failed region's. */
  readonly inService: boolean;
}

export interface FailureCapacity {
  /** The region that fails. */
  readonly failing: string;
  /** The regions left in service. */
  readonly survivors: readonly string[];
  /** The survivors' most: each one's max size × requests per instance, summed. */
  readonly survivorsRequestsPerSecond: number;
  readonly peakRequestsPerSecond: number;
  readonly carries: boolean;
}

/** What one fleet carries at its max size. */
export function maxRequestsPerSecond(fleet: RegionFleet): number {
  return fleet.maxInstances * fleet.requestsPerInstance;
}

/** For each region in service failing alone: whether the other regions in service carry the peak. */
export function capacityAfterEachFailure(
  fleets: readonly RegionFleet[],
  peakRequestsPerSecond: number,
): FailureCapacity[] {
  const inService = fleets.filter((fleet) => fleet.inService);
  return inService.map((failing) => {
    const survivors = inService.filter((fleet) => fleet !== failing);
    const survivorsRequestsPerSecond = survivors.reduce((sum, fleet) => sum + maxRequestsPerSecond(fleet), 0);
    return {
      failing: failing.region,
      survivors: survivors.map((fleet) => fleet.region),
      survivorsRequestsPerSecond,
      peakRequestsPerSecond,
      carries: survivorsRequestsPerSecond >= peakRequestsPerSecond,
    };
  });
}

/** "eu-west-1 fails: us-east-1 carries at most 800 req/s at max size, below the peak of 1000 req/s". */
export function describeFailureCapacity(judged: FailureCapacity): string {
  const verb = judged.survivors.length === 1 ? "carries" : "carry";
  const who =
    judged.survivors.length === 0
      ? "no region is left in service"
      : `${judged.survivors.join(" + ")} ${verb}`;
  const figure =
    judged.survivors.length === 0 ? "" : ` at most ${judged.survivorsRequestsPerSecond} req/s at max size,`;
  return judged.carries
    ? `${judged.failing} fails: ${who}${figure} enough for the peak of ${judged.peakRequestsPerSecond} req/s`
    : `${judged.failing} fails: ${who}${figure} below the peak of ${judged.peakRequestsPerSecond} req/s`;
}
