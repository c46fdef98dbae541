import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { requireAwsProvider, requireDnsName, requireRegionList } from "./validate";

/** One region that serves the domain, and where its certificate comes from. */
export interface CertificateRegion {
  readonly region: string;
  /** The region's own provider: API Gateway takes a regional certificate only from its own region. */
  readonly provider: aws.Provider;
  /** An existing ACM certificate of this region; nothing is requested for it. */
  readonly certificateArn?: pulumi.Input<string>;
}

export interface CertificatesArgs {
  /** The name clients call; every certificate covers it and `*.` it (the per-region hostnames). */
  readonly domainName: string;
  /** The Route 53 zone that holds the one validation record. */
  readonly zoneId: pulumi.Input<string>;
  readonly regions: CertificateRegion[];
  /**
   * Earlier URNs of the validation record (Pulumi aliases), so a stack whose record another component
   * created keeps it instead of creating a second one beside it and deleting the first.
   */
  readonly validationRecordAliases?: pulumi.Input<string>[];
  /**
   * Whether other stacks of the same account and domain own the same validation record (one stack per
   * region): each then writes it with UPSERT and leaves it in the zone when this stack deletes it, since
   * the other regions' certificates renew against it.
   * @default false
   */
  readonly sharedValidationRecord?: boolean;
  /**
   * The certificates and their validations also answer to the URNs they have at the stack's root: where
   * `pulumi state move` puts a region's certificate moved into this stack without this component (docs/runbook.md,
   * "Move from one stack to parts"). @default false
   */
  readonly adoptUnparented?: boolean;
}

/**
 * The stack's ACM certificates: one DNS-validated certificate (and its validation) per region that has no
 * `certificateArn`, and the ONE validation record they all validate against.
 *
 * ACM's validation CNAME depends on the account and the domain, not the region, and ACM renews a certificate
 * only while that record stays in the zone (docs/aws-facts.md "One ACM validation record per stack"). No
 * region owns it: its name and parent are this component's, so adding, removing or reordering regions, or
 * switching one to `certificateArn`, never deletes it. Its Route 53 resources use `opts.provider`.
 */
export class Certificates extends pulumi.ComponentResource {
  /** The certificate ARN of each region, resolved once ACM has issued it (or the configured one). */
  public readonly arns: Readonly<Record<string, pulumi.Output<string>>>;
  /** The validation record's name, when some region requests a certificate. */
  public readonly validationRecordFqdn: pulumi.Output<string> | undefined;

  constructor(name: string, args: CertificatesArgs, opts: pulumi.ComponentResourceOptions = {}) {
    requireDnsName("domainName", args.domainName);
    requireRegionList(
      "regions",
      args.regions.map((entry) => entry.region),
    );
    // As the other components: opts.providers { aws } is how a program in another language passes it.
    requireAwsProvider(opts, "an aws.Provider for Route 53");
    super("multiregion:index:Certificates", name, {}, opts);

    const requested = args.regions
      .filter((entry) => entry.certificateArn === undefined)
      .map((entry) => ({
        entry,
        certificate: new aws.acm.Certificate(
          `${name}-${entry.region}`,
          {
            domainName: args.domainName,
            subjectAlternativeNames: [`*.${args.domainName}`],
            validationMethod: "DNS",
            keyAlgorithm: "RSA_2048",
          },
          {
            parent: this,
            provider: entry.provider,
            aliases: unparented(args, `${name}-${entry.region}`, CERTIFICATE),
          },
        ),
      }));

    let validationRecordFqdn: pulumi.Output<string> | undefined;
    if (requested.length > 0) {
      // Every region's certificate asks for the same record, and the domain and its wildcard share it
      // (ACM): any requested certificate's first option names all of it.
      const option = requested[0].certificate.domainValidationOptions[0];
      const record = new aws.route53.Record(
        `${name}-validation`,
        {
          zoneId: args.zoneId,
          name: option.resourceRecordName,
          type: option.resourceRecordType,
          records: [option.resourceRecordValue],
          ttl: 300,
          ...(args.sharedValidationRecord ? { allowOverwrite: true } : {}),
        },
        {
          parent: this,
          retainOnDelete: args.sharedValidationRecord ?? false,
          aliases: [...(args.validationRecordAliases ?? [])],
          // A stack whose record was created on another region's provider replaces it on this one, and
          // Route 53 refuses to CREATE a record that exists: delete first. The name is then missing for
          // the two changes' propagation (under a minute each); ACM needs it only while it renews, and
          // retries (docs/aws-facts.md, "A provider change is a replacement").
          deleteBeforeReplace: true,
        },
      );
      validationRecordFqdn = record.fqdn;
    }
    this.validationRecordFqdn = validationRecordFqdn;

    const arns: Record<string, pulumi.Output<string>> = {};
    for (const entry of args.regions) {
      if (entry.certificateArn !== undefined) {
        arns[entry.region] = pulumi.output(entry.certificateArn);
      }
    }
    for (const { entry, certificate } of requested) {
      const validation = new aws.acm.CertificateValidation(
        `${name}-${entry.region}`,
        { certificateArn: certificate.arn, validationRecordFqdns: [validationRecordFqdn!] },
        {
          parent: this,
          provider: entry.provider,
          aliases: unparented(args, `${name}-${entry.region}`, VALIDATION),
        },
      );
      arns[entry.region] = validation.certificateArn;
    }
    this.arns = arns;

    this.registerOutputs({ arns: this.arns, validationRecordFqdn: this.validationRecordFqdn });
  }
}

const CERTIFICATE = "aws:acm/certificate:Certificate";
const VALIDATION = "aws:acm/certificateValidation:CertificateValidation";

/** The URN a child named `name` of type `type` has at the stack's root, when `adoptUnparented` asks for it. */
function unparented(args: CertificatesArgs, name: string, type: string): pulumi.Input<string>[] {
  return args.adoptUnparented ? [pulumi.createUrn(name, type)] : [];
}
