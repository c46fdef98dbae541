/**
 * Issue 4's "Done when": through the gRPC harness, each of these is a mandatory violation under its policy.
 */
import { describe, expect, it } from "vitest";
import { AnalyzedResource } from "../../tools/policy-harness";
import {
  analyzeLikeTheCli,
  byPolicy,
  certificate,
  describeDiagnostics,
  domainName,
  failoverAliasRecord,
  failoverPair,
  healthCheck,
  mandatory,
  usePolicyPack,
} from "./fixtures";

const pack = usePolicyPack();

async function mandatoryViolationsOf(policyName: string, resources: AnalyzedResource[]) {
  return mandatory(byPolicy(await analyzeLikeTheCli(pack, resources), policyName));
}

describe("Done when: each is reported as a mandatory violation", () => {
  it("a failover CNAME record with ttl 300 → failover-record-low-ttl", async () => {
    const stack = failoverPair({ kind: "cname", primary: { ttl: 300 } });
    const violations = await mandatoryViolationsOf("failover-record-low-ttl", stack);
    expect(violations).toHaveLength(1);
    expect(violations[0].urn).toBe(stack[2].urn);
    expect(violations[0].message).toContain("ttl 300 s");
  });

  it("a failover alias with evaluateTargetHealth false → failover-alias-evaluate-target-health", async () => {
    const record = failoverAliasRecord("PRIMARY", "us-east-1");
    const stack = failoverPair({
      primary: { aliases: [{ ...(record.properties.aliases as object[])[0], evaluateTargetHealth: false }] },
    });
    const violations = await mandatoryViolationsOf("failover-alias-evaluate-target-health", stack);
    expect(violations).toHaveLength(1);
    expect(violations[0].urn).toBe(stack[2].urn);
  });

  it("a failover record without a health check → failover-record-health-check", async () => {
    const stack = failoverPair({ secondary: { healthCheckId: undefined } });
    const violations = await mandatoryViolationsOf("failover-record-health-check", stack);
    expect(violations).toHaveLength(1);
    expect(violations[0].urn).toBe(stack[3].urn);
  });

  it("two PRIMARY records for one name → failover-pair-complete", async () => {
    const stack = failoverPair({ secondary: { failoverRoutingPolicies: [{ type: "PRIMARY" }] } });
    const violations = await mandatoryViolationsOf("failover-pair-complete", stack);
    expect(violations.map((v) => v.message).join("\n")).toMatch(/2 PRIMARY failover records/);
  });

  it("an HTTP health check on port 80 → health-check-https", async () => {
    const stack = failoverPair({ primaryCheck: { type: "HTTP", port: 80, searchString: undefined } });
    const violations = await mandatoryViolationsOf("health-check-https", stack);
    expect(violations).toHaveLength(1);
    expect(violations[0].urn).toBe(healthCheck("us-east-1").urn);
    expect(violations[0].message).toMatch(/type is HTTP;.*port is 80;/);
  });

  it("an EDGE domain → api-domain-regional-tls12", async () => {
    const violations = await mandatoryViolationsOf("api-domain-regional-tls12", [
      domainName("us-east-1", { endpointConfiguration: { types: "EDGE" } }),
    ]);
    expect(violations).toHaveLength(1);
    expect(violations[0].message).toContain("endpoint type EDGE");
  });

  it("a TLS_1_0 domain → api-domain-regional-tls12", async () => {
    const violations = await mandatoryViolationsOf("api-domain-regional-tls12", [
      domainName("us-east-1", { securityPolicy: "TLS_1_0" }),
    ]);
    expect(violations).toHaveLength(1);
    expect(violations[0].message).toContain("TLS_1_0");
  });

  it("an EMAIL-validated certificate → acm-dns-validation", async () => {
    const violations = await mandatoryViolationsOf("acm-dns-validation", [
      certificate("us-east-1", { validationMethod: "EMAIL" }),
    ]);
    expect(violations).toHaveLength(1);
    expect(violations[0].message).toContain("EMAIL");
  });

  it.each([
    ["alias", failoverPair()],
    ["cname", failoverPair({ kind: "cname" })],
  ])("the same resources, each fixed, pass every policy (%s records)", async (_kind, stack) => {
    const diagnostics = await analyzeLikeTheCli(pack, [
      ...stack,
      domainName("us-east-1"),
      certificate("us-east-1"),
    ]);
    expect(describeDiagnostics(diagnostics)).toEqual([]);
  });
});
