import * as aws from "@pulumi/aws";
import { describe, expect, it } from "vitest";
import { ComponentArgsError, FailoverDns, type FailoverDnsArgs } from "../../components";
import { runWithMocks } from "../../tools/stack-runner";
import { ofType } from "../support/stacks";

function endpoint(region: string) {
  return {
    region,
    aliasName: `d-0123456789.execute-api.${region}.amazonaws.com`,
    aliasZoneId: "ZZONE",
    healthCheckFqdn: `${region}.api.example.com`,
    healthCheckPath: "/health",
  };
}

/** A happy-path FailoverDns over two regions; tests change one property. */
function args(change: Partial<FailoverDnsArgs> = {}): FailoverDnsArgs {
  return {
    zoneId: "ZEXAMPLE",
    recordName: "api.example.com",
    endpoints: [endpoint("us-east-1"), endpoint("eu-west-1")],
    ...change,
  };
}

function build(change: Partial<FailoverDnsArgs> = {}) {
  return () => {
    const provider = new aws.Provider("us-east-1", { region: "us-east-1" });
    const dns = new FailoverDns("failover", args(change), { provider });
    return { url: dns.url, failoverTime: dns.failoverTime, healthCheckIds: dns.healthCheckIds };
  };
}

describe("FailoverDns", () => {
  it("creates no alarms without alarm settings, and models the alias failover time", async () => {
    const run = await runWithMocks(build());
    expect(ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm")).toEqual([]);
    expect(ofType(run, "aws:route53/record:Record")).toHaveLength(2);
    expect(run.outputs.failoverTime).toMatchObject({
      detectionSeconds: 96,
      ttlSeconds: 60,
      totalSeconds: 156,
    });
  });

  it("uses a custom search string", async () => {
    const run = await runWithMocks(build({ healthCheck: { searchString: "OK-deep" } }));
    expect(ofType(run, "aws:route53/healthCheck:HealthCheck").map((c) => c.inputs.searchString)).toEqual([
      "OK-deep",
      "OK-deep",
    ]);
  });

  it.each([
    [
      "one endpoint",
      { endpoints: [endpoint("us-east-1")] },
      "endpoints: must list at least 2 regions, got 1",
    ],
    [
      "a health check aimed at the failover name itself",
      {
        endpoints: [{ ...endpoint("us-east-1"), healthCheckFqdn: "API.example.com." }, endpoint("eu-west-1")],
      },
      "endpoints[0].healthCheckFqdn: must not be the failover name api.example.com",
    ],
    [
      "a repeated region",
      { endpoints: [endpoint("us-east-1"), endpoint("us-east-1")] },
      "endpoints: list a region twice",
    ],
    ["a TTL on alias records", { ttl: 30 }, 'ttl: applies only to recordKind "cname"'],
    [
      "an unknown routing mode",
      { routing: "weighted" as "latency" },
      "routing: must be one of failover, latency, got weighted",
    ],
    [
      "ipv6 not a boolean",
      { ipv6: "yes" as unknown as boolean },
      "ipv6: must be one of true, false, got yes",
    ],
    [
      "an unknown record kind",
      { recordKind: "weighted" as "alias" },
      "recordKind: must be one of alias, cname, got weighted",
    ],
    [
      "interval 15",
      { healthCheck: { requestInterval: 15 } },
      "healthCheck.requestInterval: must be one of 10, 30, got 15",
    ],
    [
      "threshold 11",
      { healthCheck: { failureThreshold: 11 } },
      "healthCheck.failureThreshold: must be a whole number from 1 to 10, got 11",
    ],
    [
      "a 256-character search string",
      { healthCheck: { searchString: "x".repeat(256) } },
      "healthCheck.searchString: must be 1 to 255 characters",
    ],
    [
      "two checker regions",
      { healthCheck: { checkerRegions: ["us-east-1", "eu-west-1"] } },
      "healthCheck.checkerRegions: must name at least 3 distinct regions",
    ],
    [
      "an unknown drained region",
      { drainedRegions: ["ap-south-1"] },
      'drainedRegions: "ap-south-1" is not an endpoint region; allowed: us-east-1, eu-west-1',
    ],
    [
      "every region drained",
      { drainedRegions: ["us-east-1", "eu-west-1"] },
      "drainedRegions: must leave at least one region in service",
    ],
    [
      "a record name that is not a DNS name",
      { recordName: "api example" },
      'recordName: "api example" is not a lower-case DNS name',
    ],
  ] as [string, Partial<FailoverDnsArgs>, string][])(
    "rejects %s before registering anything",
    async (_, change, message) => {
      const run = runWithMocks(build(change));
      await expect(run).rejects.toThrow(ComponentArgsError);
      await expect(run).rejects.toThrow(message);
    },
  );
});

describe("FailoverDns providers", () => {
  it.each([
    ["opts.provider", (provider: aws.Provider) => ({ provider })],
    ["opts.providers { aws }", (provider: aws.Provider) => ({ providers: { aws: provider } })],
  ])("takes the provider as %s and puts every child on it", async (_, optsFor) => {
    const run = await runWithMocks(() => {
      const provider = new aws.Provider("us-east-1", { region: "us-east-1" });
      return new FailoverDns("failover", args(), optsFor(provider)).url;
    });
    const children = run.registrations.filter((r) => r.type.startsWith("aws:"));
    expect(children.length).toBeGreaterThanOrEqual(4);
    expect(new Set(children.map((r) => r.region))).toEqual(new Set(["us-east-1"]));
  });

  it("refuses to run on the default provider", async () => {
    await expect(runWithMocks(() => new FailoverDns("failover", args()))).rejects.toThrow(
      "opts.provider: must be an aws.Provider for the Route 53 resources",
    );
  });
});
