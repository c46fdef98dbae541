/**
 * The stand-in `awsx` provider plugin: `awsx:ec2:Vpc` is a remote component, so the engine asks this plugin
 * to construct it. The component's outputs are the mocks' answer for it (tools/aws-mocks), so one rulebook
 * serves the mock runtime and the engine.
 */
import { readFileSync } from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import * as provider from "@pulumi/pulumi/provider";
import { AwsMocks } from "../aws-mocks";

class Vpc extends pulumi.ComponentResource {
  constructor(name: string, outputs: Record<string, unknown>, opts: pulumi.ComponentResourceOptions) {
    super("awsx:ec2:Vpc", name, {}, opts);
    this.registerOutputs(outputs);
  }
}

const awsx: provider.Provider = {
  version: (
    JSON.parse(readFileSync(require.resolve("@pulumi/awsx/package.json"), "utf8")) as { version: string }
  ).version,
  async construct(name, type, inputs, options) {
    if (type !== "awsx:ec2:Vpc") {
      throw new Error(`the stand-in awsx provider constructs only awsx:ec2:Vpc, not ${type}`);
    }
    const answer = new AwsMocks().newResource({ type, name, inputs, custom: false });
    const state = answer.state as Record<string, unknown>;
    const outputs = {
      vpcId: state.vpcId,
      privateSubnetIds: state.privateSubnetIds,
      publicSubnetIds: state.publicSubnetIds,
      isolatedSubnetIds: state.isolatedSubnetIds,
    };
    const vpc = new Vpc(name, outputs, options);
    return { urn: vpc.urn, state: outputs };
  },
};

void provider.main(awsx, process.argv.slice(2));
