import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_BACKEND, DEFAULT_HEALTH_CHECK, parseStackConfig } from "../../config";
import { MINIMAL_CONFIG } from "../support/stacks";

const ARN_US = "arn:aws:acm:us-east-1:123456789012:certificate/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

/** The ConfigError's message for a config that differs from the minimal one by `change`. */
function errorFor(change: Record<string, unknown>, remove: string[] = []): string {
  const raw: Record<string, unknown> = { ...MINIMAL_CONFIG, ...change };
  remove.forEach((key) => delete raw[key]);
  try {
    parseStackConfig(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(change)}`);
}

describe("parseStackConfig defaults", () => {
  it("fills every optional key with its documented default", () => {
    expect(parseStackConfig({ ...MINIMAL_CONFIG })).toEqual({
      domainName: "api.example.com",
      hostedZoneName: "example.com",
      regions: [{ name: "us-east-1" }, { name: "eu-west-1" }],
      backend: { kind: "ec2", ...DEFAULT_BACKEND, maxInstanceCount: 4, homeRegion: "us-east-1" },
      healthCheck: { ...DEFAULT_HEALTH_CHECK },
      routing: "failover",
      dns: { recordKind: "alias", ipv6: false },
      drainedRegions: [],
      alarms: { api5xxRatePercent: 5, replicationLatencyMs: 10000 },
      tags: {},
      manageApiGatewayAccount: true,
      auth: {
        ...MINIMAL_CONFIG.auth,
        cacheTtlSeconds: 60,
        tokenType: "at+jwt",
        scopes: { read: "users:read", write: "users:write" },
      },
      waf: { requestsPer5Minutes: 2000 },
      part: "all",
      regionalStacks: {},
      deploy: { bakeMinutes: 30, api5xxRatePercent: 1, latencyP99Ms: 2000 },
      capacity: { requestsPerInstance: 100 },
    });
  });

  it("defaults backend.maxInstanceCount to twice instanceCount and backend.homeRegion to the first region", () => {
    const config = parseStackConfig({
      ...MINIMAL_CONFIG,
      regions: ["eu-west-1", "us-east-1"],
      backend: { instanceCount: 3 },
    });
    expect(config.backend).toMatchObject({ maxInstanceCount: 6, homeRegion: "eu-west-1" });
  });

  it("keeps a homeRegion and maxInstanceCount that are set, and manageApiGatewayAccount false", () => {
    const config = parseStackConfig({
      ...MINIMAL_CONFIG,
      backend: { homeRegion: "eu-west-1", instanceCount: 2, maxInstanceCount: 2 },
      manageApiGatewayAccount: false,
    });
    expect(config.backend).toMatchObject({ homeRegion: "eu-west-1", maxInstanceCount: 2 });
    expect(config.manageApiGatewayAccount).toBe(false);
  });

  it("normalises DNS names and reads region entries with a certificate", () => {
    const config = parseStackConfig({
      ...MINIMAL_CONFIG,
      domainName: "API.Example.com.",
      regions: [{ name: "us-east-1", certificateArn: ARN_US }, "eu-west-1"],
      backend: { url: "https://backend.example.net/" },
      dns: { recordKind: "cname" },
      alarmEmail: "",
    });
    expect(config.domainName).toBe("api.example.com");
    expect(config.regions[0]).toEqual({ name: "us-east-1", certificateArn: ARN_US });
    expect(config.backend).toEqual({ kind: "url", url: "https://backend.example.net" });
    expect(config.dns).toEqual({ recordKind: "cname", ttl: 60, ipv6: false });
    expect(config.alarmEmail).toBeUndefined();
  });
});

describe("auth and waf", () => {
  it("accepts mode none explicitly, and the edges of the authorizer TTL and rate ranges", () => {
    expect(parseStackConfig({ ...MINIMAL_CONFIG, auth: { mode: "none" } }).auth).toEqual({ mode: "none" });
    const edges = parseStackConfig({
      ...MINIMAL_CONFIG,
      auth: { ...MINIMAL_CONFIG.auth, cacheTtlSeconds: 0 },
      waf: { requestsPer5Minutes: 100 },
    });
    expect(edges.auth).toMatchObject({ cacheTtlSeconds: 0 });
    expect(edges.waf).toEqual({ requestsPer5Minutes: 100 });
    const top = parseStackConfig({
      ...MINIMAL_CONFIG,
      auth: { ...MINIMAL_CONFIG.auth, cacheTtlSeconds: 3600 },
      waf: { requestsPer5Minutes: 2_000_000_000 },
    });
    expect(top.auth).toMatchObject({ cacheTtlSeconds: 3600 });
    const cognito = parseStackConfig({
      ...MINIMAL_CONFIG,
      auth: {
        ...MINIMAL_CONFIG.auth,
        tokenType: "cognito",
        scopes: { write: "https://api.example.com/users.write" },
      },
    });
    expect(cognito.auth).toMatchObject({
      tokenType: "cognito",
      scopes: { read: "users:read", write: "https://api.example.com/users.write" },
    });
  });

  it("keeps the issuer exactly as written: it must equal the tokens' iss claim", () => {
    const config = parseStackConfig({
      ...MINIMAL_CONFIG,
      auth: { ...MINIMAL_CONFIG.auth, issuer: "https://login.example.com/tenant/" },
    });
    expect(config.auth).toMatchObject({ issuer: "https://login.example.com/tenant/" });
  });
});

describe("the zone apex", () => {
  it("accepts an alias at the apex: an alias A record is valid there", () => {
    expect(parseStackConfig({ ...MINIMAL_CONFIG, domainName: "example.com" }).dns).toEqual({
      recordKind: "alias",
      ipv6: false,
    });
  });
});

describe("routing and dns.ipv6", () => {
  it("reads latency routing and IPv6 for either record kind", () => {
    expect(parseStackConfig({ ...MINIMAL_CONFIG, routing: "latency" }).routing).toBe("latency");
    expect(parseStackConfig({ ...MINIMAL_CONFIG, dns: { ipv6: true } }).dns).toEqual({
      recordKind: "alias",
      ipv6: true,
    });
    expect(
      parseStackConfig({ ...MINIMAL_CONFIG, dns: { recordKind: "cname", ttl: 10, ipv6: true } }).dns,
    ).toEqual({ recordKind: "cname", ttl: 10, ipv6: true });
  });
});

describe("parseStackConfig errors name the key and the allowed values", () => {
  it.each([
    ["domainName missing", {}, ["domainName"], "multi-region-api:domainName: is required"],
    [
      "domainName not a DNS name",
      { domainName: "api example" },
      [],
      "multi-region-api:domainName: must be a DNS name",
    ],
    ["hostedZoneName missing", {}, ["hostedZoneName"], "multi-region-api:hostedZoneName: is required"],
    [
      "domain outside the zone",
      { domainName: "api.example.org" },
      [],
      'multi-region-api:domainName: "api.example.org" is not inside the hosted zone "example.com"',
    ],
    ["regions missing", {}, ["regions"], "multi-region-api:regions: is required"],
    ["auth missing (it must be chosen explicitly)", {}, ["auth"], "multi-region-api:auth: is required"],
    [
      "auth mode unknown",
      { auth: { mode: "oauth" } },
      [],
      "multi-region-api:auth.mode: must be { mode: jwt, issuer: https://…, audience: … } or { mode: none }",
    ],
    [
      "auth as a bare string",
      { auth: "jwt" },
      [],
      'multi-region-api:auth: expected a map of keys, got the string "jwt"; must be { mode: jwt',
    ],
    [
      "jwt issuer over plain http",
      { auth: { ...MINIMAL_CONFIG.auth, issuer: "http://login.example.com/" } },
      [],
      "multi-region-api:auth.issuer: must be the identity provider's https:// issuer URL",
    ],
    [
      "jwt without issuer",
      { auth: { mode: "jwt", audience: "https://api.example.com" } },
      [],
      "multi-region-api:auth.issuer: is required",
    ],
    [
      "jwt with an empty audience",
      { auth: { ...MINIMAL_CONFIG.auth, audience: " " } },
      [],
      "multi-region-api:auth.audience: must be the audience (aud claim)",
    ],
    [
      "authorizer cache TTL above API Gateway's 3600",
      { auth: { ...MINIMAL_CONFIG.auth, cacheTtlSeconds: 3601 } },
      [],
      "multi-region-api:auth.cacheTtlSeconds: must be a whole number of seconds from 0 to 3600",
    ],
    [
      "authorizer cache TTL negative",
      { auth: { ...MINIMAL_CONFIG.auth, cacheTtlSeconds: -1 } },
      [],
      "multi-region-api:auth.cacheTtlSeconds: must be a whole number of seconds from 0 to 3600",
    ],
    [
      "mode none with jwt settings",
      { auth: { mode: "none", issuer: "https://login.example.com/" } },
      [],
      "multi-region-api:auth.issuer: unknown key; allowed: mode, issuer, audience, cacheTtlSeconds, tokenType, scopes (mode jwt), or mode alone (mode none)",
    ],
    [
      "WAF rate limit below the provider's 100",
      { waf: { requestsPer5Minutes: 99 } },
      [],
      "multi-region-api:waf.requestsPer5Minutes: must be a whole number of requests from 100 to 2000000000",
    ],
    [
      "WAF rate limit not whole",
      { waf: { requestsPer5Minutes: 150.5 } },
      [],
      "multi-region-api:waf.requestsPer5Minutes: expected a whole number, got the number 150.5; must be a whole number of requests from 100 to 2000000000",
    ],
    [
      "WAF key misspelt",
      { waf: { requestsPerFiveMinutes: 500 } },
      [],
      "multi-region-api:waf.requestsPerFiveMinutes: unknown key; allowed: requestsPer5Minutes",
    ],
    [
      "regions not a list",
      { regions: "us-east-1" },
      [],
      'multi-region-api:regions: expected a list, got the string "us-east-1"; must be a list of regions',
    ],
    ["one region", { regions: ["us-east-1"] }, [], "multi-region-api:regions: must list at least 2 regions"],
    [
      "unknown region",
      { regions: ["us-east-1", "eu-west-9"] },
      [],
      'multi-region-api:regions[1].name: "eu-west-9" is not an AWS region; allowed: af-south-1',
    ],
    [
      "GovCloud region",
      { regions: ["us-east-1", "us-gov-west-1"] },
      [],
      'regions[1].name: "us-gov-west-1" is not an AWS region',
    ],
    [
      "duplicate region",
      { regions: ["us-east-1", "us-east-1"] },
      [],
      'multi-region-api:regions[1]: "us-east-1" is listed twice',
    ],
    [
      "region entry of the wrong shape",
      { regions: ["us-east-1", 7] },
      [],
      "multi-region-api:regions[1]: expected a map of keys, got the number 7; must be a region name, or { name, certificateArn?, backendUrl? }",
    ],
    [
      "malformed certificate ARN",
      { regions: [{ name: "us-east-1", certificateArn: "arn:nope" }, "eu-west-1"] },
      [],
      "multi-region-api:regions[0].certificateArn: must be an ACM certificate ARN",
    ],
    [
      "certificate of another region",
      { regions: ["us-east-1", { name: "eu-west-1", certificateArn: ARN_US }] },
      [],
      "multi-region-api:regions[1].certificateArn: is in us-east-1, but a regional custom domain needs a certificate from its own region eu-west-1",
    ],
    [
      "instanceCount 0",
      { backend: { instanceCount: 0 } },
      [],
      "multi-region-api:backend.instanceCount: must be a whole number from 1 to 10",
    ],
    [
      "instanceCount 11",
      { backend: { instanceCount: 11 } },
      [],
      "multi-region-api:backend.instanceCount: must be a whole number from 1 to 10",
    ],
    [
      "health path on an API route",
      { healthCheck: { path: "/v1/users" } },
      [],
      "multi-region-api:healthCheck.path: must not be /v1 or under it: the API's own routes live there",
    ],
    [
      "health path on the API prefix",
      { healthCheck: { path: "/v1/" } },
      [],
      "multi-region-api:healthCheck.path: must not be /v1 or under it",
    ],
    [
      "homeRegion not one of regions",
      { backend: { homeRegion: "eu-west-2" } },
      [],
      'multi-region-api:backend.homeRegion: "eu-west-2" is not a configured region; allowed: us-east-1, eu-west-1',
    ],
    [
      "homeRegion not a region",
      { backend: { homeRegion: "mars-1" } },
      [],
      'multi-region-api:backend.homeRegion: "mars-1" is not an AWS region',
    ],
    [
      "maxInstanceCount below instanceCount",
      { backend: { instanceCount: 3, maxInstanceCount: 2 } },
      [],
      "multi-region-api:backend.maxInstanceCount: must be a whole number from instanceCount (3) to 20, got 2",
    ],
    [
      "maxInstanceCount above 20",
      { backend: { maxInstanceCount: 21 } },
      [],
      "multi-region-api:backend.maxInstanceCount: must be a whole number from instanceCount (2) to 20, got 21",
    ],
    [
      "maxInstanceCount not whole",
      { backend: { maxInstanceCount: 2.5 } },
      [],
      "multi-region-api:backend.maxInstanceCount: expected a whole number, got the number 2.5; must be a whole number from instanceCount to 20",
    ],
    [
      "deletionProtection not a boolean",
      { backend: { deletionProtection: "off" } },
      [],
      'multi-region-api:backend.deletionProtection: expected true or false, got the string "off"; must be true or false',
    ],
    [
      "manageApiGatewayAccount not a boolean",
      { manageApiGatewayAccount: "no" },
      [],
      'multi-region-api:manageApiGatewayAccount: expected true or false, got the string "no"; must be true or false',
    ],
    [
      "instanceType malformed",
      { backend: { instanceType: "large" } },
      [],
      "multi-region-api:backend.instanceType: must be an EC2 instance type such as t4g.small",
    ],
    [
      "backend url not https",
      { backend: { url: "http://backend.example.net" } },
      [],
      "multi-region-api:backend.url: must be an https:// URL",
    ],
    [
      "backend with both shapes",
      { backend: { url: "https://b.example.net", instanceCount: 2 } },
      [],
      "multi-region-api:backend.instanceCount: unknown key; allowed: instanceType, instanceCount, maxInstanceCount, homeRegion, amiIds, deletionProtection (EC2 instances this stack creates), or url alone (an existing backend)",
    ],
    [
      "health path without slash",
      { healthCheck: { path: "health" } },
      [],
      "multi-region-api:healthCheck.path: must start with /",
    ],
    [
      "threshold 0",
      { healthCheck: { failureThreshold: 0 } },
      [],
      "multi-region-api:healthCheck.failureThreshold: must be a whole number from 1 to 10",
    ],
    [
      "threshold 11",
      { healthCheck: { failureThreshold: 11 } },
      [],
      "multi-region-api:healthCheck.failureThreshold: must be a whole number from 1 to 10",
    ],
    [
      "interval 20",
      { healthCheck: { requestInterval: 20 } },
      [],
      "multi-region-api:healthCheck.requestInterval: must be one of 10, 30",
    ],
    [
      "two checker regions",
      { healthCheck: { checkerRegions: ["us-east-1", "eu-west-1"] } },
      [],
      "multi-region-api:healthCheck.checkerRegions: must name at least 3 health-checker regions",
    ],
    [
      "unknown checker region",
      { healthCheck: { checkerRegions: ["us-east-1", "eu-west-1", "eu-central-1"] } },
      [],
      'multi-region-api:healthCheck.checkerRegions[2]: "eu-central-1" is not a Route 53 health-checker region; allowed: us-east-1',
    ],
    [
      "unknown healthCheck key",
      { healthCheck: { interval: 10 } },
      [],
      "multi-region-api:healthCheck.interval: unknown key; allowed: path, failureThreshold, requestInterval, checkerRegions",
    ],
    [
      "unknown key in a region entry",
      { regions: [{ name: "us-east-1", zone: "a" }, "eu-west-1"] },
      [],
      "multi-region-api:regions[0].zone: unknown key; allowed: name, certificateArn, backendUrl",
    ],
    [
      "a region's backendUrl over plain HTTP",
      { regions: [{ name: "us-east-1", backendUrl: "http://b.example.net" }, "eu-west-1"] },
      [],
      "multi-region-api:regions[0].backendUrl: must be an https:// URL of an existing backend",
    ],
    [
      "unknown dns key",
      { dns: { recordKind: "cname", ttl: 60, tll: 30 } },
      [],
      "multi-region-api:dns.tll: unknown key; allowed: recordKind, ttl",
    ],
    [
      "failureThreshold of the wrong type",
      { healthCheck: { failureThreshold: "3" } },
      [],
      'multi-region-api:healthCheck.failureThreshold: expected a number, got the string "3"',
    ],
    [
      "healthCheck of the wrong type",
      { healthCheck: [] },
      [],
      "multi-region-api:healthCheck: expected a map of keys, got a list",
    ],
    [
      "TTL on an alias",
      { dns: { recordKind: "alias", ttl: 60 } },
      [],
      'multi-region-api:dns.ttl: cannot be set with recordKind "alias"',
    ],
    [
      "TTL without a kind (alias by default)",
      { dns: { ttl: 30 } },
      [],
      'multi-region-api:dns.ttl: cannot be set with recordKind "alias"',
    ],
    [
      "unknown record kind",
      { dns: { recordKind: "weighted" } },
      [],
      'multi-region-api:dns.recordKind: must be { recordKind: "alias" } or { recordKind: "cname", ttl }; recordKind allows: alias, cname',
    ],
    [
      "a CNAME at the zone apex",
      { domainName: "example.com", dns: { recordKind: "cname" } },
      [],
      'multi-region-api:dns.recordKind: "cname" is not allowed when domainName "example.com" is the zone apex (hostedZoneName)',
    ],
    [
      "ipv6 not a boolean",
      { dns: { recordKind: "alias", ipv6: "yes" } },
      [],
      'multi-region-api:dns.ipv6: expected true or false, got the string "yes"; must be true or false',
    ],
    [
      "unknown routing mode",
      { routing: "geolocation" },
      [],
      "multi-region-api:routing: must be one of failover, latency",
    ],
    [
      "negative CNAME TTL",
      { dns: { recordKind: "cname", ttl: -1 } },
      [],
      "multi-region-api:dns.ttl: must be a whole number of seconds from 0 to 172800",
    ],
    [
      "drained region not configured",
      { drainedRegions: ["ap-south-1"] },
      [],
      'multi-region-api:drainedRegions[0]: "ap-south-1" is not a configured region; allowed: us-east-1, eu-west-1',
    ],
    [
      "every region drained",
      { drainedRegions: ["us-east-1", "eu-west-1"] },
      [],
      "multi-region-api:drainedRegions: must leave at least one region in service",
    ],
    [
      "alarm email malformed",
      { alarmEmail: "ops-at-example" },
      [],
      'multi-region-api:alarmEmail: must be an email address, or "" for none',
    ],
    [
      "tag value not a string",
      { tags: { team: 7 } },
      [],
      "multi-region-api:tags.team: expected a string, got the number 7; tag values must be strings",
    ],
    [
      "unknown key",
      { healthcheck: {} },
      [],
      "multi-region-api:healthcheck: unknown key; allowed: domainName, hostedZoneName, regions, backend, healthCheck, routing, dns, drainedRegions, alarmEmail, alarms, tags, manageApiGatewayAccount, auth, waf, part, globalStack, regionalStacks",
    ],
  ])("%s", (_, change, remove, expected) => {
    expect(errorFor(change, remove)).toContain(expected);
  });

  it("reports every problem at once, one line each", () => {
    const message = errorFor({
      healthCheck: { requestInterval: 20, failureThreshold: 0 },
      backend: { instanceCount: 0 },
    });
    expect(message.split("\n").filter((line) => line.startsWith("  - "))).toHaveLength(3);
  });
});
