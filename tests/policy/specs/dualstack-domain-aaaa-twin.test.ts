/** dualstack-domain-aaaa-twin in process: a dualstack domain with its A and AAAA aliases passes. */
import { describe, expect, it } from "vitest";
import { dualstackDomainAaaaTwin } from "../../../policy-pack/policies/dualstack-domain-aaaa-twin";
import { AnalyzedResource, UNKNOWN } from "../../../tools/policy-harness";
import { runStackPolicy, urnsOf } from "../../support/policy-in-process";
import {
  aliasingDomain,
  asPreview,
  dualstackDomain,
  FAILOVER_NAME,
  latencyAliasRecord,
  latencyCnameRecord,
  withProps,
  ZONE_ID,
} from "../fixtures";

describe("dualstack-domain-aaaa-twin", () => {
  const run = (stack: readonly AnalyzedResource[]) => runStackPolicy(dualstackDomainAaaaTwin, stack);
  const domain = dualstackDomain("us-east-1");
  const a = aliasingDomain(latencyAliasRecord("us-east-1"), domain);
  const aaaa = aliasingDomain(latencyAliasRecord("us-east-1", {}, "AAAA"), domain);
  /** eu-west-1's custom domain, IPv4 only: it asks nothing of its own records. */
  const ipv4Domain = dualstackDomain("eu-west-1", { endpointConfiguration: { types: "REGIONAL" } });

  it("passes an A alias to the dualstack domain with its AAAA twin, known and in preview", async () => {
    expect(await run([domain, a, aaaa])).toEqual([]);
    expect(await run(asPreview([domain, a, aaaa]))).toEqual([]);
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

  it("reports an A alias without its twin in preview too", async () => {
    expect(urnsOf(await run(asPreview([domain, a])))).toEqual([a.urn]);
  });

  it("reports an A alias whose AAAA has another set identifier", async () => {
    expect(urnsOf(await run([domain, a, withProps(aaaa, { setIdentifier: "latency-elsewhere" })]))).toEqual([
      a.urn,
    ]);
  });

  it("without the engine's link (after an update), matches the alias by the domain's regional name", async () => {
    const plainA = latencyAliasRecord("us-east-1");
    expect(urnsOf(await run([domain, plainA]))).toEqual([plainA.urn]);
    expect(await run([domain, plainA, latencyAliasRecord("us-east-1", {}, "AAAA")])).toEqual([]);
  });

  it("asks nothing of an IPv4-only domain's aliases", async () => {
    const ipv4 = dualstackDomain("us-east-1", { endpointConfiguration: { types: "REGIONAL" } });
    expect(await run([ipv4, aliasingDomain(latencyAliasRecord("us-east-1"), ipv4)])).toEqual([]);
  });
});
