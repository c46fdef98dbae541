/**
 * API Gateway's Route 53 hosted zones, as the mocks answer them: the regional table lives beside the config's
 * region list (model/regions.ts), so that the config accepts exactly the regions the mocks can model.
 */
export { API_GATEWAY_REGIONAL_ZONE_IDS } from "@multi-region-api/model/regions";

/** Edge-optimized domains use this zone in every region (docs/aws-facts.md, API Gateway regional hosted zone IDs). */
export const API_GATEWAY_EDGE_ZONE_ID = "Z2FDTNDATAQYW2";
