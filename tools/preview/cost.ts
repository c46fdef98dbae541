/**
 * The monthly cost estimate of a plan, honestly scoped: the sum of the line items the price modules give
 * (today only the failover layer: `model/route53/prices.ts`), and, from the plan itself, every
 * resource AWS bills for that no module priced, so the total is never read as the stack's cost.
 *
 * To price more of the stack, add a price module that returns `CostLineItem`s, call it in `estimateCost`,
 * and move the resource types it prices from NOT_PRICED to PRICED.
 */
import { totalOf, type CostLineItem } from "@multi-region-api/model/cost";
import { failoverLayerLineItems, type MonthlyCostInput } from "@multi-region-api/model/route53";
import type { Plan } from "./plan";

/** Resource types whose charges the line items include. */
const PRICED = new Set(["aws:route53/healthCheck:HealthCheck", "aws:cloudwatch/metricAlarm:MetricAlarm"]);

/** Resource types AWS bills for, which no price module covers yet: what their bill is made of. */
const NOT_PRICED: Readonly<Record<string, string>> = {
  "aws:lb/loadBalancer:LoadBalancer": "Network Load Balancer hours and NLCUs",
  "aws:ec2/instance:Instance": "EC2 instance hours and their EBS root volumes",
  "aws:autoscaling/group:Group":
    "EC2 instance hours of the Auto Scaling groups (estimated on their own under EC2 instance-hours) and their EBS root volumes",
  "aws:wafv2/webAcl:WebAcl":
    "WAF web ACLs, rules and inspected requests (estimated on their own under web ACLs and authorizers)",
  "aws:lambda/function:Function":
    "Lambda authorizer invocations and duration (estimated on their own under web ACLs and authorizers)",
  "aws:apigateway/restApi:RestApi": "API Gateway REST API requests (and its caching, if turned on)",
  "aws:dynamodb/table:Table":
    "DynamoDB on-demand reads and writes, storage, replicated writes to each replica, point-in-time recovery",
  "aws:cloudwatch/logGroup:LogGroup": "CloudWatch Logs ingestion and storage (API access logs)",
  "aws:cloudwatch/dashboard:Dashboard":
    "CloudWatch dashboards (a monthly charge per dashboard beyond the account's free ones; CloudWatch pricing)",
  "aws:sns/topic:Topic": "SNS notifications (e-mail: the first 1,000 a month are free)",
};

/**
 * Resource types with no charge of their own: configuration, free public certificates, gateway VPC
 * endpoints, or parts billed through a line above (records through queries, API Gateway parts through
 * requests, load-balancer parts through the load balancer).
 */
const NO_CHARGE_OF_THEIR_OWN = new Set([
  "aws:route53/record:Record",
  "aws:acm/certificate:Certificate",
  "aws:acm/certificateValidation:CertificateValidation",
  "aws:iam/role:Role",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:iam/instanceProfile:InstanceProfile",
  "aws:ec2/securityGroup:SecurityGroup",
  "aws:ec2/vpcEndpoint:VpcEndpoint",
  "awsx:ec2:Vpc",
  "aws:lb/targetGroup:TargetGroup",
  "aws:lb/listener:Listener",
  "aws:lb/targetGroupAttachment:TargetGroupAttachment",
  "aws:apigateway/account:Account",
  "aws:apigateway/resource:Resource",
  "aws:apigateway/method:Method",
  "aws:apigateway/methodSettings:MethodSettings",
  "aws:apigateway/integration:Integration",
  "aws:apigateway/deployment:Deployment",
  "aws:apigateway/stage:Stage",
  "aws:apigateway/domainName:DomainName",
  "aws:apigateway/basePathMapping:BasePathMapping",
  "aws:apigateway/vpcLink:VpcLink",
  "aws:apigateway/authorizer:Authorizer",
  "aws:autoscaling/policy:Policy",
  "aws:ec2/launchTemplate:LaunchTemplate",
  "aws:lambda/permission:Permission",
  "aws:wafv2/webAclAssociation:WebAclAssociation",
]);

/** The input that tells what a left-out resource will cost, e.g. which instance type. */
const DETAIL_INPUT: Readonly<Record<string, string>> = {
  "aws:ec2/instance:Instance": "instanceType",
  "aws:lb/loadBalancer:LoadBalancer": "loadBalancerType",
};

/** Always outside the estimate, whatever the plan holds. */
const ALWAYS_LEFT_OUT = [
  "data transfer out to the internet and between regions",
  "the hosted zone ($0.50 a month; it exists before this stack)",
];

export interface LeftOut {
  readonly what: string;
  /** The plan's resources of that type, per region (region → count); absent for ALWAYS_LEFT_OUT. */
  readonly type?: string;
  readonly perRegion?: Readonly<Record<string, number>>;
  /** The distinct values of the input that sets its price, e.g. instance types. */
  readonly detail?: readonly string[];
}

export interface CostEstimate {
  /** What the total covers. */
  readonly scope: "failover layer only";
  readonly lineItems: readonly CostLineItem[];
  readonly totalUsdPerMonth: number;
  /** What AWS bills for that the total leaves out, from the plan. */
  readonly leftOut: readonly LeftOut[];
  /** Resource types this estimate knows nothing about: neither priced, nor listed as left out or free. */
  readonly unreviewedTypes: readonly string[];
}

function perRegion(plan: Plan, type: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const resource of plan.resources.filter((r) => r.type === type)) {
    const region = resource.region ?? "global";
    counts[region] = (counts[region] ?? 0) + 1;
  }
  return counts;
}

function detailOf(plan: Plan, type: string): { detail?: string[] } {
  const input = DETAIL_INPUT[type];
  if (input === undefined) return {};
  const values = plan.resources.filter((r) => r.type === type).map((r) => r.inputs[input]);
  return { detail: [...new Set(values.map((v) => (typeof v === "string" ? v : "unknown")))] };
}

const isCustomAwsType = (type: string) => type.startsWith("aws:") || type.startsWith("awsx:");

export function estimateCost(plan: Plan, failoverLayer: MonthlyCostInput): CostEstimate {
  const lineItems = failoverLayerLineItems(failoverLayer);
  const types = [...new Set(plan.resources.map((r) => r.type))];
  return {
    scope: "failover layer only",
    lineItems,
    totalUsdPerMonth: totalOf(lineItems),
    leftOut: [
      ...types
        .filter((type) => NOT_PRICED[type] !== undefined)
        .map((type) => ({
          what: NOT_PRICED[type],
          type,
          perRegion: perRegion(plan, type),
          ...detailOf(plan, type),
        })),
      ...ALWAYS_LEFT_OUT.map((what) => ({ what })),
    ],
    unreviewedTypes: types.filter(
      (type) =>
        isCustomAwsType(type) &&
        !PRICED.has(type) &&
        NOT_PRICED[type] === undefined &&
        !NO_CHARGE_OF_THEIR_OWN.has(type),
    ),
  };
}
