import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { describeRecord, normalizeDnsName } from "../lib/records";
import { collectRecords, StackRecord } from "../lib/stack";
import { isPlainObject, isUnknown, objectProperty, stringProperty, toPlain } from "../lib/values";

const DOMAIN_NAME_TYPE = "aws:apigateway/domainName:DomainName";

/** A domain's `endpointConfiguration.ipAddressType`, or undefined when unset or unknown. */
function ipAddressTypeOf(domain: PolicyResource): string | undefined {
  const plain = toPlain(domain.props);
  const configuration = isPlainObject(plain) ? objectProperty(plain, "endpointConfiguration") : undefined;
  const type = isPlainObject(configuration) ? stringProperty(configuration, "ipAddressType") : undefined;
  return typeof type === "string" ? type : undefined;
}

/**
 * Whether `record` is an alias to `domain`: its `aliases` come from that resource (what the engine knows in
 * preview), or its alias target is the domain's `regionalDomainName` (when both are known).
 */
function aliasesDomain(record: StackRecord, domain: PolicyResource): boolean {
  if ((record.resource.propertyDependencies?.aliases ?? []).some((d) => d.urn === domain.urn)) {
    return true;
  }
  const plain = toPlain(domain.props);
  const target = isPlainObject(plain) ? stringProperty(plain, "regionalDomainName") : undefined;
  const aliases = record.view.aliases;
  return (
    typeof target === "string" &&
    Array.isArray(aliases) &&
    aliases.some(
      (alias) => typeof alias.name === "string" && normalizeDnsName(alias.name) === normalizeDnsName(target),
    )
  );
}

/** Same zone, name and set identifier; an unknown part counts as a match (judged once preview knows). */
function isTwinOf(aaaa: StackRecord, a: StackRecord): boolean {
  const same = (x: unknown, y: unknown) => isUnknown(x) || isUnknown(y) || x === y;
  return (
    (aaaa.zoneKey === undefined || a.zoneKey === undefined || aaaa.zoneKey === a.zoneKey) &&
    aaaa.nameKey === a.nameKey &&
    same(aaaa.view.setIdentifier, a.view.setIdentifier)
  );
}

/**
 * A dualstack custom domain takes IPv6 clients only if its name answers AAAA queries: Route 53 groups records
 * by name and type, so each A alias to the domain needs an AAAA alias beside it with the same name and set
 * identifier (API Gateway DG, IP address types for custom domain names). Without it an IPv6-only client gets
 * no answer, and a dual-stack client silently stays on IPv4.
 */
export const dualstackDomainAaaaTwin: StackValidationPolicy = {
  name: "dualstack-domain-aaaa-twin",
  description:
    "Every A alias record to a dualstack API Gateway domain name has an AAAA twin with the same name and set identifier, aliased to the same domain.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const records = collectRecords(args.resources);
    const dualstack = args.resources.filter(
      (resource) => resource.type === DOMAIN_NAME_TYPE && ipAddressTypeOf(resource) === "dualstack",
    );
    for (const domain of dualstack) {
      const aliases = records.filter((record) => aliasesDomain(record, domain));
      for (const a of aliases.filter((record) => record.view.type === "A" && record.nameKey !== undefined)) {
        const twins = aliases.filter(
          (record) => (record.view.type === "AAAA" || isUnknown(record.view.type)) && isTwinOf(record, a),
        );
        if (twins.length === 0) {
          reportViolation(
            `${describeRecord(a.view)} is an alias to the dualstack domain ${domain.name} but has no AAAA twin; ` +
              `add an AAAA alias record with the same name and set identifier so IPv6 clients get an answer.`,
            a.resource.urn,
          );
        }
      }
    }
  },
};
