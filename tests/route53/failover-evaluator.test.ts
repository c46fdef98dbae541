import { describe, expect, it } from "vitest";
import {
  allSubsets,
  FailoverEvaluator,
  healthyCheckIds,
  planFailoverChain,
  type EvaluatedHealthCheck,
  type EvaluatedRecord,
} from "@multi-region-api/model/route53";
import { apiGateway, calculatedCheck, endpointCheck, ZONE } from "../support/route53-models";

const failover = (
  name: string,
  role: "PRIMARY" | "SECONDARY",
  alias: EvaluatedRecord["alias"],
  healthCheckId?: string,
): EvaluatedRecord => ({
  zoneId: ZONE,
  name,
  type: "A",
  setIdentifier: `${name}-${role}`,
  failover: role,
  healthCheckId,
  alias,
});

describe("FailoverEvaluator (Route 53 DG rules)", () => {
  const pair = new FailoverEvaluator([
    failover("api.example.com", "PRIMARY", apiGateway("us-east-1"), "hc-a"),
    failover("api.example.com", "SECONDARY", apiGateway("eu-west-1"), "hc-b"),
  ]);
  const answer = (passing: string[]) =>
    pair.resolve(ZONE, "api.example.com", "A", new Set(passing)).record.alias?.name;

  it("answers with the primary while it is healthy", () => {
    expect(answer(["hc-a", "hc-b"])).toBe(apiGateway("us-east-1").name);
    expect(answer(["hc-a"])).toBe(apiGateway("us-east-1").name);
  });

  it("answers with the secondary when only it is healthy", () => {
    expect(answer(["hc-b"])).toBe(apiGateway("eu-west-1").name);
  });

  it("answers with the primary when both are unhealthy, not with nothing (docs/aws-facts.md#both-unhealthy-answers-primary)", () => {
    expect(answer([])).toBe(apiGateway("us-east-1").name);
  });

  it("counts a record without a health check as healthy", () => {
    const evaluator = new FailoverEvaluator([
      failover("api.example.com", "PRIMARY", apiGateway("us-east-1"), "hc-a"),
      failover("api.example.com", "SECONDARY", apiGateway("eu-west-1")),
    ]);
    expect(evaluator.resolve(ZONE, "api.example.com", "A", new Set()).record.failover).toBe("SECONDARY");
  });

  it("backs out of a chained branch in which nothing is healthy", () => {
    const evaluator = new FailoverEvaluator([
      failover("api.example.com", "PRIMARY", apiGateway("us-east-1"), "hc-a"),
      failover("api.example.com", "SECONDARY", {
        name: "failover-1.api.example.com",
        zoneId: ZONE,
        evaluateTargetHealth: true,
      }),
      failover("failover-1.api.example.com", "PRIMARY", apiGateway("eu-west-1"), "hc-b"),
      failover("failover-1.api.example.com", "SECONDARY", apiGateway("ap-southeast-2"), "hc-c"),
    ]);
    const resolve = (passing: string[]) => evaluator.resolve(ZONE, "api.example.com", "A", new Set(passing));
    expect(resolve(["hc-c"]).path).toEqual(["api.example.com", "failover-1.api.example.com"]);
    expect(resolve(["hc-c"]).record.alias?.name).toBe(apiGateway("ap-southeast-2").name);
    expect(resolve([]).record.alias?.name).toBe(apiGateway("us-east-1").name);
  });

  it("refuses a failover group that is not exactly one PRIMARY and one SECONDARY", () => {
    const evaluator = new FailoverEvaluator([
      failover("api.example.com", "PRIMARY", apiGateway("us-east-1"), "hc-a"),
      failover("api.example.com", "PRIMARY", apiGateway("eu-west-1"), "hc-b"),
    ]);
    expect(() => evaluator.resolve(ZONE, "api.example.com", "A", new Set())).toThrow(
      "exactly one PRIMARY and one SECONDARY",
    );
  });
});

describe("planFailoverChain", () => {
  it("pairs two regions directly and chains more through failover-<n> names", () => {
    expect(
      planFailoverChain("api.example.com", ["a-1", "b-1"]).map((r) => [r.name, r.role, r.setIdentifier]),
    ).toEqual([
      ["api.example.com", "PRIMARY", "primary-a-1"],
      ["api.example.com", "SECONDARY", "secondary-b-1"],
    ]);
    const three = planFailoverChain("api.example.com", ["a-1", "b-1", "c-1"]);
    expect(
      three.map((r) => [r.name, r.role, "chainName" in r.target ? r.target.chainName : r.target.region]),
    ).toEqual([
      ["api.example.com", "PRIMARY", "a-1"],
      ["api.example.com", "SECONDARY", "failover-1.api.example.com"],
      ["failover-1.api.example.com", "PRIMARY", "b-1"],
      ["failover-1.api.example.com", "SECONDARY", "c-1"],
    ]);
  });

  it("needs two regions", () => {
    expect(() => planFailoverChain("api.example.com", ["a-1"])).toThrow("at least 2 regions");
  });
});

describe("allSubsets", () => {
  it("lists all 2^N health states", () => {
    expect(allSubsets(["a", "b", "c"]).map((s) => [...s].join(""))).toEqual([
      "",
      "a",
      "b",
      "ab",
      "c",
      "ac",
      "bc",
      "abc",
    ]);
  });
});

describe("healthyCheckIds (Route 53 API Reference, HealthCheckConfig)", () => {
  const healthy = (checks: EvaluatedHealthCheck[], up: string[]) => [...healthyCheckIds(checks, new Set(up))];

  it("an endpoint check follows its endpoint", () => {
    expect(healthy([endpointCheck("a")], ["a"])).toEqual(["a"]);
    expect(healthy([endpointCheck("a")], [])).toEqual([]);
  });

  it("inversion flips the status: an inverted check passes while its endpoint is down", () => {
    expect(healthy([endpointCheck("a", { inverted: true })], [])).toEqual(["a"]);
    expect(healthy([endpointCheck("a", { inverted: true })], ["a"])).toEqual([]);
  });

  it("a disabled check is healthy whatever its endpoint, and unhealthy once also inverted", () => {
    expect(healthy([endpointCheck("a", { disabled: true })], [])).toEqual(["a"]);
    expect(healthy([endpointCheck("a", { disabled: true, inverted: true })], ["a"])).toEqual([]);
  });

  it("a CALCULATED check counts healthy children against its threshold", () => {
    const checks = (threshold: number) => [
      endpointCheck("a"),
      endpointCheck("b"),
      calculatedCheck("c", ["a", "b"], threshold),
    ];
    expect(healthy(checks(1), ["a"])).toContain("c");
    expect(healthy(checks(2), ["a"])).not.toContain("c");
    expect(healthy(checks(2), ["a", "b"])).toContain("c");
  });

  it("a threshold above the number of children is always unhealthy, 0 always healthy", () => {
    const drain = [endpointCheck("a"), calculatedCheck("d", ["a"], 2)];
    expect(healthy(drain, ["a"])).toEqual(["a"]);
    expect(healthy(drain, [])).toEqual([]);
    const always = [endpointCheck("a"), calculatedCheck("d", ["a"], 0)];
    expect(healthy(always, [])).toEqual(["d"]);
  });

  it("uses a child's own status, inversion included, and refuses unknown children", () => {
    expect(healthy([endpointCheck("a", { inverted: true }), calculatedCheck("c", ["a"], 1)], [])).toEqual([
      "a",
      "c",
    ]);
    expect(() => healthy([calculatedCheck("c", ["x"], 1)], [])).toThrow("health check x is not among");
  });
});
