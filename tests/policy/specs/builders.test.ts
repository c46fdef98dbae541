/**
 * The specs' premise: every builder's stack passes every policy of the pack, known and in preview, so a
 * spec that changes one property sees only its own policy fail. Run in process (tests/support/in-process-pack.ts)
 * as `Analyze` on each resource and `AnalyzeStack` on all.
 */
import { describe, expect, it } from "vitest";
import { AnalyzedResource } from "../../../tools/policy-harness";
import { inProcessPolicyPack } from "../../support/in-process-pack";
import { apiStack } from "../api-fixtures";
import {
  aliasingDomain,
  analyzeLikeTheCli,
  asPreview,
  certificate,
  describeDiagnostics,
  domainName,
  dualstackDomain,
  failoverChain,
  failoverPair,
  healthCheck,
  healthCheckAlarm,
  latencyAliasRecord,
  latencySet,
} from "../fixtures";
import { fleet, hostedZone } from "./builders";

const pack = inProcessPolicyPack();

const dualstack = () => {
  const domain = dualstackDomain("us-east-1");
  return [
    domain,
    aliasingDomain(latencyAliasRecord("us-east-1"), domain),
    aliasingDomain(latencyAliasRecord("us-east-1", {}, "AAAA"), domain),
  ];
};

const STACKS: readonly (readonly [string, () => AnalyzedResource[]])[] = [
  ["the alias failover pair", () => failoverPair()],
  ["the CNAME failover pair", () => failoverPair({ kind: "cname" })],
  ["the 3-region failover chain", () => failoverChain()],
  [
    "a 3-region latency set with AAAA twins",
    () => latencySet({ regions: ["us-east-1", "eu-west-1", "ap-southeast-1"], types: ["A", "AAAA"] }),
  ],
  ["a CNAME latency set", () => latencySet({ types: ["CNAME"] })],
  ["a dualstack domain with its A and AAAA aliases", dualstack],
  ["the API as RegionalApi builds it", () => apiStack()],
  [
    "a domain, its certificate and the alarm",
    () => [domainName("us-east-1"), certificate("us-east-1"), healthCheckAlarm("us-east-1")],
  ],
  ["a managed zone with a failover pair below its apex", () => [hostedZone(), ...failoverPair()]],
  ["a 3-region fleet", () => fleet()],
];

describe("the specs' builders", () => {
  it.each(STACKS)("%s passes every policy with every value known", async (_label, build) => {
    expect(describeDiagnostics(await analyzeLikeTheCli(pack, build()))).toEqual([]);
  });

  it.each(STACKS)("%s passes every policy in preview", async (_label, build) => {
    expect(describeDiagnostics(await analyzeLikeTheCli(pack, asPreview(build())))).toEqual([]);
  });

  it("the API passes in the preview apiStack describes: IDs and ARNs unknown, links kept", async () => {
    expect(describeDiagnostics(await analyzeLikeTheCli(pack, apiStack({ preview: true })))).toEqual([]);
  });

  it("the failover pair passes with its records linked to their checks by ID only, as after an update", async () => {
    const byId = failoverPair().map((r) => ({ ...r, propertyDependencies: {}, dependencies: [] }));
    expect(healthCheck("us-east-1").properties.id).toBeDefined();
    expect(describeDiagnostics(await analyzeLikeTheCli(pack, byId))).toEqual([]);
  });
});
