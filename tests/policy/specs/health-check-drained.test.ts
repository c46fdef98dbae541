/** health-check-drained in process: a check in service passes; each test changes one of its flags. */
import { describe, expect, it } from "vitest";
import { healthCheckDrained } from "../../../policy-pack/policies/health-check-drained";
import { AnalyzedResource, JsonObject, UNKNOWN } from "../../../tools/policy-harness";
import { runResourcePolicy } from "../../support/policy-in-process";
import { FAILOVER_NAME, healthCheck } from "../fixtures";
import { drainCheck } from "./builders";

const PRIMARY_CHECK = healthCheck("us-east-1");

describe("health-check-drained", () => {
  const run = (check: AnalyzedResource, config = {}) =>
    runResourcePolicy(healthCheckDrained, [check], config);

  it("says nothing about checks in service", async () => {
    expect(await run(PRIMARY_CHECK)).toEqual([]);
  });

  it("tells, as advisory, that a region whose check is always unhealthy is drained", async () => {
    const drain = drainCheck("eu-west-1");
    expect(await run(drain)).toEqual([
      {
        enforcementLevel: "advisory",
        urn: drain.urn,
        message:
          "Health check for region eu-west-1 is always unhealthy (CALCULATED, childHealthThreshold above its children): " +
          "the region is drained and answers only when no region in service is healthy. Remove it from " +
          "drainedRegions to bring traffic back.",
      },
    ]);
  });

  it("says nothing of a CALCULATED check its children can satisfy, nor while preview cannot tell", async () => {
    expect(await run(drainCheck("eu-west-1", { childHealthThreshold: 1 }))).toEqual([]);
    expect(await run(drainCheck("eu-west-1", { childHealthThreshold: UNKNOWN }))).toEqual([]);
  });

  it("reports an inverted check with its region tag, as advisory", async () => {
    expect(await run(healthCheck("us-east-1", { invertHealthcheck: true }))).toEqual([
      {
        enforcementLevel: "advisory",
        urn: PRIMARY_CHECK.urn,
        message:
          "Health check for region us-east-1 is inverted (invertHealthcheck: true): it passes while the region " +
          "is down, so a broken region can take the failover traffic. Drain with drainedRegions instead.",
      },
    ]);
  });

  it("reports a disabled check, naming the region tag in any case, else the fqdn, else the resource", async () => {
    const disabled = (overrides: JsonObject) =>
      run(healthCheck("eu-west-1", { disabled: true, ...overrides })).then((f) => f.map((x) => x.message));
    const tail =
      " is disabled: Route 53 treats the region as always healthy and keeps sending it traffic even when it fails.";
    expect(await disabled({ tags: { REGION: "eu-west-1" } })).toEqual([
      `Health check for region eu-west-1${tail}`,
    ]);
    expect(await disabled({ tags: { Region: 7 } })).toEqual([
      `Health check for eu-west-1.${FAILOVER_NAME}${tail}`,
    ]);
    expect(await disabled({ tags: { Name: "x" } })).toEqual([
      `Health check for eu-west-1.${FAILOVER_NAME}${tail}`,
    ]);
    expect(await disabled({ tags: undefined })).toEqual([
      `Health check for eu-west-1.${FAILOVER_NAME}${tail}`,
    ]);
    expect(await disabled({ tags: undefined, fqdn: undefined })).toEqual([
      `Health check for api-eu-west-1${tail}`,
    ]);
  });

  it("reports both when a check is inverted and disabled; a config can make it mandatory", async () => {
    const both = healthCheck("us-east-1", { invertHealthcheck: true, disabled: true });
    expect((await run(both)).map((f) => f.enforcementLevel)).toEqual(["advisory", "advisory"]);
    expect((await run(both, { enforcementLevel: "mandatory" })).map((f) => f.enforcementLevel)).toEqual([
      "mandatory",
      "mandatory",
    ]);
  });

  it("skips unknown flags and other resource types", async () => {
    expect(await run(healthCheck("us-east-1", { invertHealthcheck: UNKNOWN, disabled: UNKNOWN }))).toEqual(
      [],
    );
    expect(
      await run({ ...healthCheck("us-east-1", { disabled: true }), type: "aws:s3/bucket:Bucket" }),
    ).toEqual([]);
  });
});
