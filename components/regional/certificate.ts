import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * Where a region's certificate comes from. ACM's DNS validation record is the same in every region of an
 * account (ACM User Guide), so exactly one region creates it and the others validate against it.
 */
export type CertificateSource =
  /** An existing ACM certificate of this region; nothing is created. */
  | { readonly existingArn: pulumi.Input<string> }
  /** Request a certificate and create the stack's one validation record in this zone. */
  | { readonly createValidationRecordInZone: pulumi.Input<string> }
  /** Request a certificate and validate it against the record another region created. */
  | { readonly validationRecordFqdn: pulumi.Input<string> };

export interface RegionalCertificate {
  /** The certificate's ARN, resolved only once ACM has issued it. */
  readonly arn: pulumi.Output<string>;
  /** The validation record's name, when this region created it. */
  readonly validationRecordFqdn?: pulumi.Output<string>;
}

/** A DNS-validated certificate for the domain and `*.domain` (the per-region hostnames), in this region. */
export function createRegionalCertificate(
  name: string,
  domainName: string,
  source: CertificateSource,
  parent: pulumi.Resource,
): RegionalCertificate {
  if ("existingArn" in source) {
    return { arn: pulumi.output(source.existingArn) };
  }
  const opts = { parent };
  const certificate = new aws.acm.Certificate(
    `${name}-certificate`,
    {
      domainName,
      subjectAlternativeNames: [`*.${domainName}`],
      validationMethod: "DNS",
      keyAlgorithm: "RSA_2048",
    },
    opts,
  );
  let validationRecordFqdn: pulumi.Output<string>;
  let createdRecordFqdn: pulumi.Output<string> | undefined;
  if ("createValidationRecordInZone" in source) {
    // The domain and its wildcard share one validation record (ACM), so the first option is all of it.
    const option = certificate.domainValidationOptions[0];
    const record = new aws.route53.Record(
      `${name}-certificate-validation`,
      {
        zoneId: source.createValidationRecordInZone,
        name: option.resourceRecordName,
        type: option.resourceRecordType,
        records: [option.resourceRecordValue],
        ttl: 300,
      },
      opts,
    );
    validationRecordFqdn = record.fqdn;
    createdRecordFqdn = record.fqdn;
  } else {
    validationRecordFqdn = pulumi.output(source.validationRecordFqdn);
  }
  const validation = new aws.acm.CertificateValidation(
    `${name}-certificate`,
    { certificateArn: certificate.arn, validationRecordFqdns: [validationRecordFqdn] },
    opts,
  );
  return { arn: validation.certificateArn, validationRecordFqdn: createdRecordFqdn };
}
