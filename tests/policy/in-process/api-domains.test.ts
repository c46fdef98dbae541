/**
 * The API Gateway and ACM policies run in the test process (tests/support/policy-in-process.ts), beside their
 * gRPC tests in ../api-domains.test.ts.
 */
import { describe, expect, it } from "vitest";
import { acmDnsValidation } from "../../../policy-pack/policies/acm-dns-validation";
import { apiDomainCertificateSameRegion } from "../../../policy-pack/policies/api-domain-certificate-same-region";
import { apiDomainRegionalTls12 } from "../../../policy-pack/policies/api-domain-regional-tls12";
import { JsonObject, UNKNOWN } from "../../../tools/policy-harness";
import { runResourcePolicy } from "../../support/policy-in-process";
import { awsProvider, certificate, certificateArn, domainName, FAILOVER_NAME } from "../fixtures";

const DOMAIN = domainName("us-east-1");
const LABEL = `Domain us-east-1.${FAILOVER_NAME}`;

describe("api-domain-regional-tls12 in process", () => {
  const messages = async (change: JsonObject) =>
    (await runResourcePolicy(apiDomainRegionalTls12, [domainName("us-east-1", change)])).map(
      (f) => f.message,
    );
  const wrongType = (types: string) =>
    `${LABEL} has endpoint type ${types}; set endpointConfiguration.types to "REGIONAL" so each region serves its own custom domain.`;

  it("passes REGIONAL with TLS_1_2, a one-element list, and the enhanced TLS 1.2 and 1.3 policies", async () => {
    for (const change of [
      {},
      { endpointConfiguration: { types: ["REGIONAL"] } },
      { securityPolicy: "SecurityPolicy_TLS13_1_2_2021_06" },
      { securityPolicy: "SecurityPolicy_TLS12_PFS_2025_EDGE" },
    ]) {
      expect(await messages(change), JSON.stringify(change)).toEqual([]);
    }
  });

  it("reports an EDGE domain, a default (EDGE) one and a list with more than REGIONAL, as mandatory", async () => {
    const found = await runResourcePolicy(apiDomainRegionalTls12, [
      domainName("us-east-1", { endpointConfiguration: { types: "EDGE" } }),
    ]);
    expect(found).toEqual([{ enforcementLevel: "mandatory", urn: DOMAIN.urn, message: wrongType("EDGE") }]);
    expect(await messages({ endpointConfiguration: undefined })).toEqual([wrongType("EDGE")]);
    expect(await messages({ endpointConfiguration: {} })).toEqual([wrongType("EDGE")]);
    expect(await messages({ endpointConfiguration: { types: ["REGIONAL", "EDGE"] } })).toEqual([
      wrongType("REGIONAL, EDGE"),
    ]);
    expect(await messages({ endpointConfiguration: { types: ["PRIVATE"] } })).toEqual([wrongType("PRIVATE")]);
  });

  it("reports a missing certificate, a missing security policy and a TLS 1.0 one", async () => {
    expect(await messages({ regionalCertificateArn: undefined })).toEqual([
      `${LABEL} has no regionalCertificateArn; use an ACM certificate from the API's own region.`,
    ]);
    expect(await messages({ securityPolicy: undefined })).toEqual([
      `${LABEL} sets no securityPolicy; set "TLS_1_2" (or a stronger SecurityPolicy_TLS13_… policy).`,
    ]);
    expect(await messages({ securityPolicy: "TLS_1_0" })).toEqual([
      `${LABEL} uses security policy TLS_1_0, which accepts TLS 1.0; use "TLS_1_2" or a stronger one.`,
    ]);
    expect(await messages({ securityPolicy: "SecurityPolicy_TLS10_2025" })).toHaveLength(1);
    expect(await messages({ securityPolicy: "xTLS_1_2" })).toHaveLength(1);
    expect(await messages({ securityPolicy: "Legacy_SecurityPolicy_TLS13_1_2" })).toHaveLength(1);
  });

  it("names a domain without a known name generically", async () => {
    expect(await messages({ domainName: undefined, regionalCertificateArn: "" })).toEqual([
      "The domain has no regionalCertificateArn; use an ACM certificate from the API's own region.",
    ]);
  });

  it("in preview, counts an unknown ARN as set and skips unknown types and policy", async () => {
    for (const change of [
      { regionalCertificateArn: UNKNOWN },
      { endpointConfiguration: UNKNOWN },
      { endpointConfiguration: { types: UNKNOWN } },
      { endpointConfiguration: { types: ["EDGE", UNKNOWN] } },
      { securityPolicy: UNKNOWN },
    ]) {
      expect(await messages(change), JSON.stringify(change)).toEqual([]);
    }
  });
});

describe("api-domain-certificate-same-region in process", () => {
  const run = (domain = DOMAIN) => runResourcePolicy(apiDomainCertificateSameRegion, [domain]);

  it("passes a certificate of the domain's region", async () => {
    expect(await run()).toEqual([]);
  });

  it("reports a certificate of another region, naming both regions and the ARN", async () => {
    const arn = certificateArn("eu-west-1");
    expect(await run(domainName("us-east-1", { regionalCertificateArn: arn }))).toEqual([
      {
        enforcementLevel: "mandatory",
        urn: DOMAIN.urn,
        message: `The domain is in us-east-1 but its certificate ${arn} is in eu-west-1; request the certificate in us-east-1.`,
      },
    ]);
  });

  it("takes the domain's own region over its provider's", async () => {
    const own = domainName("us-east-1", {
      region: "eu-west-1",
      regionalCertificateArn: certificateArn("eu-west-1"),
    });
    expect(await run(own)).toEqual([]);
    expect(
      await run({
        ...own,
        provider: awsProvider("eu-west-1"),
        properties: { ...own.properties, region: "us-east-1" },
      }),
    ).toHaveLength(1);
  });

  it("skips an unknown or malformed ARN and an unknown region", async () => {
    expect(await run(domainName("us-east-1", { regionalCertificateArn: UNKNOWN }))).toEqual([]);
    expect(await run(domainName("us-east-1", { regionalCertificateArn: "not-an-arn" }))).toEqual([]);
    expect(
      await run(domainName("us-east-1", { regionalCertificateArn: "arn:aws:acm::1:certificate/x" })),
    ).toEqual([]);
    expect(
      await run(domainName("us-east-1", { regionalCertificateArn: "arm:aws:acm:eu-west-1:1:certificate/x" })),
    ).toEqual([]);
    expect(
      await run(
        domainName("us-east-1", { region: UNKNOWN, regionalCertificateArn: certificateArn("eu-west-1") }),
      ),
    ).toEqual([]);
    expect(
      await run({
        ...domainName("us-east-1", { regionalCertificateArn: certificateArn("eu-west-1") }),
        provider: undefined,
      }),
    ).toEqual([]);
  });
});

describe("acm-dns-validation in process", () => {
  const run = (change: JsonObject) => runResourcePolicy(acmDnsValidation, [certificate("us-east-1", change)]);
  const label = `Certificate for ${FAILOVER_NAME}`;

  it("passes a DNS-validated certificate", async () => {
    expect(await run({})).toEqual([]);
  });

  it("reports EMAIL validation and none, as mandatory, naming the method", async () => {
    expect(await run({ validationMethod: "EMAIL" })).toEqual([
      {
        enforcementLevel: "mandatory",
        urn: certificate("us-east-1").urn,
        message: `${label} uses validationMethod EMAIL; use "DNS".`,
      },
    ]);
    expect((await run({ validationMethod: undefined })).map((f) => f.message)).toEqual([
      `${label} uses validationMethod unset; use "DNS".`,
    ]);
  });

  it("says why an imported or private-CA certificate cannot renew", async () => {
    const imported = `${label} is imported, so ACM cannot renew it; request it with validationMethod "DNS".`;
    expect(
      (await run({ validationMethod: undefined, certificateBody: "PEM" })).map((f) => f.message),
    ).toEqual([imported]);
    expect((await run({ validationMethod: undefined, privateKey: "key" })).map((f) => f.message)).toEqual([
      imported,
    ]);
    expect(
      (
        await run({
          validationMethod: undefined,
          certificateAuthorityArn: "arn:aws:acm-pca:us-east-1:1:ca/x",
        })
      ).map((f) => f.message),
    ).toEqual([
      `${label} is issued by a private CA, which public clients do not trust; request it with validationMethod "DNS".`,
    ]);
  });

  it("names a certificate without a known domain generically, and skips an unknown method", async () => {
    expect((await run({ validationMethod: "EMAIL", domainName: UNKNOWN })).map((f) => f.message)).toEqual([
      'The certificate uses validationMethod EMAIL; use "DNS".',
    ]);
    expect(await run({ validationMethod: UNKNOWN })).toEqual([]);
  });
});
