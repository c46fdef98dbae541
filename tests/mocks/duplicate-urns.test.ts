/**
 * The strict mocks refuse a second registration of a URN, as the engine does ("Duplicate resource URN '…';
 * try giving it a unique name": pulumi/pulumi, pkg/diag/errors.go, GetDuplicateResourceURNError). Pulumi's
 * own mock monitor accepts it, which let two failover records with one resource name pass.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { runStackProgram, runWithMocks } from "../../tools/stack-runner";

const RECORD = "aws:route53/record:Record";

/** A failover record as one level of the chain registers it, under a component of the given type. */
function chainRecord(
  name: string,
  recordName: string,
  parent: pulumi.ComponentResource,
  provider: aws.Provider,
) {
  return new aws.route53.Record(
    name,
    {
      zoneId: "ZEXAMPLE",
      name: recordName,
      type: "A",
      setIdentifier: `primary-${recordName}`,
      failoverRoutingPolicies: [{ type: "PRIMARY" }],
      healthCheckId: "hc",
      aliases: [
        { name: "d-1.execute-api.us-east-1.amazonaws.com", zoneId: "Z1", evaluateTargetHealth: true },
      ],
    },
    { parent, provider },
  );
}

function twoLevels(names: [string, string], componentNames: [string, string] = ["failover", "failover"]) {
  return () => {
    const provider = new aws.Provider("us-east-1", { region: "us-east-1" });
    const first = new pulumi.ComponentResource("multiregion:index:FailoverDns", componentNames[0], {});
    const second =
      componentNames[1] === componentNames[0]
        ? first
        : new pulumi.ComponentResource("multiregion:index:FailoverDns", componentNames[1], {});
    chainRecord(names[0], "api.example.com", first, provider);
    chainRecord(names[1], "failover-1.api.example.com", second, provider);
    return {};
  };
}

const DUPLICATE =
  /aws:route53\/record:Record "failover-primary": Duplicate resource URN 'urn:pulumi:test::multi-region-api::multiregion:index:FailoverDns\$aws:route53\/record:Record::failover-primary'; try giving it a unique name/;

describe("strict mocks: one registration per URN", () => {
  it("accept two chain levels' records with their own resource names", async () => {
    const run = await runWithMocks(twoLevels(["failover-primary", "failover-failover-1-primary"]));
    expect(run.registrations.filter((r) => r.type === RECORD).map((r) => r.name)).toEqual([
      "failover-primary",
      "failover-failover-1-primary",
    ]);
  });

  it("refuse the second of two chain levels' records with one resource name, with the engine's message", async () => {
    const run = await runStackProgram(twoLevels(["failover-primary", "failover-primary"]));
    expect(run.rejections.map((r) => r.message)).toEqual([expect.stringMatching(DUPLICATE)]);
    expect(run.registrations.filter((r) => r.type === RECORD)).toHaveLength(1);
  });

  it("refuse one child name under two components of one type: the URN holds the parent's type, not its name", async () => {
    const run = await runStackProgram(twoLevels(["record", "record"], ["dns-a", "dns-b"]));
    expect(run.rejections.map((r) => r.message)).toEqual([
      expect.stringMatching(
        /Duplicate resource URN 'urn:pulumi:test::multi-region-api::multiregion:index:FailoverDns\$aws:route53\/record:Record::record'/,
      ),
    ]);
  });

  it("accept one name for resources of different types", async () => {
    const run = await runWithMocks(() => {
      const provider = new aws.Provider("us-east-1", { region: "us-east-1" });
      new aws.sns.Topic("alarms", {}, { provider });
      new aws.sqs.Queue("alarms", {}, { provider });
      return {};
    });
    expect(run.registrations.map((r) => r.name)).toEqual(["us-east-1", "alarms", "alarms"]);
  });
});
