import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface CustomDomainArgs {
  readonly domainName: string;
  readonly certificateArn: pulumi.Input<string>;
  readonly restApiId: pulumi.Input<string>;
  readonly stageName: pulumi.Input<string>;
  /** IPv4 and IPv6 clients (`dualstack`); unset keeps API Gateway's IPv4-only default. */
  readonly dualstack?: boolean;
}

/**
 * A REGIONAL endpoint, dualstack on request. IPv4-only leaves `ipAddressType` unset, exactly as before the
 * option existed, so that stacks without IPv6 see no change (docs/aws-facts.md "IPv6 dualstack").
 */
export function endpointConfiguration(dualstack = false): { types: string; ipAddressType?: string } {
  return dualstack ? { types: "REGIONAL", ipAddressType: "dualstack" } : { types: "REGIONAL" };
}

/**
 * A REGIONAL custom domain on TLS 1.2 with a certificate of its own region (API Gateway requires both), and
 * the base path mapping that puts the stage at its root.
 */
export function createCustomDomain(
  name: string,
  args: CustomDomainArgs,
  parent: pulumi.Resource,
): aws.apigateway.DomainName {
  const opts = { parent };
  const domain = new aws.apigateway.DomainName(
    name,
    {
      domainName: args.domainName,
      endpointConfiguration: endpointConfiguration(args.dualstack),
      regionalCertificateArn: args.certificateArn,
      securityPolicy: "TLS_1_2",
    },
    opts,
  );
  new aws.apigateway.BasePathMapping(
    name,
    { domainName: domain.domainName, restApi: args.restApiId, stageName: args.stageName },
    opts,
  );
  return domain;
}
