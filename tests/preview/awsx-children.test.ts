// The awsx plugin's children of an awsx:ec2:Vpc, which the mocks leave out of the plan: counted as
// pulumi/pulumi-awsx awsx/ec2/vpc.ts creates them, or said to be uncounted.
import { describe, expect, it } from "vitest";
import { awsxVpcChildren } from "../../tools/preview/awsx-children";
import type { PlannedResource } from "../../tools/preview/plan";

function vpc(inputs: Record<string, unknown>): PlannedResource {
  return {
    urn: "urn:pulumi:prod::multi-region-api::multiregion:index:RegionalApi$awsx:ec2:Vpc::api-vpc",
    type: "awsx:ec2:Vpc",
    name: "api-vpc",
    custom: false,
    inputs,
    outputs: {},
    dependencies: [],
    propertyDependencies: {},
    options: { protect: false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [] },
  };
}

const PRIVATE_NO_NAT = {
  subnetSpecs: [{ type: "Private", cidrMask: 20 }],
  natGateways: { strategy: "None" },
};

describe("awsxVpcChildren", () => {
  it("counts the VPC, the internet gateway, and a subnet, route table and association per zone and spec", () => {
    expect(awsxVpcChildren(vpc({ ...PRIVATE_NO_NAT, numberOfAvailabilityZones: 2 }))).toMatchObject({
      total: 8,
      counts: {
        "aws:ec2:Vpc": 1,
        "aws:ec2:InternetGateway": 1,
        "aws:ec2:Subnet": 2,
        "aws:ec2:RouteTable": 2,
        "aws:ec2:RouteTableAssociation": 2,
      },
    });
    const threeZonesTwoSpecs = {
      ...PRIVATE_NO_NAT,
      subnetSpecs: [{ type: "Private" }, { type: "Isolated" }],
      availabilityZoneNames: ["us-east-1a", "us-east-1b", "us-east-1c"],
    };
    expect(awsxVpcChildren(vpc(threeZonesTwoSpecs)).total).toBe(2 + 3 * 2 * 3);
  });

  it("does not guess for shapes with NAT gateways, public subnets, endpoints or a default zone count", () => {
    for (const inputs of [
      { ...PRIVATE_NO_NAT, numberOfAvailabilityZones: 2, natGateways: { strategy: "Single" } },
      { ...PRIVATE_NO_NAT, numberOfAvailabilityZones: 2, subnetSpecs: [{ type: "Public" }] },
      { ...PRIVATE_NO_NAT, numberOfAvailabilityZones: 2, vpcEndpointSpecs: [{ serviceName: "s3" }] },
      PRIVATE_NO_NAT,
    ]) {
      expect(awsxVpcChildren(vpc(inputs)).total).toBeUndefined();
    }
  });
});
