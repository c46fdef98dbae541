/**
 * Drives `AwsMocks` the way the mock monitor does (`newResource` with MockResourceArgs), without the Pulumi
 * runtime: each rule test is one request and the provider-like message it must be refused with.
 */
import { unknown } from "@pulumi/pulumi";
import { AwsMocks, type StrictMockError } from "../../tools/aws-mocks";

export const ZONE_ID = "Z123EXAMPLE";
/** What the engine's deserializer gives a mock for a value a preview does not know yet. */
export const UNKNOWN_INPUT: unknown = unknown;

export interface MockAccount {
  readonly mocks: AwsMocks;
  /** Asks the mocks to create `type` on the explicit provider of `region`; returns its ID or throws. */
  create(type: string, inputs: Record<string, unknown>, options?: CreateOptions): string;
  /** The message the mocks refused `type` with, or undefined when they accepted it. */
  refusal(type: string, inputs: Record<string, unknown>, options?: CreateOptions): string | undefined;
}

export interface CreateOptions {
  readonly region?: string;
  readonly name?: string;
  /** Names of resources created before in this account that this one depends on (`dependsOn`). */
  readonly dependsOn?: readonly string[];
}

const urnOf = (type: string, name: string) => `urn:pulumi:test::multi-region-api::${type}::${name}`;

export function mockAccount(options: { preview?: boolean } = {}): MockAccount {
  const mocks = new AwsMocks({ preview: options.preview });
  const providerRefs = new Map<string, string>();
  const providerOf = (region: string) => {
    let ref = providerRefs.get(region);
    if (!ref) {
      const { id } = mocks.newResource({
        type: "pulumi:providers:aws",
        name: region,
        inputs: { region },
        custom: true,
      });
      ref = `urn:pulumi:test::multi-region-api::pulumi:providers:aws::${region}::${String(id)}`;
      providerRefs.set(region, ref);
    }
    return ref;
  };
  const typeOf = new Map<string, string>();
  const create: MockAccount["create"] = (
    type,
    inputs,
    { region = "us-east-1", name = "subject", dependsOn = [] } = {},
  ) => {
    const provider = providerOf(region);
    // What the engine would tell the mocks: this resource's URN and the URNs it depends on.
    mocks.expectRegistration(
      urnOf(type, name),
      dependsOn.map((dependency) => urnOf(typeOf.get(dependency) ?? "unknown", dependency)),
    );
    const id = String(mocks.newResource({ type, name, inputs, provider, custom: true }).id);
    typeOf.set(name, type);
    return id;
  };
  return {
    mocks,
    create,
    refusal: (type, inputs, options) => {
      try {
        create(type, inputs, options);
        return undefined;
      } catch (error) {
        return (error as StrictMockError).message;
      }
    },
  };
}

export const RECORD = "aws:route53/record:Record";
export const HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";
export const DOMAIN_NAME = "aws:apigateway/domainName:DomainName";

/** A failover alias record FailoverDns would create: valid as it is. */
export function failoverAlias(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    zoneId: ZONE_ID,
    name: "api.example.com",
    type: "A",
    setIdentifier: "primary-us-east-1",
    failoverRoutingPolicies: [{ type: "PRIMARY" }],
    healthCheckId: "hc-1",
    aliases: [
      {
        name: "d-abc.execute-api.us-east-1.amazonaws.com",
        zoneId: "Z1UJRXOUMOOFQ8",
        evaluateTargetHealth: true,
      },
    ],
    ...overrides,
  };
}

/** The health check FailoverDns would create: valid as it is. */
export function httpsHealthCheck(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: "HTTPS_STR_MATCH",
    port: 443,
    fqdn: "us-east-1.api.example.com",
    resourcePath: "/health",
    enableSni: true,
    searchString: '"status":"healthy"',
    failureThreshold: 3,
    requestInterval: 30,
    ...overrides,
  };
}

export function regionalDomain(
  certificateRegion: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    domainName: "api.example.com",
    endpointConfiguration: { types: "REGIONAL" },
    regionalCertificateArn: `arn:aws:acm:${certificateRegion}:123456789012:certificate/0f6c1a9e-1111-2222-3333-444455556666`,
    securityPolicy: "TLS_1_2",
    ...overrides,
  };
}
