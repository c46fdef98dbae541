import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import {
  isPlainObject,
  isSet,
  isUnknown,
  objectProperty,
  PlainObject,
  stringProperty,
  toPlain,
} from "../lib/values";

/** Legacy TLS_1_2 and every enhanced policy ("SecurityPolicy_…", TLS 1.2 or 1.3 minimum) reject TLS 1.0. */
function isTls12OrStronger(securityPolicy: string): boolean {
  return securityPolicy === "TLS_1_2" || /^SecurityPolicy_TLS1[23]/.test(securityPolicy);
}

/** The endpoint types: a string in @pulumi/aws 7 (`types: "REGIONAL"`), a list in earlier versions. */
function endpointTypes(domain: PlainObject): readonly string[] | "unknown" {
  const configuration = objectProperty(domain, "endpointConfiguration");
  if (isUnknown(configuration)) {
    return "unknown";
  }
  const types = configuration?.types;
  if (isUnknown(types) || (Array.isArray(types) && types.some(isUnknown))) {
    return "unknown";
  }
  if (types === undefined) {
    return ["EDGE"]; // API Gateway's default endpoint type
  }
  return (Array.isArray(types) ? types : [types]).map(String);
}

/**
 * Failover needs one regional custom domain per region, each served by that region's API and certificate:
 * an EDGE domain sits behind CloudFront in one place for all regions (docs/aws-facts.md#api-gateway-acm-and-ec2). TLS 1.0
 * is what a domain accepts unless told otherwise.
 */
export const apiDomainRegionalTls12: ResourceValidationPolicy = {
  name: "api-domain-regional-tls12",
  description:
    "API Gateway domain names are REGIONAL, have a regionalCertificateArn, and use the TLS_1_2 security policy or a stronger one.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.apigateway.DomainName, (props, _args, reportViolation) => {
    const plain = toPlain(props);
    const domain: PlainObject = isPlainObject(plain) ? plain : {};
    const name = stringProperty(domain, "domainName");
    const label = typeof name === "string" ? `Domain ${name}` : "The domain";
    const types = endpointTypes(domain);
    if (types !== "unknown" && (types.length !== 1 || types[0] !== "REGIONAL")) {
      reportViolation(
        `${label} has endpoint type ${types.join(", ")}; set endpointConfiguration.types to "REGIONAL" so each ` +
          `region serves its own custom domain.`,
      );
    }
    if (!isSet(domain.regionalCertificateArn)) {
      reportViolation(
        `${label} has no regionalCertificateArn; use an ACM certificate from the API's own region.`,
      );
    }
    const securityPolicy = stringProperty(domain, "securityPolicy");
    if (securityPolicy === undefined) {
      reportViolation(
        `${label} sets no securityPolicy; set "TLS_1_2" (or a stronger SecurityPolicy_TLS13_… policy).`,
      );
    } else if (!isUnknown(securityPolicy) && !isTls12OrStronger(securityPolicy)) {
      reportViolation(
        `${label} uses security policy ${securityPolicy}, which accepts TLS 1.0; use "TLS_1_2" or a stronger one.`,
      );
    }
  }),
};
