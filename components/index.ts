/** The library's public surface: the components and the pure Route 53 knowledge they are built on. */
export { RegionalApi, type RegionalApiArgs, type RegionalAuth, type RegionalBackend } from "./regional-api";
export { Certificates, type CertificatesArgs, type CertificateRegion } from "./certificates";
export {
  FailoverDns,
  type FailoverDnsArgs,
  type FailoverEndpoint,
  type FailoverHealthCheckSettings,
  type FailoverAlarmSettings,
} from "./failover-dns";
export {
  FailoverObservability,
  type FailoverObservabilityArgs,
  type ObservedRegion,
  type ObservedUsersTable,
} from "./failover-observability";
export { RegionalAlarms, type RegionalAlarmsArgs } from "./regional-alarms";
export { UsersTable, type UsersTableArgs } from "./users-table";
export type { ReleaseAlarms } from "./regional/release-alarms";
export type { ReleaseAlarmThresholds } from "@multi-region-api/model/limits/edge-limits";
export { ComponentArgsError } from "./validate";
export * as route53 from "@multi-region-api/model/route53";
