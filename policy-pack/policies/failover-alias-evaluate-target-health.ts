import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { describeRecord, isHealthRouted, readRecord } from "../lib/records";
import { isUnknown } from "../lib/values";

/**
 * Without evaluateTargetHealth, an alias is healthy whatever its target does: a SECONDARY alias that chains
 * to the next failover pair would stop "backing out of that branch" when the whole branch is unhealthy
 * (Route 53 DG, complex configurations), and an alias to API Gateway would ignore the service being down in
 * its region (docs/aws-facts.md#evaluate-target-health-sees-only-api-gateway). Latency records are chosen by health the same way (Route 53 DG, latency alias
 * records), and AAAA twins are judged exactly as the A records they twin.
 */
export const failoverAliasEvaluateTargetHealth: ResourceValidationPolicy = {
  name: "failover-alias-evaluate-target-health",
  description: "Every alias of a failover or latency record has evaluateTargetHealth set to true.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.route53.Record, (props, _args, reportViolation) => {
    const record = readRecord(props);
    if (isHealthRouted(record) !== true || record.aliases === undefined || isUnknown(record.aliases)) {
      return;
    }
    record.aliases.forEach((alias, index) => {
      if (alias.evaluateTargetHealth !== true && !isUnknown(alias.evaluateTargetHealth)) {
        const target = typeof alias.name === "string" ? ` (to ${alias.name})` : "";
        reportViolation(
          `${describeRecord(record)}: alias ${index}${target} has evaluateTargetHealth ` +
            `${alias.evaluateTargetHealth ?? "unset"}; set it to true.`,
        );
      }
    });
  }),
};
