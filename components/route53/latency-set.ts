/**
 * The shape of the latency records for any number of regions, as plain data.
 *
 * Latency routing answers every client with the healthy record of the region nearest to it: one record per
 * region, all with the same name and type, each with its own set identifier and `latencyRoutingPolicies:
 * [{ region }]` (Route 53 API Reference, ResourceRecordSet `Region`: one latency record set per region, and
 * no non-latency record set of the same name and type). For regions [a, b, c] and name api.example.com:
 *
 *   api.example.com  latency a  (set latency-a)  → a's API, a's health check
 *   api.example.com  latency b  (set latency-b)  → b's API, b's health check
 *   api.example.com  latency c  (set latency-c)  → c's API, c's health check
 */
import { ResourceRecordSetRegion } from "@aws-sdk/client-route-53";

/**
 * The regions a latency record may name: the Route 53 API's `ResourceRecordSetRegion` enum, which is also
 * what the Terraform provider under @pulumi/aws validates `latency_routing_policy.region` against.
 */
export const LATENCY_ROUTING_REGIONS: readonly string[] = Object.values(ResourceRecordSetRegion);

export interface PlannedLatencyRecord {
  readonly name: string;
  /** The region Route 53 measures client latency to, and the region whose endpoint answers. */
  readonly region: string;
  /** Its index in the endpoint list. */
  readonly regionIndex: number;
  readonly setIdentifier: string;
}

/** One latency record per region for `recordName`. Needs at least two distinct regions Route 53 accepts. */
export function planLatencySet(recordName: string, regions: readonly string[]): PlannedLatencyRecord[] {
  if (regions.length < 2) {
    throw new Error(`latency routing needs at least 2 regions, got ${regions.length}`);
  }
  const repeated = regions.find((region, index) => regions.indexOf(region) !== index);
  if (repeated !== undefined) {
    throw new Error(`latency routing takes one record per region; ${repeated} is listed twice`);
  }
  const refused = regions.filter((region) => !LATENCY_ROUTING_REGIONS.includes(region));
  if (refused.length > 0) {
    throw new Error(
      `Route 53 latency routing does not accept ${refused.join(", ")}; allowed: ${LATENCY_ROUTING_REGIONS.join(", ")}`,
    );
  }
  return regions.map((region, regionIndex) => ({
    name: recordName,
    region,
    regionIndex,
    setIdentifier: `latency-${region}`,
  }));
}
