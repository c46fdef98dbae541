/**
 * A resource's outputs shaped as the AWS provider stores them in state: what the engine hands `AnalyzeStack`
 * after `pulumi up`, and in every preview of a stack that already exists (pulumi/pulumi
 * `stepGenerator.AnalyzeResources` sends each resource's `Outputs`, not its inputs; docs/aws-facts.md,
 * "Engine-true policy checks").
 *
 * The provider's Read stores every field it reads back from AWS, whether or not the program set it, and a
 * field AWS leaves out is stored as its empty value. Only the resources and fields the policies read are
 * listed: they are where an empty value could be mistaken for a setting.
 */
import type { JsonObject } from "../policy-harness";

/** Empty values of unset fields, per resource type (terraform-provider-aws, each resource's Read). */
const EMPTY_STATE_VALUES: Readonly<Record<string, JsonObject>> = {
  // resourceRecordRead: sets health_check_id, set_identifier, ttl and records from the record set AWS
  // returns, nil for an alias; alias and failover_routing_policy stay empty lists when absent.
  "aws:route53/record:Record": {
    aliases: [],
    failoverRoutingPolicies: [],
    healthCheckId: "",
    multivalueAnswerRoutingPolicy: false,
    records: [],
    setIdentifier: "",
    ttl: 0,
  },
  // resourceHealthCheckRead: sets every field of HealthCheckConfig; AWS fills port, failure threshold,
  // request interval and SNI with its defaults, and leaves the rest out when they were never set.
  "aws:route53/healthCheck:HealthCheck": {
    disabled: false,
    fqdn: "",
    invertHealthcheck: false,
    ipAddress: "",
    regions: [],
    resourcePath: "",
    searchString: "",
    tags: {},
  },
  // resourceDomainNameRead: sets the edge certificate's ARN and name and the regional certificate's name
  // from the domain AWS returns, empty for a regional domain; AWS fills endpoint type and security policy.
  "aws:apigateway/domainName:DomainName": {
    certificateArn: "",
    certificateName: "",
    regionalCertificateName: "",
  },
};

/** Outputs as the provider's state holds them: `id`, the empty values of unset fields, then the outputs. */
export function providerState(
  type: string,
  outputs: Readonly<Record<string, unknown>>,
  id: string | undefined,
) {
  const set = Object.fromEntries(
    Object.entries(outputs).filter(([, value]) => value !== undefined && value !== null),
  );
  return { ...EMPTY_STATE_VALUES[type], ...set, ...(id === undefined ? {} : { id }) } as JsonObject;
}
