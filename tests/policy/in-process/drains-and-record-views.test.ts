/**
 * Behaviour the gRPC tests saw only in the analyzer's process, pinned in the test process: how the pack treats
 * the drain's always-unhealthy CALCULATED check, what a record view says of a latency record a preview has
 * not resolved yet, and when an alias's health counts as its targets'.
 */
import { describe, expect, it } from "vitest";
import { describeRecord, isHealthRouted, readRecord } from "../../../policy-pack/lib/records";
import { failoverRecordHealthCheck } from "../../../policy-pack/policies/failover-record-health-check";
import { healthCheckDrained } from "../../../policy-pack/policies/health-check-drained";
import { healthCheckHttps } from "../../../policy-pack/policies/health-check-https";
import { latencySetComplete } from "../../../policy-pack/policies/latency-set-complete";
import { UNKNOWN as SENTINEL } from "../../../tools/policy-harness";
import { UNKNOWN } from "../../../policy-pack/lib/values";
import { runResourcePolicy, runStackPolicy } from "../../support/policy-in-process";
import {
  failoverAliasRecord,
  failoverPair,
  FAILOVER_NAME,
  healthCheckId,
  latencySet,
  resource,
  TYPES,
  usingHealthCheck,
  withProps,
} from "../fixtures";

/** FailoverDns's drain: a CALCULATED check whose threshold (2) is above its one child. */
function drainCheck(region: string, threshold = 2) {
  return resource(TYPES.healthCheck, `failover-${region}-drained`, {
    id: `drain-${region}`,
    type: "CALCULATED",
    childHealthchecks: [healthCheckId(region)],
    childHealthThreshold: threshold,
    tags: { Name: `failover-${region}-drained`, Region: region },
  });
}

describe("health-check-drained in process: the drain's CALCULATED check", () => {
  it("tells, as advisory, that a region whose check is always unhealthy is drained", async () => {
    const drain = drainCheck("eu-west-1");
    expect(await runResourcePolicy(healthCheckDrained, [drain])).toEqual([
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

  it("says nothing of a CALCULATED check its children can satisfy", async () => {
    expect(await runResourcePolicy(healthCheckDrained, [drainCheck("eu-west-1", 1)])).toEqual([]);
  });
});

describe("health-check-https in process: a drained region's records", () => {
  it("does not judge the drain's CALCULATED check as an HTTPS probe, and still judges the others", async () => {
    const [primaryCheck, secondaryCheck, primary, secondary] = failoverPair();
    const drain = drainCheck("eu-west-1");
    const stack = [primaryCheck, secondaryCheck, drain, primary, usingHealthCheck(secondary, drain)];
    expect(await runStackPolicy(healthCheckHttps, stack)).toEqual([]);
    const slowPrimary = withProps(primaryCheck, { failureThreshold: 10 });
    const found = await runStackPolicy(healthCheckHttps, [slowPrimary, ...stack.slice(1)]);
    expect(found.map((f) => f.urn)).toEqual([primaryCheck.urn]);
  });
});

describe("record views of latency records in a preview", () => {
  it("cannot tell whether a record is a latency record while its routing policies are unknown", () => {
    const view = readRecord({ name: FAILOVER_NAME, type: "A", latencyRoutingPolicies: SENTINEL });
    expect(view).toMatchObject({ isLatency: UNKNOWN, latencyRegion: UNKNOWN });
    expect(isHealthRouted(view)).toBeUndefined();
  });

  it("knows a latency record whose first policy is unknown, not its region", () => {
    const view = readRecord({ name: FAILOVER_NAME, type: "A", latencyRoutingPolicies: [SENTINEL] });
    expect(view).toMatchObject({ isLatency: true, latencyRegion: UNKNOWN });
    expect(isHealthRouted(view)).toBe(true);
    expect(describeRecord(view)).toBe(`${FAILOVER_NAME} (A, latency (unknown))`);
  });

  it("names a latency record's region, or says it has none, and its set identifier", () => {
    const withRegion = readRecord({
      name: FAILOVER_NAME,
      type: "A",
      setIdentifier: "latency-eu-west-1",
      latencyRoutingPolicies: [{ region: "eu-west-1" }],
    });
    expect(describeRecord(withRegion)).toBe(`${FAILOVER_NAME} (A, latency eu-west-1, set latency-eu-west-1)`);
    const noRegion = readRecord({ name: FAILOVER_NAME, type: "A", latencyRoutingPolicies: [{}] });
    expect(describeRecord(noRegion)).toBe(`${FAILOVER_NAME} (A, latency no region)`);
  });

  it("treats a record as plainly routed only when both routing kinds are known to be absent", () => {
    expect(isHealthRouted(readRecord({ name: FAILOVER_NAME, type: "A" }))).toBe(false);
    expect(
      isHealthRouted(readRecord({ name: FAILOVER_NAME, type: "A", failoverRoutingPolicies: SENTINEL })),
    ).toBeUndefined();
    expect(
      isHealthRouted(
        readRecord({
          name: FAILOVER_NAME,
          type: "A",
          failoverRoutingPolicies: [],
          latencyRoutingPolicies: [],
        }),
      ),
    ).toBe(false);
  });
});

describe("latency-set-complete in process: set identifiers", () => {
  it("names the latency set, not a pair, when two records share a set identifier", async () => {
    const [first, second, ...rest] = latencySet();
    const stack = [first, second, ...rest].map((item) =>
      item.type === TYPES.record && item.name === "api-latency-eu-west-1"
        ? withProps(item, { setIdentifier: "latency-us-east-1" })
        : item,
    );
    const messages = (await runStackPolicy(latencySetComplete, stack)).map((f) => f.message);
    expect(messages).toContainEqual(expect.stringContaining("each record of a latency set needs its own."));
  });
});

describe("failover-record-health-check in process: health from the alias targets", () => {
  // A chaining SECONDARY aliases another name of its zone; with evaluateTargetHealth its health is that
  // branch's health, so it needs no check of its own (Route 53 DG) — unless preview cannot tell yet.
  const chaining = (aliasOverrides: Record<string, unknown>) =>
    withProps(failoverAliasRecord("SECONDARY", "eu-west-1"), {
      healthCheckId: undefined,
      aliases: [
        { name: `failover-1.${FAILOVER_NAME}`, zoneId: "Z0123456789EXAMPLE", evaluateTargetHealth: true },
      ].map((alias) => ({ ...alias, ...aliasOverrides })),
    });

  it("accepts a chaining alias to a name of its own zone with evaluateTargetHealth", async () => {
    expect(await runResourcePolicy(failoverRecordHealthCheck, [chaining({})])).toEqual([]);
  });

  it("reports the same alias when evaluateTargetHealth is off", async () => {
    const found = await runResourcePolicy(failoverRecordHealthCheck, [
      chaining({ evaluateTargetHealth: false }),
    ]);
    expect(found.map((f) => f.enforcementLevel)).toEqual(["mandatory"]);
  });

  it("waits for the preview to know evaluateTargetHealth: no violation, only the preview note", async () => {
    const found = await runResourcePolicy(failoverRecordHealthCheck, [
      chaining({ evaluateTargetHealth: SENTINEL }),
    ]);
    expect(found.filter((f) => f.enforcementLevel === "mandatory")).toEqual([]);
  });

  it("waits for the preview to know the alias target: no violation while its zone is unknown", async () => {
    const found = await runResourcePolicy(failoverRecordHealthCheck, [chaining({ zoneId: SENTINEL })]);
    expect(found.filter((f) => f.enforcementLevel === "mandatory")).toEqual([]);
  });

  it("reports an alias to an AWS resource without a health check even with evaluateTargetHealth", async () => {
    const toApiGateway = withProps(failoverAliasRecord("SECONDARY", "eu-west-1"), {
      healthCheckId: undefined,
    });
    const found = await runResourcePolicy(failoverRecordHealthCheck, [toApiGateway]);
    expect(found.map((f) => f.enforcementLevel)).toEqual(["mandatory"]);
  });
});
