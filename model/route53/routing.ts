/**
 * The words a failover name is configured in: how it routes and what kind of record answers. Each is an
 * object and a type of one name, the pattern Pulumi's schema inference reads as an enum, so that every
 * Pulumi language gets them as enums and TypeScript callers may still write the plain strings.
 */

/** How the name routes. */
export const RoutingMode = {
  /** The first region in priority order whose health check passes. */
  Failover: "failover",
  /** Each client's nearest region whose health check passes. */
  Latency: "latency",
} as const;
export type RoutingMode = (typeof RoutingMode)[keyof typeof RoutingMode];

/** What kind of record answers the name. */
export const RecordKind = {
  /** A aliases (AAAA too with IPv6): free queries, a TTL AWS fixes at 60 s. */
  Alias: "alias",
  /** CNAMEs with a TTL of your choice, billed per query. */
  Cname: "cname",
} as const;
export type RecordKind = (typeof RecordKind)[keyof typeof RecordKind];

/** A DNS record type the name has. */
export const RecordType = { A: "A", Aaaa: "AAAA", Cname: "CNAME" } as const;
export type RecordType = (typeof RecordType)[keyof typeof RecordType];
