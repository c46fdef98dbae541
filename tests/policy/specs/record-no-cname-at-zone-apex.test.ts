/** record-no-cname-at-zone-apex in process: the zone example.com with a CNAME below its apex passes. */
import { describe, expect, it } from "vitest";
import { recordNoCnameAtZoneApex } from "../../../policy-pack/policies/record-no-cname-at-zone-apex";
import { AnalyzedResource, UNKNOWN } from "../../../tools/policy-harness";
import { runStackPolicy, urnsOf } from "../../support/policy-in-process";
import { asPreview, failoverAliasRecord, resource, TYPES, withProps, ZONE_ID } from "../fixtures";
import { APEX, hostedZone } from "./builders";

describe("record-no-cname-at-zone-apex", () => {
  const run = (stack: readonly AnalyzedResource[]) => runStackPolicy(recordNoCnameAtZoneApex, stack);
  const zone = hostedZone();
  const cname = (name: string) =>
    resource(TYPES.record, "cname", {
      zoneId: ZONE_ID,
      name,
      type: "CNAME",
      ttl: 300,
      records: ["www.example.net"],
    });

  it("passes a CNAME below the apex of a zone of the stack, and an alias A record at the apex", async () => {
    expect(await run([zone, cname("www.example.com")])).toEqual([]);
    expect(await run([zone, withProps(failoverAliasRecord("PRIMARY", "us-east-1"), { name: APEX })])).toEqual(
      [],
    );
  });

  it("reports a CNAME at the apex as mandatory, saying what to use instead", async () => {
    const apex = cname("example.com.");
    expect(await run([zone, apex])).toEqual([
      {
        enforcementLevel: "mandatory",
        urn: apex.urn,
        message:
          "example.com. (CNAME) is a CNAME at the apex of zone example.com, which Route 53 refuses; use an " +
          "alias A record (dns.recordKind: alias) or a name below the apex.",
      },
    ]);
  });

  it("judges the apex of the record's own zone: a CNAME named like another zone of the stack is below its own apex", async () => {
    const subZone = resource(TYPES.zone, "eu-zone", { name: "eu.example.com", zoneId: "Z0EUEXAMPLE" });
    expect(await run([zone, subZone, cname("eu.example.com")])).toEqual([]);
  });

  it("in preview, skips a zone whose name it cannot tell yet", async () => {
    expect(await run([hostedZone({ name: UNKNOWN }), cname("example.com")])).toEqual([]);
  });

  it("reports a CNAME at the apex of a looked-up zone only when zoneNames names it", async () => {
    const lookedUp = [cname(APEX)];
    expect(await run(lookedUp)).toEqual([]);
    expect(urnsOf(await runStackPolicy(recordNoCnameAtZoneApex, lookedUp, { zoneNames: [APEX] }))).toEqual([
      lookedUp[0].urn,
    ]);
  });

  it("in preview, finds the record's zone by the dependency on it, and skips a name it cannot tell yet", async () => {
    const previewed = asPreview([cname(APEX)]);
    expect(await run(previewed)).toHaveLength(1);
    const unknownName = previewed.map((r) => (r.type === TYPES.record ? withProps(r, { name: UNKNOWN }) : r));
    expect(await run(unknownName)).toEqual([]);
  });
});
