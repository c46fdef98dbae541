/**
 * Both sides of every config bound, and the forms the schema accepts (issue 14: mutants of config/ that no
 * test noticed). Errors still name the key and the allowed values.
 */
import * as pulumi from "@pulumi/pulumi";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadStackConfig, parseStackConfig } from "../../config";
import { COMMERCIAL_REGIONS, isCommercialRegion, SUPPORTED_REGIONS } from "@multi-region-api/model/regions";
import { configProblems, MINIMAL_CONFIG } from "../support/stacks";

const parse = (change: Record<string, unknown>) => parseStackConfig({ ...MINIMAL_CONFIG, ...change });

/** The problems a ConfigError lists for a config that differs from the minimal one by `change`. */
const problemsOf = (change: Record<string, unknown>) => configProblems({ ...MINIMAL_CONFIG, ...change });

const label = (length: number) => "a".repeat(length);

describe("config bounds: accepted on the inside", () => {
  it.each([
    ["a 63-character label and a hyphen inside one", { domainName: `${label(63)}.x-y.example.com` }],
    ["the zone's own name as domainName", { domainName: "example.com" }],
    ["1 and 10 instances", { backend: { instanceCount: 1 } }],
    ["10 instances", { backend: { instanceCount: 10 } }],
    ["a 255-character health path", { healthCheck: { path: `/${label(254)}` } }],
    ["threshold 1", { healthCheck: { failureThreshold: 1 } }],
    ["threshold 10 and interval 10", { healthCheck: { failureThreshold: 10, requestInterval: 10 } }],
    [
      "three distinct checker regions",
      { healthCheck: { checkerRegions: ["us-east-1", "eu-west-1", "sa-east-1"] } },
    ],
    ["a CNAME TTL of 0", { dns: { recordKind: "cname", ttl: 0 } }],
    ["a CNAME TTL of 172800", { dns: { recordKind: "cname", ttl: 172800 } }],
    ["a 128-character tag key and a 256-character value", { tags: { [label(128)]: label(256) } }],
    ["an alarm e-mail address", { alarmEmail: "oncall@example.com" }],
    ["a drained region that is configured", { drainedRegions: ["eu-west-1"] }],
    [
      "a peak of 1 and 10000000 per instance",
      { capacity: { peakRequestsPerSecond: 1, requestsPerInstance: 10_000_000 } },
    ],
    [
      "a peak of 10000000 and 1 per instance",
      { capacity: { peakRequestsPerSecond: 10_000_000, requestsPerInstance: 1 } },
    ],
  ])("%s", (_label, change) => {
    expect(() => parse(change)).not.toThrow();
  });

  it("keeps the values it accepted", () => {
    const config = parse({
      healthCheck: {
        failureThreshold: 1,
        requestInterval: 10,
        checkerRegions: ["us-east-1", "eu-west-1", "sa-east-1"],
      },
      dns: { recordKind: "cname", ttl: 0 },
      alarmEmail: "oncall@example.com",
      drainedRegions: ["eu-west-1"],
      tags: { team: "api" },
      backend: { instanceType: "c7g.large", instanceCount: 4 },
    });
    expect(config.healthCheck).toEqual({
      path: "/health",
      failureThreshold: 1,
      requestInterval: 10,
      checkerRegions: ["us-east-1", "eu-west-1", "sa-east-1"],
    });
    expect(config.dns).toEqual({ recordKind: "cname", ttl: 0, ipv6: false });
    expect(config.alarmEmail).toBe("oncall@example.com");
    expect(config.drainedRegions).toEqual(["eu-west-1"]);
    expect(config.tags).toEqual({ team: "api" });
    expect(config.backend).toEqual({
      kind: "ec2",
      instanceType: "c7g.large",
      instanceCount: 4,
      maxInstanceCount: 8,
      homeRegion: "us-east-1",
      deletionProtection: true,
    });
    expect(parse({ dns: {} }).dns).toEqual({ recordKind: "alias", ipv6: false });
    expect(parse({ hostedZoneName: " Example.COM. " }).hostedZoneName).toBe("example.com");
  });
});

describe("config bounds: refused just outside, naming the key", () => {
  it.each([
    [
      "a 64-character label",
      { domainName: `${label(64)}.example.com` },
      "multi-region-api:domainName: must be a DNS name such as api.example.com (letters, digits, hyphens, dots)",
    ],
    [
      "a label starting with a hyphen",
      { domainName: "-api.example.com" },
      "multi-region-api:domainName: must be a DNS name",
    ],
    [
      "a label ending with a hyphen",
      { domainName: "api-.example.com" },
      "multi-region-api:domainName: must be a DNS name",
    ],
    [
      "a single label",
      { hostedZoneName: "com" },
      "multi-region-api:hostedZoneName: must be a DNS name such as example.com",
    ],
    [
      "a name over 253 characters",
      { domainName: `${Array(5).fill(label(60)).join(".")}.example.com` },
      "multi-region-api:domainName: must be a DNS name",
    ],
    [
      "a domainName that is not a string",
      { domainName: 7 },
      "multi-region-api:domainName: expected a string, got the number 7; must be a DNS name such as api.example.com",
    ],
    [
      "a domain outside the zone that ends like it",
      { domainName: "api.badexample.com" },
      'multi-region-api:domainName: "api.badexample.com" is not inside the hosted zone "example.com" (hostedZoneName)',
    ],
    [
      "a peak of 0",
      { capacity: { peakRequestsPerSecond: 0 } },
      "multi-region-api:capacity.peakRequestsPerSecond: must be a whole number of requests per second from 1 to 10000000",
    ],
    [
      "a peak above 10000000",
      { capacity: { peakRequestsPerSecond: 10_000_001 } },
      "multi-region-api:capacity.peakRequestsPerSecond: must be a whole number of requests per second from 1 to 10000000",
    ],
    [
      "0 requests per instance",
      { capacity: { requestsPerInstance: 0 } },
      "multi-region-api:capacity.requestsPerInstance: must be a whole number of requests per second from 1 to 10000000",
    ],
    [
      "a fractional rate per instance",
      { capacity: { requestsPerInstance: 2.5 } },
      "multi-region-api:capacity.requestsPerInstance: expected a whole number, got the number 2.5; must be a whole number of requests per second from 1 to 10000000",
    ],
    [
      "a fractional instance count",
      { backend: { instanceCount: 1.5 } },
      "multi-region-api:backend.instanceCount: expected a whole number, got the number 1.5; must be a whole number from 1 to 10",
    ],
    [
      "an instance count as text",
      { backend: { instanceCount: "2" } },
      'multi-region-api:backend.instanceCount: expected a number, got the string "2"; must be a whole number from 1 to 10',
    ],
    [
      "a backend that is not an object",
      { backend: "ec2" },
      'multi-region-api:backend: expected a map of keys, got the string "ec2"; must be { instanceType, instanceCount, maxInstanceCount, homeRegion, amiIds, deletionProtection } to create EC2 instances, or { url } to proxy to an existing HTTPS backend',
    ],
    [
      "a 256-character health path",
      { healthCheck: { path: `/${label(255)}` } },
      "multi-region-api:healthCheck.path: must be at most 255 characters",
    ],
    [
      "a health path with a query",
      { healthCheck: { path: "/health?deep=1" } },
      "multi-region-api:healthCheck.path: must start with / and hold no spaces, query or fragment, e.g. /health",
    ],
    [
      "a fractional threshold",
      { healthCheck: { failureThreshold: 2.5 } },
      "multi-region-api:healthCheck.failureThreshold: expected a whole number, got the number 2.5; must be a whole number from 1 to 10",
    ],
    [
      "interval 15",
      { healthCheck: { requestInterval: 15 } },
      "multi-region-api:healthCheck.requestInterval: must be one of 10, 30 (seconds; Route 53 accepts no other interval)",
    ],
    [
      "a checker region named twice",
      { healthCheck: { checkerRegions: ["us-east-1", "us-east-1", "eu-west-1"] } },
      "multi-region-api:healthCheck.checkerRegions: must not name a region twice",
    ],
    [
      "a region Route 53 does not check from",
      { healthCheck: { checkerRegions: ["us-east-1", "eu-west-1", "eu-central-1"] } },
      'multi-region-api:healthCheck.checkerRegions[2]: "eu-central-1" is not a Route 53 health-checker region; allowed: us-east-1, us-west-1',
    ],
    [
      "a CNAME TTL over two days",
      { dns: { recordKind: "cname", ttl: 172801 } },
      "multi-region-api:dns.ttl: must be a whole number of seconds from 0 to 172800",
    ],
    [
      "a fractional CNAME TTL",
      { dns: { recordKind: "cname", ttl: 1.5 } },
      "multi-region-api:dns.ttl: expected a whole number, got the number 1.5; must be a whole number of seconds from 0 to 172800",
    ],
    [
      "a CNAME TTL as text",
      { dns: { recordKind: "cname", ttl: "60" } },
      'multi-region-api:dns.ttl: expected a number, got the string "60"; must be a whole number of seconds from 0 to 172800',
    ],
    [
      "an alias with a TTL",
      { dns: { recordKind: "alias", ttl: 60 } },
      'multi-region-api:dns.ttl: cannot be set with recordKind "alias": an alias answers with its target\'s TTL (60 s for API Gateway); use recordKind "cname" to choose a TTL',
    ],
    ["a 129-character tag key", { tags: { [label(129)]: "x" } }, `multi-region-api:tags.${label(129)}: `],
    [
      "a 257-character tag value",
      { tags: { team: label(257) } },
      "multi-region-api:tags.team: tag values must be at most 256 characters",
    ],
    [
      "tags that are not a map",
      { tags: ["team"] },
      "multi-region-api:tags: expected a map of keys, got a list; must be a map of tag names to string values",
    ],
    [
      "drained regions that are not a list",
      { drainedRegions: "eu-west-1" },
      'multi-region-api:drainedRegions: expected a list, got the string "eu-west-1"; must be a list of configured region names',
    ],
    [
      "an unconfigured drained region",
      { drainedRegions: ["eu-west-1", "ap-south-1"] },
      'multi-region-api:drainedRegions[1]: "ap-south-1" is not a configured region; allowed: us-east-1, eu-west-1',
    ],
    [
      "regions that are not a list",
      { regions: "us-east-1" },
      'multi-region-api:regions: expected a list, got the string "us-east-1"; must be a list of regions, first = primary',
    ],
    [
      "a region entry of the wrong shape",
      { regions: ["us-east-1", { region: "eu-west-1" }] },
      "multi-region-api:regions[1]",
    ],
    [
      "a region twice, reported at its second place",
      { regions: ["us-east-1", "eu-west-1", "us-east-1"] },
      'multi-region-api:regions[2]: "us-east-1" is listed twice',
    ],
    [
      "an unknown nested key",
      { healthCheck: { interval: 10 } },
      "multi-region-api:healthCheck.interval: unknown key; allowed: path, failureThreshold, requestInterval, checkerRegions",
    ],
  ])("%s", (_label, change, message) => {
    expect(problemsOf(change).join("\n")).toContain(message);
  });

  it("lists each problem once, keyed, in the ConfigError message", () => {
    const error = (() => {
      try {
        parse({ regions: ["us-east-1", "mars-1"], healthCheck: { failureThreshold: 0 } });
      } catch (caught) {
        return caught as ConfigError;
      }
      throw new Error("expected a ConfigError");
    })();
    expect(error.name).toBe("ConfigError");
    expect(error.message).toBe(`invalid stack configuration:\n  - ${error.problems.join("\n  - ")}`);
    expect(error.problems).toEqual([
      `multi-region-api:regions[1].name: "mars-1" is not an AWS region; allowed: ${SUPPORTED_REGIONS.join(", ")}`,
      "multi-region-api:healthCheck.failureThreshold: must be a whole number from 1 to 10",
    ]);
  });

  it("accepts no region of another partition", () => {
    expect(COMMERCIAL_REGIONS).toContain("us-east-1");
    expect(COMMERCIAL_REGIONS).toContain("eu-west-1");
    for (const region of [
      "cn-north-1",
      "us-gov-west-1",
      "us-iso-east-1",
      "us-isob-east-1",
      "eu-isoe-west-1",
    ]) {
      expect(isCommercialRegion(region), region).toBe(false);
    }
  });
});

describe("loadStackConfig", () => {
  afterEach(() => pulumi.runtime.setAllConfig({}));

  const load = (config: Record<string, string>) => {
    pulumi.runtime.setAllConfig(
      Object.fromEntries(Object.entries(config).map(([key, value]) => [`multi-region-api:${key}`, value])),
    );
    return loadStackConfig();
  };

  it("decodes structured keys from JSON and keeps plain strings as they are", () => {
    const config = load({
      domainName: "api.example.com",
      hostedZoneName: "example.com",
      regions: '["us-east-1","eu-west-1"]',
      auth: '{"mode":"none"}',
      alarmEmail: "oncall@example.com",
      drainedRegions: '["eu-west-1"]',
    });
    expect(config.regions).toEqual([{ name: "us-east-1" }, { name: "eu-west-1" }]);
    expect(config.alarmEmail).toBe("oncall@example.com");
    expect(config.drainedRegions).toEqual(["eu-west-1"]);
  });

  it("keeps a domain name that looks like a number a string, and ignores other namespaces", () => {
    pulumi.runtime.setAllConfig({
      "multi-region-api:domainName": "123",
      "multi-region-api:hostedZoneName": "example.com",
      "multi-region-api:regions": '["us-east-1","eu-west-1"]',
      "aws:region": "us-east-1",
    });
    expect(() => loadStackConfig()).toThrow("multi-region-api:domainName: must be a DNS name");
  });

  it("names the key whose JSON is broken", () => {
    expect(() =>
      load({ domainName: "api.example.com", hostedZoneName: "example.com", regions: '["us-east-1",' }),
    ).toThrow('multi-region-api:regions: is not valid JSON: ["us-east-1",');
    expect(() =>
      load({ domainName: "api.example.com", hostedZoneName: "example.com", regions: "  {oops" }),
    ).toThrow("multi-region-api:regions: is not valid JSON");
  });

  it("passes a plain string of a structured key to the schema, which names the key", () => {
    expect(() =>
      load({
        domainName: "api.example.com",
        hostedZoneName: "example.com",
        regions: "us-east-1",
        auth: '{"mode":"none"}',
      }),
    ).toThrow(
      'multi-region-api:regions: expected a list, got the string "us-east-1"; must be a list of regions',
    );
  });
});
