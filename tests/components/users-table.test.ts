import * as aws from "@pulumi/aws";
import { describe, expect, it } from "vitest";
import { UsersTable } from "../../components";
import { runWithMocks } from "../../tools/stack-runner";
import { ofType } from "../support/stacks";

const ARGS = { tableName: "users", homeRegion: "eu-west-1", replicaRegions: ["us-east-1"] };

describe("UsersTable", () => {
  it.each([
    ["opts.provider", (provider: aws.Provider) => ({ provider })],
    ["opts.providers { aws }", (provider: aws.Provider) => ({ providers: { aws: provider } })],
  ])("takes the home region's provider as %s and creates the table there", async (_, optsFor) => {
    const run = await runWithMocks(() => {
      const provider = new aws.Provider("eu-west-1", { region: "eu-west-1" });
      const table = new UsersTable("users", ARGS, optsFor(provider));
      return table.replicaArn("us-east-1");
    });
    const [table] = ofType(run, "aws:dynamodb/table:Table");
    expect(table.region).toBe("eu-west-1");
    expect(run.outputs).toBe("arn:aws:dynamodb:us-east-1:123456789012:table/users");
  });

  it.each([
    [undefined, true],
    [true, true],
    [false, false],
  ])("deletionProtection %s protects the table and every replica: %s", async (deletionProtection, on) => {
    const run = await runWithMocks(() => {
      const provider = new aws.Provider("eu-west-1", { region: "eu-west-1" });
      new UsersTable("users", { ...ARGS, deletionProtection }, { provider });
    });
    const [table] = ofType(run, "aws:dynamodb/table:Table");
    expect(table.inputs.deletionProtectionEnabled).toBe(on);
    expect(table.inputs.replicas).toEqual([expect.objectContaining({ deletionProtectionEnabled: on })]);
  });

  it("refuses to run without an explicit provider, naming opts.provider", async () => {
    await expect(runWithMocks(() => new UsersTable("users", ARGS))).rejects.toThrow(
      "opts.provider: must be the aws.Provider of homeRegion",
    );
  });
});
