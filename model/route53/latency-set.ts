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
/**
 * The regions a latency record may name: the enum `ResourceRecordSetRegion` of the Route 53 API model
 * (2013-04-01), which is also what the Terraform provider under @pulumi/aws validates
 * `latency_routing_policy.region` against. tests/model/regions.test.ts compares it with the AWS SDK's copy.
 */
export const LATENCY_ROUTING_REGIONS: readonly string[] = [
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ca-central-1",
  "ca-west-1",
  "cn-north-1",
  "cn-northwest-1",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "eu-south-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eusc-de-east-1",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "mx-central-1",
  "sa-east-1",
  "us-east-1",
  "us-east-2",
  "us-gov-east-1",
  "us-gov-west-1",
  "us-west-1",
  "us-west-2",
];

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
