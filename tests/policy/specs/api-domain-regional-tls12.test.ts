/** api-domain-regional-tls12 in process: RegionalApi's custom domain passes; each test changes one setting. */
import { describe, expect, it } from "vitest";
import { apiDomainRegionalTls12 } from "../../../policy-pack/policies/api-domain-regional-tls12";
import { JsonObject, UNKNOWN } from "../../../tools/policy-harness";
import { runResourcePolicy } from "../../support/policy-in-process";
import { domainName, FAILOVER_NAME } from "../fixtures";

const DOMAIN = domainName("us-east-1");
const LABEL = `Domain us-east-1.${FAILOVER_NAME}`;

describe("api-domain-regional-tls12", () => {
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
      { securityPolicy: "SecurityPolicy_TLS13_1_3_2025_09" },
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
      { domainName: UNKNOWN },
    ]) {
      expect(await messages(change), JSON.stringify(change)).toEqual([]);
    }
  });
});
