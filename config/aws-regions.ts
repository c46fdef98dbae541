import * as aws from "@pulumi/aws";

/**
 * Regions of the commercial `aws` partition, taken from the provider's own `aws.Region` enum so that a
 * provider upgrade brings new regions with it. The China, GovCloud, ISO and sovereign partitions are left
 * out on purpose: their ARNs, Route 53 and ACM differ, and this program has not been designed for them.
 */
export const COMMERCIAL_REGIONS: readonly string[] = Object.values(aws.Region).filter(
  (region) => !/^(cn|us-gov|us-iso[a-z]*|eu-iso[a-z]*|eusc)-/.test(region),
);

export function isCommercialRegion(name: string): boolean {
  return COMMERCIAL_REGIONS.includes(name);
}
