// The pack itself: constructing it starts the analyzer server the Pulumi CLI talks to (docs/aws-facts.md#a-policy-pack-is-an-analyzer-server).
// Policies live in ./policies, one concern per file, so tests and the README can refer to them.
import { PolicyPack } from "@pulumi/policy";
import { acmDnsValidation } from "./policies/acm-dns-validation";
import { apiDomainCertificateSameRegion } from "./policies/api-domain-certificate-same-region";
import { apiDomainRegionalTls12 } from "./policies/api-domain-regional-tls12";
import { apiMethodAuthorization } from "./policies/api-method-authorization";
import { apiStageWaf } from "./policies/api-stage-waf";
import { dualstackDomainAaaaTwin } from "./policies/dualstack-domain-aaaa-twin";
import { failoverAliasEvaluateTargetHealth } from "./policies/failover-alias-evaluate-target-health";
import { failoverPairComplete } from "./policies/failover-pair-complete";
import { failoverRecordHealthCheck } from "./policies/failover-record-health-check";
import { failoverRecordLowTtl } from "./policies/failover-record-low-ttl";
import { failoverRtoBudget } from "./policies/failover-rto-budget";
import { healthCheckAlarmUsEast1 } from "./policies/health-check-alarm-us-east-1";
import { healthCheckCheckerRegions } from "./policies/health-check-checker-regions";
import { healthCheckDrained } from "./policies/health-check-drained";
import { healthCheckHttps } from "./policies/health-check-https";
import { recordNoCnameAtZoneApex } from "./policies/record-no-cname-at-zone-apex";
import { latencySetComplete } from "./policies/latency-set-complete";

new PolicyPack("multi-region-failover", {
  description: "CrossGuard policies that keep Route 53 DNS failover of a multi-region API working.",
  policies: [
    failoverRecordLowTtl,
    failoverAliasEvaluateTargetHealth,
    failoverRecordHealthCheck,
    failoverPairComplete,
    healthCheckHttps,
    failoverRtoBudget,
    apiDomainRegionalTls12,
    acmDnsValidation,
    healthCheckDrained,
    healthCheckCheckerRegions,
    apiDomainCertificateSameRegion,
    healthCheckAlarmUsEast1,
    apiMethodAuthorization,
    apiStageWaf,
    recordNoCnameAtZoneApex,
    latencySetComplete,
    dualstackDomainAaaaTwin,
  ],
});
