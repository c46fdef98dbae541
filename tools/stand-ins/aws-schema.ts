/**
 * The stand-in aws provider's package schema (GetSchema), which Pulumi YAML needs to type a program before
 * it runs. The real schema is not to be had offline: @pulumi/aws's npm package ships none, and the Go module
 * proxy refuses github.com/pulumi/pulumi-aws/provider/v7 (403). So this is a partial schema, written from
 * @pulumi/aws's TypeScript: the provider's `region` and `defaultTags`, route53's getZone, and, as bare
 * resources, the aws types the multiregion components schema (components/schema.json) refers to. A YAML
 * program that names anything else fails its type check here, naming the token.
 */
const str = { type: "string" };
const bool = { type: "boolean" };
const strings = { type: "array", items: str };
const tags = { type: "object", additionalProperties: str };

/** The aws resources components/schema.json refers to (as a component output or argument type). */
const REFERENCED_RESOURCES = [
  "aws:apigateway/restApi:RestApi",
  "aws:apigateway/stage:Stage",
  "aws:autoscaling/group:Group",
  "aws:cloudwatch/metricAlarm:MetricAlarm",
  "aws:route53/healthCheck:HealthCheck",
  "aws:wafv2/webAcl:WebAcl",
];

export function awsSchema(version: string): string {
  const getZoneOutputs = {
    arn: str,
    callerReference: str,
    comment: str,
    enableAcceleratedRecovery: bool,
    id: str,
    linkedServiceDescription: str,
    linkedServicePrincipal: str,
    name: str,
    nameServers: strings,
    primaryNameServer: str,
    privateZone: bool,
    resourceRecordSetCount: { type: "integer" },
    tags,
    vpcId: str,
    zoneId: str,
  };
  return JSON.stringify({
    name: "aws",
    version,
    // As the real schema: aws:route53/getZone:getZone is written aws:route53:getZone in YAML.
    meta: { moduleFormat: "(.*)(?:/[^/]*)" },
    config: { variables: { region: str } },
    types: {
      "aws:index/ProviderDefaultTags:ProviderDefaultTags": {
        type: "object",
        properties: { tags },
      },
    },
    provider: {
      inputProperties: {
        region: str,
        defaultTags: { $ref: "#/types/aws:index/ProviderDefaultTags:ProviderDefaultTags" },
      },
    },
    resources: Object.fromEntries(REFERENCED_RESOURCES.map((token) => [token, { properties: {} }])),
    functions: {
      "aws:route53/getZone:getZone": {
        inputs: {
          properties: {
            name: str,
            privateZone: bool,
            tags,
            vpcId: str,
            zoneId: str,
            enableAcceleratedRecovery: bool,
          },
        },
        outputs: {
          properties: getZoneOutputs,
          required: ["arn", "callerReference", "comment", "id", "name", "nameServers", "zoneId"],
        },
      },
    },
  });
}
