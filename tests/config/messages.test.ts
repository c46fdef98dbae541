/**
 * The exact problem each kind of bad value gets, key and allowed values included, and the edges of every
 * pattern the schema matches with (issue 14: config/ mutants that changed a message or loosened a pattern and
 * no test noticed). One changed key per case, from the minimal config.
 */
import * as pulumi from "@pulumi/pulumi";
import { afterEach, describe, expect, it } from "vitest";
import { type ConfigError, loadStackConfig, parseStackConfig } from "../../config";
import { API_GATEWAY_REGIONAL_ZONE_IDS, SUPPORTED_REGIONS } from "@multi-region-api/model/regions";
import { configProblems, MINIMAL_CONFIG } from "../support/stacks";

const ARN = "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012";
const JWT = { mode: "jwt", issuer: "https://login.example.com/", audience: "https://api.example.com" };
const TOP_KEYS =
  "domainName, hostedZoneName, regions, backend, healthCheck, routing, dns, drainedRegions, alarmEmail, alarms, tags, manageApiGatewayAccount, auth, waf, part, globalStack, regionalStacks, deploy, release, capacity";

const changed = (change: Record<string, unknown>) => ({ ...MINIMAL_CONFIG, ...change });

describe("config problems, word for word", () => {
  it.each<[string, Record<string, unknown>, string]>([
    [
      "a region name that is not a string",
      { regions: ["us-east-1", { name: 7 }] },
      "regions[1].name: expected a string, got the number 7; must be an AWS region name such as us-east-1",
    ],
    [
      "a commercial region without a known API Gateway zone",
      { regions: ["us-east-1", "ap-southeast-6"] },
      `regions[1].name: "ap-southeast-6" is an AWS region this project cannot model yet (its API Gateway hosted zone is not in model/regions.ts); allowed: ${SUPPORTED_REGIONS.join(", ")}`,
    ],
    [
      "a certificate ARN that is not a string",
      { regions: [{ name: "us-east-1", certificateArn: 7 }, "eu-west-1"] },
      "regions[0].certificateArn: expected a string, got the number 7; must be an ACM certificate ARN",
    ],
    [
      "a certificate ARN with a prefix",
      { regions: [{ name: "us-east-1", certificateArn: `x${ARN}` }, "eu-west-1"] },
      "regions[0].certificateArn: must be an ACM certificate ARN: arn:aws:acm:<region>:<account>:certificate/<uuid>",
    ],
    [
      "a certificate ARN with a suffix",
      { regions: [{ name: "us-east-1", certificateArn: `${ARN}x` }, "eu-west-1"] },
      "regions[0].certificateArn: must be an ACM certificate ARN: arn:aws:acm:<region>:<account>:certificate/<uuid>",
    ],
    [
      "a backend URL whose scheme only starts with https",
      { backend: { url: "httpsx://backend.example.net" } },
      "backend.url: must be an https:// URL of an existing backend",
    ],
    [
      "a backend URL whose scheme only ends with https",
      { backend: { url: "xhttps://backend.example.net" } },
      "backend.url: must be an https:// URL of an existing backend",
    ],
    [
      "an instance type with a leading space",
      { backend: { instanceType: " t4g.small" } },
      "backend.instanceType: must be an EC2 instance type such as t4g.small",
    ],
    [
      "an instance type with a trailing space",
      { backend: { instanceType: "t4g.small " } },
      "backend.instanceType: must be an EC2 instance type such as t4g.small",
    ],
    [
      "an instance type with size and family swapped",
      { backend: { instanceType: "large.t4g" } },
      "backend.instanceType: must be an EC2 instance type such as t4g.small",
    ],
    [
      "a maximum instance count as text",
      { backend: { maxInstanceCount: "4" } },
      'backend.maxInstanceCount: expected a number, got the string "4"; must be a whole number from instanceCount to 20',
    ],
    [
      "an instance count over 10",
      { backend: { instanceCount: 11 } },
      "backend.instanceCount: must be a whole number from 1 to 10",
    ],
    [
      "a health path without its leading slash",
      { healthCheck: { path: "health/deep" } },
      "healthCheck.path: must start with / and hold no spaces, query or fragment, e.g. /health",
    ],
    [
      "a negative CNAME TTL",
      { dns: { recordKind: "cname", ttl: -1 } },
      "dns.ttl: must be a whole number of seconds from 0 to 172800",
    ],
    [
      "an issuer whose scheme only starts with https",
      { auth: { ...JWT, issuer: "httpsx://login.example.com/" } },
      "auth.issuer: must be the identity provider's https:// issuer URL (the iss claim)",
    ],
    [
      "an issuer whose scheme only ends with https",
      { auth: { ...JWT, issuer: "xhttps://login.example.com/" } },
      "auth.issuer: must be the identity provider's https:// issuer URL (the iss claim)",
    ],
    [
      "an issuer with a query",
      { auth: { ...JWT, issuer: "https://login.example.com/?tenant=1" } },
      "auth.issuer: must be an https:// issuer URL without query or fragment",
    ],
    [
      "an audience that is not a string",
      { auth: { ...JWT, audience: 7 } },
      "auth.audience: expected a string, got the number 7; must be the audience (aud claim) the API accepts, e.g. https://api.example.com",
    ],
    [
      "a blank audience",
      { auth: { ...JWT, audience: "  " } },
      "auth.audience: must be the audience (aud claim) the API accepts, e.g. https://api.example.com",
    ],
    [
      "a token type the authorizer does not know",
      { auth: { ...JWT, tokenType: "id" } },
      "auth.tokenType: must be one of at+jwt, cognito",
    ],
    [
      "an empty read scope",
      { auth: { ...JWT, scopes: { read: "" } } },
      'auth.scopes.read: must be a non-empty scope token per RFC 6749 section 3.3 (printable ASCII without spaces, " or \\), e.g. users:read',
    ],
    [
      "a write scope with a space (two scopes, not one)",
      { auth: { ...JWT, scopes: { write: "users write" } } },
      'auth.scopes.write: must be a non-empty scope token per RFC 6749 section 3.3 (printable ASCII without spaces, " or \\), e.g. users:read',
    ],
    [
      "a scope that is not a string",
      { auth: { ...JWT, scopes: { read: 1 } } },
      'auth.scopes.read: expected a string, got the number 1; must be a non-empty scope token per RFC 6749 section 3.3 (printable ASCII without spaces, " or \\), e.g. users:read',
    ],
    [
      "a scope key the authorizer does not know",
      { auth: { ...JWT, scopes: { delete: "users:delete" } } },
      "auth.scopes.delete: unknown key; allowed: read, write",
    ],
    [
      "a peak as text",
      { capacity: { peakRequestsPerSecond: "900" } },
      'capacity.peakRequestsPerSecond: expected a number, got the string "900"; must be a whole number of requests per second from 1 to 10000000',
    ],
    [
      "an unknown key of capacity",
      { capacity: { peak: 900 } },
      "capacity.peak: unknown key; allowed: peakRequestsPerSecond, requestsPerInstance",
    ],
    [
      "a WAF rate as text",
      { waf: { requestsPer5Minutes: "100" } },
      'waf.requestsPer5Minutes: expected a number, got the string "100"; must be a whole number of requests from 100 to 2000000000',
    ],
    [
      "a tag key over 128 characters",
      { tags: { ["k".repeat(129)]: "x" } },
      `tags.${"k".repeat(129)}: tag keys must be 1 to 128 characters`,
    ],
    ["an empty tag key", { tags: { "": "x" } }, 'tags."": tag keys must be 1 to 128 characters'],
    [
      "an alarm address that is not an e-mail address",
      { alarmEmail: "not-an-email" },
      'alarmEmail: must be an email address, or "" for none',
    ],
    [
      "an alarm address that is not a string",
      { alarmEmail: 7 },
      'alarmEmail: must be an email address, or "" for none',
    ],
    [
      "a threshold as text, where the schema has no message of its own for the type",
      { healthCheck: { failureThreshold: "3" } },
      'healthCheck.failureThreshold: expected a number, got the string "3"',
    ],
    ["an unknown key of waf", { waf: { rate: 1 } }, "waf.rate: unknown key; allowed: requestsPer5Minutes"],
    [
      "regions as null",
      { regions: null },
      "regions: expected a list, got null; must be a list of regions, first = primary",
    ],
    [
      "regions as a map",
      { regions: { primary: "us-east-1" } },
      "regions: expected a list, got a map; must be a list of regions, first = primary",
    ],
    [
      "a part that is no region of the stack",
      { part: "ap-southeast-2" },
      'part: "ap-southeast-2" is not a part; allowed: all, global, us-east-1, eu-west-1',
    ],
    [
      "a regional part without its global stack",
      { part: "eu-west-1" },
      'globalStack: is required when part is a region ("eu-west-1"): the name of the global part\'s stack, e.g. prod',
    ],
    [
      "a global stack name the CLI refuses",
      { part: "eu-west-1", globalStack: "prod/eu" },
      "globalStack: must be a Pulumi stack name: 1-100 of A-Z a-z 0-9 _ . -",
    ],
    [
      "a regional stack of a region the stack does not have",
      { part: "global", regionalStacks: { "ap-southeast-2": "acme/api/prod-ap" } },
      'regionalStacks.ap-southeast-2: "ap-southeast-2" is not a configured region; allowed: us-east-1, eu-west-1',
    ],
    [
      "a regional stack name without organization and project",
      { part: "global", regionalStacks: { "eu-west-1": "prod-eu-west-1" } },
      "regionalStacks.eu-west-1: must be <organization>/<project>/<stack>",
    ],
    [
      "a wave naming a region the stack does not have",
      { deploy: { waves: [["us-east-1"], ["eu-west-1", "ap-southeast-2"]] } },
      'deploy.waves[1][1]: "ap-southeast-2" is not a configured region; allowed: us-east-1, eu-west-1',
    ],
    [
      "a region in two waves",
      { deploy: { waves: [["us-east-1", "eu-west-1"], ["eu-west-1"]] } },
      'deploy.waves[1][0]: "eu-west-1" is in more than one wave',
    ],
    [
      "a region in no wave",
      { deploy: { waves: [["us-east-1"]] } },
      "deploy.waves: must list every region once; missing: eu-west-1",
    ],
    [
      "a first wave without the users table's home region",
      { deploy: { waves: [["eu-west-1"], ["us-east-1"]] } },
      'deploy.waves[0]: must include the users table\'s home region "us-east-1" (backend.homeRegion): it creates the replicas the other regions use',
    ],
    [
      "a bake that is not whole minutes",
      { deploy: { bakeMinutes: 1.5 } },
      "deploy.bakeMinutes: expected a whole number, got the number 1.5; must be a whole number of minutes from 0 to 1440",
    ],
    [
      "a 5XX rate of 0 %",
      { deploy: { api5xxRatePercent: 0 } },
      "deploy.api5xxRatePercent: must be a percentage above 0 and at most 100",
    ],
    [
      "a p99 latency above API Gateway's 29 s",
      { deploy: { latencyP99Ms: 30_000 } },
      "deploy.latencyP99Ms: must be a whole number of milliseconds from 1 to 29000",
    ],
    [
      "a release written by hand with a short commit",
      { release: { commit: "4f9fe55" } },
      "release.commit: must be a 40-digit git commit hash",
    ],
  ])("%s", (_label, change, problem) => {
    expect(configProblems(changed(change))).toEqual([`multi-region-api:${problem}`]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      "a CNAME at the zone apex",
      { domainName: "example.com", dns: { recordKind: "cname" } },
      'dns.recordKind: "cname" is not allowed when domainName "example.com" is the zone apex (hostedZoneName): Route 53 allows no CNAME there; use recordKind "alias", or a domainName below the apex such as api.example.com',
    ],
    [
      "a home region that is not configured",
      { backend: { homeRegion: "ap-south-1" } },
      'backend.homeRegion: "ap-south-1" is not a configured region; allowed: us-east-1, eu-west-1',
    ],
    [
      "every region drained",
      { drainedRegions: ["us-east-1", "eu-west-1"] },
      "drainedRegions: must leave at least one region in service (draining every region leaves nothing to fail over to)",
    ],
    [
      "a maximum instance count over 20",
      { backend: { maxInstanceCount: 21 } },
      "backend.maxInstanceCount: must be a whole number from instanceCount (2) to 20, got 21",
    ],
    [
      "a maximum instance count under the count",
      { backend: { instanceCount: 3, maxInstanceCount: 2 } },
      "backend.maxInstanceCount: must be a whole number from instanceCount (3) to 20, got 2",
    ],
    [
      "a certificate of another region",
      {
        regions: [{ name: "us-east-1", certificateArn: ARN.replace("us-east-1", "eu-west-1") }, "eu-west-1"],
      },
      "regions[0].certificateArn: is in eu-west-1, but a regional custom domain needs a certificate from its own region us-east-1",
    ],
    [
      "an issuer with a fragment",
      { auth: { ...JWT, issuer: "https://login.example.com/#tenant" } },
      "auth.issuer: must be an https:// issuer URL without query or fragment",
    ],
  ])("across keys: %s", (_label, change, problem) => {
    expect(configProblems(changed(change))).toEqual([`multi-region-api:${problem}`]);
  });

  it("reports an unknown home region once, by the field itself, not again as unconfigured", () => {
    const problems = configProblems(changed({ backend: { homeRegion: "mars-1" } }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^multi-region-api:backend\.homeRegion: "mars-1" is not an AWS region; allowed: /,
    );
  });

  it("reports an empty region list as too short, not as every region drained", () => {
    expect(configProblems(changed({ regions: [] }))).toEqual([
      "multi-region-api:regions: must list at least 2 regions: failover needs somewhere to fail over to",
    ]);
  });

  it("says a missing key is required, and what it must be", () => {
    const { domainName: _left, ...withoutDomain } = MINIMAL_CONFIG;
    expect(configProblems(withoutDomain)).toEqual([
      "multi-region-api:domainName: is required; must be a DNS name such as api.example.com",
    ]);
    const { auth: _auth, ...withoutAuth } = MINIMAL_CONFIG;
    expect(configProblems(withoutAuth)).toEqual([
      "multi-region-api:auth: is required; must be { mode: jwt, issuer: https://…, audience: … } or { mode: none } (explicit: the API is then open); mode allows: jwt, none",
    ]);
  });

  it("quotes an unknown key that YAML would need quoted, and names a plain one bare", () => {
    expect(configProblems(changed({ "a b": 1, "9lives": 1, ok_key: 1 }))).toEqual([
      `multi-region-api:"a b": unknown key; allowed: ${TOP_KEYS}`,
      `multi-region-api:"9lives": unknown key; allowed: ${TOP_KEYS}`,
      `multi-region-api:ok_key: unknown key; allowed: ${TOP_KEYS}`,
    ]);
  });

  it("lists a region entry's keys for an unknown key at any position, the eleventh too", () => {
    const regions: unknown[] = SUPPORTED_REGIONS.slice(0, 11);
    regions[10] = { name: SUPPORTED_REGIONS[10], zone: "x" };
    expect(configProblems(changed({ regions }))).toEqual([
      "multi-region-api:regions[10].zone: unknown key; allowed: name, certificateArn, backendUrl",
    ]);
  });
});

describe("config patterns accept the real values on their edges", () => {
  it.each([
    ["an instance family with letters before its generation", "inf2.xlarge"],
    ["a generation digit right before the size", "m5.large"],
  ])("%s: %s", (_label, instanceType) => {
    expect(parseStackConfig(changed({ backend: { instanceType } })).backend).toMatchObject({ instanceType });
  });
});

describe("config values accepted on their edges", () => {
  it("accepts a domain name of exactly 253 characters", () => {
    const head = `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.`;
    const domainName = `${head}${"d".repeat(253 - head.length - ".example.com".length)}.example.com`;
    expect(domainName).toHaveLength(253);
    expect(parseStackConfig(changed({ domainName })).domainName).toBe(domainName);
  });

  it("accepts 20 as the maximum instance count", () => {
    expect(parseStackConfig(changed({ backend: { maxInstanceCount: 20 } })).backend).toMatchObject({
      maxInstanceCount: 20,
    });
  });

  it("drops every trailing slash of a backend URL", () => {
    expect(parseStackConfig(changed({ backend: { url: "https://backend.example.net//" } })).backend).toEqual({
      kind: "url",
      url: "https://backend.example.net",
    });
  });
});

describe("API Gateway regional hosted zones", () => {
  it("holds a Route 53 hosted zone ID (Z and upper-case letters and digits) for every supported region", () => {
    expect(SUPPORTED_REGIONS.length).toBe(Object.keys(API_GATEWAY_REGIONAL_ZONE_IDS).length);
    for (const region of SUPPORTED_REGIONS) {
      expect(API_GATEWAY_REGIONAL_ZONE_IDS[region], region).toMatch(/^Z[0-9A-Z]{8,31}$/);
    }
  });
});

describe("loadStackConfig keeps plain string keys as text", () => {
  afterEach(() => pulumi.runtime.setAllConfig({}));

  /** The problems for the stack config with one plain key written as `text`. */
  function problemsLoading(key: string, text: string): readonly string[] {
    pulumi.runtime.setAllConfig({
      "multi-region-api:domainName": "api.example.com",
      "multi-region-api:hostedZoneName": "example.com",
      "multi-region-api:regions": '["us-east-1","eu-west-1"]',
      "multi-region-api:auth": '{"mode":"none"}',
      [`multi-region-api:${key}`]: text,
    });
    try {
      loadStackConfig();
    } catch (error) {
      return (error as ConfigError).problems;
    }
    return [];
  }

  it("reads only its own namespace: another namespace's keys are neither parsed nor refused", () => {
    pulumi.runtime.setAllConfig({
      "multi-region-api:domainName": "api.example.com",
      "multi-region-api:hostedZoneName": "example.com",
      "multi-region-api:regions": '["us-east-1","eu-west-1"]',
      "multi-region-api:auth": '{"mode":"none"}',
      "aws:region": "us-east-1",
      "other-project:regions": "[",
    });
    expect(loadStackConfig().regions).toEqual([{ name: "us-east-1" }, { name: "eu-west-1" }]);
  });

  it("passes text with a bracket after its start to the schema rather than calling it broken JSON", () => {
    expect(problemsLoading("auth", "mode {none}")).toEqual([
      'multi-region-api:auth: expected a map of keys, got the string "mode {none}"; must be { mode: jwt, issuer: https://…, audience: … } or { mode: none } (explicit: the API is then open); mode allows: jwt, none',
    ]);
  });

  // Each text is valid JSON of another meaning: decoded, it would be a number or an accepted string.
  it.each([
    [
      "hostedZoneName",
      "123",
      [
        "hostedZoneName: must be a DNS name such as example.com (letters, digits, hyphens, dots)",
        'domainName: "api.example.com" is not inside the hosted zone "123" (hostedZoneName)',
      ],
    ],
    ["routing", '"latency"', ["routing: must be one of failover, latency"]],
    ["alarmEmail", '"oncall@example.com"', ['alarmEmail: must be an email address, or "" for none']],
  ])("%s %s", (key, text, problems) => {
    expect(problemsLoading(key, text)).toEqual(problems.map((problem) => `multi-region-api:${problem}`));
  });
});
