import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import {
  DEFAULT_FAILURE_THRESHOLD,
  DEFAULT_REQUEST_INTERVAL_SECONDS,
  describeFailoverTime,
  FailoverTimeModel,
  modelFailoverTime,
} from "@multi-region-api/model/route53/knowledge";
import { integerSchema, numberSetting } from "../lib/config";
import { isAlwaysUnhealthy, readHealthCheck } from "../lib/health-checks";
import { describeNameAndType, isHealthRouted } from "../lib/records";
import { collectRecords, effectiveTtl, healthCheckOf, StackRecord } from "../lib/stack";
import { isUnknown } from "../lib/values";

export const DEFAULT_MAX_FAILOVER_SECONDS = 180;

interface ModelledRecord {
  readonly record: StackRecord;
  readonly model: FailoverTimeModel;
}

/** The modelled failover time away from one record, or undefined while a part is unknown or missing. */
function modelFor(
  record: StackRecord,
  records: readonly StackRecord[],
  resources: readonly PolicyResource[],
): ModelledRecord | undefined {
  const checkResource = healthCheckOf(record, resources);
  const ttl = effectiveTtl(record, records);
  if (!checkResource || ttl === undefined || isUnknown(ttl)) {
    return undefined;
  }
  const check = readHealthCheck(checkResource.props);
  // An always-unhealthy check is a drain (docs/aws-facts.md, "Drain with an always-unhealthy check"): the
  // region is out of service on purpose, and no failover away from it is waiting to happen.
  if (isAlwaysUnhealthy(check) === true) {
    return undefined;
  }
  const requestIntervalSeconds = check.requestInterval ?? DEFAULT_REQUEST_INTERVAL_SECONDS;
  const failureThreshold = check.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD;
  if (isUnknown(requestIntervalSeconds) || isUnknown(failureThreshold)) {
    return undefined;
  }
  return {
    record,
    model: modelFailoverTime({ requestIntervalSeconds, failureThreshold, ttlSeconds: ttl.seconds }),
  };
}

/**
 * The budget is judged per failover name on its slowest record in service (a drained region's record is
 * left out): detection by that record's health check
 * (interval × threshold + up to 6 s of timeouts), then the TTL resolvers keep the old answer for (docs/aws-facts.md#failover-time-model).
 * The same model feeds the program's failover-time output.
 */
export const failoverRtoBudget: StackValidationPolicy = {
  name: "failover-rto-budget",
  description:
    "For each failover or latency name, the modelled worst-case failover time (request interval × failure threshold + 6 s of timeouts + effective TTL) is at most maxFailoverSeconds.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      maxFailoverSeconds: integerSchema(
        "The longest modelled time, in seconds, from a region failing to every client having moved on.",
        DEFAULT_MAX_FAILOVER_SECONDS,
        1,
      ),
    },
  },
  validateStack: (args, reportViolation) => {
    const maxFailoverSeconds = numberSetting(
      args.getConfig(),
      "maxFailoverSeconds",
      DEFAULT_MAX_FAILOVER_SECONDS,
    );
    const records = collectRecords(args.resources);
    const slowestByName = new Map<string, ModelledRecord>();
    for (const record of records) {
      if (isHealthRouted(record.view) !== true || record.nameKey === undefined) {
        continue;
      }
      const modelled = modelFor(record, records, args.resources);
      const key = `${record.zoneKey ?? "?"} ${record.nameKey} ${String(record.view.type)}`;
      const slowest = slowestByName.get(key);
      if (modelled && (!slowest || modelled.model.totalSeconds > slowest.model.totalSeconds)) {
        slowestByName.set(key, modelled);
      }
    }
    for (const { record, model } of slowestByName.values()) {
      if (model.totalSeconds > maxFailoverSeconds) {
        reportViolation(
          `Failover of ${describeNameAndType(record.view)} may take ${describeFailoverTime(model)}, more than the ` +
            `budget of ${maxFailoverSeconds} s; lower the TTL, the failure threshold or the request interval.`,
          record.resource.urn,
        );
      }
    }
  },
};
