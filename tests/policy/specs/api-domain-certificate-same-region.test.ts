/** api-domain-certificate-same-region in process: a domain with its own region's certificate passes. */
import { describe, expect, it } from "vitest";
import { apiDomainCertificateSameRegion } from "../../../policy-pack/policies/api-domain-certificate-same-region";
import { UNKNOWN } from "../../../tools/policy-harness";
import { runResourcePolicy } from "../../support/policy-in-process";
import { awsProvider, certificateArn, domainName } from "../fixtures";

const DOMAIN = domainName("us-east-1");

describe("api-domain-certificate-same-region", () => {
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
