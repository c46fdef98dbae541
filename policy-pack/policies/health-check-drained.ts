import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { HealthCheckView, isAlwaysUnhealthy, readHealthCheck } from "../lib/health-checks";
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
 * A CALCULATED check whose threshold exceeds its children is always unhealthy: FailoverDns's drain, whose
 * records then answer only when nothing in service is healthy. `invertHealthcheck` is no drain: an inverted
 * check passes while its region is down, so a drained broken region would take the traffic. `disabled`
 * makes a check always healthy, so a broken region keeps its traffic (Route 53 API Reference,
 * HealthCheckConfig). Each can be on purpose, so this only tells, on every preview, which region is
 * drained, inverted or unguarded.
 */
export const healthCheckDrained: ResourceValidationPolicy = {
  name: "health-check-drained",
  description:
    "An always-unhealthy (drain), inverted or disabled health check is reported with its region, so a drained or unguarded region is never a surprise.",
  enforcementLevel: "advisory",
  validateResource: validateResourceOfType(aws.route53.HealthCheck, (props, args, reportViolation) => {
    const check = readHealthCheck(props);
    const where = regionLabel(check, args.name);
    if (isAlwaysUnhealthy(check) === true) {
      reportViolation(
        `Health check for ${where} is always unhealthy (CALCULATED, childHealthThreshold above its children): ` +
          `the region is drained and answers only when no region in service is healthy. Remove it from ` +
          `drainedRegions to bring traffic back.`,
      );
    }
    if (check.invertHealthcheck === true) {
      reportViolation(
        `Health check for ${where} is inverted (invertHealthcheck: true): it passes while the region is down, ` +
          `so a broken region can take the failover traffic. Drain with drainedRegions instead.`,
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
