import { describe, expect, it } from "vitest";
import { allSubsets, evaluatedRecordFromInputs, FailoverEvaluator } from "@multi-region-api/model/route53";
import type { MockRegistration } from "../../tools/aws-mocks";
import { regionAnswered } from "../support/failover";
import { MINIMAL_CONFIG, ofType, runStack, stackFileConfig } from "../support/stacks";

type Inputs = Record<string, unknown>;
const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"];
const RECORD = "aws:route53/record:Record";
const DUALSTACK_TYPES = ["aws:apigateway/domainName:DomainName", "aws:apigateway/restApi:RestApi"];

/** Everything that makes an AAAA record the twin of an A record: all but the type. */
const twinKey = (inputs: Inputs) => JSON.stringify({ ...inputs, type: undefined });

describe("dns.ipv6: dualstack domains and an AAAA twin for every A alias", () => {
  it("3-region failover: every A alias has its AAAA twin, and the AAAA truth table holds", async () => {
    const run = await runStack({
      ...MINIMAL_CONFIG,
      regions: REGIONS,
      dns: { ipv6: true },
      backend: { url: "https://backend.example.net" },
    });
    for (const type of DUALSTACK_TYPES) {
      const resources = ofType(run, type);
      expect(resources.length).toBeGreaterThan(0);
      for (const resource of resources) {
        expect(resource.inputs.endpointConfiguration).toEqual({
          types: "REGIONAL",
          ipAddressType: "dualstack",
        });
      }
    }
    const records = ofType(run, RECORD);
    const aliasesA = records.filter((r) => r.inputs.type === "A" && r.inputs.aliases !== undefined);
    const aaaa = records.filter((r) => r.inputs.type === "AAAA");
    // Failover chain (2 per level) and the per-region host names.
    expect(aliasesA).toHaveLength(2 * (REGIONS.length - 1) + REGIONS.length);
    expect(aaaa.map((r) => twinKey(r.inputs)).sort()).toEqual(aliasesA.map((r) => twinKey(r.inputs)).sort());
    expect(aaaa.map((r) => r.name).sort()).toEqual(aliasesA.map((r) => `${r.name}-aaaa`).sort());

    const evaluator = new FailoverEvaluator(records.map((r) => evaluatedRecordFromInputs(r.inputs)));
    const checkOf = Object.fromEntries(
      ofType(run, "aws:route53/healthCheck:HealthCheck").map((c) => [
        (c.inputs.tags as Inputs).Region,
        String(c.id),
      ]),
    );
    for (const healthy of allSubsets(REGIONS)) {
      const passing = new Set([...healthy].map((region) => checkOf[region]));
      const answer = evaluator.resolve(String(run.outputs.hostedZoneId), "api.example.com", "AAAA", passing);
      expect(answer.record.type).toBe("AAAA");
      expect({ healthy: [...healthy], answered: regionAnswered(answer.record, run.registrations) }).toEqual({
        healthy: [...healthy],
        answered: REGIONS.find((region) => healthy.has(region)) ?? REGIONS[0],
      });
    }
  });

  it("cname kind: dualstack domains, and no AAAA records (a CNAME answers for every type)", async () => {
    const run = await runStack({ ...MINIMAL_CONFIG, dns: { recordKind: "cname", ipv6: true } });
    expect(
      ofType(run, "aws:apigateway/domainName:DomainName").map((d) => d.inputs.endpointConfiguration),
    ).toEqual(Array(4).fill({ types: "REGIONAL", ipAddressType: "dualstack" }));
    const aaaa = ofType(run, RECORD).filter((r) => r.inputs.type === "AAAA");
    // Only the per-region host names, which stay alias records in either kind.
    expect(aaaa.map((r) => r.inputs.name).sort()).toEqual([
      "eu-west-1.api.example.com",
      "us-east-1.api.example.com",
    ]);
  });
});

describe("day 2: turning dns.ipv6 on for prod", () => {
  const key = (r: MockRegistration) => `${r.type}::${r.name}`;

  it("adds only AAAA twins and the dualstack setting: nothing is renamed, re-parented or moved to another provider", async () => {
    const prod = stackFileConfig("prod");
    const before = await runStack(prod);
    const after = await runStack({ ...prod, dns: { recordKind: "alias", ipv6: true } });
    const afterByKey = new Map(after.registrations.map((r) => [key(r), r]));

    for (const old of before.registrations) {
      const now = afterByKey.get(key(old));
      expect(now, `${key(old)} is still registered`).toBeDefined();
      expect(now!.region).toBe(old.region);
      const expected = DUALSTACK_TYPES.includes(old.type)
        ? { ...old.inputs, endpointConfiguration: { types: "REGIONAL", ipAddressType: "dualstack" } }
        : old.inputs;
      expect(now!.inputs).toEqual(expected);
    }
    const added = after.registrations.filter((r) => !before.registrations.some((b) => key(b) === key(r)));
    expect(added.map((r) => [r.type, r.inputs.type])).toEqual(added.map(() => [RECORD, "AAAA"]));
    expect(added.map((r) => r.name).sort()).toEqual([
      "api-eu-west-1-region-host-aaaa",
      "api-us-east-1-region-host-aaaa",
      "failover-primary-aaaa",
      "failover-secondary-aaaa",
    ]);
  });

  it("without ipv6, no resource sets an IP address type: stacks that do not opt in see no change", async () => {
    const run = await runStack(stackFileConfig("prod"));
    for (const type of DUALSTACK_TYPES) {
      for (const resource of ofType(run, type)) {
        expect(resource.inputs.endpointConfiguration).toEqual({ types: "REGIONAL" });
      }
    }
    expect(ofType(run, RECORD).filter((r) => r.inputs.type === "AAAA")).toEqual([]);
  });
});
