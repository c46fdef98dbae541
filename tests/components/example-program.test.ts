// The README's "Use the components in your own program" example, run as written under the strict mocks:
// the README's block is the file examples/components-in-your-program/index.ts, and that file builds a
// two-region failover API through the components package alone.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { FailoverEndpoint, RegionalApi } from "@multi-region-api/components";
import { runStackProgram } from "../../tools/stack-runner";
import { REPO_ROOT } from "../support/stacks";

const EXAMPLE = "examples/components-in-your-program/index.ts";
const read = (path: string) => readFileSync(join(REPO_ROOT, path), "utf8");

/** The fenced TypeScript block that follows the heading `heading` in a Markdown text. */
function blockAfter(markdown: string, heading: string): string {
  const start = markdown.indexOf("```ts\n", markdown.indexOf(heading));
  return markdown.slice(start + "```ts\n".length, markdown.indexOf("```", start + 6));
}

describe("the components used from another program", () => {
  it("is the README's example, character for character", () => {
    expect(blockAfter(read("README.md"), "## Use the components in your own program")).toBe(read(EXAMPLE));
  });

  it("takes a RegionalApi as a FailoverDns endpoint (a type test: tsc checks it)", () => {
    expectTypeOf<RegionalApi>().toExtend<FailoverEndpoint>();
  });

  it("builds both regions and their failover records on the right providers, with nothing refused", async () => {
    const run = await runStackProgram(
      async () => ({ ...((await import(join(REPO_ROOT, EXAMPLE))) as Record<string, unknown>) }),
      { stack: "example" },
    );
    expect(run.rejections.map((rejection) => rejection.message)).toEqual([]);
    expect(run.failure).toBeUndefined();
    expect(run.outputs.url).toBe("https://api.example.com");
    expect(run.outputs.failoverOrder).toEqual(["us-east-1", "eu-west-1"]);
    const records = run.registrations.filter((r) => r.type === "aws:route53/record:Record");
    const failover = records
      .filter((r) => r.inputs.name === "api.example.com")
      .map((r) => (r.inputs.failoverRoutingPolicies as { type: string }[] | undefined)?.[0]?.type);
    expect(failover.sort()).toEqual(["PRIMARY", "SECONDARY"]);
    const restApis = run.registrations.filter((r) => r.type === "aws:apigateway/restApi:RestApi");
    const providerNames = restApis.map(
      (r) => /pulumi:providers:aws::([^:]+)::/.exec(r.providerRef ?? "")?.[1],
    );
    expect(providerNames.sort()).toEqual(["eu-west-1", "us-east-1"]);
  });
});
