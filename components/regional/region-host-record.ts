import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface RegionHostRecordArgs {
  readonly zoneId: pulumi.Input<string>;
  /** `{region}.{domainName}`. */
  readonly name: string;
  readonly domain: aws.apigateway.DomainName;
}

/**
 * The plain alias for `{region}.{domainName}`. Route 53 sends the health check's FQDN as Host and SNI, and
 * API Gateway picks the custom domain by that name, so the check must call a name that this region's own
 * custom domain serves (FACTS.md 3), and never the failover name itself (FACTS.md 5).
 */
export function createRegionHostRecord(
  name: string,
  args: RegionHostRecordArgs,
  parent: pulumi.Resource,
): aws.route53.Record {
  return new aws.route53.Record(
    name,
    {
      zoneId: args.zoneId,
      name: args.name,
      type: "A",
      aliases: [
        {
          name: args.domain.regionalDomainName,
          zoneId: args.domain.regionalZoneId,
          evaluateTargetHealth: false,
        },
      ],
    },
    { parent },
  );
}
