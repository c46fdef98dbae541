import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import {
  APP_PORT,
  HEALTH_PATH,
  LIVENESS_PATH,
  USERS_TABLE_ACTIONS,
} from "@multi-region-api/model/contracts/backend";
import { renderUserData } from "./user-data";
import { createAppFleet, type FleetCapacity } from "./app-fleet";
import { assumableBy } from "./iam";

/** Where API Gateway sends a request: the base URL and how it gets there. */
export interface IntegrationTarget {
  /** `http://<internal NLB>` for the EC2 backend, `https://…` for an existing one; no trailing slash. */
  readonly baseUrl: pulumi.Input<string>;
  /**
   * The backend's own health route, when it has a fixed one (the app in `backend/` answers only
   * `/health`): the API's health route proxies there whatever path Route 53 checks. Undefined for an
   * existing backend, which is proxied on the checked path itself.
   */
  readonly healthPath?: string;
  readonly connectionType: "VPC_LINK" | "INTERNET";
  /** The VPC link's ID, for VPC_LINK. */
  readonly connectionId?: pulumi.Input<string>;
}

/** The EC2 backend's integration target and the Auto Scaling group behind it (for the dashboard). */
export interface Ec2Backend extends IntegrationTarget {
  readonly autoScalingGroup: aws.autoscaling.Group;
  readonly autoScalingGroupName: pulumi.Output<string>;
}

export interface Ec2BackendArgs {
  readonly region: string;
  readonly instanceType: string;
  /** The Auto Scaling group's min and desired size. */
  readonly instanceCount: number;
  /** The Auto Scaling group's max size. */
  readonly maxInstanceCount: number;
  /** A pinned AMI; undefined: the one AL2023's SSM parameter names at the first deploy (app-fleet.ts). */
  readonly amiId?: string;
  /** The global table's name, the same in every region. */
  readonly usersTableName: string;
  /** The ARN of this region's replica: the only table the instances may touch. */
  readonly usersTableReplicaArn: pulumi.Input<string>;
  /** The capacity figures to state on the group (app-fleet.ts); undefined: none. */
  readonly capacity?: FleetCapacity;
}

const VPC_CIDR = "10.0.0.0/16";
const LISTENER_PORT = 80;

/**
 * The EC2 backend of one region: private subnets with no NAT (the instances reach only DynamoDB and S3,
 * through gateway endpoints; AL2023's package repositories are on S3), an Auto Scaling group running the
 * app from `backend/`, an internal cross-zone NLB that checks the app's liveness route, and a VPC link
 * for API Gateway.
 */
export function createEc2Backend(name: string, args: Ec2BackendArgs, parent: pulumi.Resource): Ec2Backend {
  const opts = { parent };
  const vpc = new awsx.ec2.Vpc(
    `${name}-vpc`,
    {
      cidrBlock: VPC_CIDR,
      numberOfAvailabilityZones: 2,
      subnetStrategy: awsx.ec2.SubnetAllocationStrategy.Auto,
      subnetSpecs: [{ type: awsx.ec2.SubnetType.Private, cidrMask: 20 }],
      natGateways: { strategy: awsx.ec2.NatGatewayStrategy.None },
      enableDnsHostnames: true,
    },
    opts,
  );

  // Gateway endpoints are free and need the route tables, which awsx creates: look them up by VPC.
  const routeTableIds = aws.ec2.getRouteTablesOutput({ vpcId: vpc.vpcId }, opts).ids;
  const endpoints = ["dynamodb", "s3"].map(
    (service) =>
      new aws.ec2.VpcEndpoint(
        `${name}-${service}-endpoint`,
        {
          vpcId: vpc.vpcId,
          serviceName: `com.amazonaws.${args.region}.${service}`,
          vpcEndpointType: "Gateway",
          routeTableIds,
        },
        opts,
      ),
  );

  const nlbSecurityGroup = new aws.ec2.SecurityGroup(
    `${name}-nlb`,
    {
      vpcId: vpc.vpcId,
      description: "Internal NLB: takes API Gateway VPC link traffic, forwards to the app",
      ingress: [{ protocol: "tcp", fromPort: LISTENER_PORT, toPort: LISTENER_PORT, cidrBlocks: [VPC_CIDR] }],
      egress: [{ protocol: "tcp", fromPort: APP_PORT, toPort: APP_PORT, cidrBlocks: [VPC_CIDR] }],
    },
    opts,
  );
  const appSecurityGroup = new aws.ec2.SecurityGroup(
    `${name}-app`,
    {
      vpcId: vpc.vpcId,
      description: "App instances: reachable only from the NLB",
      ingress: [
        { protocol: "tcp", fromPort: APP_PORT, toPort: APP_PORT, securityGroups: [nlbSecurityGroup.id] },
      ],
      // No NAT and no internet gateway route: 443 reaches only the DynamoDB and S3 gateway endpoints.
      egress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }],
    },
    opts,
  );

  const role = new aws.iam.Role(
    `${name}-app`,
    {
      assumeRolePolicy: assumableBy("ec2.amazonaws.com"),
    },
    opts,
  );
  new aws.iam.RolePolicy(
    `${name}-app-users-table`,
    {
      role: role.id,
      policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: USERS_TABLE_ACTIONS, Resource: args.usersTableReplicaArn }],
      }),
    },
    opts,
  );
  const profile = new aws.iam.InstanceProfile(`${name}-app`, { role: role.name }, opts);

  const loadBalancer = new aws.lb.LoadBalancer(
    `${name}-nlb`,
    {
      internal: true,
      loadBalancerType: "network",
      subnets: vpc.privateSubnetIds,
      securityGroups: [nlbSecurityGroup.id],
      // Off by default for an NLB: each node would then send only to its own zone's instances, and a zone
      // whose instances are all being replaced would drop its share of traffic (docs/aws-facts.md).
      enableCrossZoneLoadBalancing: true,
      // VPC link traffic arrives over PrivateLink; the NLB's inbound rules must not drop it.
      enforceSecurityGroupInboundRulesOnPrivateLinkTraffic: "off",
    },
    opts,
  );
  const targetGroup = new aws.lb.TargetGroup(
    `${name}-app`,
    {
      port: APP_PORT,
      protocol: "TCP",
      targetType: "instance",
      vpcId: vpc.vpcId,
      // Liveness, not the deep route: the group uses ELB health, and a store outage must move traffic
      // away through Route 53, not terminate every instance (model/contracts/backend.ts, LIVENESS_PATH).
      healthCheck: { protocol: "HTTP", path: LIVENESS_PATH, port: String(APP_PORT), matcher: "200" },
    },
    opts,
  );
  const fleet = createAppFleet(
    `${name}-app`,
    {
      instanceType: args.instanceType,
      instanceCount: args.instanceCount,
      maxInstanceCount: args.maxInstanceCount,
      capacity: args.capacity,
      amiId: args.amiId,
      userData: renderUserData({ region: args.region, tableName: args.usersTableName, port: APP_PORT }),
      instanceProfileArn: profile.arn,
      securityGroupId: appSecurityGroup.id,
      subnetIds: vpc.privateSubnetIds,
      targetGroupArn: targetGroup.arn,
      // First boot installs Node.js from the AL2023 repositories on S3: the S3 endpoint must exist first.
      dependsOn: endpoints,
    },
    parent,
  );
  new aws.lb.Listener(
    `${name}-nlb`,
    {
      loadBalancerArn: loadBalancer.arn,
      port: LISTENER_PORT,
      protocol: "TCP",
      defaultActions: [{ type: "forward", targetGroupArn: targetGroup.arn }],
    },
    opts,
  );
  const vpcLink = new aws.apigateway.VpcLink(
    `${name}-link`,
    { name: `${name}-link`, targetArn: loadBalancer.arn },
    opts,
  );

  return {
    baseUrl: pulumi.interpolate`http://${loadBalancer.dnsName}`,
    healthPath: HEALTH_PATH,
    connectionType: "VPC_LINK",
    connectionId: vpcLink.id,
    autoScalingGroup: fleet.group,
    autoScalingGroupName: fleet.group.name,
  };
}
