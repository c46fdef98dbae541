import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { describeRecord, normalizeDnsName } from "../lib/records";
import { collectRecords } from "../lib/stack";
import { isPlainObject, isUnknown, stringProperty, toPlain } from "../lib/values";

const ZONE_TYPE = "aws:route53/zone:Zone";

/** The zones the stack itself manages, by the two ways a record names its zone: ID, or dependency. */
function zonesOf(resources: readonly PolicyResource[]): { readonly key: string; readonly name: string }[] {
  return resources
    .filter((resource) => resource.type === ZONE_TYPE)
    .flatMap((resource) => {
      const plain = toPlain(resource.props);
      const props = isPlainObject(plain) ? plain : {};
      const name = stringProperty(props, "name");
      if (typeof name !== "string") {
        return [];
      }
      const zoneId = stringProperty(props, "zoneId");
      const keys = [`from:${resource.urn}`, ...(typeof zoneId === "string" ? [`id:${zoneId}`] : [])];
      return keys.map((key) => ({ key, name: normalizeDnsName(name) }));
    });
}

function zoneNamesSetting(config: Readonly<Record<string, unknown>>): string[] {
  const value = config.zoneNames;
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === "string").map(normalizeDnsName)
    : [];
}

/**
 * Route 53 allows no CNAME at a zone's apex, where the zone's SOA and NS records live; an alias A or AAAA
 * record is valid there (docs/aws-facts.md "No CNAME at the zone apex"). A stack that tried would fail at
 * `pulumi up`, after the other regions' resources were created. The apex is known for zones the stack
 * manages, and for looked-up zones named in `zoneNames`.
 */
export const recordNoCnameAtZoneApex: StackValidationPolicy = {
  name: "record-no-cname-at-zone-apex",
  description:
    "No CNAME record sits at the apex of its hosted zone (a zone of the stack, or one named in zoneNames); use an alias A record there.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      zoneNames: {
        type: "array",
        items: { type: "string" },
        default: [],
        description:
          "Hosted zones the stack looks up rather than manages, e.g. example.com: their apex takes no CNAME.",
      },
    },
  },
  validateStack: (args, reportViolation) => {
    const configured = zoneNamesSetting(args.getConfig());
    const zones = zonesOf(args.resources);
    for (const record of collectRecords(args.resources)) {
      const { view, nameKey, zoneKey } = record;
      if (isUnknown(view.type) || view.type !== "CNAME" || nameKey === undefined) {
        continue; // not a CNAME, or preview cannot tell yet
      }
      const apexOfItsZone = zones.some((zone) => zone.key === zoneKey && zone.name === nameKey);
      if (apexOfItsZone || configured.includes(nameKey)) {
        reportViolation(
          `${describeRecord(view)} is a CNAME at the apex of zone ${nameKey}, which Route 53 refuses; use an ` +
            `alias A record (dns.recordKind: alias) or a name below the apex.`,
          record.resource.urn,
        );
      }
    }
  },
};
