/**
 * The health check policies run in the test process (tests/support/policy-in-process.ts), beside their gRPC
 * tests in ../health-checks.test.ts: bounds tried on both sides, defaults, preview unknowns, exact messages.
 */
import { describe, expect, it } from "vitest";
import { failoverRtoBudget } from "../../../policy-pack/policies/failover-rto-budget";
import { healthCheckAlarmUsEast1 } from "../../../policy-pack/policies/health-check-alarm-us-east-1";
import { healthCheckCheckerRegions } from "../../../policy-pack/policies/health-check-checker-regions";
import { healthCheckDrained } from "../../../policy-pack/policies/health-check-drained";
import { healthCheckHttps } from "../../../policy-pack/policies/health-check-https";
import { AnalyzedResource, JsonObject, UNKNOWN } from "../../../tools/policy-harness";
import { runResourcePolicy, runStackPolicy, urnsOf } from "../../support/policy-in-process";
import {
  asPreview,
  awsProvider,
  FAILOVER_NAME,
  failoverCnameRecord,
  failoverPair,
  healthCheck,
  healthCheckAlarm,
  regionalTarget,
  TYPES,
  usingHealthCheck,
  withProps,
} from "../fixtures";

const PRIMARY_CHECK = healthCheck("us-east-1");

describe("health-check-https in process", () => {
  const run = (primaryCheck: JsonObject, config = {}) =>
    runStackPolicy(healthCheckHttps, failoverPair({ primaryCheck }), config);
  const messages = async (primaryCheck: JsonObject, config = {}) =>
    (await run(primaryCheck, config)).map((f) => f.message);
  const problem = (text: string) => [`Health check ${PRIMARY_CHECK.name}: ${text}`];

  it("passes FailoverDns's checks and a plain HTTPS check with Route 53's defaults", async () => {
    expect(await run({})).toEqual([]);
    const plain = {
      type: "HTTPS",
      port: undefined,
      enableSni: undefined,
      searchString: undefined,
      failureThreshold: undefined,
      requestInterval: undefined,
    };
    expect(await run(plain)).toEqual([]);
  });

  it.each([
    [{ type: "HTTP" }, "type is HTTP; use HTTPS or HTTPS_STR_MATCH, which reach the API as clients do."],
    [{ type: undefined }, "type is unset; use HTTPS or HTTPS_STR_MATCH, which reach the API as clients do."],
    [{ port: 80 }, "port is 80; use 443."],
    [{ enableSni: false }, "enableSni is false; turn SNI on so API Gateway serves the right custom domain."],
    [
      { resourcePath: undefined },
      'resourcePath is unset; set the health endpoint\'s path, starting with "/".',
    ],
    [
      { resourcePath: "health" },
      'resourcePath is health; set the health endpoint\'s path, starting with "/".',
    ],
    [{ failureThreshold: 0 }, "failureThreshold is 0; use 1 to 3 so failover starts soon enough."],
    [{ failureThreshold: 4 }, "failureThreshold is 4; use 1 to 3 so failover starts soon enough."],
    [{ requestInterval: 20 }, "requestInterval is 20; Route 53 accepts only 10 or 30."],
    [
      { searchString: undefined },
      "searchString is unset; a string-match check needs the text a healthy body contains.",
    ],
    [
      { searchString: "" },
      "searchString is unset; a string-match check needs the text a healthy body contains.",
    ],
    [{ searchString: "x".repeat(256) }, "searchString has 256 characters; Route 53 allows at most 255."],
    [
      { fqdn: regionalTarget("us-east-1") },
      `fqdn ${regionalTarget("us-east-1")} is an API Gateway regional target name, which never passes ` +
        "(docs/aws-facts.md#health-check-needs-the-custom-domain-name); check a per-region hostname served by its own custom domain.",
    ],
    [
      { fqdn: `API.${FAILOVER_NAME}.`.replace("API.", "") },
      `fqdn ${FAILOVER_NAME}. is the failover name itself (docs/aws-facts.md#health-check-not-on-the-failover-name); check the region's own hostname.`,
    ],
  ])("reports %o on the check, as mandatory", async (change, text) => {
    const found = await run(change);
    expect(found).toEqual([
      { enforcementLevel: "mandatory", urn: PRIMARY_CHECK.urn, message: problem(text)[0] },
    ]);
  });

  it("accepts the bounds: threshold 1 and 3, interval 10 and 30, a 255-character search string", async () => {
    for (const change of [
      { failureThreshold: 1 },
      { failureThreshold: 3 },
      { requestInterval: 10 },
      { requestInterval: 30 },
      { searchString: "x".repeat(255) },
      { type: "HTTPS", searchString: undefined },
      { fqdn: `us-east-1.${FAILOVER_NAME}` },
      { fqdn: `api.${regionalTarget("us-east-1")}` },
      { fqdn: `${regionalTarget("us-east-1")}.example.com` },
    ]) {
      expect(await run(change), JSON.stringify(change)).toEqual([]);
    }
  });

  it("puts every problem of a check in one message", async () => {
    expect(await messages({ port: 80, enableSni: false })).toEqual(
      problem(
        "port is 80; use 443. enableSni is false; turn SNI on so API Gateway serves the right custom domain.",
      ),
    );
  });

  it("takes maxFailureThreshold from config, never above Route 53's 10, and the default for a non-number", async () => {
    expect(await run({ failureThreshold: 5 }, { maxFailureThreshold: 5 })).toEqual([]);
    expect(await messages({ failureThreshold: 6 }, { maxFailureThreshold: 5 })).toEqual(
      problem("failureThreshold is 6; use 1 to 5 so failover starts soon enough."),
    );
    expect(await run({ failureThreshold: 10 }, { maxFailureThreshold: 20 })).toEqual([]);
    expect(await messages({ failureThreshold: 11 }, { maxFailureThreshold: 20 })).toEqual(
      problem("failureThreshold is 11; use 1 to 10 so failover starts soon enough."),
    );
    expect(await run({ failureThreshold: 4 }, { maxFailureThreshold: "5" })).toHaveLength(1);
  });

  it("judges only checks that a failover record uses, found by dependency or by ID", async () => {
    const unused = healthCheck("us-east-1", { type: "HTTP" });
    expect(await runStackPolicy(healthCheckHttps, [unused])).toEqual([]);
    const plainRecord = withProps(usingHealthCheck(failoverCnameRecord("PRIMARY", "us-east-1"), unused), {
      failoverRoutingPolicies: undefined,
    });
    expect(await runStackPolicy(healthCheckHttps, [unused, plainRecord])).toEqual([]);
    const byId = failoverPair({ primaryCheck: { port: 80 } }).map((r) => ({
      ...r,
      propertyDependencies: {},
      dependencies: [],
    }));
    expect(urnsOf(await runStackPolicy(healthCheckHttps, byId))).toEqual([PRIMARY_CHECK.urn]);
  });

  it("reports a check shared by two failover records once", async () => {
    const [primaryCheck, , primary, secondary] = failoverPair({ primaryCheck: { port: 80 } });
    const shared = usingHealthCheck({ ...secondary, propertyDependencies: {} }, primaryCheck);
    expect(urnsOf(await runStackPolicy(healthCheckHttps, [primaryCheck, primary, shared]))).toEqual([
      primaryCheck.urn,
    ]);
  });

  it("in preview, judges known settings and skips unknown ones, the fqdn checks included", async () => {
    const preview = (change: JsonObject) =>
      runStackPolicy(healthCheckHttps, asPreview(failoverPair({ primaryCheck: change })));
    expect(await preview({ port: 80 })).toHaveLength(1);
    for (const key of ["type", "port", "resourcePath", "failureThreshold", "requestInterval", "fqdn"]) {
      expect(await preview({ [key]: UNKNOWN }), key).toEqual([]);
    }
    expect(await preview({ searchString: UNKNOWN })).toEqual([]);
  });
});

describe("failover-rto-budget in process", () => {
  const run = (stack: readonly AnalyzedResource[], config = {}) =>
    runStackPolicy(failoverRtoBudget, stack, config);
  const cname = (ttl: unknown, check: JsonObject = {}) =>
    failoverPair({ kind: "cname", primary: { ttl: ttl as number }, primaryCheck: check });

  it("passes the prod settings (156 s) and exactly the 180 s budget", async () => {
    expect(await run(failoverPair())).toEqual([]);
    expect(await run(cname(84))).toEqual([]); // 30 × 3 + 6 + 84 = 180
  });

  it("reports 181 s on the slowest record, with the figure and its parts", async () => {
    const stack = cname(85);
    expect(await run(stack)).toEqual([
      {
        enforcementLevel: "mandatory",
        urn: stack[2].urn,
        message:
          "Failover of api.example.com CNAME may take 30 s × 3 + 6 s timeouts + 85 s TTL = 181 s, more than " +
          "the budget of 180 s; lower the TTL, the failure threshold or the request interval.",
      },
    ]);
  });

  it("judges a name once, on its slowest record, whichever comes first", async () => {
    const slowSecond = failoverPair({ kind: "cname", primary: { ttl: 10 }, secondary: { ttl: 100 } });
    expect(urnsOf(await run(slowSecond))).toEqual([slowSecond[3].urn]);
    const slowFirst = failoverPair({ kind: "cname", primary: { ttl: 100 }, secondary: { ttl: 10 } });
    expect(urnsOf(await run(slowFirst))).toEqual([slowFirst[2].urn]);
  });

  it("uses Route 53's defaults (30 s, 3 failures) for a check that leaves them unset", async () => {
    const unset = { requestInterval: undefined, failureThreshold: undefined };
    expect(await run(cname(84, unset))).toEqual([]);
    expect(await run(cname(85, unset))).toHaveLength(1);
    expect(await run(cname(60, { requestInterval: 10, failureThreshold: 10 }))).toEqual([]); // 166 s
    expect(await run(cname(60, { failureThreshold: 4 }))).toHaveLength(1); // 186 s
  });

  it("takes maxFailoverSeconds from config, and the default for a non-number", async () => {
    expect(await run(failoverPair(), { maxFailoverSeconds: 156 })).toEqual([]);
    expect(await run(failoverPair(), { maxFailoverSeconds: 155 })).toHaveLength(1);
    expect(await run(failoverPair(), { maxFailoverSeconds: "100" })).toEqual([]);
  });

  it("skips records that are not failover, have no check, or no TTL", async () => {
    const plain = failoverPair({ kind: "cname", primary: { ttl: 1000, failoverRoutingPolicies: undefined } });
    expect(await run(plain)).toEqual([]);
    const unchecked = failoverPair({ kind: "cname", primary: { ttl: 1000, healthCheckId: undefined } });
    expect(await run(unchecked.map((r) => ({ ...r, propertyDependencies: {}, dependencies: [] })))).toEqual(
      [],
    );
    expect(await run(cname(undefined))).toEqual([]);
  });

  it("judges each failover name of a stack on its own", async () => {
    // The same pair under another name: its resources get URNs of their own, and its links follow them.
    const renamed = (stack: AnalyzedResource[], name: string): AnalyzedResource[] => {
      const urn = (original: string) => `${original}-${name}`;
      return stack.map((r) => ({
        ...withProps(r, r.type === TYPES.record ? { name } : {}),
        name: `${r.name}-${name}`,
        urn: urn(r.urn),
        dependencies: r.dependencies?.map(urn),
        propertyDependencies: Object.fromEntries(
          Object.entries(r.propertyDependencies ?? {}).map(([key, urns]) => [key, urns.map(urn)]),
        ),
      }));
    };
    const slow = (name: string) =>
      renamed(failoverPair({ kind: "cname", primary: { ttl: 100 }, secondary: { ttl: 100 } }), name);
    const fast = renamed(failoverPair({ kind: "cname" }), "www.example.com");
    const api = slow("api.example.com");
    expect(urnsOf(await run([...api, ...fast]))).toEqual([api[2].urn]);
    const www = slow("www.example.com");
    expect(urnsOf(await run([...api, ...www])).sort()).toEqual([api[2].urn, www[2].urn].sort());
  });

  it("keeps failover names of other zones apart", async () => {
    const stack = failoverPair({ kind: "cname", primary: { ttl: 100, zoneId: "ZOTHER" } });
    expect(urnsOf(await run(stack))).toEqual([stack[2].urn]);
    const bothSlow = failoverPair({
      kind: "cname",
      primary: { ttl: 100, zoneId: "ZOTHER" },
      secondary: { ttl: 100 },
    });
    expect(urnsOf(await run(bothSlow))).toEqual([bothSlow[2].urn, bothSlow[3].urn]);
  });

  it("waits for a record's name, and judges records whose zone is not known yet together", async () => {
    expect(await run(cname(300).map((r, i) => (i === 2 ? withProps(r, { name: UNKNOWN }) : r)))).toEqual([]);
    const unplaced = failoverPair({
      kind: "cname",
      primary: { ttl: 100, zoneId: UNKNOWN },
      secondary: { zoneId: UNKNOWN },
    });
    expect(urnsOf(await run(unplaced))).toEqual([unplaced[2].urn]);
  });

  it("in preview, judges known parts and skips a name whose TTL or check settings are unknown", async () => {
    expect(await run(asPreview(cname(300)))).toHaveLength(1);
    expect(await run(asPreview(cname(UNKNOWN)))).toEqual([]);
    expect(await run(asPreview(cname(300, { failureThreshold: UNKNOWN })))).toEqual([]);
    expect(await run(asPreview(cname(300, { requestInterval: UNKNOWN })))).toEqual([]);
  });
});

describe("health-check-drained in process", () => {
  const run = (check: AnalyzedResource, config = {}) =>
    runResourcePolicy(healthCheckDrained, [check], config);

  it("says nothing about checks in service", async () => {
    expect(await run(PRIMARY_CHECK)).toEqual([]);
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

describe("health-check-checker-regions in process", () => {
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

describe("health-check-alarm-us-east-1 in process", () => {
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
  });
});
