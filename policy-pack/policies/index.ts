// Every policy of the pack, in the order the pack serves them. A list apart from index.ts (which starts the
// analyzer server when imported), so that tests can run the same policies in their own process.
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { acmDnsValidation } from "./acm-dns-validation";
import { apiDomainCertificateSameRegion } from "./api-domain-certificate-same-region";
import { apiDomainRegionalTls12 } from "./api-domain-regional-tls12";
import { apiMethodAuthorization } from "./api-method-authorization";
import { apiStageWaf } from "./api-stage-waf";
import { dualstackDomainAaaaTwin } from "./dualstack-domain-aaaa-twin";
import { failoverAliasEvaluateTargetHealth } from "./failover-alias-evaluate-target-health";
import { failoverPairComplete } from "./failover-pair-complete";
import { failoverRecordHealthCheck } from "./failover-record-health-check";
import { failoverRecordLowTtl } from "./failover-record-low-ttl";
import { failoverRtoBudget } from "./failover-rto-budget";
import { fleetCapacityAfterFailover } from "./fleet-capacity-after-failover";
import { healthCheckAlarmUsEast1 } from "./health-check-alarm-us-east-1";
import { healthCheckCheckerRegions } from "./health-check-checker-regions";
import { healthCheckDrained } from "./health-check-drained";
import { healthCheckHttps } from "./health-check-https";
import { recordNoCnameAtZoneApex } from "./record-no-cname-at-zone-apex";
import { latencySetComplete } from "./latency-set-complete";

export const POLICIES: readonly (ResourceValidationPolicy | StackValidationPolicy)[] = [
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
  fleetCapacityAfterFailover,
];
