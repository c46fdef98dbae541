import { ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { FAILOVER_ROLES } from "../knowledge/route53";
import { describeNameAndType, describeRecord } from "../lib/records";
import { collectRecords, StackRecord } from "../lib/stack";
import { isSet, isUnknown } from "../lib/values";

/** Records that share a zone, name and type: Route 53 answers for them together. */
function groupByZoneNameAndType(records: readonly StackRecord[]): Map<string, StackRecord[]> {
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

function checkSetIdentifiers(failover: readonly StackRecord[], reportViolation: ReportViolation): void {
  const seen = new Map<string, StackRecord>();
  for (const record of failover) {
    const { setIdentifier } = record.view;
    if (!isSet(setIdentifier)) {
      // TF: "all of failover_routing_policy,set_identifier must be specified".
      reportViolation(
        `${describeRecord(record.view)} has no setIdentifier; failover records need one.`,
        record.resource.urn,
      );
    } else if (typeof setIdentifier === "string") {
      const first = seen.get(setIdentifier);
      if (first) {
        reportViolation(
          `${describeRecord(record.view)} uses setIdentifier "${setIdentifier}", as ${first.resource.urn} does; ` +
            `each record of a failover pair needs its own.`,
          record.resource.urn,
        );
      }
      seen.set(setIdentifier, record);
    }
  }
}

function checkRoles(failover: readonly StackRecord[], reportViolation: ReportViolation): void {
  if (failover.some((record) => isUnknown(record.view.failoverRole))) {
    return;
  }
  for (const record of failover) {
    const role = record.view.failoverRole;
    if (typeof role !== "string" || !(FAILOVER_ROLES as readonly string[]).includes(role)) {
      reportViolation(
        `${describeRecord(record.view)} has failover type ${String(role ?? "unset")}; use PRIMARY or SECONDARY.`,
        record.resource.urn,
      );
    }
  }
  for (const role of FAILOVER_ROLES) {
    const holders = failover.filter((record) => record.view.failoverRole === role);
    if (holders.length === 1) {
      continue;
    }
    const name = describeNameAndType(failover[0].view);
    const reported = holders[1] ?? failover[0];
    reportViolation(
      holders.length === 0
        ? `${name} has no ${role} failover record; a failover name needs exactly one PRIMARY and one SECONDARY.`
        : `${name} has ${holders.length} ${role} failover records (${holders.map((r) => r.resource.urn).join(", ")}); ` +
            `a failover name needs exactly one PRIMARY and one SECONDARY.`,
      reported.resource.urn,
    );
  }
}

/**
 * Route 53 DG: one PRIMARY and one SECONDARY per name and type, each with a set identifier, and no
 * non-failover record of that name and type. AWS rejects some of these at deploy time, some only when the
 * second record is created: the pack says so in preview, with every record of the name in view.
 */
export const failoverPairComplete: StackValidationPolicy = {
  name: "failover-pair-complete",
  description:
    "Each failover name and type has exactly one PRIMARY and one SECONDARY record with distinct set identifiers, and no non-failover record shares that name and type.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    for (const group of groupByZoneNameAndType(collectRecords(args.resources)).values()) {
      const failover = group.filter((record) => record.view.isFailover === true);
      if (failover.length === 0) {
        continue;
      }
      for (const other of group.filter((record) => record.view.isFailover === false)) {
        reportViolation(
          `${describeRecord(other.view)} has no failover routing policy but shares its name and type with ` +
            `failover records; Route 53 does not allow that. Remove it or make it part of the failover pair.`,
          other.resource.urn,
        );
      }
      if (group.some((record) => isUnknown(record.view.isFailover))) {
        continue; // a record of the group may or may not be a failover record yet
      }
      checkSetIdentifiers(failover, reportViolation);
      checkRoles(failover, reportViolation);
    }
  },
};
