// Route 53 record rules of the strict mocks (docs/aws-facts.md#route-53-records and #alias-has-no-ttl).
import { describe, expect, it } from "vitest";
import { failoverAlias, mockAccount, RECORD, ZONE_ID } from "./strict-mocks";

const cname = (overrides: Record<string, unknown> = {}) => {
  const { aliases: _aliases, ...record } = failoverAlias({
    type: "CNAME",
    ttl: 60,
    records: ["us-east-1.example.net"],
  });
  return { ...record, ...overrides };
};

describe("strict mocks: Route 53 records", () => {
  it("accept the failover alias FailoverDns creates", () => {
    expect(mockAccount().refusal(RECORD, failoverAlias())).toBeUndefined();
  });

  it('refuse a TTL on an alias, as the provider does ("ttl": conflicts with alias; docs/aws-facts.md#alias-has-no-ttl)', () => {
    expect(mockAccount().refusal(RECORD, failoverAlias({ ttl: 60 }))).toMatch(/"ttl": conflicts with alias/);
  });

  it("refuse records beside an alias", () => {
    expect(mockAccount().refusal(RECORD, failoverAlias({ records: ["1.2.3.4"] }))).toMatch(
      /"records": conflicts with alias/,
    );
  });

  it("refuse a plain record without ttl and records", () => {
    expect(mockAccount().refusal(RECORD, cname({ ttl: undefined }))).toMatch(
      /"ttl" and "records": required when "alias" is not set/,
    );
  });

  it("refuse failover without a set identifier (TF: all of failover_routing_policy,set_identifier)", () => {
    expect(mockAccount().refusal(RECORD, failoverAlias({ setIdentifier: undefined }))).toMatch(
      /all of `failover_routing_policy,set_identifier` must be specified/,
    );
  });

  it("refuse a set identifier without a routing policy", () => {
    expect(mockAccount().refusal(RECORD, failoverAlias({ failoverRoutingPolicies: undefined }))).toMatch(
      /all of `failover_routing_policy,set_identifier` must be specified/,
    );
  });

  it("refuse a failover type other than PRIMARY or SECONDARY", () => {
    expect(
      mockAccount().refusal(RECORD, failoverAlias({ failoverRoutingPolicies: [{ type: "TERTIARY" }] })),
    ).toMatch(
      /Value 'TERTIARY' at 'changeBatch\.changes\.1\.member\.resourceRecordSet\.failover' failed to satisfy constraint: Member must satisfy enum value set: \[PRIMARY, SECONDARY\]/,
    );
  });

  it("refuse two records with the same name, type and set identifier (InvalidChangeBatch)", () => {
    const account = mockAccount();
    account.create(RECORD, failoverAlias(), { name: "first" });
    // Same name (differently spelled: Route 53 ignores case and the trailing dot), type and set identifier.
    expect(
      account.refusal(
        RECORD,
        failoverAlias({ name: "API.example.com.", failoverRoutingPolicies: [{ type: "SECONDARY" }] }),
        {
          name: "second",
        },
      ),
    ).toMatch(
      /InvalidChangeBatch: Tried to create resource record set \[name='api\.example\.com', type='A', set-identifier='primary-us-east-1'\] but it already exists/,
    );
  });

  it("accept the same name and set identifier in another zone or with another type", () => {
    const account = mockAccount();
    account.create(RECORD, failoverAlias(), { name: "first" });
    expect(
      account.refusal(RECORD, failoverAlias({ zoneId: "ZOTHER" }), { name: "other-zone" }),
    ).toBeUndefined();
    expect(account.refusal(RECORD, failoverAlias({ type: "AAAA" }), { name: "other-type" })).toBeUndefined();
  });

  it("refuse a second PRIMARY for one failover name and type", () => {
    const account = mockAccount();
    account.create(RECORD, failoverAlias(), { name: "first" });
    expect(
      account.refusal(RECORD, failoverAlias({ setIdentifier: "primary-again" }), { name: "second" }),
    ).toMatch(/a failover RRSet .* of type PRIMARY already exists/);
  });

  it("refuse a plain record beside failover records of the same name and type", () => {
    const account = mockAccount();
    account.create(RECORD, failoverAlias(), { name: "failover" });
    const plain = { zoneId: ZONE_ID, name: "api.example.com", type: "A", ttl: 60, records: ["192.0.2.1"] };
    expect(account.refusal(RECORD, plain, { name: "plain" })).toMatch(/non-routing-policy RRSet/);
  });
});

// docs/aws-facts.md "Alias to a name of the same zone": the target must exist before the alias.
describe("strict mocks: an alias to a name of the same zone", () => {
  const chainLink = failoverAlias({
    setIdentifier: "secondary-failover-1",
    failoverRoutingPolicies: [{ type: "SECONDARY" }],
    healthCheckId: undefined,
    aliases: [{ name: "failover-1.api.example.com", zoneId: ZONE_ID, evaluateTargetHealth: true }],
  });
  const target = failoverAlias({ name: "failover-1.api.example.com" });
  const message =
    `InvalidChangeBatch: [Tried to create an alias that targets failover-1.api.example.com., type A in zone ` +
    `${ZONE_ID}, but that target was not found]`;

  it("is accepted when it depends on the target's records", () => {
    const account = mockAccount();
    account.create(RECORD, target, { name: "failover-1-primary" });
    expect(account.refusal(RECORD, chainLink, { dependsOn: ["failover-1-primary"] })).toBeUndefined();
  });

  it("is refused, with AWS's message, when the target is not among its dependencies, created or not", () => {
    expect(mockAccount().refusal(RECORD, chainLink)).toBe(`${RECORD} "subject": ${message}`);
    const account = mockAccount();
    account.create(RECORD, target, { name: "failover-1-primary" });
    expect(account.refusal(RECORD, chainLink)).toContain(message);
  });

  it("is refused when the dependency is a record of another name or type", () => {
    const account = mockAccount();
    account.create(RECORD, failoverAlias({ name: "failover-2.api.example.com" }), { name: "other-name" });
    expect(account.refusal(RECORD, chainLink, { dependsOn: ["other-name"] })).toContain(message);
  });
});

describe("strict mocks: a CNAME shares its name with no other record", () => {
  const conflict =
    /RRSet of type CNAME with DNS name api\.example\.com\. is not permitted because a conflicting RRSet of type A with the same DNS name already exists/;

  it("refuses a failover CNAME beside a failover alias A of the same name, and the reverse", () => {
    const account = mockAccount();
    account.create(RECORD, failoverAlias(), { name: "alias-primary" });
    expect(
      account.refusal(
        RECORD,
        cname({ setIdentifier: "secondary-eu-west-1", failoverRoutingPolicies: [{ type: "SECONDARY" }] }),
      ),
    ).toMatch(conflict);
    const reverse = mockAccount();
    reverse.create(RECORD, cname(), { name: "cname-primary" });
    expect(
      reverse.refusal(
        RECORD,
        failoverAlias({
          setIdentifier: "secondary-eu-west-1",
          failoverRoutingPolicies: [{ type: "SECONDARY" }],
        }),
      ),
    ).toMatch(/RRSet of type A .* conflicting RRSet of type CNAME/);
  });

  it("accepts CNAMEs beside CNAMEs of the same failover name", () => {
    const account = mockAccount();
    account.create(RECORD, cname(), { name: "cname-primary" });
    expect(
      account.refusal(
        RECORD,
        cname({ setIdentifier: "secondary-eu-west-1", failoverRoutingPolicies: [{ type: "SECONDARY" }] }),
      ),
    ).toBeUndefined();
  });
});

/** A latency alias record as FailoverDns creates it in latency mode. */
const latencyAlias = (region: string, overrides: Record<string, unknown> = {}) => {
  const { failoverRoutingPolicies: _failover, ...record } = failoverAlias({
    setIdentifier: `latency-${region}`,
    latencyRoutingPolicies: [{ region }],
  });
  return { ...record, ...overrides };
};

// Sources: the provider's schema (terraform-provider-aws route53 record.go: routing policies conflict with
// each other, each needs set_identifier, the latency region is validated against the Route 53 API's
// ResourceRecordSetRegion enum) and the Route 53 API Reference, ResourceRecordSet `Region` (one latency
// record set per region; no non-latency record set with the same name and type as latency ones).
describe("strict mocks: Route 53 latency records", () => {
  it("accept one latency record per region, and their AAAA twins", () => {
    const account = mockAccount();
    account.create(RECORD, latencyAlias("us-east-1"), { name: "a" });
    expect(account.refusal(RECORD, latencyAlias("eu-west-1"), { name: "b" })).toBeUndefined();
    expect(
      account.refusal(RECORD, latencyAlias("eu-west-1", { type: "AAAA" }), { name: "c" }),
    ).toBeUndefined();
  });

  it("refuse a latency policy and a failover policy on one record", () => {
    expect(
      mockAccount().refusal(
        RECORD,
        latencyAlias("us-east-1", { failoverRoutingPolicies: [{ type: "PRIMARY" }] }),
      ),
    ).toMatch(/"latency_routing_policy": conflicts with failover_routing_policy/);
  });

  it("refuse a latency record without a set identifier", () => {
    expect(mockAccount().refusal(RECORD, latencyAlias("us-east-1", { setIdentifier: undefined }))).toMatch(
      /all of `latency_routing_policy,set_identifier` must be specified/,
    );
  });

  it("refuse a region Route 53 latency routing does not accept", () => {
    expect(
      mockAccount().refusal(
        RECORD,
        latencyAlias("us-east-1", { latencyRoutingPolicies: [{ region: "xx-moon-1" }] }),
      ),
    ).toMatch(
      /Value 'xx-moon-1' at 'changeBatch\.changes\.1\.member\.resourceRecordSet\.region' failed to satisfy constraint: Member must satisfy enum value set: \[us-east-1, .*eu-west-1, /,
    );
  });

  it("refuse a second latency record for the same region", () => {
    const account = mockAccount();
    account.create(RECORD, latencyAlias("us-east-1"), { name: "a" });
    expect(
      account.refusal(RECORD, latencyAlias("us-east-1", { setIdentifier: "latency-again" }), { name: "b" }),
    ).toMatch(/a latency RRSet .* for region us-east-1 already exists/);
  });

  it("refuse failover records beside latency records of the same name and type, either way round", () => {
    const latencyFirst = mockAccount();
    latencyFirst.create(RECORD, latencyAlias("us-east-1"), { name: "latency" });
    expect(latencyFirst.refusal(RECORD, failoverAlias(), { name: "failover" })).toMatch(
      /latency and non-latency RRSets cannot share a name and type/,
    );
    const failoverFirst = mockAccount();
    failoverFirst.create(RECORD, failoverAlias(), { name: "failover" });
    expect(failoverFirst.refusal(RECORD, latencyAlias("eu-west-1"), { name: "latency" })).toMatch(
      /latency and non-latency RRSets cannot share a name and type/,
    );
  });
});
