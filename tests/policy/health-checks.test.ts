/**
 * The health check policies, through the real analyzer: health-check-https, failover-rto-budget,
 * health-check-drained, health-check-checker-regions, health-check-alarm-us-east-1.
 */
import { describe, expect, it } from "vitest";
import { AnalyzedResource, JsonObject, UNKNOWN } from "../../tools/policy-harness";
import {
  analyzeLikeTheCli,
  asPreview,
  awsProvider,
  byPolicy,
  FAILOVER_NAME,
  failoverPair,
  healthCheck,
  healthCheckAlarm,
  mandatory,
  regionalTarget,
  usePolicyPack,
} from "./fixtures";
import { DRAIN } from "./specs/builders";

const pack = usePolicyPack();

async function violations(policyName: string, resources: readonly AnalyzedResource[]) {
  return byPolicy(await analyzeLikeTheCli(pack, resources), policyName);
}

describe("health-check-https", () => {
  const policy = "health-check-https";
  const primaryCheckUrn = healthCheck("us-east-1").urn;

  it("passes a drained region's always-unhealthy CALCULATED check, also while preview cannot tell", async () => {
    expect(await violations(policy, failoverPair({ primaryCheck: DRAIN }))).toEqual([]);
    expect(
      await violations(policy, failoverPair({ primaryCheck: { ...DRAIN, childHealthThreshold: UNKNOWN } })),
    ).toEqual([]);
  });

  it("fails a CALCULATED check that can pass (threshold within its children): it probes no API", async () => {
    const found = await violations(
      policy,
      failoverPair({ primaryCheck: { ...DRAIN, childHealthThreshold: 1 } }),
    );
    expect(found.map((v) => v.message)).toEqual([expect.stringMatching(/type is CALCULATED/)]);
  });

  it("passes the HTTPS_STR_MATCH checks FailoverDns builds, and plain HTTPS with defaults", async () => {
    expect(await violations(policy, failoverPair())).toEqual([]);
    const plainHttps = { type: "HTTPS", port: undefined, enableSni: undefined, searchString: undefined };
    expect(await violations(policy, failoverPair({ primaryCheck: plainHttps }))).toEqual([]);
  });

  it.each<[string, JsonObject, RegExp]>([
    ["type HTTP_STR_MATCH", { type: "HTTP_STR_MATCH", port: 80 }, /type is HTTP_STR_MATCH/],
    ["type TCP", { type: "TCP", resourcePath: undefined, searchString: undefined }, /type is TCP/],
    ["port 8443", { port: 8443 }, /port is 8443/],
    ["SNI off", { enableSni: false }, /enableSni is false/],
    ["no resourcePath", { resourcePath: undefined }, /resourcePath is unset/],
    ["a resourcePath without a leading /", { resourcePath: "health" }, /resourcePath is health/],
    ["failureThreshold 4", { failureThreshold: 4 }, /failureThreshold is 4/],
    ["requestInterval 20", { requestInterval: 20 }, /requestInterval is 20/],
    [
      "the failover name as fqdn (docs/aws-facts.md#health-check-not-on-the-failover-name)",
      { fqdn: `${FAILOVER_NAME}.` },
      /is the failover name itself/,
    ],
    [
      "API Gateway's regional target as fqdn (docs/aws-facts.md#health-check-needs-the-custom-domain-name)",
      { fqdn: regionalTarget("us-east-1") },
      /regional target name/,
    ],
    ["a string match without searchString", { searchString: undefined }, /searchString is unset/],
    [
      "a searchString over 255 characters",
      { searchString: "x".repeat(256) },
      /searchString has 256 characters/,
    ],
  ])("reports %s", async (_label, change, message) => {
    const found = await violations(policy, failoverPair({ primaryCheck: change }));
    expect(found.map((v) => [v.enforcementLevel, v.urn])).toEqual([["mandatory", primaryCheckUrn]]);
    expect(found[0].message).toMatch(message);
  });

  it("leaves health checks that no failover record uses alone", async () => {
    expect(await violations(policy, [healthCheck("us-east-1", { type: "HTTP", port: 80 })])).toEqual([]);
  });

  it("finds the check by its ID when the engine gives no property dependency", async () => {
    const stack = failoverPair({ primaryCheck: { port: 80 } }).map((r) => ({
      ...r,
      propertyDependencies: {},
      dependencies: [],
    }));
    expect(await violations(policy, stack)).toHaveLength(1);
  });

  it("with maxFailureThreshold 5: passes threshold 5, still reports 6", async () => {
    await pack.configure({ [policy]: { properties: { maxFailureThreshold: 5 } } });
    expect(await violations(policy, failoverPair({ primaryCheck: { failureThreshold: 5 } }))).toEqual([]);
    expect(await violations(policy, failoverPair({ primaryCheck: { failureThreshold: 6 } }))).toHaveLength(1);
  });

  it("in preview, judges known settings of a check linked by property dependency, skips unknown ones", async () => {
    expect(
      mandatory(
        await violations(policy, asPreview(failoverPair({ primaryCheck: { type: "HTTP", port: 80 } }))),
      ),
    ).toHaveLength(1);
    const unknowns = {
      fqdn: UNKNOWN,
      resourcePath: UNKNOWN,
      port: UNKNOWN,
      failureThreshold: UNKNOWN,
      type: UNKNOWN,
    };
    expect(await violations(policy, asPreview(failoverPair({ primaryCheck: unknowns })))).toEqual([]);
  });
});

describe("failover-rto-budget", () => {
  const policy = "failover-rto-budget";

  it("passes the prod settings: 30 s × 3 + 6 s + 60 s = 156 s", async () => {
    expect(await violations(policy, failoverPair())).toEqual([]);
    expect(
      await violations(
        policy,
        failoverPair({ primaryCheck: { requestInterval: undefined, failureThreshold: undefined } }),
      ),
    ).toEqual([]);
  });

  it("reports a CNAME TTL that takes failover over 180 s, with the figure and its parts", async () => {
    const stack = failoverPair({ kind: "cname", primary: { ttl: 120 } });
    const found = await violations(policy, stack);
    expect(found.map((v) => [v.enforcementLevel, v.urn])).toEqual([["mandatory", stack[2].urn]]);
    expect(found[0].message).toContain("30 s × 3 + 6 s timeouts + 120 s TTL = 216 s");
  });

  it("reports a failure threshold that takes failover over budget", async () => {
    const found = await violations(policy, failoverPair({ secondaryCheck: { failureThreshold: 5 } }));
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain("= 216 s");
  });

  it("with maxFailoverSeconds 120: reports the prod settings, passes a 10 s interval", async () => {
    await pack.configure({ [policy]: { properties: { maxFailoverSeconds: 120 } } });
    expect(await violations(policy, failoverPair())).toHaveLength(1);
    const fast = { requestInterval: 10 };
    expect(await violations(policy, failoverPair({ primaryCheck: fast, secondaryCheck: fast }))).toEqual([]);
  });

  it("in preview, judges known parts and skips a name whose TTL or check settings are unknown", async () => {
    expect(
      await violations(policy, asPreview(failoverPair({ kind: "cname", primary: { ttl: 120 } }))),
    ).toHaveLength(1);
    expect(
      await violations(policy, asPreview(failoverPair({ kind: "cname", primary: { ttl: UNKNOWN } }))),
    ).toEqual([]);
    const unknownCheck = { failureThreshold: UNKNOWN };
    expect(
      await violations(
        policy,
        asPreview(failoverPair({ kind: "cname", primary: { ttl: 120 }, primaryCheck: unknownCheck })),
      ),
    ).toEqual([]);
  });
});

describe("health-check-drained (advisory)", () => {
  const policy = "health-check-drained";

  it("says nothing about checks in service", async () => {
    expect(await violations(policy, [healthCheck("us-east-1")])).toEqual([]);
  });

  it("reports a drain (always-unhealthy CALCULATED check) with its region, as advisory", async () => {
    const found = await violations(policy, [healthCheck("eu-west-1", DRAIN)]);
    expect(found.map((v) => v.enforcementLevel)).toEqual(["advisory"]);
    expect(found[0].message).toContain("region eu-west-1 is always unhealthy");
    expect(
      await violations(policy, [healthCheck("eu-west-1", { ...DRAIN, childHealthThreshold: 1 })]),
    ).toEqual([]);
    expect(
      await violations(policy, [healthCheck("eu-west-1", { ...DRAIN, childHealthThreshold: UNKNOWN })]),
    ).toEqual([]);
  });

  it("reports an inverted check with its region, as advisory: it passes while the region is down", async () => {
    const found = await violations(policy, [healthCheck("eu-west-1", { invertHealthcheck: true })]);
    expect(found.map((v) => v.enforcementLevel)).toEqual(["advisory"]);
    expect(found[0].message).toContain("region eu-west-1 is inverted");
    expect(found[0].message).toContain("passes while the region is down");
  });

  it("reports a disabled check, naming its fqdn when it has no region tag", async () => {
    const found = await violations(policy, [healthCheck("eu-west-1", { disabled: true, tags: undefined })]);
    expect(found.map((v) => v.enforcementLevel)).toEqual(["advisory"]);
    expect(found[0].message).toContain(`eu-west-1.${FAILOVER_NAME} is disabled`);
  });

  it("becomes mandatory when the config says so, and skips unknown flags", async () => {
    await pack.configure({ [policy]: { enforcementLevel: "mandatory" } });
    expect(
      mandatory(await violations(policy, [healthCheck("eu-west-1", { invertHealthcheck: true })])),
    ).toHaveLength(1);
    expect(
      await violations(policy, [healthCheck("eu-west-1", { invertHealthcheck: UNKNOWN, disabled: UNKNOWN })]),
    ).toEqual([]);
  });
});

describe("health-check-checker-regions", () => {
  const policy = "health-check-checker-regions";

  it("passes no regions (all checkers) and three valid ones", async () => {
    expect(await violations(policy, [healthCheck("us-east-1")])).toEqual([]);
    expect(
      await violations(policy, [
        healthCheck("us-east-1", { regions: ["us-east-1", "eu-west-1", "ap-southeast-1"] }),
      ]),
    ).toEqual([]);
  });

  it("reports fewer than three regions", async () => {
    const found = await violations(policy, [
      healthCheck("us-east-1", { regions: ["us-east-1", "eu-west-1", "us-east-1"] }),
    ]);
    expect(found.map((v) => v.enforcementLevel)).toEqual(["mandatory"]);
    expect(found[0].message).toContain("2 distinct checker region(s)");
  });

  it("reports a region Route 53 does not check from", async () => {
    const found = await violations(policy, [
      healthCheck("us-east-1", { regions: ["us-east-1", "eu-west-1", "eu-central-1"] }),
    ]);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain("eu-central-1");
  });

  it("skips unknown regions", async () => {
    expect(await violations(policy, [healthCheck("us-east-1", { regions: UNKNOWN })])).toEqual([]);
    expect(
      await violations(policy, [healthCheck("us-east-1", { regions: ["us-east-1", UNKNOWN, UNKNOWN] })]),
    ).toEqual([]);
  });
});

describe("health-check-alarm-us-east-1", () => {
  const policy = "health-check-alarm-us-east-1";

  it("passes a HealthCheckStatus alarm on a us-east-1 provider", async () => {
    expect(await violations(policy, [healthCheckAlarm("eu-west-1")])).toEqual([]);
  });

  it("reports a HealthCheckStatus alarm in another region", async () => {
    const found = await violations(policy, [
      { ...healthCheckAlarm("eu-west-1"), provider: awsProvider("eu-west-1") },
    ]);
    expect(found.map((v) => v.enforcementLevel)).toEqual(["mandatory"]);
    expect(found[0].message).toContain("is in eu-west-1");
    // @pulumi/aws 7: a resource's own region overrides its provider's.
    expect(await violations(policy, [healthCheckAlarm("eu-west-1", { region: "eu-west-1" })])).toHaveLength(
      1,
    );
  });

  it("leaves other metrics alone and skips an unknown region", async () => {
    const other = {
      ...healthCheckAlarm("eu-west-1", { namespace: "AWS/ApiGateway", metricName: "5XXError" }),
      provider: awsProvider("eu-west-1"),
    };
    expect(await violations(policy, [other])).toEqual([]);
    expect(
      await violations(policy, [
        {
          ...healthCheckAlarm("eu-west-1"),
          provider: { ...awsProvider("x"), properties: { region: UNKNOWN } },
        },
      ]),
    ).toEqual([]);
  });
});
