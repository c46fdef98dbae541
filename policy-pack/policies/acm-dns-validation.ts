import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { isPlainObject, isSet, isUnknown, PlainObject, stringProperty, toPlain } from "../lib/values";

/**
 * DNS validation lets ACM renew the certificates of every region on its own, from one validation record per
 * name that works in every region (docs/aws-facts.md#acm-validation-record-is-the-same-in-every-region); e-mail validation waits for someone to
 * click a link, and a region whose certificate expired fails over for good.
 */
export const acmDnsValidation: ResourceValidationPolicy = {
  name: "acm-dns-validation",
  description:
    "ACM certificates are requested with DNS validation, so ACM renews them without anyone acting.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.acm.Certificate, (props, _args, reportViolation) => {
    const plain = toPlain(props);
    const certificate: PlainObject = isPlainObject(plain) ? plain : {};
    const method = stringProperty(certificate, "validationMethod");
    if (isUnknown(method) || method === "DNS") {
      return;
    }
    const name = stringProperty(certificate, "domainName");
    const label = typeof name === "string" ? `Certificate for ${name}` : "The certificate";
    if (isSet(certificate.certificateBody) || isSet(certificate.privateKey)) {
      reportViolation(
        `${label} is imported, so ACM cannot renew it; request it with validationMethod "DNS".`,
      );
    } else if (isSet(certificate.certificateAuthorityArn)) {
      reportViolation(
        `${label} is issued by a private CA, which public clients do not trust; request it with validationMethod "DNS".`,
      );
    } else {
      reportViolation(`${label} uses validationMethod ${method ?? "unset"}; use "DNS".`);
    }
  }),
};
