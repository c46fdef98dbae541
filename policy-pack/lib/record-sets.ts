/**
 * Records that Route 53 answers for together: one zone, name and type. Shared by the policies that judge a
 * routing group as a whole (a failover pair, a latency set).
 */
import { ReportViolation } from "@pulumi/policy";
import { describeRecord } from "./records";
import { StackRecord } from "./stack";
import { isSet } from "./values";

/** Records that share a zone, name and type; a record whose zone, name or type is unknown is left out. */
export function groupByZoneNameAndType(records: readonly StackRecord[]): Map<string, StackRecord[]> {
  const groups = new Map<string, StackRecord[]>();
  for (const record of records) {
    const { type } = record.view;
    // A record whose zone, name or type is unknown cannot be placed yet: judge it once preview knows.
    if (record.zoneKey === undefined || record.nameKey === undefined || typeof type !== "string") {
      continue;
    }
    const key = `${record.zoneKey} ${record.nameKey} ${type.toUpperCase()}`;
    groups.set(key, [...(groups.get(key) ?? []), record]);
  }
  return groups;
}

/**
 * Every record of a routing group names a set identifier of its own (TF: each routing policy is RequiredWith
 * set_identifier; Route 53 keys the records of a name and type by it). `kind` names the group in messages.
 */
export function checkSetIdentifiers(
  members: readonly StackRecord[],
  kind: "failover" | "latency",
  reportViolation: ReportViolation,
): void {
  const seen = new Map<string, StackRecord>();
  for (const record of members) {
    const { setIdentifier } = record.view;
    if (!isSet(setIdentifier)) {
      reportViolation(
        `${describeRecord(record.view)} has no setIdentifier; ${kind} records need one.`,
        record.resource.urn,
      );
    } else if (typeof setIdentifier === "string") {
      const first = seen.get(setIdentifier);
      if (first) {
        reportViolation(
          `${describeRecord(record.view)} uses setIdentifier "${setIdentifier}", as ${first.resource.urn} does; ` +
            `each record of a ${kind} ${kind === "failover" ? "pair" : "set"} needs its own.`,
          record.resource.urn,
        );
      }
      seen.set(setIdentifier, record);
    }
  }
}
