/**
 * health-check-https in process: the checks the failover pair uses pass; each test changes the PRIMARY's
 * check (us-east-1), so a finding names that check.
 */
import { describe, expect, it } from "vitest";
import { healthCheckHttps } from "../../../policy-pack/policies/health-check-https";
import { JsonObject, UNKNOWN } from "../../../tools/policy-harness";
import { runStackPolicy, urnsOf } from "../../support/policy-in-process";
import {
  asPreview,
  FAILOVER_NAME,
  failoverCnameRecord,
  failoverPair,
  healthCheck,
  latencyAliasRecord,
  latencySet,
  regionalTarget,
  usingHealthCheck,
  withProps,
} from "../fixtures";
import { DRAIN, drainCheck } from "./builders";

const PRIMARY_CHECK = healthCheck("us-east-1");
const TYPE_RULE = "use HTTPS or HTTPS_STR_MATCH, which reach the API as clients do.";
const PATH_RULE = 'set the health endpoint\'s path, starting with "/".';

const run = (primaryCheck: JsonObject, config = {}) =>
  runStackPolicy(healthCheckHttps, failoverPair({ primaryCheck }), config);
const messages = async (primaryCheck: JsonObject, config = {}) =>
  (await run(primaryCheck, config)).map((f) => f.message);
const problem = (text: string) => [`Health check ${PRIMARY_CHECK.name}: ${text}`];

describe("health-check-https", () => {
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
    [{ port: 8443 }, "port is 8443; use 443."],
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
      { fqdn: `${FAILOVER_NAME}.` },
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

  it("puts every problem of a check in one message: HTTP_STR_MATCH on 80, TCP without a path", async () => {
    expect(await messages({ type: "HTTP_STR_MATCH", port: 80 })).toEqual(
      problem(`type is HTTP_STR_MATCH; ${TYPE_RULE} port is 80; use 443.`),
    );
    expect(await messages({ type: "TCP", resourcePath: undefined, searchString: undefined })).toEqual(
      problem(`type is TCP; ${TYPE_RULE} resourcePath is unset; ${PATH_RULE}`),
    );
  });

  it("leaves a drained region's always-unhealthy CALCULATED check alone, also while preview cannot tell", async () => {
    expect(await run(DRAIN)).toEqual([]);
    expect(await run({ ...DRAIN, childHealthThreshold: UNKNOWN })).toEqual([]);
  });

  it("reports a CALCULATED check its children can satisfy: it probes no API", async () => {
    expect(await messages({ ...DRAIN, childHealthThreshold: 1 })).toEqual(
      problem(`type is CALCULATED; ${TYPE_RULE} resourcePath is unset; ${PATH_RULE}`),
    );
  });

  it("judges the other checks beside a drain that a record uses", async () => {
    const [primaryCheck, secondaryCheck, primary, secondary] = failoverPair();
    const drain = drainCheck("eu-west-1");
    const stack = [primaryCheck, secondaryCheck, drain, primary, usingHealthCheck(secondary, drain)];
    expect(await runStackPolicy(healthCheckHttps, stack)).toEqual([]);
    const slowPrimary = withProps(primaryCheck, { failureThreshold: 10 });
    expect(urnsOf(await runStackPolicy(healthCheckHttps, [slowPrimary, ...stack.slice(1)]))).toEqual([
      primaryCheck.urn,
    ]);
  });

  it("judges the checks latency records use", async () => {
    const slow = healthCheck("eu-west-1", { failureThreshold: 10, type: "HTTP" });
    const stack = [
      ...latencySet().filter((r) => r.name !== slow.name && r.name !== "api-latency-eu-west-1"),
      slow,
      usingHealthCheck(latencyAliasRecord("eu-west-1"), slow),
    ];
    expect((await runStackPolicy(healthCheckHttps, stack)).map((f) => [f.urn, f.message])).toEqual([
      [slow.urn, expect.stringMatching(/type is HTTP;.*failureThreshold is 10;/)],
    ]);
  });
});
