/**
 * FailoverEvaluator paths that no stack exercises (issue 14): alias loops, plain records, groups that are not
 * a pair, missing names, aliases without evaluate target health, and reading records from engine inputs.
 */
import { describe, expect, it } from "vitest";
import {
  allSubsets,
  evaluatedRecordFromInputs,
  FailoverEvaluator,
  type EvaluatedRecord,
} from "@multi-region-api/model/route53";

const ZONE = "Z1";
const API_GATEWAY_A = {
  name: "d-1.execute-api.us-east-1.amazonaws.com",
  zoneId: "ZAPIGW",
  evaluateTargetHealth: true,
};
const API_GATEWAY_B = {
  name: "d-1.execute-api.eu-west-1.amazonaws.com",
  zoneId: "ZAPIGW",
  evaluateTargetHealth: true,
};

function record(name: string, change: Partial<EvaluatedRecord> = {}): EvaluatedRecord {
  return { zoneId: ZONE, name, type: "A", ...change };
}

function primary(name: string, change: Partial<EvaluatedRecord> = {}) {
  return record(name, { failover: "PRIMARY", setIdentifier: `${name}-p`, ...change });
}

function secondary(name: string, change: Partial<EvaluatedRecord> = {}) {
  return record(name, { failover: "SECONDARY", setIdentifier: `${name}-s`, ...change });
}

const intoZone = (name: string, evaluateTargetHealth = true) => ({
  name,
  zoneId: ZONE,
  evaluateTargetHealth,
});
const resolve = (records: EvaluatedRecord[], passing: string[] = [], name = "api.example.com") =>
  new FailoverEvaluator(records).resolve(ZONE, name, "A", new Set(passing));

describe("FailoverEvaluator paths", () => {
  it("answers with the only plain record of a name and follows a plain alias into the zone", () => {
    const result = resolve([
      record("api.example.com", { alias: intoZone("www.example.com", false) }),
      record("www.example.com", { values: ["192.0.2.1"] }),
    ]);
    expect(result.record.values).toEqual(["192.0.2.1"]);
    expect(result.path).toEqual(["api.example.com", "www.example.com"]);
  });

  it("matches names whatever their case and trailing dot", () => {
    const result = resolve([record("API.example.com.", { values: ["192.0.2.1"] })], [], "api.EXAMPLE.com");
    expect(result.record.values).toEqual(["192.0.2.1"]);
    expect(result.path).toEqual(["api.example.com"]);
  });

  it("refuses two plain records of one name and type", () => {
    expect(() => resolve([record("api.example.com"), record("api.example.com")])).toThrow(
      "api.example.com: 2 plain records of one name and type",
    );
  });

  it.each([
    ["two PRIMARY records", [primary("api.example.com"), primary("api.example.com")]],
    ["a PRIMARY alone", [primary("api.example.com")]],
    ["a SECONDARY alone", [secondary("api.example.com")]],
    [
      "a pair and a plain record",
      [primary("api.example.com"), secondary("api.example.com"), record("api.example.com")],
    ],
  ])("refuses a failover group that is not one PRIMARY and one SECONDARY: %s", (_label, records) => {
    expect(() => resolve(records)).toThrow(
      "api.example.com: a failover group needs exactly one PRIMARY and one SECONDARY",
    );
  });

  it("refuses a name with no records, naming the name, type and zone", () => {
    expect(() => resolve([record("www.example.com")])).toThrow(
      "no A record named api.example.com in zone Z1",
    );
    expect(() => resolve([record("api.example.com", { type: "AAAA" })])).toThrow(
      "no A record named api.example.com",
    );
    expect(() => resolve([record("api.example.com", { zoneId: "Z2" })])).toThrow("in zone Z1");
  });

  it("refuses an alias loop, showing the path", () => {
    expect(() =>
      resolve([
        record("api.example.com", { alias: intoZone("a.example.com", false) }),
        record("a.example.com", { alias: intoZone("api.example.com.", false) }),
      ]),
    ).toThrow("alias loop: api.example.com → a.example.com → api.example.com");
  });

  it("treats an alias without evaluate target health as healthy whatever its target does", () => {
    const records = [
      primary("api.example.com", { alias: intoZone("failover-1.example.com", false) }),
      secondary("api.example.com", { alias: API_GATEWAY_B, healthCheckId: "hc-b" }),
      primary("failover-1.example.com", { alias: API_GATEWAY_A, healthCheckId: "hc-a" }),
      secondary("failover-1.example.com", { alias: API_GATEWAY_A, healthCheckId: "hc-a" }),
    ];
    // Nothing under failover-1 is healthy, yet the primary branch is still chosen: no backing out.
    expect(resolve(records, ["hc-b"]).path).toEqual(["api.example.com", "failover-1.example.com"]);
    // With evaluate target health on, Route 53 backs out to the secondary.
    records[0] = primary("api.example.com", { alias: intoZone("failover-1.example.com", true) });
    expect(resolve(records, ["hc-b"]).record.alias).toEqual(API_GATEWAY_B);
  });

  it("judges a branch unhealthy when a chain loops back on itself while it looks for health", () => {
    const records = [
      primary("api.example.com", { alias: intoZone("loop.example.com") }),
      secondary("api.example.com", { alias: API_GATEWAY_B }),
      primary("loop.example.com", { alias: intoZone("loop.example.com") }),
      secondary("loop.example.com", { alias: intoZone("loop.example.com") }),
    ];
    expect(resolve(records).record.alias).toEqual(API_GATEWAY_B);
  });

  it("answers with an alias into another zone as the answer, not a name to follow", () => {
    const result = resolve([
      record("api.example.com", {
        alias: { name: "www.example.com", zoneId: "Z2", evaluateTargetHealth: false },
      }),
      record("www.example.com"),
    ]);
    expect(result.path).toEqual(["api.example.com"]);
  });
});

describe("evaluatedRecordFromInputs", () => {
  it("reads a failover alias as the engine sees its inputs", () => {
    expect(
      evaluatedRecordFromInputs({
        zoneId: "Z1",
        name: "api.example.com",
        type: "A",
        setIdentifier: "primary-us-east-1",
        failoverRoutingPolicies: [{ type: "SECONDARY" }],
        healthCheckId: "hc-a",
        aliases: [{ name: "d-1.example", zoneId: "ZAPIGW", evaluateTargetHealth: true }],
      }),
    ).toEqual({
      zoneId: "Z1",
      name: "api.example.com",
      type: "A",
      setIdentifier: "primary-us-east-1",
      failover: "SECONDARY",
      healthCheckId: "hc-a",
      alias: { name: "d-1.example", zoneId: "ZAPIGW", evaluateTargetHealth: true },
      values: undefined,
    });
  });

  it("reads a plain CNAME, and leaves out what is missing or not PRIMARY/SECONDARY", () => {
    expect(
      evaluatedRecordFromInputs({
        zoneId: "Z1",
        name: "api.example.com",
        type: "CNAME",
        failoverRoutingPolicies: [{ type: "WEIGHTED" }],
        healthCheckId: 7,
        aliases: [],
        records: ["a.example.net", 5],
      }),
    ).toEqual({
      zoneId: "Z1",
      name: "api.example.com",
      type: "CNAME",
      setIdentifier: undefined,
      failover: undefined,
      healthCheckId: undefined,
      alias: undefined,
      values: ["a.example.net", "5"],
    });
  });

  it("counts only a literal true as evaluating target health", () => {
    const read = (evaluateTargetHealth: unknown) =>
      evaluatedRecordFromInputs({
        zoneId: "Z",
        name: "n",
        type: "A",
        aliases: [{ name: "t", zoneId: "Z", evaluateTargetHealth }],
      }).alias?.evaluateTargetHealth;
    expect([read(true), read("true"), read(undefined)]).toEqual([true, false, false]);
  });

  it("reads a PRIMARY policy as PRIMARY", () => {
    expect(evaluatedRecordFromInputs({ failoverRoutingPolicies: [{ type: "PRIMARY" }] }).failover).toBe(
      "PRIMARY",
    );
    expect(evaluatedRecordFromInputs({ failoverRoutingPolicies: "PRIMARY" }).failover).toBeUndefined();
  });
});

describe("allSubsets", () => {
  it("lists all 2^N health states, from none to all", () => {
    expect(allSubsets(["a", "b"]).map((s) => [...s])).toEqual([[], ["a"], ["b"], ["a", "b"]]);
    expect(allSubsets([])).toEqual([new Set()]);
  });
});
