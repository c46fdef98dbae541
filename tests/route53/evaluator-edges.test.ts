/**
 * Edges of the Route 53 models that mutation testing found untested (issue 14): a loop of CALCULATED health
 * checks, health checks read from engine inputs, a failover group whatever the order of its records, a latency
 * alias into its own zone, the texts of the refusals, and the basis texts of the preview's cost table.
 */
import { describe, expect, it } from "vitest";
import {
  evaluatedHealthCheckFromInputs,
  FailoverEvaluator,
  failoverLayerLineItems,
  healthyCheckIds,
  LATENCY_ROUTING_REGIONS,
  LatencyEvaluator,
  planLatencySet,
  type EvaluatedRecord,
  type LatencyRecord,
  type MonthlyCostInput,
} from "@multi-region-api/model/route53";
import { apiGateway, calculatedCheck, endpointCheck, ZONE } from "../support/route53-models";

const NAME = "api.example.com";

describe("healthyCheckIds: CALCULATED checks that name each other", () => {
  it("refuses two CALCULATED checks that are each other's child, showing the loop", () => {
    expect(() =>
      healthyCheckIds([calculatedCheck("a", ["b"]), calculatedCheck("b", ["a"])], new Set()),
    ).toThrow("health check loop: a → b → a");
  });

  it("refuses a CALCULATED check that is its own child", () => {
    expect(() =>
      healthyCheckIds([endpointCheck("e"), calculatedCheck("c", ["e", "c"])], new Set(["e"])),
    ).toThrow("health check loop: c → c");
  });

  it("takes a child shared by two CALCULATED checks, one the other's child, for no loop", () => {
    const checks = [
      endpointCheck("e"),
      calculatedCheck("inner", ["e"]),
      calculatedCheck("outer", ["inner", "e"], 2),
    ];
    expect([...healthyCheckIds(checks, new Set(["e"]))]).toEqual(["e", "inner", "outer"]);
    expect([...healthyCheckIds(checks, new Set())]).toEqual([]);
  });
});

describe("evaluatedHealthCheckFromInputs", () => {
  it("reads an endpoint check without the optional inputs as measured, enabled, childless, threshold 0", () => {
    expect(
      evaluatedHealthCheckFromInputs("hc-a", {
        type: "HTTPS_STR_MATCH",
        fqdn: "d-1.execute-api.us-east-1.amazonaws.com",
        resourcePath: "/health",
      }),
    ).toEqual({
      id: "hc-a",
      type: "HTTPS_STR_MATCH",
      inverted: false,
      disabled: false,
      childHealthChecks: [],
      childHealthThreshold: 0,
    });
  });

  it("reads a CALCULATED check's children, threshold, inversion and disabling", () => {
    expect(
      evaluatedHealthCheckFromInputs("hc-drain", {
        type: "CALCULATED",
        childHealthchecks: ["hc-a", "hc-b"],
        childHealthThreshold: 3,
        invertHealthcheck: true,
        disabled: true,
      }),
    ).toEqual({
      id: "hc-drain",
      type: "CALCULATED",
      inverted: true,
      disabled: true,
      childHealthChecks: ["hc-a", "hc-b"],
      childHealthThreshold: 3,
    });
  });

  it("counts only a literal true as inverted or disabled", () => {
    const read = (value: unknown) =>
      evaluatedHealthCheckFromInputs("hc-a", { type: "HTTPS", invertHealthcheck: value, disabled: value });
    expect([read(true), read("true"), read(undefined)].map((c) => [c.inverted, c.disabled])).toEqual([
      [true, true],
      [false, false],
      [false, false],
    ]);
  });
});

describe("FailoverEvaluator: the roles, not the order of the records", () => {
  const failover = (
    role: "PRIMARY" | "SECONDARY",
    region: string,
    healthCheckId: string,
  ): EvaluatedRecord => ({
    zoneId: ZONE,
    name: NAME,
    type: "A",
    setIdentifier: `${role.toLowerCase()}-${region}`,
    failover: role,
    healthCheckId,
    alias: apiGateway(region),
  });
  const resolve = (records: EvaluatedRecord[], passing: string[]) =>
    new FailoverEvaluator(records).resolve(ZONE, NAME, "A", new Set(passing)).record;

  it("answers with the PRIMARY while it is healthy even when the SECONDARY was created first", () => {
    const records = [failover("SECONDARY", "eu-west-1", "hc-b"), failover("PRIMARY", "us-east-1", "hc-a")];
    expect(resolve(records, ["hc-a", "hc-b"]).setIdentifier).toBe("primary-us-east-1");
    expect(resolve(records, ["hc-b"]).setIdentifier).toBe("secondary-eu-west-1");
    expect(resolve(records, []).setIdentifier).toBe("primary-us-east-1");
  });

  it("refuses two SECONDARY records", () => {
    const records = [failover("SECONDARY", "us-east-1", "hc-a"), failover("SECONDARY", "eu-west-1", "hc-b")];
    expect(() => resolve(records, ["hc-a", "hc-b"])).toThrow(
      "api.example.com: a failover group needs exactly one PRIMARY and one SECONDARY",
    );
  });
});

describe("LatencyEvaluator refusals", () => {
  const latency = (region: string, change: Partial<LatencyRecord> = {}): LatencyRecord => ({
    zoneId: ZONE,
    name: NAME,
    type: "A",
    setIdentifier: `latency-${region}`,
    latencyRegion: region,
    alias: apiGateway(region),
    ...change,
  });

  it("refuses a latency alias to a record of its own zone, naming the record and its set", () => {
    const evaluator = new LatencyEvaluator([
      latency("us-east-1"),
      latency("eu-west-1", { alias: { name: "www.example.com", zoneId: ZONE, evaluateTargetHealth: true } }),
    ]);
    expect(() => evaluator.resolve(ZONE, NAME, "A", new Set(), ["eu-west-1", "us-east-1"])).toThrow(
      "api.example.com (latency-eu-west-1): a latency alias to a record of its own zone is not modelled",
    );
  });

  it("names the whole client order that misses a region of the set", () => {
    const evaluator = new LatencyEvaluator([latency("us-east-1"), latency("eu-west-1")]);
    expect(() => evaluator.resolve(ZONE, NAME, "A", new Set(), ["us-east-1", "ap-southeast-2"])).toThrow(
      "the client order us-east-1, ap-southeast-2 does not rank eu-west-1",
    );
  });
});

describe("planLatencySet refusals", () => {
  it("names every refused region, then every region Route 53 accepts", () => {
    let message = "";
    try {
      planLatencySet(NAME, ["us-east-1", "xx-moon-1", "xx-mars-2"]);
    } catch (error) {
      message = (error as Error).message;
    }
    const [refused, allowed] = message.split("; allowed: ");
    expect(refused).toBe("Route 53 latency routing does not accept xx-moon-1, xx-mars-2");
    expect(allowed.split(", ")).toEqual(LATENCY_ROUTING_REGIONS);
    expect(allowed).toContain("us-east-1, us-east-2");
  });
});

describe("failoverLayerLineItems: the basis each line of the preview's cost table shows", () => {
  const none = { https: false, stringMatch: false, fastInterval: false, measureLatency: false };
  const basisOf = (input: MonthlyCostInput) =>
    failoverLayerLineItems(input).map((item) => [item.name, item.usdPerMonth, item.basis]);

  it("counts the health checks and alarms, and free alias queries in millions a month", () => {
    expect(
      basisOf({
        healthChecks: [none, { ...none, https: true }, none],
        alarms: 3,
        queriesPerMonth: 25_000_000,
        aliasQueriesAreFree: true,
      }),
    ).toEqual([
      [
        "Route 53 health checks",
        2.5,
        "3 × (base + optional features); an account's first 50 have no base fee",
      ],
      ["CloudWatch alarms", 0.3, "3 standard-resolution alarm metric(s)"],
      ["Route 53 queries", 0, "25 million/month assumed, alias queries to AWS are free"],
    ]);
  });

  it("says billed CNAME queries, with the millions to three decimals and grouped thousands", () => {
    const queries = (queriesPerMonth: number) =>
      basisOf({ healthChecks: [], alarms: 0, queriesPerMonth, aliasQueriesAreFree: false })[2];
    expect(queries(1_234_567)).toEqual([
      "Route 53 queries",
      0.49,
      "1.235 million/month assumed, CNAME queries are billed",
    ]);
    expect(queries(2_500_000_000)).toEqual([
      "Route 53 queries",
      1000,
      "2,500 million/month assumed, CNAME queries are billed",
    ]);
  });
});
