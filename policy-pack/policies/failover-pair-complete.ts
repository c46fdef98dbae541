import { ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { FAILOVER_ROLES } from "@multi-region-api/model/route53/knowledge";
import { describeNameAndType, describeRecord } from "../lib/records";
import { checkSetIdentifiers, groupByZoneNameAndType } from "../lib/record-sets";
import { collectRecords, StackRecord } from "../lib/stack";
import { isUnknown } from "../lib/values";

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
      checkSetIdentifiers(failover, "failover", reportViolation);
      checkRoles(failover, reportViolation);
    }
  },
};
