import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { regionOf, regionOfArn } from "../lib/regions";
import { isPlainObject, stringProperty, toPlain } from "../lib/values";

/**
 * A regional custom domain takes its certificate from ACM in the API's own region (APIGW): a certificate
 * copied from another region fails only when AWS creates the domain. The ARN is unknown in a preview that
 * also creates the certificate; then the check waits for a run where it is known.
 */
export const apiDomainCertificateSameRegion: ResourceValidationPolicy = {
  name: "api-domain-certificate-same-region",
  description:
    "An API Gateway domain name's regionalCertificateArn is an ACM certificate in the domain's own region.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.apigateway.DomainName, (props, args, reportViolation) => {
    const plain = toPlain(props);
    const arn = isPlainObject(plain) ? stringProperty(plain, "regionalCertificateArn") : undefined;
    const domainRegion = regionOf(props, args.provider);
    if (typeof arn !== "string" || typeof domainRegion !== "string") {
      return;
    }
    const certificateRegion = regionOfArn(arn);
    if (certificateRegion !== undefined && certificateRegion !== domainRegion) {
      reportViolation(
        `The domain is in ${domainRegion} but its certificate ${arn} is in ${certificateRegion}; ` +
          `request the certificate in ${domainRegion}.`,
      );
    }
  }),
};
