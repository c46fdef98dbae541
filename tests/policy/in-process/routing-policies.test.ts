/**
 * The routing-mode policies run in the test process (tests/support/policy-in-process.ts), beside their gRPC
 * tests in ../routing-modes.test.ts and ../apex.test.ts: a passing stack, then one changed property per test,
 * exact messages where the message is what an operator acts on. These cover what the gRPC tests leave open:
 * records that must not be matched (other domains, other zones, other names), preview unknowns, and the
 * remediation each message gives.
 */
import { describe, expect, it } from "vitest";
import { dualstackDomainAaaaTwin } from "../../../policy-pack/policies/dualstack-domain-aaaa-twin";
import { latencySetComplete } from "../../../policy-pack/policies/latency-set-complete";
import { recordNoCnameAtZoneApex } from "../../../policy-pack/policies/record-no-cname-at-zone-apex";
import { AnalyzedResource, UNKNOWN } from "../../../tools/policy-harness";
import { runStackPolicy, urnsOf } from "../../support/policy-in-process";
import {
  aliasingDomain,
  dualstackDomain,
  FAILOVER_NAME,
  latencyAliasRecord,
  latencyCnameRecord,
  latencySet,
  resource,
  TYPES,
  withProps,
  ZONE_ID,
  plainRecord,
} from "../fixtures";

describe("dualstack-domain-aaaa-twin in process", () => {
  const run = (stack: readonly AnalyzedResource[]) => runStackPolicy(dualstackDomainAaaaTwin, stack);
  const domain = dualstackDomain("us-east-1");
  const a = aliasingDomain(latencyAliasRecord("us-east-1"), domain);
  const aaaa = aliasingDomain(latencyAliasRecord("us-east-1", {}, "AAAA"), domain);
  /** eu-west-1's custom domain, IPv4 only: it asks nothing of its own records. */
  const ipv4Domain = dualstackDomain("eu-west-1", { endpointConfiguration: { types: "REGIONAL" } });

  it("passes an A alias to the dualstack domain with its AAAA twin", async () => {
    expect(await run([domain, a, aaaa])).toEqual([]);
  });

  it("reports an A alias without an AAAA twin as mandatory, saying which record to add", async () => {
    expect(await run([domain, a])).toEqual([
      {
        enforcementLevel: "mandatory",
        urn: a.urn,
        message:
          "api.example.com (A, latency us-east-1, set latency-us-east-1) is an alias to the dualstack domain " +
          "api-us-east-1 but has no AAAA twin; add an AAAA alias record with the same name and set identifier " +
          "so IPv6 clients get an answer.",
      },
    ]);
  });

  it("leaves alone an A alias the engine links to another region's domain", async () => {
    const other = aliasingDomain(latencyAliasRecord("eu-west-1"), ipv4Domain);
    expect(await run([domain, a, aaaa, ipv4Domain, other])).toEqual([]);
  });

  it("without the engine's link, takes only an alias to the domain's regional name for one of its aliases", async () => {
    expect(await run([domain, latencyAliasRecord("eu-west-1")])).toEqual([]);
  });

  it("leaves alone a record that is no alias (a CNAME with records) beside the domain", async () => {
    expect(await run([domain, a, aaaa, latencyCnameRecord("eu-west-1")])).toEqual([]);
  });

  it("asks an AAAA twin only of A records: a CNAME alias to the domain needs none", async () => {
    const cname = aliasingDomain(latencyAliasRecord("us-east-1", {}, "CNAME"), domain);
    expect(await run([domain, cname])).toEqual([]);
  });

  it("reports an A alias whose AAAA twin sits in another hosted zone", async () => {
    const elsewhere = withProps(aaaa, { zoneId: "Z0OTHERZONEEXAMPLE" });
    expect(urnsOf(await run([domain, a, elsewhere]))).toEqual([a.urn]);
  });

  it("reports an A alias whose only AAAA alias to the domain has another name", async () => {
    const www = withProps(aaaa, { name: `www.${FAILOVER_NAME}` });
    expect(urnsOf(await run([domain, a, www]))).toEqual([a.urn]);
  });

  it("in preview, counts an AAAA whose zone cannot be told yet as the twin, and the other way round", async () => {
    expect(await run([domain, a, withProps(aaaa, { zoneId: UNKNOWN })])).toEqual([]);
    expect(await run([domain, withProps(a, { zoneId: UNKNOWN }), aaaa])).toEqual([]);
  });

  it("in preview, counts an AAAA with an unknown set identifier as the twin, and the other way round", async () => {
    expect(await run([domain, a, withProps(aaaa, { setIdentifier: UNKNOWN })])).toEqual([]);
    expect(await run([domain, withProps(a, { setIdentifier: UNKNOWN }), aaaa])).toEqual([]);
  });

  it("in preview, leaves an A alias whose name is unknown to be judged once the name is known", async () => {
    expect(await run([domain, withProps(a, { name: UNKNOWN })])).toEqual([]);
  });

  it("before a new domain has its regional name, does not take an alias to another name of the zone for its alias", async () => {
    const creating = withProps(domain, { regionalDomainName: undefined });
    const intoZone = withProps(latencyAliasRecord("eu-west-1"), {
      aliases: [{ name: `failover-1.${FAILOVER_NAME}`, zoneId: ZONE_ID, evaluateTargetHealth: true }],
    });
    expect(await run([creating, intoZone])).toEqual([]);
  });

  it("does not take an alias whose target is not known yet, and not linked to the domain, for its alias", async () => {
    const pending = withProps(latencyAliasRecord("eu-west-1"), {
      aliases: [{ name: UNKNOWN, zoneId: UNKNOWN, evaluateTargetHealth: true }],
    });
    expect(await run([domain, pending])).toEqual([]);
  });
});

describe("latency-set-complete in process", () => {
  const run = (stack: readonly AnalyzedResource[]) => runStackPolicy(latencySetComplete, stack);
  const EU = "api-latency-eu-west-1";
  const twoForUsEast1 = latencySet({
    change: { [EU]: { latencyRoutingPolicies: [{ region: "us-east-1" }] } },
  });

  it("passes one latency record per region and type, each with its own set identifier", async () => {
    expect(await run(latencySet({ types: ["A", "AAAA"] }))).toEqual([]);
  });

  it("reports a second record for a region on that record, naming both and saying what to keep", async () => {
    const [us, eu] = twoForUsEast1.filter((r) => r.type === TYPES.record).map((r) => r.urn);
    expect(await run(twoForUsEast1)).toEqual([
      {
        enforcementLevel: "mandatory",
        urn: eu,
        message:
          `api.example.com A has two latency records for us-east-1 (${us} and ${eu}); Route 53 takes one ` +
          `per region, so keep one record per region.`,
      },
    ]);
  });

  it("reports an empty region as a latency policy without a region", async () => {
    const stack = latencySet({ change: { [EU]: { latencyRoutingPolicies: [{ region: "" }] } } });
    const eu = stack.find((r) => r.name === EU);
    expect(await run(stack)).toEqual([
      {
        enforcementLevel: "mandatory",
        urn: eu?.urn,
        message: expect.stringContaining(
          "has a latency policy without a region; name the region its target runs in.",
        ),
      },
    ]);
  });

  it("in preview, does not compare regions it cannot tell yet", async () => {
    const unknownRegion = { latencyRoutingPolicies: [{ region: UNKNOWN }] };
    const stack = latencySet({ change: { "api-latency-us-east-1": unknownRegion, [EU]: unknownRegion } });
    expect(await run(stack)).toEqual([]);
  });

  it("reports a record without a latency policy sharing the set's name and type, saying how to fix it", async () => {
    const plain = plainRecord("plain", { name: FAILOVER_NAME, ttl: 60, records: ["192.0.2.10"] });
    expect(await run([...latencySet(), plain])).toEqual([
      {
        enforcementLevel: "mandatory",
        urn: plain.urn,
        message:
          "api.example.com (A) has no latency routing policy but shares its name and type with latency " +
          "records; Route 53 does not allow that. Remove it or make it a latency record.",
      },
    ]);
  });

  it("in preview, reports two known records for a region while another member's routing policy is unknown", async () => {
    const undetermined = withProps(latencyAliasRecord("ap-southeast-1"), { latencyRoutingPolicies: UNKNOWN });
    const alone = await run(twoForUsEast1);
    expect(alone).toHaveLength(1);
    expect(await run([...twoForUsEast1, undetermined])).toEqual(alone);
    // The undetermined member itself is not judged: it may turn out to be a latency record of its own region.
    expect(await run([...latencySet(), undetermined])).toEqual([]);
  });
});

describe("record-no-cname-at-zone-apex in process", () => {
  const run = (stack: readonly AnalyzedResource[]) => runStackPolicy(recordNoCnameAtZoneApex, stack);
  const zone = resource(TYPES.zone, "zone", { name: "example.com", zoneId: ZONE_ID });
  const cname = (name: string) =>
    resource(TYPES.record, "cname", {
      zoneId: ZONE_ID,
      name,
      type: "CNAME",
      ttl: 300,
      records: ["www.example.net"],
    });

  it("passes a CNAME below the apex of a zone of the stack", async () => {
    expect(await run([zone, cname("www.example.com")])).toEqual([]);
  });

  it("reports a CNAME at the apex as mandatory, saying what to use instead", async () => {
    const apex = cname("example.com");
    expect(await run([zone, apex])).toEqual([
      {
        enforcementLevel: "mandatory",
        urn: apex.urn,
        message:
          "example.com (CNAME) is a CNAME at the apex of zone example.com, which Route 53 refuses; use an " +
          "alias A record (dns.recordKind: alias) or a name below the apex.",
      },
    ]);
  });

  it("judges the apex of the record's own zone: a CNAME named like another zone of the stack is below its own apex", async () => {
    const subZone = resource(TYPES.zone, "eu-zone", { name: "eu.example.com", zoneId: "Z0EUEXAMPLE" });
    expect(await run([zone, subZone, cname("eu.example.com")])).toEqual([]);
  });

  it("in preview, skips a zone whose name it cannot tell yet", async () => {
    expect(await run([withProps(zone, { name: UNKNOWN }), cname("example.com")])).toEqual([]);
  });
});
