// Day-2 changes to a running fleet: raising the floor while target tracking has moved the group, and the
// provider's capacity wait that would turn it into a 10-minute hang and a failed `up` (issue 21).
import { describe, expect, it } from "vitest";
import { AwsMocks } from "../../tools/aws-mocks";
import { configProblems, runStack, stackFileConfig } from "../support/stacks";

const GROUP = "aws:autoscaling/group:Group";
const prod = stackFileConfig("prod");
const raisedFloor = { ...prod, backend: { ...(prod.backend as object), instanceCount: 3 } };

describe("an operator raises backend.instanceCount while the groups are scaled out", () => {
  it("the up does not wait for an exact instance count: every group sets waitForCapacityTimeout 0", async () => {
    // Target tracking left 4 instances in service; the provider would wait for exactly max(min 3, desired 3).
    const run = await runStack(raisedFloor, { autoScalingInService: 4 });
    const groups = run.registrations.filter((r) => r.type === GROUP);
    expect(groups.map((g) => [g.inputs.minSize, g.inputs.waitForCapacityTimeout])).toEqual([
      [3, "0"],
      [3, "0"],
    ]);
  });

  it("a group that keeps the provider's wait fails the up as the provider does", () => {
    const mocks = new AwsMocks({ autoScalingInService: 4 });
    const { id } = mocks.newResource({
      type: "pulumi:providers:aws",
      name: "p",
      inputs: { region: "us-east-1" },
      custom: true,
    });
    const provider = `urn:pulumi:test::multi-region-api::pulumi:providers:aws::p::${String(id)}`;
    const group = { minSize: 3, desiredCapacity: 3, maxSize: 6, vpcZoneIdentifiers: ["subnet-1"] };
    expect(() =>
      mocks.newResource({ type: GROUP, name: "app", inputs: group, provider, custom: true }),
    ).toThrow(
      "timeout while waiting for state to become 'ok' (last state: 'want exactly 3 healthy instance(s) in Auto Scaling Group, have 4', timeout: 10m)",
    );
    expect(
      mocks.newResource({
        type: GROUP,
        name: "app2",
        inputs: { ...group, waitForCapacityTimeout: "0" },
        provider,
        custom: true,
      }).id,
    ).toBeDefined();
  });
});

describe("AMI changes are deliberate (backend.amiIds)", () => {
  const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
  const templatesOf = async (config: Record<string, unknown>) =>
    (await runStack(config)).registrations.filter((r) => r.type === LAUNCH_TEMPLATE);

  it("a pinned AMI is the template's image, and a change of the pin is a change of the template", async () => {
    const pinned = {
      ...prod,
      backend: { ...(prod.backend as object), amiIds: { "eu-west-1": "ami-0123456789abcdef0" } },
    };
    const [before, after] = [await templatesOf(prod), await templatesOf(pinned)];
    const imageOf = (templates: typeof before, region: string) =>
      templates.find((t) => t.name.includes(region))?.inputs.imageId;
    expect(imageOf(after, "eu-west-1")).toBe("ami-0123456789abcdef0");
    // The other region keeps the AMI it was resolved to.
    expect(imageOf(after, "us-east-1")).toBe(imageOf(before, "us-east-1"));
    expect(imageOf(before, "eu-west-1")).toMatch(/^ami-[0-9a-f]{17}$/);
    expect(imageOf(before, "eu-west-1")).not.toBe("ami-0123456789abcdef0");
  });

  it("refuses an AMI pin that is no AMI ID or names a region the stack does not deploy, naming the key", () => {
    const backend = (amiIds: unknown) => ({ ...prod, backend: { ...(prod.backend as object), amiIds } });
    expect(configProblems(backend({ "eu-west-1": "resolve:ssm:/x" }))).toEqual([
      "multi-region-api:backend.amiIds.eu-west-1: must be an AMI ID such as ami-0123456789abcdef0",
    ]);
    expect(configProblems(backend({ "ap-south-1": "ami-0123456789abcdef0" }))).toEqual([
      'multi-region-api:backend.amiIds.ap-south-1: "ap-south-1" is not a configured region; allowed: us-east-1, eu-west-1',
    ]);
  });
});
