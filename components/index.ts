/** The library's public surface: the components and the pure Route 53 knowledge they are built on. */
export {
  AuthMode,
  BackendKind,
  RegionalApi,
  type RegionalApiArgs,
  type RegionalAuth,
  type RegionalBackend,
  type RegionalWafSettings,
  type ReleaseAlarmSettings,
} from "./regional-api";
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
export { RegionalAlarms, type RegionalAlarmsArgs, type ReplicationAlarmSettings } from "./regional-alarms";
export { UsersTable, type UsersTableArgs } from "./users-table";
export type { ReleaseAlarms } from "./regional/release-alarms";
export type { ReleaseAlarmThresholds } from "@multi-region-api/model/limits/edge-limits";
export { ComponentArgsError } from "./validate";
export { RecordKind, RecordType, RoutingMode } from "@multi-region-api/model/route53/routing";
export { TokenType } from "@multi-region-api/model/contracts/authorizer-access";
export type { AccessScopes } from "@multi-region-api/model/contracts/authorizer-access";
export type { FleetCapacity } from "./regional/app-fleet";
export type { Throttling } from "./regional/rest-api";
export type { FailoverTimeModel } from "@multi-region-api/model/route53/knowledge";
export * as route53 from "@multi-region-api/model/route53";
