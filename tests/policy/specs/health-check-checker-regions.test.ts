/** health-check-checker-regions in process: a check without a region list passes; each test sets one. */
import { describe, expect, it } from "vitest";
import { healthCheckCheckerRegions } from "../../../policy-pack/policies/health-check-checker-regions";
import { UNKNOWN } from "../../../tools/policy-harness";
import { runResourcePolicy } from "../../support/policy-in-process";
import { healthCheck } from "../fixtures";

const PRIMARY_CHECK = healthCheck("us-east-1");

describe("health-check-checker-regions", () => {
  const run = (regions: unknown) =>
    runResourcePolicy(healthCheckCheckerRegions, [
      healthCheck("us-east-1", { regions: regions as string[] }),
    ]);
  const all =
    "us-east-1, us-west-1, us-west-2, eu-west-1, ap-southeast-1, ap-southeast-2, ap-northeast-1, sa-east-1";

  it("passes no list, an empty list (all checkers) and three valid regions", async () => {
    expect(await run(undefined)).toEqual([]);
    expect(await run([])).toEqual([]);
    expect(await run(["us-east-1", "eu-west-1", "ap-southeast-1"])).toEqual([]);
  });

  it("reports two regions, and three entries that are two distinct regions", async () => {
    const message = "regions names 2 distinct checker region(s); Route 53 needs at least 3.";
    expect(await run(["us-east-1", "eu-west-1"])).toEqual([
      { enforcementLevel: "mandatory", urn: PRIMARY_CHECK.urn, message },
    ]);
    expect((await run(["us-east-1", "us-east-1", "eu-west-1"])).map((f) => f.message)).toEqual([message]);
  });

  it("reports regions Route 53 does not check from, listing the ones it does", async () => {
    expect((await run(["us-east-1", "eu-west-1", "eu-central-1"])).map((f) => f.message)).toEqual([
      `regions names eu-central-1, which Route 53 does not check from; choose from ${all}.`,
    ]);
  });

  it("skips an unknown list, and the count while an entry is unknown", async () => {
    expect(await run(UNKNOWN)).toEqual([]);
    expect(await run(["us-east-1", UNKNOWN])).toEqual([]);
  });
});
