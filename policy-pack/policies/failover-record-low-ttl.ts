import { StackValidationPolicy } from "@pulumi/policy";
import { ALIAS_TO_AWS_RESOURCE_TTL_SECONDS } from "@multi-region-api/model/route53/knowledge";
import { integerSchema, numberSetting } from "../lib/config";
import { describeRecord, isHealthRouted } from "../lib/records";
import { collectRecords, reachedThroughAliases, resolveAliasTarget, StackRecord } from "../lib/stack";
import { isUnknown } from "../lib/values";

export const DEFAULT_MAX_TTL_SECONDS = 60;

/**
 * Failover and latency records, and every record reached from one through an alias chain: all answer for a
 * name whose answer changes when a region fails.
 */
function recordsAnsweringForFailoverNames(records: readonly StackRecord[]): StackRecord[] {
  const answering = new Set<StackRecord>();
  for (const record of records) {
    if (isHealthRouted(record.view) === true) {
      answering.add(record);
      reachedThroughAliases(record, records).forEach((reached) => answering.add(reached));
    }
  }
  return [...answering];
}

/**
 * Judged in a stack policy because an alias takes the TTL of the record it targets (docs/aws-facts.md#alias-has-no-ttl), which only
 * the whole stack shows. Each record is judged on its own TTL; an alias to a record of the zone is judged
 * through that record, so one TTL too long is reported once.
 */
export const failoverRecordLowTtl: StackValidationPolicy = {
  name: "failover-record-low-ttl",
  description:
    "Every record that answers for a failover or latency name has an effective TTL of at most maxTtlSeconds, and alias records set no TTL of their own.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      maxTtlSeconds: integerSchema(
        "The longest TTL, in seconds, that resolvers may keep a failover answer for.",
        DEFAULT_MAX_TTL_SECONDS,
        0,
      ),
    },
  },
  validateStack: (args, reportViolation) => {
    const maxTtlSeconds = numberSetting(args.getConfig(), "maxTtlSeconds", DEFAULT_MAX_TTL_SECONDS);
    const records = collectRecords(args.resources);
    for (const record of recordsAnsweringForFailoverNames(records)) {
      const { view } = record;
      const urn = record.resource.urn;
      const name = describeRecord(view);
      if (isUnknown(view.aliases)) {
        continue; // alias or not, unknown in this preview: nothing to judge yet
      }
      if (view.aliases === undefined) {
        if (view.ttl === undefined) {
          reportViolation(
            `${name} is not an alias and has no ttl; set ttl to at most ${maxTtlSeconds} s.`,
            urn,
          );
        } else if (!isUnknown(view.ttl) && view.ttl > maxTtlSeconds) {
          reportViolation(
            `${name} has ttl ${view.ttl} s; resolvers would keep answering with a failed region for up to ` +
              `${view.ttl} s after failover. Set ttl to at most ${maxTtlSeconds} s.`,
            urn,
          );
        }
        continue;
      }
      // The provider's state stores an alias record's missing TTL as 0 (or null), and AnalyzeStack judges
      // that state (docs/aws-facts.md, Engine-true policy checks): only another value is a TTL of its own.
      if (view.ttl !== undefined && view.ttl !== 0) {
        // Route 53 DG: an alias has no TTL of its own; the provider rejects "ttl": conflicts with alias.
        reportViolation(
          `${name} is an alias and sets a ttl; AWS rejects that. Remove ttl from alias records.`,
          urn,
        );
      }
      for (const alias of view.aliases) {
        const target = resolveAliasTarget(record, alias, records);
        if (target.kind === "aws-resource" && ALIAS_TO_AWS_RESOURCE_TTL_SECONDS > maxTtlSeconds) {
          reportViolation(
            `${name} is an alias to an AWS resource, which answers with a fixed ${ALIAS_TO_AWS_RESOURCE_TTL_SECONDS} s ` +
              `TTL (more than ${maxTtlSeconds} s); use a CNAME record with a lower ttl or raise maxTtlSeconds.`,
            urn,
          );
        }
      }
    }
  },
};
