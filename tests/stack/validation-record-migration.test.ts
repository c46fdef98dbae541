// A stack created while the ACM validation record lived in the first region's RegionalApi, on that region's
// provider, now finds it on the us-east-1 provider: a provider change, so a replacement (pulumi/pulumi
// step_generator.go, providerChanged). Route 53 refuses to CREATE a record that exists, so the record must be
// deleted before it is recreated.
import { describe, expect, it } from "vitest";
import { parseStackConfig } from "../../config";
import { createStack } from "../../stack";
import { runStackProgram } from "../../tools/stack-runner";
import { stackFileConfig } from "../support/stacks";

describe("the ACM validation record moving to the us-east-1 provider", () => {
  it("is deleted before it is replaced", async () => {
    const config = parseStackConfig({ ...stackFileConfig("prod"), regions: ["eu-west-1", "us-east-1"] });
    const run = await runStackProgram(() => createStack(config));
    expect(run.rejections).toEqual([]);
    const [record] = run.registrations.filter(
      (r) => r.type === "aws:route53/record:Record" && r.name.endsWith("-validation"),
    );
    expect(record.providerRef).toContain("::us-east-1::");
    expect(record.options.deleteBeforeReplace).toBe(true);
  });
});
