import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import {
  DEFAULT_FAILURE_THRESHOLD,
  FAILURE_THRESHOLD_MAX,
  FAILURE_THRESHOLD_MIN,
  HTTPS_HEALTH_CHECK_TYPES,
  REQUEST_INTERVALS_SECONDS,
  SEARCH_STRING_MAX_LENGTH,
} from "@multi-region-api/model/route53/knowledge";
import { integerSchema, numberSetting } from "../lib/config";
import { HealthCheckView, isAlwaysUnhealthy, readHealthCheck } from "../lib/health-checks";
import { isHealthRouted, normalizeDnsName } from "../lib/records";
import { collectRecords, healthCheckOf, StackRecord } from "../lib/stack";
import { isUnknown } from "../lib/values";

export const DEFAULT_MAX_FAILURE_THRESHOLD = DEFAULT_FAILURE_THRESHOLD;

const HTTPS_PORT = 443;

/** docs/aws-facts.md#health-check-needs-the-custom-domain-name: API Gateway picks the custom domain by Host/SNI, so its regional target name never passes. */
const REGIONAL_API_GATEWAY_TARGET = /^d-[a-z0-9]+\.execute-api\.[a-z0-9-]+\.amazonaws\.com$/;

/** What is wrong with a health check on its own, as sentences; the failover-name check needs the records. */
function problemsOf(check: HealthCheckView, maxFailureThreshold: number): string[] {
  const problems: string[] = [];
  const { type, port, enableSni, resourcePath, failureThreshold, requestInterval, fqdn, searchString } =
    check;
  if (!isUnknown(type) && !(HTTPS_HEALTH_CHECK_TYPES as readonly (string | undefined)[]).includes(type)) {
    problems.push(
      `type is ${type ?? "unset"}; use HTTPS or HTTPS_STR_MATCH, which reach the API as clients do.`,
    );
  }
  if (port !== undefined && !isUnknown(port) && port !== HTTPS_PORT) {
    problems.push(`port is ${port}; use ${HTTPS_PORT}.`);
  }
  if (enableSni === false) {
    // Without SNI, API Gateway cannot pick the custom domain and the TLS handshake fails (docs/aws-facts.md#health-check-needs-the-custom-domain-name).
    problems.push("enableSni is false; turn SNI on so API Gateway serves the right custom domain.");
  }
  // The provider's state holds an unset path as "" (docs/aws-facts.md, Engine-true policy checks).
  if (resourcePath === undefined || (!isUnknown(resourcePath) && !resourcePath.startsWith("/"))) {
    problems.push(
      `resourcePath is ${resourcePath || "unset"}; set the health endpoint's path, starting with "/".`,
    );
  }
  const threshold = failureThreshold ?? DEFAULT_FAILURE_THRESHOLD;
  if (
    !isUnknown(threshold) &&
    (threshold < FAILURE_THRESHOLD_MIN || threshold > Math.min(maxFailureThreshold, FAILURE_THRESHOLD_MAX))
  ) {
    problems.push(
      `failureThreshold is ${threshold}; use ${FAILURE_THRESHOLD_MIN} to ${Math.min(maxFailureThreshold, FAILURE_THRESHOLD_MAX)} ` +
        `so failover starts soon enough.`,
    );
  }
  if (
    requestInterval !== undefined &&
    !isUnknown(requestInterval) &&
    !(REQUEST_INTERVALS_SECONDS as readonly number[]).includes(requestInterval)
  ) {
    problems.push(`requestInterval is ${requestInterval}; Route 53 accepts only 10 or 30.`);
  }
  if (typeof fqdn === "string" && REGIONAL_API_GATEWAY_TARGET.test(normalizeDnsName(fqdn))) {
    problems.push(
      `fqdn ${fqdn} is an API Gateway regional target name, which never passes (docs/aws-facts.md#health-check-needs-the-custom-domain-name); ` +
        `check a per-region hostname served by its own custom domain.`,
    );
  }
  if (type === "HTTPS_STR_MATCH") {
    if (searchString === undefined || searchString === "") {
      problems.push("searchString is unset; a string-match check needs the text a healthy body contains.");
    } else if (typeof searchString === "string" && searchString.length > SEARCH_STRING_MAX_LENGTH) {
      problems.push(
        `searchString has ${searchString.length} characters; Route 53 allows at most ${SEARCH_STRING_MAX_LENGTH}.`,
      );
    }
  }
  return problems;
}

/**
 * Judged in a stack policy because only the failover records show which health checks guard failover: a
 * record refers to its check by `healthCheckId`, matched through the property's dependency (preview) or the
 * check's `id` (after an update).
 */
export const healthCheckHttps: StackValidationPolicy = {
  name: "health-check-https",
  description:
    "A health check used by a failover or latency record (other than an always-unhealthy CALCULATED drain) is HTTPS or HTTPS_STR_MATCH on port 443 with SNI on, checks a resourcePath starting with /, fails over within maxFailureThreshold failures at an interval of 10 or 30 seconds, and does not check the failover name itself.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      maxFailureThreshold: integerSchema(
        "The most consecutive failed checks allowed before a region counts as unhealthy.",
        DEFAULT_MAX_FAILURE_THRESHOLD,
        FAILURE_THRESHOLD_MIN,
        FAILURE_THRESHOLD_MAX,
      ),
    },
  },
  validateStack: (args, reportViolation) => {
    const maxFailureThreshold = numberSetting(
      args.getConfig(),
      "maxFailureThreshold",
      DEFAULT_MAX_FAILURE_THRESHOLD,
    );
    const usersByCheck = new Map<PolicyResource, StackRecord[]>();
    for (const record of collectRecords(args.resources)) {
      const check = isHealthRouted(record.view) === true ? healthCheckOf(record, args.resources) : undefined;
      if (check) {
        usersByCheck.set(check, [...(usersByCheck.get(check) ?? []), record]);
      }
    }
    for (const [resource, users] of usersByCheck) {
      const check = readHealthCheck(resource.props);
      if (isAlwaysUnhealthy(check) !== false) {
        continue; // a drain (or preview cannot tell yet): it probes nothing and keeps its records out on purpose
      }
      const problems = problemsOf(check, maxFailureThreshold);
      for (const user of users) {
        if (typeof check.fqdn === "string" && user.nameKey === normalizeDnsName(check.fqdn)) {
          // Route 53 DG: a health check aimed at the failover record's own name gives unpredictable results.
          problems.push(
            `fqdn ${check.fqdn} is the failover name itself (docs/aws-facts.md#health-check-not-on-the-failover-name); check the region's own hostname.`,
          );
        }
      }
      if (problems.length > 0) {
        reportViolation(`Health check ${resource.name}: ${problems.join(" ")}`, resource.urn);
      }
    }
  },
};
