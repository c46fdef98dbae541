/**
 * Switching dns.recordKind on a deployed stack: the program before and after, and what `pulumi up` would
 * then ask Route 53 for. The failover records keep their URNs (so each is updated in place: the provider
 * sends one DELETE + CREATE batch per record set when its type changes), and Route 53 refuses the first of
 * those batches because the record's partner of the old type still holds the name. Hence the runbook's
 * two-step procedure.
 */
import { describe, expect, it } from "vitest";
import { parseStackConfig } from "../../config";
import { createStack } from "../../stack";
import type { EngineRegistration } from "../../tools/aws-mocks/engine-recorder";
import { checkRecordAgainstZone, recordKeyOf, StrictMockError } from "../../tools/aws-mocks/rules";
import { runStackProgram } from "../../tools/stack-runner";
import { MINIMAL_CONFIG } from "../support/stacks";

async function failoverRecords(dns: Record<string, unknown>): Promise<EngineRegistration[]> {
  const config = parseStackConfig({
    ...MINIMAL_CONFIG,
    regions: ["us-east-1", "eu-west-1", "ap-southeast-2"],
    backend: { url: "https://backend.example.net" },
    dns,
  });
  const run = await runStackProgram(() => createStack(config));
  expect(run.rejections).toEqual([]);
  return run.registrations.filter(
    (r) => r.type === "aws:route53/record:Record" && r.urn.includes("multiregion:index:FailoverDns$"),
  );
}

/** Route 53's answer to one record's in-place type change, with the zone holding `others`. */
function route53Answer(
  updated: EngineRegistration,
  others: readonly EngineRegistration[],
): string | undefined {
  try {
    checkRecordAgainstZone(
      recordKeyOf(updated.inputs),
      others.map((r) => recordKeyOf(r.inputs)),
      (detail) => {
        throw new StrictMockError(updated.type, updated.name, detail);
      },
    );
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe("switching dns.recordKind", () => {
  it.each([
    ["alias → cname", { recordKind: "alias" }, { recordKind: "cname", ttl: 60 }, "CNAME", "A"],
    ["cname → alias", { recordKind: "cname", ttl: 60 }, { recordKind: "alias" }, "A", "CNAME"],
  ])(
    "%s: same URNs, another type, and Route 53 refuses the first in-place update",
    async (_, from, to, newType, oldType) => {
      const before = await failoverRecords(from);
      const after = await failoverRecords(to);
      // The same resources (an update, not a replacement), every one changing its type.
      expect(after.map((r) => r.urn).sort()).toEqual(before.map((r) => r.urn).sort());
      expect(new Set(after.map((r) => r.inputs.type))).toEqual(new Set([newType]));
      expect(new Set(before.map((r) => r.inputs.type))).toEqual(new Set([oldType]));
      // Whichever record the engine updates first, its partner of the old type still holds the name.
      for (const first of after) {
        const othersBefore = before.filter((r) => r.urn !== first.urn);
        expect(route53Answer(first, othersBefore)).toMatch(
          new RegExp(`RRSet of type ${newType} with DNS name .* conflicting RRSet of type ${oldType}`),
        );
      }
      // Once every record of the old kind is gone (step 1 of the runbook), the new kind goes in.
      const created: EngineRegistration[] = [];
      for (const record of after) {
        expect(route53Answer(record, created)).toBeUndefined();
        created.push(record);
      }
    },
  );
});
