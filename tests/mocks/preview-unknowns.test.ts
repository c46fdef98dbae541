// In a preview, IDs, ARNs and DNS names are unknown: AWS never sees them so, and the mocks must not refuse a
// resource for a value they cannot know yet (a real `pulumi preview` would pass it).
import * as aws from "@pulumi/aws";
import { describe, expect, it } from "vitest";
import { runStackProgram } from "../../tools/stack-runner";
import {
  DOMAIN_NAME,
  HEALTH_CHECK,
  httpsHealthCheck,
  mockAccount,
  regionalDomain,
  UNKNOWN_INPUT,
} from "./strict-mocks";

describe("strict mocks in a preview", () => {
  it("let an unknown certificate ARN, resource path or user data pass", () => {
    const account = mockAccount({ preview: true });
    expect(
      account.refusal(DOMAIN_NAME, regionalDomain("eu-west-1", { regionalCertificateArn: UNKNOWN_INPUT })),
    ).toBeUndefined();
    expect(account.refusal(HEALTH_CHECK, httpsHealthCheck({ resourcePath: UNKNOWN_INPUT }))).toBeUndefined();
    expect(account.refusal("aws:ec2/instance:Instance", { userData: UNKNOWN_INPUT })).toBeUndefined();
  });

  it("still refuse what is known, through the Pulumi runtime, with the provider's words", async () => {
    const run = await runStackProgram(
      () => {
        const provider = new aws.Provider("use1", { region: "us-east-1" });
        const certificate = new aws.acm.Certificate(
          "cert",
          { domainName: "api.example.com", validationMethod: "DNS" },
          { provider },
        );
        new aws.route53.Record(
          "bad",
          {
            zoneId: "Z123",
            name: "api.example.com",
            type: "A",
            ttl: 60,
            aliases: [{ name: certificate.arn, zoneId: "Z1UJRXOUMOOFQ8", evaluateTargetHealth: true }],
          },
          { provider },
        );
      },
      { preview: true },
    );
    expect(run.rejections.map((r) => r.message)).toEqual([
      expect.stringMatching(/aws:route53\/record:Record "bad": "ttl": conflicts with alias/),
    ]);
    expect(run.failure).toBeUndefined();
  });
});
