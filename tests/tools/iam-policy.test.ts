// `npm run iam-policy`: the deploy policy is derived from what the program registers, names no wildcard
// action, and refuses a resource type it knows no actions for.
import { describe, expect, it } from "vitest";
import { parseStackConfig } from "../../config";
import { createStack } from "../../stack";
import { ACTIONS_BY_TYPE } from "../../tools/iam-policy/actions";
import { deployPolicy, UnmappedTypeError } from "../../tools/iam-policy/policy";
import { runStackProgram } from "../../tools/stack-runner";
import { MINIMAL_CONFIG, stackFileConfig } from "../support/stacks";

async function registeredBy(raw: Record<string, unknown>) {
  const config = parseStackConfig(raw);
  const run = await runStackProgram(() => createStack(config), {
    stack: "prod",
    hostedZones: [config.hostedZoneName],
  });
  expect(run.rejections.map((r) => r.message)).toEqual([]);
  return {
    registered: {
      types: [...new Set(run.registrations.map((r) => r.type))],
      invokes: [...new Set(run.mocks.invokes)],
    },
    regions: config.regions.map((region) => region.name),
  };
}

const prod = () => stackFileConfig("prod");

describe("the deploy policy", () => {
  it.each([
    ["prod", prod()],
    ["latency routing with IPv6", { ...prod(), routing: "latency", dns: { ipv6: true } }],
    ["three regions", { ...prod(), regions: ["us-east-1", "eu-west-1", "ap-southeast-2"] }],
    ["an existing backend", { ...prod(), backend: { url: "https://backend.example.net" } }],
  ])("covers every type and lookup %s registers, with no wildcard action", async (_name, raw) => {
    const { registered, regions } = await registeredBy(raw);
    const policy = deployPolicy(registered, regions);
    const actions = policy.Statement.flatMap((statement) => statement.Action);
    for (const action of actions) expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z0-9]+$/);
    expect(new Set(actions).size).toBe(actions.length);
    for (const type of registered.types.filter((t) => t.startsWith("aws:"))) {
      for (const action of ACTIONS_BY_TYPE[type]!) expect(actions, type).toContain(action);
    }
    expect(actions).toContain("route53:ListHostedZones");
  });

  it("limits regional services to the stack's regions and global ones to us-east-1", async () => {
    const { registered, regions } = await registeredBy({
      ...MINIMAL_CONFIG,
      regions: ["eu-west-1", "ap-southeast-2"],
    });
    const policy = deployPolicy(registered, regions);
    const regionsOf = (sid: string) =>
      policy.Statement.find((statement) => statement.Sid === sid)!.Condition.StringEquals[
        "aws:RequestedRegion"
      ];
    expect(regionsOf("Ec2")).toEqual(["ap-southeast-2", "eu-west-1", "us-east-1"]);
    expect(regionsOf("Route53")).toEqual(["us-east-1"]);
    expect(regionsOf("Iam")).toEqual(["us-east-1"]);
  });

  it("refuses a type it knows no actions for, naming it", () => {
    expect(() =>
      deployPolicy({ types: ["aws:s3/bucket:Bucket", "aws:sns/topic:Topic"], invokes: [] }, ["us-east-1"]),
    ).toThrow(
      new UnmappedTypeError(
        "no IAM actions known for aws:s3/bucket:Bucket: add them to tools/iam-policy/actions.ts with their source",
      ),
    );
  });
});
