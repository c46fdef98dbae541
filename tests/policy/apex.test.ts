/** record-no-cname-at-zone-apex, through the real analyzer: one changed property per case. */
import { describe, expect, it } from "vitest";
import { AnalyzedResource, UNKNOWN } from "../../tools/policy-harness";
import {
  analyzeLikeTheCli,
  asPreview,
  byPolicy,
  failoverAliasRecord,
  failoverCnameRecord,
  resource,
  TYPES,
  PACK_RUNS,
  usePack,
  withProps,
  ZONE_ID,
} from "./fixtures";

const policy = "record-no-cname-at-zone-apex";
const APEX = "example.com";

describe.each(PACK_RUNS)("through %s", (run) => {
  const pack = usePack(run);

  async function violations(resources: readonly AnalyzedResource[]) {
    return byPolicy(await analyzeLikeTheCli(pack, resources), policy);
  }

  /** The happy path: the stack manages the zone example.com and its failover CNAMEs sit below the apex. */
  function stack(
    change: { name?: string; type?: string; kind?: "alias" | "cname" } = {},
  ): AnalyzedResource[] {
    const zone = resource(TYPES.zone, "zone", { name: APEX, zoneId: ZONE_ID });
    const build = change.kind === "alias" ? failoverAliasRecord : failoverCnameRecord;
    const record = build("PRIMARY", "us-east-1");
    return [zone, withProps(record, { ...(change.name ? { name: change.name } : {}) })];
  }

  describe(policy, () => {
    it("passes a CNAME below the apex and an alias A record at the apex", async () => {
      expect(await violations(stack())).toEqual([]);
      expect(await violations(stack({ kind: "alias", name: APEX }))).toEqual([]);
    });

    it("fails a CNAME at the apex of a zone the stack manages, naming the record and the zone", async () => {
      const resources = stack({ name: `${APEX}.` });
      const found = await violations(resources);
      expect(found.map((v) => [v.enforcementLevel, v.urn])).toEqual([["mandatory", resources[1].urn]]);
      expect(found[0].message).toContain(`is a CNAME at the apex of zone ${APEX}`);
    });

    it("fails a CNAME at the apex of a looked-up zone named in zoneNames, and only then", async () => {
      const lookedUp = [stack({ name: APEX })[1]];
      expect(await violations(lookedUp)).toEqual([]);
      await pack.configure({ [policy]: { properties: { zoneNames: [APEX] } } });
      expect(await violations(lookedUp)).toHaveLength(1);
    });

    it("passes while a preview cannot tell the name, and judges the zone through the record's dependency", async () => {
      const previewed = asPreview(stack({ name: APEX }).slice(1));
      expect(await violations(previewed)).toHaveLength(1); // the zone is known by the dependency on it
      const unknownName = previewed.map((r) =>
        r.type === TYPES.record ? withProps(r, { name: UNKNOWN }) : r,
      );
      expect(await violations(unknownName)).toEqual([]);
    });
  });
});
