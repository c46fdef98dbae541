/** health-check-alarm-us-east-1 in process: the alarm on a us-east-1 provider passes; each test moves it. */
import { describe, expect, it } from "vitest";
import { healthCheckAlarmUsEast1 } from "../../../policy-pack/policies/health-check-alarm-us-east-1";
import { AnalyzedResource, JsonObject, UNKNOWN } from "../../../tools/policy-harness";
import { runResourcePolicy } from "../../support/policy-in-process";
import { awsProvider, healthCheckAlarm } from "../fixtures";

describe("health-check-alarm-us-east-1", () => {
  const run = (alarm: AnalyzedResource) => runResourcePolicy(healthCheckAlarmUsEast1, [alarm]);

  it("passes a HealthCheckStatus alarm on a us-east-1 provider", async () => {
    expect(await run(healthCheckAlarm("us-east-1"))).toEqual([]);
  });

  it("reports one in another region, by its provider or its own region", async () => {
    const elsewhere = { ...healthCheckAlarm("us-east-1"), provider: awsProvider("eu-west-1") };
    expect(await run(elsewhere)).toEqual([
      {
        enforcementLevel: "mandatory",
        urn: elsewhere.urn,
        message:
          "The alarm on AWS/Route53 HealthCheckStatus is in eu-west-1; create it with a us-east-1 provider.",
      },
    ]);
    expect(await run(healthCheckAlarm("us-east-1", { region: "eu-west-1" }))).toHaveLength(1);
    expect(
      await run({
        ...healthCheckAlarm("us-east-1", { region: "us-east-1" }),
        provider: awsProvider("eu-west-1"),
      }),
    ).toEqual([]);
  });

  it("leaves other metrics, other namespaces and an unknown region alone", async () => {
    const elsewhere = (overrides: JsonObject) => ({
      ...healthCheckAlarm("us-east-1", overrides),
      provider: awsProvider("eu-west-1"),
    });
    expect(await run(elsewhere({ metricName: "ChildHealthCheckHealthyCount" }))).toEqual([]);
    expect(await run(elsewhere({ namespace: "AWS/EC2" }))).toEqual([]);
    expect(await run(healthCheckAlarm("us-east-1", { region: UNKNOWN }))).toEqual([]);
    expect(await run({ ...healthCheckAlarm("us-east-1"), provider: undefined })).toEqual([]);
    const unknownProvider = { ...awsProvider("eu-west-1"), properties: { region: UNKNOWN } };
    expect(await run({ ...healthCheckAlarm("us-east-1"), provider: unknownProvider })).toEqual([]);
  });
});
