/**
 * The components as a Pulumi package for every language (components/plugin): the schema Pulumi infers
 * from their TypeScript is the committed components/schema.json, and a component constructed through the
 * provider, as a Python or YAML program gets it, registers what direct TypeScript use registers.
 * UPDATE_GOLDEN=1 rewrites the schema; review its diff before committing it.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { FailoverDns, RegionalApi, UsersTable } from "../../components";
import { MultiRegionProvider, PULUMI_PACKAGE } from "../../components/plugin/provider";
import { runStackProgram, type StackProgramRun } from "../../tools/stack-runner";

const SCHEMA_FILE = join(__dirname, "..", "..", "components", "schema.json");

interface Schema {
  name: string;
  resources: Record<
    string,
    { inputProperties: Record<string, unknown>; properties: Record<string, unknown> }
  >;
  types: Record<string, { enum?: { value: string }[]; properties?: Record<string, unknown> }>;
}

const provider = new MultiRegionProvider();
let schemaText = "";
let schema: Schema;

beforeAll(async () => {
  schemaText = `${JSON.stringify(JSON.parse(await provider.getSchema()), null, 2)}\n`;
  schema = JSON.parse(schemaText) as Schema;
}, 60_000);

describe("the components' Pulumi schema", () => {
  it("is the committed components/schema.json", () => {
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(SCHEMA_FILE, schemaText);
    expect(schemaText).toBe(readFileSync(SCHEMA_FILE, "utf8"));
  });

  it("names every component <package>:index:<Class>, as the components register themselves", () => {
    expect(schema.name).toBe(PULUMI_PACKAGE);
    expect(Object.keys(schema.resources).sort()).toEqual(
      [
        "Certificates",
        "FailoverDns",
        "FailoverObservability",
        "RegionalAlarms",
        "RegionalApi",
        "UsersTable",
      ].map((name) => `${PULUMI_PACKAGE}:index:${name}`),
    );
  });

  it("gives other languages enums for the kinds and modes, and the AWS provider as a provider", () => {
    const values = (type: string) =>
      schema.types[`${PULUMI_PACKAGE}:index:${type}`]?.enum?.map((m) => m.value);
    expect(values("BackendKind")).toEqual(["ec2", "url"]);
    expect(values("AuthMode")).toEqual(["jwt", "none"]);
    expect(values("RoutingMode")).toEqual(["failover", "latency"]);
    expect(values("RecordKind")).toEqual(["alias", "cname"]);
    expect(values("TokenType")).toEqual(["at+jwt", "cognito"]);
    const region = schema.types[`${PULUMI_PACKAGE}:index:CertificateRegion`]?.properties;
    expect(region?.provider).toMatchObject({ $ref: "/aws/v7.48.0/schema.json#/provider" });
  });

  it("offers the handles users extend as AWS resources, and nothing private", () => {
    const outputs = schema.resources[`${PULUMI_PACKAGE}:index:RegionalApi`]!.properties;
    expect(outputs.restApi).toMatchObject({
      $ref: "/aws/v7.48.0/schema.json#/resources/aws:apigateway%2FrestApi:RestApi",
    });
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(["stage", "webAcl", "autoScalingGroup"]));
    const dns = schema.resources[`${PULUMI_PACKAGE}:index:FailoverDns`]!.properties;
    expect(Object.keys(dns)).toContain("healthChecks");
    for (const resource of Object.values(schema.resources)) {
      expect(Object.keys(resource.properties).filter((name) => name.startsWith("_"))).toEqual([]);
    }
  });
});

const REGIONS = ["us-east-1", "eu-west-1"];
const DOMAIN = "api.example.com";
const ZONE_ID = "ZEXAMPLE";

type Build = (
  token: string,
  component: new (
    name: string,
    args: never,
    opts: pulumi.ComponentResourceOptions,
  ) => pulumi.ComponentResource,
  name: string,
  args: Record<string, unknown>,
  opts: pulumi.ComponentResourceOptions,
) => Promise<Record<string, unknown>>;

/** The components of a two-region stack; `build` makes each one, directly or through the provider. */
async function program(build: Build) {
  const providers = Object.fromEntries(
    REGIONS.map((region) => [region, new aws.Provider(region, { region })]),
  );
  const table = await build(
    "UsersTable",
    UsersTable,
    "users",
    { tableName: "users", homeRegion: "us-east-1", replicaRegions: ["eu-west-1"] },
    { provider: providers["us-east-1"] },
  );
  const apis = [];
  for (const region of REGIONS) {
    const api = await build(
      "RegionalApi",
      RegionalApi,
      `api-${region}`,
      {
        region,
        domainName: DOMAIN,
        hostedZoneId: ZONE_ID,
        certificateArn: `arn:aws:acm:${region}:123456789012:certificate/11111111-2222-3333-4444-555555555555`,
        backend: {
          kind: "ec2",
          instanceType: "t4g.small",
          instanceCount: 2,
          maxInstanceCount: 4,
          usersTableName: table.tableName,
          usersTableReplicaArn: `arn:aws:dynamodb:${region}:123456789012:table/users`,
        },
        auth: { mode: "jwt", issuer: "https://login.example.com/", audience: DOMAIN, cacheTtlSeconds: 60 },
      },
      { provider: providers[region] },
    );
    apis.push(api);
  }
  const endpoints = apis.map((api) => ({
    region: api.region,
    aliasName: api.aliasName,
    aliasZoneId: api.aliasZoneId,
    healthCheckFqdn: api.healthCheckFqdn,
    healthCheckPath: api.healthCheckPath,
  }));
  const dns = await build(
    "FailoverDns",
    FailoverDns,
    "failover",
    { zoneId: ZONE_ID, recordName: DOMAIN, endpoints, alarms: { provider: providers["us-east-1"] } },
    { provider: providers["us-east-1"] },
  );
  return { url: dns.url, failoverOrder: dns.failoverOrder };
}

const direct: Build = async (_, component, name, args, opts) =>
  new component(name, args as never, opts) as unknown as Record<string, unknown>;

/** As a program in another language gets a component: by type token, its outputs as the schema lists them. */
const throughProvider: Build = async (token, _, name, args, opts) =>
  (await provider.construct(name, `${PULUMI_PACKAGE}:index:${token}`, args as pulumi.Inputs, opts)).state;

/** What the engine was asked to register, in a form two runs can be compared by. */
function registered(run: StackProgramRun) {
  expect(run.rejections).toEqual([]);
  expect(run.failure).toBeUndefined();
  return run.registrations.map((r) => ({
    urn: r.urn,
    provider: r.providerRef,
    parent: r.parent,
    inputs: r.inputs,
    dependencies: [...(r.dependencies ?? [])].sort(),
  }));
}

describe("construct() through the provider", () => {
  it("registers the resources, names, parents, providers and inputs of direct TypeScript use", async () => {
    const directRun = await runStackProgram(() => program(direct), { stack: "prod" });
    const constructedRun = await runStackProgram(() => program(throughProvider), { stack: "prod" });
    const constructed = registered(constructedRun);
    expect(constructed.length).toBeGreaterThan(100);
    expect(constructed).toEqual(registered(directRun));
    expect(constructedRun.outputs).toEqual(directRun.outputs);
  }, 60_000);

  it("refuses a type token of another package or an unknown component", async () => {
    await expect(provider.construct("x", "multi-region-api:index:RegionalApi", {}, {})).rejects.toThrow(
      /multiregion/,
    );
    await expect(provider.construct("x", `${PULUMI_PACKAGE}:index:Nothing`, {}, {})).rejects.toThrow(
      "Component class not found for 'Nothing'",
    );
  });
});
