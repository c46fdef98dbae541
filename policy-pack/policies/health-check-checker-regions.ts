import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import {
  HEALTH_CHECKER_REGIONS,
  MIN_HEALTH_CHECKER_REGIONS,
} from "@multi-region-api/model/route53/knowledge";
import { readHealthCheck } from "../lib/health-checks";
import { isUnknown } from "../lib/values";

/**
 * Route 53 checks from the regions a health check names, at least three of its eight checker regions, and
 * rejects any other list at deploy time (docs/aws-facts.md#route-53-health-checks): a check that is never created
 * leaves its region with no failover at all.
 */
export const healthCheckCheckerRegions: ResourceValidationPolicy = {
  name: "health-check-checker-regions",
  description:
    "A health check that names its checker regions names at least three distinct ones, all from Route 53's list of checker regions.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.route53.HealthCheck, (props, _args, reportViolation) => {
    const { regions } = readHealthCheck(props);
    if (regions === undefined || isUnknown(regions) || regions.length === 0) {
      return; // unset or empty: Route 53 checks from all its regions
    }
    const known = regions.filter((region): region is string => typeof region === "string");
    const invalid = known.filter((region) => !(HEALTH_CHECKER_REGIONS as readonly string[]).includes(region));
    if (invalid.length > 0) {
      reportViolation(
        `regions names ${invalid.join(", ")}, which Route 53 does not check from; choose from ${HEALTH_CHECKER_REGIONS.join(", ")}.`,
      );
    }
    const distinct = new Set(known);
    if (known.length === regions.length && distinct.size < MIN_HEALTH_CHECKER_REGIONS) {
      reportViolation(
        `regions names ${distinct.size} distinct checker region(s); Route 53 needs at least ${MIN_HEALTH_CHECKER_REGIONS}.`,
      );
    }
  }),
};
