/** api-stage-waf in process: the API's stage with its web ACL association passes (apiStack). */
import { describe, expect, it } from "vitest";
import { apiStageWaf } from "../../../policy-pack/policies/api-stage-waf";
import { AnalyzedResource, UNKNOWN } from "../../../tools/policy-harness";
import { Finding, runStackPolicy } from "../../support/policy-in-process";
import { API_TYPES, apiStack, linked, unlinked } from "../api-fixtures";
import { resource, urnOf, withProps } from "../fixtures";
import { changed, named } from "./builders";

const STAGE = "api-us-east-1-api-stage";
const STAGE_ARN = "arn:aws:apigateway:us-east-1::/restapis/a1b2c3/stages/live";
const ASSOCIATION = "api-us-east-1-waf-stage";

describe("api-stage-waf", () => {
  const run = (resources: readonly AnalyzedResource[]) => runStackPolicy(apiStageWaf, resources);
  const stageUrn = (name: string) => urnOf(API_TYPES.stage, name);
  const noWebAcl = (name: string, label: string): Finding => ({
    enforcementLevel: "mandatory",
    urn: stageUrn(name),
    message:
      `Stage ${label} has no web ACL: associate a REGIONAL aws.wafv2.WebAcl with it ` +
      `(aws.wafv2.WebAclAssociation with resourceArn: stage.arn).`,
  });

  /** A second stage of the same API, "canary", that no association names. */
  const withCanary = (stack: readonly AnalyzedResource[], preview = false) => {
    const live = named(stack, STAGE);
    const canary: AnalyzedResource = withProps(
      { ...live, name: "api-us-east-1-api-canary", urn: stageUrn("api-us-east-1-api-canary") },
      {
        stageName: "canary",
        arn: preview ? UNKNOWN : "arn:aws:apigateway:us-east-1::/restapis/a1b2c3/stages/canary",
      },
    );
    return [...stack, canary];
  };

  it("passes the API's stage, which its association names", async () => {
    expect(await run(apiStack())).toEqual([]);
  });

  it("reports the stage an association linked to another stage leaves out", async () => {
    expect(await run(withCanary(apiStack()))).toEqual([noWebAcl("api-us-east-1-api-canary", "canary")]);
  });

  it("in a preview, an association linked to one stage does not protect another stage whose ARN is unknown too", async () => {
    expect(await run(withCanary(apiStack({ preview: true }), true))).toEqual([
      noWebAcl("api-us-east-1-api-canary", "canary"),
    ]);
  });

  it("does not count a WAF Classic (wafregional) association, even one linked to the stage", async () => {
    const stack = apiStack({ withoutWaf: true });
    const classic = linked(
      resource("aws:wafregional/webAclAssociation:WebAclAssociation", "api-us-east-1-waf-classic", {
        resourceArn: STAGE_ARN,
        webAclId: "classic-acl-1",
      }),
      { resourceArn: named(stack, STAGE) },
    );
    expect(await run([...stack, classic])).toEqual([noWebAcl(STAGE, "live")]);
  });

  it("names a stage without a known stageName by its resource name", async () => {
    const stack = changed(apiStack({ withoutWaf: true }), STAGE, (stage) =>
      withProps(stage, { stageName: undefined }),
    );
    expect(await run(stack)).toEqual([noWebAcl(STAGE, STAGE)]);
  });

  it("reports a stage whose unlinked association names another stage's ARN", async () => {
    const other = { resourceArn: "arn:aws:apigateway:us-east-1::/restapis/other/stages/live" };
    expect(await run(changed(apiStack({ association: other }), ASSOCIATION, unlinked))).toEqual([
      noWebAcl(STAGE, "live"),
    ]);
  });

  it("matches an association to its stage by ARN when no dependency links them", async () => {
    expect(await run(changed(apiStack(), ASSOCIATION, unlinked))).toEqual([]);
  });

  it("in a preview, links the association to the stage by property dependency", async () => {
    expect(await run(apiStack({ preview: true }))).toEqual([]);
    expect(await run(apiStack({ preview: true, withoutWaf: true }))).toEqual([noWebAcl(STAGE, "live")]);
  });

  it("in a preview, waits while an association's target is unknown and linked to nothing", async () => {
    expect(await run(changed(apiStack({ preview: true }), ASSOCIATION, unlinked))).toEqual([]);
  });
});
