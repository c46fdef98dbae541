/**
 * The dry-run plan: every call the drill would make, with the ids from the stack outputs, and no call
 * made. Refusals that the outputs alone reveal are named too, so a dry run catches them early.
 */
import { isSupportedRecordType, SUPPORTED_RECORD_TYPES } from "./dns-answer";
import { castFor, type DrillOptions } from "./drill";
import { HEALTHY_CHECKER_SHARE } from "@multi-region-api/model/route53/health-rule";
import type { StackOutputs } from "./outputs";

function howDnsIsRecognised(outputs: StackOutputs, region: string): string {
  const target = outputs.regions[region]?.regionalDomainName ?? "?";
  return outputs.recordType === "CNAME"
    ? `the answer is ${target}`
    : `the answer shares an address with ${target}, resolved by the drill`;
}

export function formatPlan(stack: string, outputs: StackOutputs, options: DrillOptions): string[] {
  const cast = castFor(outputs);
  const dnsQuery = `${outputs.recordName} ${outputs.recordType}, asked of the zone's name servers (node:dns)`;
  const poll = `every ${options.pollSeconds} s for up to ${options.timeoutSeconds} s`;
  const lines = [
    "Dry run: no AWS call is made and nothing is changed.",
    `Stack ${stack}: ${outputs.recordName} (${outputs.recordType}) in hosted zone ${outputs.hostedZoneId}`,
    `Failover order: ${outputs.failoverOrder.join(" -> ")}; the drill drains ${cast.primary} and expects ${cast.next}.`,
    "",
    "1. Preflight (read only):",
    `   GetHostedZone {Id: ${outputs.hostedZoneId}}: the zone's name servers (delegation set)`,
    ...outputs.failoverOrder.map(
      (region) =>
        `   GetHealthCheck {HealthCheckId: ${outputs.healthCheckIds[region]}} (${region}): refuse if Inverted or Disabled`,
    ),
    `   GetHealthCheckStatus {HealthCheckId: ${cast.primaryHealthCheckId}} (${cast.primary}): refuse unless healthy`,
    `   GetHealthCheckStatus {HealthCheckId: ${cast.nextHealthCheckId}} (${cast.next}): refuse unless healthy ` +
      `(more than ${HEALTHY_CHECKER_SHARE * 100}% of checkers report success)`,
    `   GET ${cast.probeUrl}: refuse unless x-served-by-region is ${cast.primary}`,
    `2. Failover: UpdateHealthCheck {HealthCheckId: ${cast.primaryHealthCheckId}, Inverted: true}`,
    `   then ${poll}: CloudWatch (us-east-1) GetMetricData AWS/Route53 HealthCheckStatus ` +
      `{HealthCheckId: ${cast.primaryHealthCheckId}},`,
    `   ${dnsQuery},`,
    `   GET ${cast.probeUrl}`,
    `   until the name servers answer ${cast.next} (${howDnsIsRecognised(outputs, cast.next)})`,
    `   and x-served-by-region is ${cast.next}.`,
    `3. Failback: UpdateHealthCheck {HealthCheckId: ${cast.primaryHealthCheckId}, Inverted: false}`,
    `   then the same polls until the name servers answer ${cast.primary} and x-served-by-region is ${cast.primary}.`,
    `4. On error, timeout or Ctrl-C: UpdateHealthCheck {HealthCheckId: ${cast.primaryHealthCheckId}, Inverted: false}.`,
    "",
    `Modelled worst case: detection ${outputs.failoverTime.detectionSeconds} s, ` +
      `traffic moved ${outputs.failoverTime.totalSeconds} s (failoverTimeSeconds ${outputs.failoverTimeSeconds}).`,
  ];
  const refusals: string[] = [];
  if (!isSupportedRecordType(outputs.recordType)) {
    refusals.push(`record type "${outputs.recordType}" is not one of ${SUPPORTED_RECORD_TYPES.join(", ")}`);
  }
  if (outputs.drainedRegions.length > 0)
    refusals.push(`drainedRegions is ${outputs.drainedRegions.join(", ")}`);
  if (refusals.length > 0)
    lines.push("", "The drill would refuse to start:", ...refusals.map((r) => `  - ${r}`));
  return lines;
}
