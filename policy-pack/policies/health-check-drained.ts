import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { HealthCheckView, readHealthCheck } from "../lib/health-checks";
import { isPlainObject } from "../lib/values";

/** The region a health check guards: its `region` tag (any case), else its fqdn, else the resource name. */
function regionLabel(check: HealthCheckView, resourceName: string): string {
  if (isPlainObject(check.tags)) {
    const regionTag = Object.entries(check.tags).find(([key]) => key.toLowerCase() === "region")?.[1];
    if (typeof regionTag === "string") {
      return `region ${regionTag}`;
    }
  }
  return typeof check.fqdn === "string" ? check.fqdn : resourceName;
}

/**
 * `invertHealthcheck` is the drain switch: the region reads as unhealthy and failover moves traffic away.
 * `disabled` makes a check always healthy, so a broken region keeps its traffic (Route 53 DG). Both are
 * legitimate on purpose, so this only tells, on every preview, which region is drained or unguarded.
 */
export const healthCheckDrained: ResourceValidationPolicy = {
  name: "health-check-drained",
  description:
    "An inverted or disabled health check is reported with its region, so a drained or unguarded region is never a surprise.",
  enforcementLevel: "advisory",
  validateResource: validateResourceOfType(aws.route53.HealthCheck, (props, args, reportViolation) => {
    const check = readHealthCheck(props);
    const where = regionLabel(check, args.name);
    if (check.invertHealthcheck === true) {
      reportViolation(
        `Health check for ${where} is inverted (invertHealthcheck: true): the region is drained and gets no ` +
          `failover traffic while its checks pass. Remove it from drainedRegions to bring traffic back.`,
      );
    }
    if (check.disabled === true) {
      reportViolation(
        `Health check for ${where} is disabled: Route 53 treats the region as always healthy and keeps sending ` +
          `it traffic even when it fails.`,
      );
    }
  }),
};
