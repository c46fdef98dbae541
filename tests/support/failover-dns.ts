/**
 * A happy-path FailoverDns for component tests: two regions (us-east-1 first) on an eu-west-1 provider, with
 * alarms from us-east-1 unless a test turns them off. Each test changes one thing.
 */
import * as aws from "@pulumi/aws";
import { FailoverDns, type FailoverDnsArgs } from "../../components";

/** What a RegionalApi hands FailoverDns for a region. */
export function endpoint(region: string) {
  return {
    region,
    aliasName: `d-0123456789.execute-api.${region}.amazonaws.com`,
    aliasZoneId: `Z-${region}`,
    healthCheckFqdn: `${region}.api.example.com`,
    healthCheckPath: "/health",
  };
}

/** The arguments without alarms, changed by `change`. */
export function failoverDnsArgs(change: Partial<FailoverDnsArgs> = {}): Omit<FailoverDnsArgs, "alarms"> {
  return {
    zoneId: "ZEXAMPLE",
    recordName: "api.example.com",
    endpoints: [endpoint("us-east-1"), endpoint("eu-west-1")],
    ...change,
  };
}

/** The program `runWithMocks` runs: the component, and its public outputs. */
export function buildFailoverDns(
  change: Partial<FailoverDnsArgs> = {},
  options: { alarms?: boolean; email?: string } = {},
) {
  return () => {
    const provider = new aws.Provider("eu-west-1", { region: "eu-west-1" });
    const alarmProvider = new aws.Provider("us-east-1", { region: "us-east-1" });
    const alarms = options.alarms === false ? undefined : { provider: alarmProvider, email: options.email };
    const dns = new FailoverDns("failover", { ...failoverDnsArgs(change), alarms }, { provider });
    return {
      url: dns.url,
      failoverOrder: dns.failoverOrder,
      recordType: dns.recordType,
      routing: dns.routing,
      recordTypes: dns.recordTypes,
      healthCheckIds: dns.healthCheckIds,
      failoverTime: dns.failoverTime,
      intermediateNames: dns.intermediateNames,
      alarmTopicArn: dns.alarmTopicArn,
    };
  };
}
