import { ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { checkSetIdentifiers, groupByZoneNameAndType } from "../lib/record-sets";
import { describeNameAndType, describeRecord } from "../lib/records";
import { collectRecords, StackRecord } from "../lib/stack";
import { isUnknown } from "../lib/values";

/** Each latency record's region; two records for one region are reported on the second. */
function checkRegions(latency: readonly StackRecord[], reportViolation: ReportViolation): void {
  const byRegion = new Map<string, StackRecord>();
  for (const record of latency) {
    const region = record.view.latencyRegion;
    if (isUnknown(region)) {
      continue;
    }
    if (region === undefined || region === "") {
      reportViolation(
        `${describeRecord(record.view)} has a latency policy without a region; name the region its target runs in.`,
        record.resource.urn,
      );
      continue;
    }
    const first = byRegion.get(region);
    if (first) {
      reportViolation(
        `${describeNameAndType(record.view)} has two latency records for ${region} (${first.resource.urn} and ` +
          `${record.resource.urn}); Route 53 takes one per region, so keep one record per region.`,
        record.resource.urn,
      );
    }
    byRegion.set(region, record);
  }
}

/**
 * Route 53 API Reference, ResourceRecordSet `Region`: one latency record per region for a name and type, and
 * no non-latency record of that name and type. AWS refuses some of these only when the second record is
 * created, half-way through an update; the pack says so in preview, with every record of the name in view.
 * AAAA sets are judged exactly as A sets.
 */
export const latencySetComplete: StackValidationPolicy = {
  name: "latency-set-complete",
  description:
    "Each latency name and type has one latency record per region, each with its own set identifier, and no record without a latency policy shares that name and type.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    for (const group of groupByZoneNameAndType(collectRecords(args.resources)).values()) {
      const latency = group.filter((record) => record.view.isLatency === true);
      if (latency.length === 0) {
        continue;
      }
      for (const other of group.filter((record) => record.view.isLatency === false)) {
        reportViolation(
          `${describeRecord(other.view)} has no latency routing policy but shares its name and type with ` +
            `latency records; Route 53 does not allow that. Remove it or make it a latency record.`,
          other.resource.urn,
        );
      }
      // A member whose routing policy is not known yet (preview) cannot be judged, but two known latency
      // records for one region, or with one set identifier, are a violation whatever that member turns out to be.
      checkSetIdentifiers(latency, "latency", reportViolation);
      checkRegions(latency, reportViolation);
    }
  },
};
