import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface RegionHostRecordArgs {
  readonly zoneId: pulumi.Input<string>;
  /** `{region}.{domainName}`. */
  readonly name: string;
  readonly domain: aws.apigateway.DomainName;
  /** Also an AAAA twin, for a dualstack domain. */
  readonly ipv6?: boolean;
}

/**
 * The plain alias for `{region}.{domainName}`, and its AAAA twin for a dualstack domain (the A record keeps
 * its resource name, so turning IPv6 on only adds the twin). Route 53 sends the health check's FQDN as Host and SNI, and
 * API Gateway picks the custom domain by that name, so the check must call a name that this region's own
 * custom domain serves (docs/aws-facts.md#health-check-needs-the-custom-domain-name), and never the failover name itself (docs/aws-facts.md#health-check-not-on-the-failover-name).
 */
export function createRegionHostRecord(
  name: string,
  args: RegionHostRecordArgs,
  parent: pulumi.Resource,
): aws.route53.Record[] {
  const types = args.ipv6 ? (["A", "AAAA"] as const) : (["A"] as const);
  return types.map(
    (type) =>
      new aws.route53.Record(
        type === "A" ? name : `${name}-aaaa`,
        {
          zoneId: args.zoneId,
          name: args.name,
          type,
          aliases: [
            {
              name: args.domain.regionalDomainName,
              zoneId: args.domain.regionalZoneId,
              evaluateTargetHealth: false,
            },
          ],
        },
        { parent },
      ),
  );
}
