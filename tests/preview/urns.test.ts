/**
 * URNs as the engine builds them (pulumi/pulumi `Deployment.generateURN` and `urn.New`, docs/aws-facts.md):
 * `urn:pulumi:<stack>::<project>::<qualified type>::<name>`, the qualified type being the parent's qualified
 * type, `$`, and the resource's own type, except that the root stack's type is never part of the chain.
 */
import { describe, expect, it } from "vitest";
import { engineUrn, STACK_TYPE } from "../../tools/preview/plan";

const STACK_URN = `urn:pulumi:prod::multi-region-api::${STACK_TYPE}::multi-region-api-prod`;
const FAILOVER_DNS_URN = "urn:pulumi:prod::multi-region-api::multiregion:index:FailoverDns::failover";

describe("engineUrn", () => {
  it("gives the root stack and a child of the stack their own type alone", () => {
    expect(engineUrn("prod", "multi-region-api", undefined, STACK_TYPE, "multi-region-api-prod")).toBe(
      STACK_URN,
    );
    expect(
      engineUrn("prod", "multi-region-api", STACK_URN, "multiregion:index:FailoverDns", "failover"),
    ).toBe(FAILOVER_DNS_URN);
  });

  it("chains every other parent's qualified type with $", () => {
    const record = engineUrn(
      "prod",
      "multi-region-api",
      FAILOVER_DNS_URN,
      "aws:route53/record:Record",
      "failover-primary",
    );
    expect(record).toBe(
      "urn:pulumi:prod::multi-region-api::multiregion:index:FailoverDns$aws:route53/record:Record::failover-primary",
    );
    expect(engineUrn("prod", "multi-region-api", record, "example:index:Child", "c")).toBe(
      "urn:pulumi:prod::multi-region-api::multiregion:index:FailoverDns$aws:route53/record:Record$example:index:Child::c",
    );
  });
});
