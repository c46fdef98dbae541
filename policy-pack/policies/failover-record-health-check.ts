import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import {
  classifyAliasFromRecord,
  describeRecord,
  isHealthRouted,
  readRecord,
  RecordView,
} from "../lib/records";
import { isSet, isUnknown } from "../lib/values";

/**
 * Whether a record without a health check is still judged by health: only an alias with evaluateTargetHealth
 * to another record of its zone (a SECONDARY that chains to the next failover pair), whose health is that of
 * the records it targets (Route 53 DG, complex configurations). `undefined` when preview cannot tell yet.
 */
function healthComesFromTargetRecords(record: RecordView): boolean | undefined {
  if (record.aliases === undefined) {
    return false;
  }
  if (isUnknown(record.aliases)) {
    return undefined;
  }
  let undetermined = false;
  for (const alias of record.aliases) {
    if (alias.evaluateTargetHealth === false || alias.evaluateTargetHealth === undefined) {
      return false;
    }
    const kind = classifyAliasFromRecord(record, alias);
    if (kind === "aws-resource") {
      return false;
    }
    undetermined ||= kind === "undetermined" || isUnknown(alias.evaluateTargetHealth);
  }
  return undetermined ? undefined : true;
}

/**
 * A record with no health check counts as healthy: a PRIMARY would never fail over, a SECONDARY would be
 * answered whether or not its region works (Route 53 DG). evaluateTargetHealth on an alias to API Gateway
 * only sees the service fail in the region, never your API or its backend (docs/aws-facts.md#evaluate-target-health-sees-only-api-gateway): failover records
 * need a health check of their own. A latency record without one would keep its region's nearest clients
 * on a broken region; AAAA twins are judged exactly as A records.
 */
export const failoverRecordHealthCheck: ResourceValidationPolicy = {
  name: "failover-record-health-check",
  description:
    "Every failover or latency record names a healthCheckId, unless it is an alias with evaluateTargetHealth to another record of its zone.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.route53.Record, (props, _args, reportViolation) => {
    const record = readRecord(props);
    if (isHealthRouted(record) !== true || isSet(record.healthCheckId)) {
      return;
    }
    if (healthComesFromTargetRecords(record) !== false) {
      return; // a chaining alias, or preview cannot tell yet
    }
    reportViolation(
      `${describeRecord(record)} has no healthCheckId, so Route 53 treats it as always healthy; ` +
        `attach the Route 53 health check of its region.`,
    );
  }),
};
