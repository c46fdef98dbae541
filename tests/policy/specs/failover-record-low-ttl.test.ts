/** failover-record-low-ttl in process: the failover pair passes; each test changes one record. */
import { describe, expect, it } from "vitest";
import { failoverRecordLowTtl } from "../../../policy-pack/policies/failover-record-low-ttl";
import { AnalyzedResource, UNKNOWN } from "../../../tools/policy-harness";
import { runStackPolicy, urnsOf } from "../../support/policy-in-process";
import { asPreview, failoverChain, failoverPair, latencySet } from "../fixtures";
import { chainedToLongTtl } from "./builders";

const run = (stack: readonly AnalyzedResource[], config = {}) =>
  runStackPolicy(failoverRecordLowTtl, stack, config);

describe("failover-record-low-ttl", () => {
  it("passes aliases to API Gateway, CNAMEs with ttl exactly 60 and the 3-region chain", async () => {
    expect(await run(failoverPair())).toEqual([]);
    expect(await run(failoverPair({ kind: "cname" }))).toEqual([]);
    expect(await run(failoverChain())).toEqual([]);
  });

  it("reports a CNAME at 61 s as mandatory, with the TTL and the limit", async () => {
    const stack = failoverPair({ kind: "cname", secondary: { ttl: 61 } });
    expect(await run(stack)).toEqual([
      {
        enforcementLevel: "mandatory",
        urn: stack[3].urn,
        message:
          "api.example.com (CNAME, SECONDARY, set secondary-eu-west-1) has ttl 61 s; resolvers would keep " +
          "answering with a failed region for up to 61 s after failover. Set ttl to at most 60 s.",
      },
    ]);
  });

  it("reports a CNAME without a ttl", async () => {
    const found = await run(failoverPair({ kind: "cname", primary: { ttl: undefined } }));
    expect(found.map((f) => f.message)).toEqual([
      "api.example.com (CNAME, PRIMARY, set primary-us-east-1) is not an alias and has no ttl; set ttl to at most 60 s.",
    ]);
  });

  it("reports an alias that sets a ttl, which AWS rejects (docs/aws-facts.md#alias-has-no-ttl)", async () => {
    const found = await run(failoverPair({ primary: { ttl: 60 } }));
    expect(found.map((f) => f.message)).toEqual([
      "api.example.com (A, PRIMARY, set primary-us-east-1) is an alias and sets a ttl; AWS rejects that. Remove ttl from alias records.",
    ]);
  });

  it("judges latency records as failover ones: an AAAA alias with a ttl, a CNAME at 300 s", async () => {
    const aaaa = latencySet({ types: ["A", "AAAA"], change: { "api-latency-eu-west-1-aaaa": { ttl: 60 } } });
    expect((await run(aaaa)).map((f) => f.message)).toEqual([
      "api.example.com (AAAA, latency eu-west-1, set latency-eu-west-1) is an alias and sets a ttl; AWS rejects that. Remove ttl from alias records.",
    ]);
    const cname = latencySet({ types: ["CNAME"], change: { "api-latency-eu-west-1-cname": { ttl: 300 } } });
    expect((await run(cname)).map((f) => f.message)).toEqual([
      expect.stringContaining("(CNAME, latency eu-west-1, set latency-eu-west-1) has ttl 300 s"),
    ]);
  });

  it("judges a plain record reached through a failover alias by its own ttl, and leaves it alone otherwise", async () => {
    const { stack, backup } = chainedToLongTtl();
    expect(urnsOf(await run([...stack, backup]))).toEqual([backup.urn]);
    expect(await run([backup])).toEqual([]);
  });

  it("with maxTtlSeconds 59 reports API Gateway's fixed 60 s, with 60 passes it", async () => {
    const found = await run(failoverPair(), { maxTtlSeconds: 59 });
    expect(found.map((f) => f.message)).toContain(
      "api.example.com (A, PRIMARY, set primary-us-east-1) is an alias to an AWS resource, which answers with " +
        "a fixed 60 s TTL (more than 59 s); use a CNAME record with a lower ttl or raise maxTtlSeconds.",
    );
    expect(found).toHaveLength(2);
    expect(await run(failoverPair(), { maxTtlSeconds: 60 })).toEqual([]);
    const chain = failoverChain();
    expect(urnsOf(await run(chain, { maxTtlSeconds: 59 }))).not.toContain(chain[4].urn); // alias into the zone
  });

  it("with maxTtlSeconds 30 reports CNAMEs at 60 s and passes them at 30 s; a non-number keeps 60", async () => {
    expect(await run(failoverPair({ kind: "cname" }), { maxTtlSeconds: 30 })).toHaveLength(2);
    const at30 = failoverPair({ kind: "cname", primary: { ttl: 30 }, secondary: { ttl: 30 } });
    expect(await run(at30, { maxTtlSeconds: 30 })).toEqual([]);
    expect(await run(failoverPair({ kind: "cname" }), { maxTtlSeconds: "30" })).toEqual([]);
  });

  it("in preview, judges a literal ttl and skips an unknown ttl or unknown aliases", async () => {
    expect(await run(asPreview(failoverPair({ kind: "cname", primary: { ttl: 300 } })))).toHaveLength(1);
    expect(await run(asPreview(failoverPair({ kind: "cname", primary: { ttl: UNKNOWN } })))).toEqual([]);
    expect(await run(asPreview(failoverPair({ primary: { aliases: UNKNOWN, ttl: 60 } })))).toEqual([]);
  });

  it("is mandatory unless a config makes it advisory", async () => {
    const found = await run(failoverPair({ kind: "cname", primary: { ttl: 300 } }), {
      enforcementLevel: "advisory",
    });
    expect(found.map((f) => f.enforcementLevel)).toEqual(["advisory"]);
  });
});
