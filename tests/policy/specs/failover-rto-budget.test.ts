/** failover-rto-budget in process: the failover pair (156 s) passes; each test changes a TTL or a check. */
import { describe, expect, it } from "vitest";
import { failoverRtoBudget } from "../../../policy-pack/policies/failover-rto-budget";
import { AnalyzedResource, JsonObject, UNKNOWN } from "../../../tools/policy-harness";
import { runStackPolicy, urnsOf } from "../../support/policy-in-process";
import {
  asPreview,
  failoverPair,
  healthCheck,
  latencyAliasRecord,
  latencySet,
  TYPES,
  usingHealthCheck,
  withProps,
} from "../fixtures";

describe("failover-rto-budget", () => {
  const run = (stack: readonly AnalyzedResource[], config = {}) =>
    runStackPolicy(failoverRtoBudget, stack, config);
  const cname = (ttl: unknown, check: JsonObject = {}) =>
    failoverPair({ kind: "cname", primary: { ttl: ttl as number }, primaryCheck: check });

  it("passes the prod settings (156 s) and exactly the 180 s budget", async () => {
    expect(await run(failoverPair())).toEqual([]);
    expect(await run(latencySet())).toEqual([]);
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
    // 10 s × 3 + 6 s + 60 s = 96 s
    const fast = { requestInterval: 10 };
    expect(
      await run(failoverPair({ primaryCheck: fast, secondaryCheck: fast }), { maxFailoverSeconds: 120 }),
    ).toEqual([]);
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

  it("judges the checks latency records use", async () => {
    const slow = healthCheck("eu-west-1", { failureThreshold: 10 });
    const stack = [
      ...latencySet().filter((r) => r.name !== slow.name && r.name !== "api-latency-eu-west-1"),
      slow,
      usingHealthCheck(latencyAliasRecord("eu-west-1"), slow),
    ];
    expect((await run(stack)).map((f) => [f.urn, f.message])).toEqual([
      [stack.at(-1)?.urn, expect.stringContaining("30 s × 10 + 6 s timeouts + 60 s TTL = 366 s")],
    ]);
  });
});
