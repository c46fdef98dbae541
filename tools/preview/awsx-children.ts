/**
 * What the offline plan leaves out: `awsx:ec2:Vpc` is a remote component, so the real preview runs the awsx
 * plugin, which registers the VPC's children (the VPC itself, an internet gateway, and per availability zone
 * and subnet spec a subnet, its route table and their association). The mocks answer the component with its
 * outputs alone, so these are counted here from its inputs, as pulumi/pulumi-awsx `awsx/ec2/vpc.ts`
 * (`Vpc.initialize`) creates them (docs/aws-facts.md, "Engine-true policy checks").
 */
import type { Plan, PlannedResource } from "./plan";

export const AWSX_VPC_TYPE = "awsx:ec2:Vpc";

export interface PluginChildren {
  readonly parentUrn: string;
  readonly parentName: string;
  /** Display type → how many; undefined when these inputs are a shape not counted offline. */
  readonly counts?: Readonly<Record<string, number>>;
  readonly total?: number;
}

function availabilityZoneCount(inputs: Record<string, unknown>): number | undefined {
  if (Array.isArray(inputs.availabilityZoneNames)) return inputs.availabilityZoneNames.length;
  return typeof inputs.numberOfAvailabilityZones === "number" ? inputs.numberOfAvailabilityZones : undefined;
}

/** Only subnets without a route to the internet and no NAT gateways: no EIPs, NAT gateways or routes. */
function subnetSpecCount(inputs: Record<string, unknown>): number | undefined {
  const specs = inputs.subnetSpecs;
  const nat = inputs.natGateways as { strategy?: unknown } | undefined;
  const closed =
    Array.isArray(specs) &&
    specs.every((spec) =>
      ["private", "isolated"].includes(String((spec as { type?: unknown }).type).toLowerCase()),
    );
  const noEndpoints = !Array.isArray(inputs.vpcEndpointSpecs) || inputs.vpcEndpointSpecs.length === 0;
  return closed && noEndpoints && String(nat?.strategy).toLowerCase() === "none" ? specs.length : undefined;
}

export function awsxVpcChildren(vpc: PlannedResource): PluginChildren {
  const zones = availabilityZoneCount(vpc.inputs);
  const specs = subnetSpecCount(vpc.inputs);
  const base = { parentUrn: vpc.urn, parentName: vpc.name };
  if (zones === undefined || specs === undefined) {
    return base;
  }
  const subnets = zones * specs;
  const counts = {
    "aws:ec2:Vpc": 1,
    "aws:ec2:InternetGateway": 1, // created unconditionally, even with no public subnet
    "aws:ec2:Subnet": subnets,
    "aws:ec2:RouteTable": subnets,
    "aws:ec2:RouteTableAssociation": subnets,
  };
  return { ...base, counts, total: Object.values(counts).reduce((sum, n) => sum + n, 0) };
}

export function pluginChildrenOf(plan: Plan): PluginChildren[] {
  return plan.resources.filter((resource) => resource.type === AWSX_VPC_TYPE).map(awsxVpcChildren);
}
