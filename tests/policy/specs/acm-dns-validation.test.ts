/** acm-dns-validation in process: a DNS-validated certificate passes; each test changes how it is issued. */
import { describe, expect, it } from "vitest";
import { acmDnsValidation } from "../../../policy-pack/policies/acm-dns-validation";
import { JsonObject, UNKNOWN } from "../../../tools/policy-harness";
import { runResourcePolicy } from "../../support/policy-in-process";
import { certificate, FAILOVER_NAME } from "../fixtures";

describe("acm-dns-validation", () => {
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
