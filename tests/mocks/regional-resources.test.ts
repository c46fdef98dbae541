// Regional rules of the strict mocks: API Gateway domains, providers, EC2 user data (docs/aws-facts.md#api-gateway-acm-and-ec2).
import { describe, expect, it } from "vitest";
import { EC2_USER_DATA_MAX_BYTES } from "../../tools/aws-mocks";
import { DOMAIN_NAME, mockAccount, regionalDomain } from "./strict-mocks";

describe("strict mocks: regional resources", () => {
  it("accept a regional domain with a certificate of its own region, and answer with its regional target", () => {
    const account = mockAccount();
    account.create(DOMAIN_NAME, regionalDomain("eu-west-1"), { region: "eu-west-1" });
    expect(account.mocks.registrations.at(-1)?.outputs).toMatchObject({
      regionalDomainName: expect.stringMatching(/^d-[0-9a-f]+\.execute-api\.eu-west-1\.amazonaws\.com$/),
      regionalZoneId: "ZLY8HYME6SFDD",
    });
  });

  it("refuse a regional domain with a certificate ARN of another region (APIGW: same region as the API)", () => {
    expect(mockAccount().refusal(DOMAIN_NAME, regionalDomain("us-east-1"), { region: "eu-west-1" })).toMatch(
      /BadRequestException: Invalid certificate ARN: arn:aws:acm:us-east-1:.*\. Certificate must be in 'eu-west-1'\./,
    );
  });

  it("accept a dualstack domain and refuse an IP address type API Gateway does not offer, on domains and APIs", () => {
    const dualstack = { endpointConfiguration: { types: "REGIONAL", ipAddressType: "dualstack" } };
    expect(mockAccount().refusal(DOMAIN_NAME, regionalDomain("us-east-1", dualstack))).toBeUndefined();
    const ipv6Only = { endpointConfiguration: { types: "REGIONAL", ipAddressType: "ipv6" } };
    expect(mockAccount().refusal(DOMAIN_NAME, regionalDomain("us-east-1", ipv6Only))).toMatch(
      /Value 'ipv6' at 'endpointConfiguration\.ipAddressType' failed to satisfy constraint: Member must satisfy enum value set: \[ipv4, dualstack\]/,
    );
    expect(mockAccount().refusal("aws:apigateway/restApi:RestApi", ipv6Only)).toMatch(
      /Value .ipv6. at .endpointConfiguration.ipAddressType./,
    );
  });

  it("refuse a regional domain without a regional certificate", () => {
    expect(
      mockAccount().refusal(DOMAIN_NAME, regionalDomain("us-east-1", { regionalCertificateArn: undefined })),
    ).toMatch(/A regional certificate is required for a REGIONAL domain name/);
  });

  it("refuse an AWS resource on the default provider, and a provider without a region", () => {
    const account = mockAccount();
    expect(() =>
      account.mocks.newResource({ type: "aws:sns/topic:Topic", name: "t", inputs: {}, custom: true }),
    ).toThrow(/uses the default AWS provider/);
    expect(() =>
      account.mocks.newResource({ type: "pulumi:providers:aws", name: "p", inputs: {}, custom: true }),
    ).toThrow(/an AWS provider must set region explicitly/);
  });

  it("refuse EC2 user data over 16 KB", () => {
    const userData = "x".repeat(EC2_USER_DATA_MAX_BYTES + 1);
    expect(mockAccount().refusal("aws:ec2/instance:Instance", { userData })).toMatch(
      /User data is limited to 16384 bytes, got 16385/,
    );
    expect(
      mockAccount().refusal("aws:ec2/instance:Instance", { userData: "x".repeat(EC2_USER_DATA_MAX_BYTES) }),
    ).toBeUndefined();
  });

  it("keep every refusal in `rejections`, as well as throwing it", () => {
    const account = mockAccount();
    account.refusal(DOMAIN_NAME, regionalDomain("us-east-1"), { region: "eu-west-1" });
    expect(account.mocks.rejections.map((r) => r.resourceType)).toEqual([DOMAIN_NAME]);
  });
});
