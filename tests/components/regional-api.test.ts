import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { ComponentArgsError, RegionalApi, type RegionalApiArgs } from "../../components";
import { AUTHORIZER_TIMEOUT_SECONDS, COLD_START_BUDGET_MS } from "../../components/regional/jwt-authorizer";
import { runWithMocks } from "../../tools/stack-runner";
import { ofType } from "../support/stacks";

const EXISTING_CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

const JWT_AUTH = {
  mode: "jwt",
  issuer: "https://login.example.com/",
  audience: "https://api.example.com",
  cacheTtlSeconds: 300,
} as const;

/** A happy-path RegionalApi in eu-west-1 proxying to an existing backend; tests change one thing. */
function args(change: Partial<RegionalApiArgs> = {}): RegionalApiArgs {
  return {
    region: "eu-west-1",
    domainName: "api.example.com",
    hostedZoneId: "ZEXAMPLE",
    certificateArn: EXISTING_CERT,
    backend: { kind: "url", url: "https://backend.example.net" },
    auth: JWT_AUTH,
    ...change,
  };
}

function build(change: Partial<RegionalApiArgs> = {}) {
  return () => {
    const provider = new aws.Provider("eu-west-1", { region: "eu-west-1" });
    const api = new RegionalApi("api", args(change), { provider });
    return {
      url: api.url,
      healthCheckFqdn: api.healthCheckFqdn,
      regionalDomainName: api.regionalDomainName,
      certificateArn: api.certificateArn,
    };
  };
}

describe("RegionalApi", () => {
  it("with an existing backend: no VPC, no instances, HTTP_PROXY integrations to its URL", async () => {
    const run = await runWithMocks(build());
    expect(ofType(run, "awsx:ec2:Vpc")).toEqual([]);
    expect(ofType(run, "aws:ec2/instance:Instance")).toEqual([]);
    const integrations = ofType(run, "aws:apigateway/integration:Integration");
    expect(integrations.map((i) => i.inputs.uri).sort()).toEqual([
      "https://backend.example.net/health",
      "https://backend.example.net/v1/users",
      "https://backend.example.net/v1/users/{id}",
    ]);
    for (const integration of integrations) {
      expect(integration.inputs).toMatchObject({ type: "HTTP_PROXY", connectionType: "INTERNET" });
    }
    const byId = integrations.find((i) => String(i.inputs.uri).endsWith("{id}"));
    expect(byId?.inputs.requestParameters).toEqual({
      "integration.request.path.id": "method.request.path.id",
      "integration.request.header.x-caller-sub": "context.authorizer.sub",
    });
  });

  it("requests no certificate and puts the one it is given on both custom domains", async () => {
    const run = await runWithMocks(build());
    expect(ofType(run, "aws:acm/certificate:Certificate")).toEqual([]);
    expect(
      ofType(run, "aws:apigateway/domainName:DomainName").map((d) => d.inputs.regionalCertificateArn),
    ).toEqual([EXISTING_CERT, EXISTING_CERT]);
    expect(run.outputs).toMatchObject({
      url: "https://eu-west-1.api.example.com",
      certificateArn: EXISTING_CERT,
    });
    expect(run.outputs.regionalDomainName).toMatch(/^d-\w{10}\.execute-api\.eu-west-1\.amazonaws\.com$/);
  });

  it("replaces the deployment when the API's target changes, and only then", async () => {
    const trigger = async (change: Partial<RegionalApiArgs>) =>
      ofType(await runWithMocks(build(change)), "aws:apigateway/deployment:Deployment")[0].inputs.triggers;
    const first = await trigger({});
    expect(await trigger({})).toEqual(first);
    expect(await trigger({ backend: { kind: "url", url: "https://other.example.net" } })).not.toEqual(first);
    expect(await trigger({ healthCheckPath: "/healthz" })).not.toEqual(first);
  });

  it.each([
    ["a resource", "aws:apigateway/resource:Resource", { pathPart: "renamed" }],
    ["a method", "aws:apigateway/method:Method", { apiKeyRequired: true }],
    ["an integration", "aws:apigateway/integration:Integration", { timeoutMilliseconds: 5000 }],
    [
      "the authorizer",
      "aws:apigateway/authorizer:Authorizer",
      { identityValidationExpression: "^Bearer .+$" },
    ],
  ])(
    "makes a new deployment when any property of %s changes, listed anywhere or not",
    async (_kind, type, change) => {
      // A change to properties the program never sets, made to the registered resource itself: the trigger is
      // derived from what is registered, not from a list of settings.
      const changed: pulumi.ResourceTransformation = (resource) =>
        resource.type === type ? { props: { ...resource.props, ...change }, opts: resource.opts } : undefined;
      const deploymentTrigger = async (transformations: pulumi.ResourceTransformation[]) => {
        const run = await runWithMocks(() => {
          const provider = new aws.Provider("eu-west-1", { region: "eu-west-1" });
          new RegionalApi("api", args(), { provider, transformations });
          return {};
        });
        return ofType(run, "aws:apigateway/deployment:Deployment")[0].inputs.triggers;
      };
      const before = await deploymentTrigger([]);
      expect(await deploymentTrigger([])).toEqual(before);
      expect(await deploymentTrigger([changed])).not.toEqual(before);
    },
  );

  /** The stage's method settings by method path: throttling and metrics. */
  async function methodSettings(
    change: Partial<RegionalApiArgs>,
    transformations: pulumi.ResourceTransformation[] = [],
  ) {
    const run = await runWithMocks(() => {
      const provider = new aws.Provider("eu-west-1", { region: "eu-west-1" });
      new RegionalApi("api", args(change), { provider, transformations });
      return {};
    });
    const settings = ofType(run, "aws:apigateway/methodSettings:MethodSettings");
    expect(new Set(settings.map((s) => s.inputs.stageName))).toEqual(new Set(["live"]));
    return {
      run,
      byPath: Object.fromEntries(settings.map((s) => [String(s.inputs.methodPath), s.inputs.settings])),
    };
  }

  it("gives the health route's GET method settings of its own, apart from the stage's, after them", async () => {
    const dependsOn: Record<string, unknown> = {};
    const { run, byPath } = await methodSettings({}, [
      (resource) => {
        if (resource.type === "aws:apigateway/methodSettings:MethodSettings")
          dependsOn[resource.name] = resource.opts.dependsOn;
        return undefined;
      },
    ]);
    expect(byPath).toEqual({
      "*/*": { throttlingRateLimit: 100, throttlingBurstLimit: 200, metricsEnabled: true },
      "~1health/GET": { throttlingRateLimit: 100, throttlingBurstLimit: 200, metricsEnabled: true },
    });
    // The key names the health resource the API has (its path part under the root), not just any string.
    const health = ofType(run, "aws:apigateway/resource:Resource").find((r) => r.name === "api-api-health");
    expect(health?.inputs.pathPart).toBe("health");
    // One UpdateStage at a time: the health settings wait for the stage-wide ones.
    expect(dependsOn["api-api-health-throttling"]).toHaveLength(1);
    expect(dependsOn["api-api-throttling"]).toEqual([]);
  });

  it("keeps the health route's limits when the stage's change, and the stage's when the health route's change", async () => {
    const limits = (rate: number, burst: number) => ({
      throttlingRateLimit: rate,
      throttlingBurstLimit: burst,
      metricsEnabled: true,
    });
    const lowered = await methodSettings({ throttling: { rateLimit: 1, burstLimit: 1 } });
    expect(lowered.byPath).toEqual({ "*/*": limits(1, 1), "~1health/GET": limits(100, 200) });
    const health = await methodSettings({ healthThrottling: { rateLimit: 20, burstLimit: 40 } });
    expect(health.byPath).toEqual({ "*/*": limits(100, 200), "~1health/GET": limits(20, 40) });
  });

  it("keys a nested health path's settings with every slash as ~1", async () => {
    const { byPath } = await methodSettings({ healthCheckPath: "/internal/health" });
    expect(Object.keys(byPath).sort()).toEqual(["*/*", "~1internal~1health/GET"]);
  });

  it("proxies a custom health path", async () => {
    const run = await runWithMocks(build({ healthCheckPath: "/internal/health" }));
    const parts = ofType(run, "aws:apigateway/resource:Resource").map((r) => r.inputs.pathPart);
    expect(parts).toEqual(expect.arrayContaining(["internal", "health"]));
    expect(ofType(run, "aws:apigateway/integration:Integration").map((i) => i.inputs.uri)).toContain(
      "https://backend.example.net/internal/health",
    );
  });

  it.each([
    ["region", { region: "eu-west-9" }, 'region: "eu-west-9" is not an AWS region'],
    [
      "domainName",
      { domainName: "API.example.com" },
      'domainName: "API.example.com" is not a lower-case DNS name',
    ],
    ["healthCheckPath", { healthCheckPath: "health" }, "healthCheckPath: must start with /"],
    [
      "healthCheckPath under /v1",
      { healthCheckPath: "/v1/users" },
      "healthCheckPath: must not be /v1 or under it",
    ],
    ["stageName", { stageName: "my stage" }, "stageName: must be 1-128 letters"],
    [
      "throttling",
      { throttling: { rateLimit: 0, burstLimit: 10 } },
      "throttling.rateLimit: must be a whole number from 1 to 10000",
    ],
    [
      "healthThrottling",
      { healthThrottling: { rateLimit: 10, burstLimit: 5_001 } },
      "healthThrottling.burstLimit: must be a whole number from 1 to 5000",
    ],
    [
      "accessLogRetentionDays",
      { accessLogRetentionDays: 10 },
      "accessLogRetentionDays: must be one of 1, 3, 5, 7, 14, 30",
    ],
    ["ipv6", { ipv6: "yes" as unknown as boolean }, "ipv6: must be one of true, false, got yes"],
    [
      "backend.url",
      { backend: { kind: "url", url: "http://plain.example.net" } },
      "backend.url: must be an https:// URL",
    ],
    [
      "backend.maxInstanceCount",
      {
        backend: {
          kind: "ec2",
          instanceType: "t4g.small",
          instanceCount: 3,
          maxInstanceCount: 2,
          usersTableName: "users",
          usersTableReplicaArn: "arn",
        },
      },
      "backend.maxInstanceCount: must be a whole number from 3 to 20, got 2",
    ],
    [
      "backend.capacity",
      {
        backend: {
          kind: "ec2",
          instanceType: "t4g.small",
          instanceCount: 2,
          maxInstanceCount: 4,
          usersTableName: "users",
          usersTableReplicaArn: "arn",
          capacity: { peakRequestsPerSecond: 0, requestsPerInstance: 100 },
        },
      },
      "backend.capacity.peakRequestsPerSecond: must be a whole number from 1 to 10000000, got 0",
    ],
    [
      "backend.instanceCount",
      {
        backend: {
          kind: "ec2",
          instanceType: "t4g.small",
          instanceCount: 0,
          maxInstanceCount: 2,
          usersTableName: "users",
          usersTableReplicaArn: "arn",
        },
      },
      "backend.instanceCount: must be a whole number from 1 to 10",
    ],
    [
      "backend.kind",
      { backend: { kind: "lambda" as "url", url: "https://backend.example.net" } },
      "backend.kind: must be one of ec2, url, got lambda",
    ],
    [
      "backend.url with kind ec2",
      {
        backend: {
          kind: "ec2",
          instanceType: "t4g.small",
          instanceCount: 2,
          maxInstanceCount: 4,
          usersTableName: "users",
          usersTableReplicaArn: "arn",
          url: "https://backend.example.net",
        },
      },
      'backend.url: must not be set when kind is "ec2"',
    ],
    [
      "backend.instanceType missing with kind ec2",
      {
        backend: {
          kind: "ec2",
          instanceCount: 2,
          maxInstanceCount: 4,
          usersTableName: "users",
          usersTableReplicaArn: "arn",
        },
      },
      'backend.instanceType: is required when kind is "ec2"',
    ],
    [
      "backend.instanceCount with kind url",
      { backend: { kind: "url", url: "https://backend.example.net", instanceCount: 2 } },
      'backend.instanceCount: must not be set when kind is "url"',
    ],
    [
      "backend.url missing with kind url",
      { backend: { kind: "url" } },
      'backend.url: is required when kind is "url"',
    ],
    [
      "auth.issuer missing with mode jwt",
      { auth: { mode: "jwt", audience: "https://api.example.com", cacheTtlSeconds: 60 } },
      'auth.issuer: is required when mode is "jwt"',
    ],
    [
      "auth.audience with mode none",
      { auth: { mode: "none", audience: "https://api.example.com" } },
      'auth.audience: must not be set when mode is "none"',
    ],
    [
      "auth left out",
      { auth: undefined },
      'auth.mode: must be "jwt" or "none" (an open API is chosen explicitly)',
    ],
    [
      "auth.issuer",
      { auth: { ...JWT_AUTH, issuer: "http://login.example.com/" } },
      "auth.issuer: must be an https:// issuer URL",
    ],
    ["auth.audience", { auth: { ...JWT_AUTH, audience: "" } }, "auth.audience: must not be empty"],
    [
      "auth.cacheTtlSeconds",
      { auth: { ...JWT_AUTH, cacheTtlSeconds: 7200 } },
      "auth.cacheTtlSeconds: must be a whole number from 0 to 3600, got 7200",
    ],
    [
      "auth.tokenType",
      { auth: { ...JWT_AUTH, tokenType: "id" as "at+jwt" } },
      "auth.tokenType: must be one of at+jwt, cognito, got id",
    ],
    [
      "auth.scopes.read",
      { auth: { ...JWT_AUTH, scopes: { read: "" } } },
      "auth.scopes.read: must be a non-empty scope token per RFC 6749 section 3.3",
    ],
    [
      "auth.scopes.write",
      { auth: { ...JWT_AUTH, scopes: { write: "users write" } } },
      "auth.scopes.write: must be a non-empty scope token per RFC 6749 section 3.3",
    ],
    [
      "waf.requestsPer5Minutes",
      { waf: { requestsPer5Minutes: 10 } },
      "waf.requestsPer5Minutes: must be a whole number from 100 to 2000000000, got 10",
    ],
  ] as [string, Partial<RegionalApiArgs>, string][])(
    "rejects a bad %s before registering anything",
    async (_, change, message) => {
      const run = runWithMocks(build(change));
      await expect(run).rejects.toThrow(ComponentArgsError);
      await expect(run).rejects.toThrow(message);
    },
  );

  it("gives the authorizer a timeout its cold start (discovery, then the JWKS, each timed out) fits in", async () => {
    expect(COLD_START_BUDGET_MS).toBeLessThan(AUTHORIZER_TIMEOUT_SECONDS * 1000);
    const run = await runWithMocks(build());
    const [fn] = ofType(run, "aws:lambda/function:Function");
    expect(fn.inputs.timeout).toBe(AUTHORIZER_TIMEOUT_SECONDS);
  });

  it("gives the authorizer its token type and scopes, each scope defaulted on its own", async () => {
    const run = await runWithMocks(
      build({ auth: { ...JWT_AUTH, tokenType: "cognito", scopes: { read: "api/read" } } }),
    );
    const [fn] = ofType(run, "aws:lambda/function:Function");
    expect(fn.inputs.environment).toMatchObject({
      variables: { JWT_TOKEN_TYPE: "cognito", JWT_READ_SCOPE: "api/read", JWT_WRITE_SCOPE: "users:write" },
    });
  });

  it.each([
    ["opts.provider", (provider: aws.Provider) => ({ provider })],
    ["opts.providers { aws }", (provider: aws.Provider) => ({ providers: { aws: provider } })],
  ])("takes the region's provider as %s and puts every child on it", async (_, optsFor) => {
    const run = await runWithMocks(() => {
      const provider = new aws.Provider("eu-west-1", { region: "eu-west-1" });
      return new RegionalApi("api", args(), optsFor(provider)).regionalDomainName;
    });
    const children = run.registrations.filter((r) => r.type.startsWith("aws:"));
    expect(children.length).toBeGreaterThan(10);
    expect(new Set(children.map((r) => r.region))).toEqual(new Set(["eu-west-1"]));
    expect(run.outputs).toMatch(/\.execute-api\.eu-west-1\.amazonaws\.com$/);
  });

  it("refuses opts.providers without an aws entry", async () => {
    const run = runWithMocks(() => {
      const provider = new aws.Provider("eu-west-1", { region: "eu-west-1" });
      return new RegionalApi("api", args(), { providers: { awsx: provider } });
    });
    await expect(run).rejects.toThrow("opts.provider: must be the aws.Provider of the region");
  });

  it("needs the region's explicit provider", async () => {
    const run = runWithMocks(() => new RegionalApi("api", args()));
    await expect(run).rejects.toThrow("opts.provider: must be the aws.Provider of the region");
  });
});
