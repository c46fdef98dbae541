// Every region the config accepts previews on the strict mocks; a commercial region the project cannot
// model is refused at config time, naming `regions` (docs/aws-facts.md, API Gateway regional hosted zone IDs).
import { describe, expect, it } from "vitest";
import { ConfigError, parseStackConfig } from "../../config";
import { COMMERCIAL_REGIONS, SUPPORTED_REGIONS } from "@multi-region-api/model/regions";
import { API_GATEWAY_REGIONAL_ZONE_IDS } from "../../tools/aws-mocks";
import type { PreviewReport } from "../../tools/preview/preview";
import { formatReport } from "../../tools/preview/format-report";
import { DOMAIN_NAME, mockAccount, regionalDomain } from "../mocks/strict-mocks";
import { MINIMAL_CONFIG, ofType, runStack } from "../support/stacks";

describe("regions", () => {
  it("accepts every commercial region but those the project cannot model, and models each it accepts", () => {
    // The commercial regions of @pulumi/aws 7.48 whose hosted zone no second source confirmed.
    expect(COMMERCIAL_REGIONS.filter((r) => !SUPPORTED_REGIONS.includes(r))).toEqual(["ap-southeast-6"]);
    for (const region of SUPPORTED_REGIONS) {
      const account = mockAccount();
      account.create(DOMAIN_NAME, regionalDomain(region), { region });
      expect(account.mocks.registrations.at(-1)?.outputs.regionalZoneId).toBe(
        API_GATEWAY_REGIONAL_ZONE_IDS[region],
      );
    }
  });

  it("runs [us-east-1, eu-north-1] on the strict mocks with eu-north-1's own API Gateway zone", async () => {
    const run = await runStack({ ...MINIMAL_CONFIG, regions: ["us-east-1", "eu-north-1"] });

    const zones = ofType(run, "aws:apigateway/domainName:DomainName").map((d) => [
      d.region,
      d.outputs.regionalZoneId,
    ]);
    expect(zones).toContainEqual(["eu-north-1", "Z3UWIKFBOOGXPP"]);
  });

  it("refuses at config time a region it cannot model, naming regions and the allowed ones", () => {
    const parse = () => parseStackConfig({ ...MINIMAL_CONFIG, regions: ["us-east-1", "ap-southeast-6"] });
    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(
      /multi-region-api:regions\[1\]\S*: "ap-southeast-6" is an AWS region this project cannot model yet.*allowed: .*eu-north-1/,
    );
  });
});

describe("the preview's text report", () => {
  it("prints what the mocks refused first, before the policy results it may have caused", () => {
    const report: PreviewReport = {
      exitCode: 1,
      rejections: ['aws:apigateway/domainName:DomainName "api-x": refused'],
      policies: {
        judgement: "plan",
        packName: "multi-region-failover",
        packVersion: "0.1.0",
        diagnostics: [
          {
            policyName: "failover-pair-complete",
            policyPackName: "multi-region-failover",
            policyPackVersion: "0.1.0",
            enforcementLevel: "mandatory",
            message: "api.example.com A has no SECONDARY.",
            urn: "",
            description: "",
          },
        ],
      },
    };
    const text = formatReport(report);
    expect(text.startsWith("Errors (the strict AWS mocks refused what AWS would refuse):")).toBe(true);
    expect(text.indexOf('"api-x": refused')).toBeLessThan(text.indexOf("failover-pair-complete"));
    expect(text).toContain("the refused requests listed first may cause some of these results");
  });
});
