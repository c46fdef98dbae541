/**
 * The API Gateway and ACM policies, through the real analyzer: api-domain-regional-tls12,
 * api-domain-certificate-same-region, acm-dns-validation.
 */
import { describe, expect, it } from "vitest";
import { AnalyzedResource, JsonObject, UNKNOWN } from "../../tools/policy-harness";
import {
  analyzeLikeTheCli,
  byPolicy,
  certificate,
  certificateArn,
  domainName,
  usePolicyPack,
} from "./fixtures";

const pack = usePolicyPack();

async function violations(policyName: string, resources: readonly AnalyzedResource[]) {
  return byPolicy(await analyzeLikeTheCli(pack, resources), policyName);
}

describe("api-domain-regional-tls12", () => {
  const policy = "api-domain-regional-tls12";

  it.each<[string, JsonObject]>([
    ["a REGIONAL TLS_1_2 domain", {}],
    ["the pre-v7 list form of endpoint types", { endpointConfiguration: { types: ["REGIONAL"] } }],
    ["an enhanced TLS 1.3 security policy", { securityPolicy: "SecurityPolicy_TLS13_1_3_2025_09" }],
  ])("passes %s", async (_label, change) => {
    expect(await violations(policy, [domainName("us-east-1", change)])).toEqual([]);
  });

  it.each<[string, JsonObject, string]>([
    ["an EDGE domain", { endpointConfiguration: { types: "EDGE" } }, "endpoint type EDGE"],
    [
      "no endpointConfiguration (API Gateway's default is EDGE)",
      { endpointConfiguration: undefined },
      "endpoint type EDGE",
    ],
    [
      "a PRIVATE domain in list form",
      { endpointConfiguration: { types: ["PRIVATE"] } },
      "endpoint type PRIVATE",
    ],
    ["no regionalCertificateArn", { regionalCertificateArn: undefined }, "no regionalCertificateArn"],
    ["TLS_1_0", { securityPolicy: "TLS_1_0" }, "accepts TLS 1.0"],
    ["no securityPolicy", { securityPolicy: undefined }, "sets no securityPolicy"],
  ])("reports %s", async (_label, change, message) => {
    const found = await violations(policy, [domainName("us-east-1", change)]);
    expect(found.map((v) => v.enforcementLevel)).toEqual(["mandatory"]);
    expect(found[0].message).toContain(message);
  });

  it("in preview, an unknown certificate ARN counts as set and unknown settings are skipped", async () => {
    expect(await violations(policy, [domainName("us-east-1", { regionalCertificateArn: UNKNOWN })])).toEqual(
      [],
    );
    const unknowns = { endpointConfiguration: UNKNOWN, securityPolicy: UNKNOWN, domainName: UNKNOWN };
    expect(await violations(policy, [domainName("us-east-1", unknowns)])).toEqual([]);
    expect(
      await violations(policy, [domainName("us-east-1", { endpointConfiguration: { types: UNKNOWN } })]),
    ).toEqual([]);
  });
});

describe("api-domain-certificate-same-region", () => {
  const policy = "api-domain-certificate-same-region";

  it("passes a certificate from the domain's region", async () => {
    expect(await violations(policy, [domainName("eu-west-1")])).toEqual([]);
  });

  it("reports a certificate from another region", async () => {
    const found = await violations(policy, [
      domainName("eu-west-1", { regionalCertificateArn: certificateArn("us-east-1") }),
    ]);
    expect(found.map((v) => v.enforcementLevel)).toEqual(["mandatory"]);
    expect(found[0].message).toContain("is in eu-west-1 but its certificate");
  });

  it("uses the resource's own region over its provider's", async () => {
    expect(await violations(policy, [domainName("eu-west-1", { region: "us-east-1" })])).toHaveLength(1);
  });

  it("in preview, skips an unknown ARN", async () => {
    expect(await violations(policy, [domainName("eu-west-1", { regionalCertificateArn: UNKNOWN })])).toEqual(
      [],
    );
  });
});

describe("acm-dns-validation", () => {
  const policy = "acm-dns-validation";

  it("passes a DNS-validated certificate", async () => {
    expect(await violations(policy, [certificate("us-east-1")])).toEqual([]);
  });

  it.each<[string, JsonObject, string]>([
    ["EMAIL validation", { validationMethod: "EMAIL" }, "validationMethod EMAIL"],
    ["no validation method", { validationMethod: undefined }, "validationMethod unset"],
    [
      "an imported certificate",
      { validationMethod: undefined, certificateBody: "-----BEGIN CERTIFICATE-----", privateKey: "k" },
      "is imported",
    ],
    [
      "a private CA certificate",
      {
        validationMethod: undefined,
        certificateAuthorityArn: "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/x",
      },
      "private CA",
    ],
  ])("reports %s", async (_label, change, message) => {
    const found = await violations(policy, [certificate("us-east-1", change)]);
    expect(found.map((v) => v.enforcementLevel)).toEqual(["mandatory"]);
    expect(found[0].message).toContain(message);
  });

  it("in preview, skips an unknown validation method", async () => {
    expect(await violations(policy, [certificate("us-east-1", { validationMethod: UNKNOWN })])).toEqual([]);
  });
});
