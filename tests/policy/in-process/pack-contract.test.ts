/**
 * Policy names are a contract (config files, CI output and the README name them), and each policy explains
 * itself in one full sentence (pulumi/compliance-policies style).
 */
import { describe, expect, it } from "vitest";
import { acmDnsValidation } from "../../../policy-pack/policies/acm-dns-validation";
import { apiDomainCertificateSameRegion } from "../../../policy-pack/policies/api-domain-certificate-same-region";
import { apiDomainRegionalTls12 } from "../../../policy-pack/policies/api-domain-regional-tls12";
import { failoverAliasEvaluateTargetHealth } from "../../../policy-pack/policies/failover-alias-evaluate-target-health";
import { failoverPairComplete } from "../../../policy-pack/policies/failover-pair-complete";
import { failoverRecordHealthCheck } from "../../../policy-pack/policies/failover-record-health-check";
import { failoverRecordLowTtl } from "../../../policy-pack/policies/failover-record-low-ttl";
import { failoverRtoBudget } from "../../../policy-pack/policies/failover-rto-budget";
import { healthCheckAlarmUsEast1 } from "../../../policy-pack/policies/health-check-alarm-us-east-1";
import { healthCheckCheckerRegions } from "../../../policy-pack/policies/health-check-checker-regions";
import { healthCheckDrained } from "../../../policy-pack/policies/health-check-drained";
import { healthCheckHttps } from "../../../policy-pack/policies/health-check-https";

const POLICIES_BY_FILE = {
  "acm-dns-validation": acmDnsValidation,
  "api-domain-certificate-same-region": apiDomainCertificateSameRegion,
  "api-domain-regional-tls12": apiDomainRegionalTls12,
  "failover-alias-evaluate-target-health": failoverAliasEvaluateTargetHealth,
  "failover-pair-complete": failoverPairComplete,
  "failover-record-health-check": failoverRecordHealthCheck,
  "failover-record-low-ttl": failoverRecordLowTtl,
  "failover-rto-budget": failoverRtoBudget,
  "health-check-alarm-us-east-1": healthCheckAlarmUsEast1,
  "health-check-checker-regions": healthCheckCheckerRegions,
  "health-check-drained": healthCheckDrained,
  "health-check-https": healthCheckHttps,
};

describe("each policy of the pack", () => {
  it.each(Object.entries(POLICIES_BY_FILE))(
    "%s is named after its file and describes itself in a sentence",
    (file, policy) => {
      expect(policy.name).toBe(file);
      expect(policy.description).toMatch(/^[A-Z][^\n]{30,}\.$/);
    },
  );

  it("declares the settings its config file may set, with their defaults and bounds", () => {
    const settings = Object.fromEntries(
      Object.values(POLICIES_BY_FILE)
        .filter((policy) => policy.configSchema !== undefined)
        .map((policy) => [policy.name, policy.configSchema?.properties]),
    );
    expect(settings).toEqual({
      "failover-record-low-ttl": {
        maxTtlSeconds: expect.objectContaining({ type: "integer", default: 60, minimum: 0 }),
      },
      "failover-rto-budget": {
        maxFailoverSeconds: expect.objectContaining({ type: "integer", default: 180, minimum: 1 }),
      },
      "health-check-https": {
        maxFailureThreshold: expect.objectContaining({
          type: "integer",
          default: 3,
          minimum: 1,
          maximum: 10,
        }),
      },
    });
    for (const schema of Object.values(settings)) {
      for (const property of Object.values(schema ?? {})) {
        expect((property as { description: string }).description).toMatch(/^[A-Z].{20,}\.$/);
      }
    }
    expect(Object.keys(failoverRtoBudget.configSchema?.properties?.maxFailoverSeconds ?? {})).not.toContain(
      "maximum",
    );
  });
});
