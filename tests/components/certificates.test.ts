import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { Certificates, ComponentArgsError, type CertificatesArgs } from "../../components";
import { runWithMocks } from "../../tools/stack-runner";
import { ofType } from "../support/stacks";

const EXISTING = "arn:aws:acm:eu-west-1:123456789012:certificate/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

/** Certificates for us-east-1 and eu-west-1; tests change which regions bring their own certificate. */
function build(
  change: (regions: Record<string, aws.Provider>) => Partial<CertificatesArgs> = () => ({}),
  opts: (global: aws.Provider) => pulumi.ComponentResourceOptions = (provider) => ({ provider }),
) {
  return () => {
    const regions = Object.fromEntries(
      ["us-east-1", "eu-west-1"].map((region) => [region, new aws.Provider(region, { region })]),
    );
    const certificates = new Certificates(
      "certificates",
      {
        domainName: "api.example.com",
        zoneId: "ZEXAMPLE",
        regions: Object.entries(regions).map(([region, provider]) => ({ region, provider })),
        ...change(regions),
      },
      opts(regions["us-east-1"]!),
    );
    return { arns: certificates.arns, validationRecordFqdn: certificates.validationRecordFqdn };
  };
}

describe("Certificates", () => {
  it("requests one certificate per region, each validated against the one record", async () => {
    const run = await runWithMocks(build());
    expect(ofType(run, "aws:acm/certificate:Certificate").map((c) => [c.name, c.region])).toEqual([
      ["certificates-us-east-1", "us-east-1"],
      ["certificates-eu-west-1", "eu-west-1"],
    ]);
    const records = ofType(run, "aws:route53/record:Record");
    expect(records.map((r) => [r.name, r.inputs.type])).toEqual([["certificates-validation", "CNAME"]]);
    const validations = ofType(run, "aws:acm/certificateValidation:CertificateValidation");
    expect(validations.map((v) => [v.region, v.inputs.validationRecordFqdns])).toEqual([
      ["us-east-1", [records[0].outputs.fqdn]],
      ["eu-west-1", [records[0].outputs.fqdn]],
    ]);
    expect(Object.keys(run.outputs.arns)).toEqual(["us-east-1", "eu-west-1"]);
  });

  it("requests nothing for a region with certificateArn, and no record when no region requests one", async () => {
    const oneExisting = await runWithMocks(
      build((p) => ({
        regions: [
          { region: "us-east-1", provider: p["us-east-1"] },
          { region: "eu-west-1", provider: p["eu-west-1"], certificateArn: EXISTING },
        ],
      })),
    );
    expect(ofType(oneExisting, "aws:acm/certificate:Certificate").map((c) => c.region)).toEqual([
      "us-east-1",
    ]);
    expect(oneExisting.outputs.arns["eu-west-1"]).toBe(EXISTING);
    const noneRequested = await runWithMocks(
      build((p) => ({
        regions: [{ region: "eu-west-1", provider: p["eu-west-1"], certificateArn: EXISTING }],
      })),
    );
    expect(ofType(noneRequested, "aws:route53/record:Record")).toEqual([]);
    expect(noneRequested.outputs.validationRecordFqdn).toBeUndefined();
  });

  it("refuses a region listed twice before registering anything", async () => {
    const run = runWithMocks(
      build((p) => ({
        regions: [
          { region: "eu-west-1", provider: p["eu-west-1"] },
          { region: "eu-west-1", provider: p["eu-west-1"] },
        ],
      })),
    );
    await expect(run).rejects.toThrow(ComponentArgsError);
    await expect(run).rejects.toThrow("regions: list a region twice");
  });

  it("takes its Route 53 provider as opts.providers.aws too, as a program in another language passes it", async () => {
    const resources = (run: Awaited<ReturnType<typeof runWithMocks>>) =>
      run.registrations.map((r) => `${r.type} ${r.name}`).sort();
    const direct = await runWithMocks(build());
    const inMap = await runWithMocks(build(undefined, (aws) => ({ providers: { aws } })));
    expect(resources(inMap)).toEqual(resources(direct));
    expect(ofType(inMap, "aws:route53/record:Record").map((r) => r.region)).toEqual(["us-east-1"]);
    await expect(runWithMocks(build(undefined, () => ({})))).rejects.toThrow(
      "opts.provider: must be an aws.Provider for Route 53",
    );
  });
});
