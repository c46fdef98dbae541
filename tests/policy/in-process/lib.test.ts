/**
 * The pack's helpers (policy-pack/lib) on their own: reading proxied properties and preview unknowns,
 * records and aliases, and how a stack's records connect. The policies' tests reach most of this; these
 * pin the branches no policy test tells apart.
 */
import { PolicyResource, unknownCheckingProxy } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { integerSchema, numberSetting } from "../../../policy-pack/lib/config";
import { collectMethods, pathOf } from "../../../policy-pack/lib/api-gateway";
import { isAlwaysUnhealthy, readHealthCheck } from "../../../policy-pack/lib/health-checks";
import {
  classifyAliasFromRecord,
  describeNameAndType,
  describeRecord,
  isAwsResourceName,
  isHealthRouted,
  normalizeDnsName,
  readRecord,
  type AliasView,
} from "../../../policy-pack/lib/records";
import { regionOf, regionOfArn } from "../../../policy-pack/lib/regions";
import {
  collectRecords,
  effectiveTtl,
  healthCheckOf,
  reachedThroughAliases,
  resolveAliasTarget,
  type StackRecord,
} from "../../../policy-pack/lib/stack";
import {
  arrayProperty,
  booleanProperty,
  isSet,
  numberProperty,
  objectProperty,
  stringProperty,
  toPlain,
  UNKNOWN,
} from "../../../policy-pack/lib/values";
import { AnalyzedResource, JsonObject, UNKNOWN as SENTINEL } from "../../../tools/policy-harness";
import { policyResources } from "../../support/policy-in-process";
import {
  asPreview,
  FAILOVER_NAME,
  failoverAliasRecord,
  failoverCnameRecord,
  failoverPair,
  healthCheck,
  healthCheckId,
  resource,
  TYPES,
  ZONE_ID,
  plainRecord,
  withProps,
} from "../fixtures";
import { API_TYPES, apiStack, linked, unlinked } from "../api-fixtures";
import { changed, named, rootMethod } from "../specs/builders";

describe("values: plain copies of proxied properties", () => {
  it("replaces every engine sentinel, proxied or raw, by UNKNOWN and keeps the rest", () => {
    const sentinels = [
      "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
      "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
      "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
      "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
      "030794c1-ac77-496b-92df-f27374a8bd58",
      "e48ece36-62e2-4504-bad9-02848725956a",
      "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
    ];
    expect(toPlain(sentinels)).toEqual(sentinels.map(() => UNKNOWN));
    const proxied = unknownCheckingProxy({ a: SENTINEL, b: [1, SENTINEL], c: { d: "x", e: null } });
    expect(toPlain(proxied)).toEqual({ a: UNKNOWN, b: [1, UNKNOWN], c: { d: "x", e: null } });
    expect(toPlain("04da6b54-80e4-46f7-96ec-b56ff0331ba8")).toBe("04da6b54-80e4-46f7-96ec-b56ff0331ba8");
  });

  it("recognises an unknown-value error by its shape, and lets other errors through", () => {
    const throwing = (error: unknown) =>
      new Proxy(
        { key: 1 },
        {
          get: () => {
            throw error;
          },
        },
      );
    expect(toPlain(throwing({ unknownTypeSentinel: "x" }))).toEqual({ key: UNKNOWN });
    expect(() => toPlain(throwing(new Error("boom")))).toThrow("boom");
    expect(() => toPlain(throwing(null))).toThrow();
  });

  it("reads numbers, numeric strings, booleans and their strings; anything else is missing", () => {
    const obj = {
      n: 60,
      s: " 60 ",
      neg: "-1.5",
      exp: "1e3",
      word: "sixty",
      t: "true",
      f: "false",
      yes: "yes",
    };
    expect(["n", "s", "neg", "exp", "word"].map((k) => numberProperty(obj, k))).toEqual([
      60,
      60,
      -1.5,
      undefined,
      undefined,
    ]);
    expect(numberProperty({ v: "1.5x" }, "v")).toBeUndefined();
    expect(numberProperty({ v: "1.25" }, "v")).toBe(1.25);
    expect(numberProperty({ v: [5] }, "v")).toBeUndefined();
    expect(numberProperty({ v: "x1.5" }, "v")).toBeUndefined();
    expect(["t", "f", "yes", "n"].map((k) => booleanProperty(obj, k))).toEqual([
      true,
      false,
      undefined,
      undefined,
    ]);
    expect(booleanProperty({ v: false }, "v")).toBe(false);
    expect(stringProperty({ v: 5 }, "v")).toBeUndefined();
    expect(
      [numberProperty, booleanProperty, stringProperty, arrayProperty, objectProperty].map((read) =>
        read({ v: UNKNOWN }, "v"),
      ),
    ).toEqual([UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN]);
    expect(arrayProperty({ v: { length: 1 } }, "v")).toBeUndefined();
    expect(objectProperty({ v: [] }, "v")).toBeUndefined();
    expect(objectProperty({ v: null }, "v")).toBeUndefined();
    expect(objectProperty({ v: { a: 1 } }, "v")).toEqual({ a: 1 });
  });

  it("counts a property as set unless it is missing, null or empty", () => {
    expect([undefined, null, ""].map(isSet)).toEqual([false, false, false]);
    expect([0, false, "x", UNKNOWN].map(isSet)).toEqual([true, true, true, true]);
  });
});

describe("config and regions helpers", () => {
  it("falls back to the default for a missing, non-number or non-finite setting", () => {
    expect(numberSetting({ v: 5 }, "v", 1)).toBe(5);
    expect(numberSetting({ v: 0 }, "v", 1)).toBe(0);
    expect([{}, { v: "5" }, { v: Number.NaN }, { v: Infinity }].map((c) => numberSetting(c, "v", 1))).toEqual(
      [1, 1, 1, 1],
    );
    expect(integerSchema("Limit.", 3, 1)).toEqual({
      type: "integer",
      description: "Limit.",
      default: 3,
      minimum: 1,
    });
    expect(integerSchema("Limit.", 3, 1, 10)).toEqual({
      type: "integer",
      description: "Limit.",
      default: 3,
      minimum: 1,
      maximum: 10,
    });
  });

  it("reads an ARN's region only from a well-formed ARN", () => {
    expect(regionOfArn("arn:aws:acm:eu-west-1:123456789012:certificate/x")).toBe("eu-west-1");
    expect(regionOfArn("arn:aws:iam::123456789012:role/x")).toBeUndefined();
    expect(regionOfArn("nra:aws:acm:eu-west-1:1:certificate/x")).toBeUndefined();
    expect(regionOfArn("arn:aws:acm:eu-west-1:1")).toBeUndefined();
    expect(regionOfArn("arn:aws:acm:eu-west-1:1:c")).toBe("eu-west-1");
  });

  it("takes a resource's own region over its provider's, else the provider's, else none", () => {
    const provider = { type: TYPES.awsProvider, urn: "p", name: "p", props: { region: "eu-west-1" } };
    expect(regionOf({ region: "us-east-1" }, provider)).toBe("us-east-1");
    expect(regionOf({}, provider)).toBe("eu-west-1");
    expect(regionOf({}, undefined)).toBeUndefined();
    expect(regionOf({}, { ...provider, props: { region: 1 } })).toBeUndefined();
  });
});

describe("records: a Route 53 record as the policies see it", () => {
  it("reads the failover policy from its list, and says when the list or its first entry is unknown", () => {
    expect(readRecord({ failoverRoutingPolicies: [{ type: "PRIMARY" }] })).toMatchObject({
      isFailover: true,
      failoverRole: "PRIMARY",
    });
    expect(readRecord({ failoverRoutingPolicies: [] })).toMatchObject({
      isFailover: false,
      failoverRole: undefined,
    });
    expect(readRecord({})).toMatchObject({ isFailover: false, failoverRole: undefined });
    expect(readRecord({ failoverRoutingPolicies: SENTINEL })).toMatchObject({
      isFailover: UNKNOWN,
      failoverRole: UNKNOWN,
    });
    expect(readRecord({ failoverRoutingPolicies: [SENTINEL] })).toMatchObject({
      isFailover: true,
      failoverRole: UNKNOWN,
    });
    expect(readRecord({ failoverRoutingPolicies: ["PRIMARY"] })).toMatchObject({
      isFailover: true,
      failoverRole: undefined,
    });
  });

  it("reads aliases, treating an empty list as none and a malformed entry as empty", () => {
    expect(readRecord({ aliases: [] }).aliases).toBeUndefined();
    expect(readRecord({ aliases: SENTINEL }).aliases).toBe(UNKNOWN);
    expect(readRecord({ aliases: ["x"] }).aliases).toEqual([
      { name: undefined, zoneId: undefined, evaluateTargetHealth: undefined },
    ]);
    expect(readRecord("not an object")).toMatchObject({ name: undefined, isFailover: false });
  });

  it("compares DNS names without case, spaces or the root's dot", () => {
    expect(normalizeDnsName(" API.Example.com. ")).toBe("api.example.com");
  });

  it("knows AWS resource names by their domain, not by a look-alike", () => {
    expect(
      [
        "d-1.execute-api.us-east-1.amazonaws.com",
        "D-1.EXECUTE-API.US-EAST-1.AMAZONAWS.COM.",
        "abc.cloudfront.net",
        "a1.awsglobalaccelerator.com",
        "amazonaws.com",
        "amazonaws.com.example.com",
        "xamazonaws.com",
        "d-1.execute-api.us-east-1.amazonaws.com.example.com",
      ].map(isAwsResourceName),
    ).toEqual([true, true, true, true, false, false, false, false]);
  });

  it("classifies an alias by its name, else by its zone", () => {
    const record = readRecord({ zoneId: "Z1" });
    const alias = (name: unknown, zoneId: unknown) => ({ name, zoneId, evaluateTargetHealth: true }) as never;
    expect(classifyAliasFromRecord(record, alias("x.cloudfront.net", "Z1"))).toBe("aws-resource");
    expect(classifyAliasFromRecord(record, alias("a.example.com", "Z1"))).toBe("same-zone-record");
    expect(classifyAliasFromRecord(record, alias("a.example.com", "Z2"))).toBe("aws-resource");
    expect(classifyAliasFromRecord(record, alias("a.example.com", UNKNOWN))).toBe("undetermined");
    expect(classifyAliasFromRecord(readRecord({}), alias("a.example.com", "Z1"))).toBe("undetermined");
  });

  it("describes a record by what is known", () => {
    expect(describeRecord(readRecord({}))).toBe("(no name) (no type)");
    expect(
      describeRecord(
        readRecord({
          name: SENTINEL,
          type: SENTINEL,
          setIdentifier: SENTINEL,
          failoverRoutingPolicies: [SENTINEL],
        }),
      ),
    ).toBe("(unknown) ((unknown), (unknown), set (unknown))");
    expect(describeNameAndType(readRecord({ name: "a.example.com", type: "A" }))).toBe("a.example.com A");
    expect(describeNameAndType(readRecord({ name: SENTINEL }))).toBe("(unknown) (unknown)");
  });

  it("reads a health check's settings, and nothing from a non-object", () => {
    expect(
      readHealthCheck({ failureThreshold: "3", regions: ["us-east-1"], tags: { a: "b" }, disabled: "true" }),
    ).toMatchObject({
      failureThreshold: 3,
      regions: ["us-east-1"],
      tags: { a: "b" },
      disabled: true,
    });
    expect(readHealthCheck(null).type).toBeUndefined();
  });
});

const stackOf = (resources: readonly AnalyzedResource[]) => {
  const policy = policyResources(resources);
  return { resources: policy, records: collectRecords(policy) };
};
/** The first alias of a stack record (the tests build records that have one). */
const firstAlias = (record: StackRecord) => (record.view.aliases as readonly AliasView[])[0];
const aliasInto = (name: string, zoneId: string = ZONE_ID) => [{ name, zoneId, evaluateTargetHealth: true }];

describe("stack: how records connect", () => {
  it("collects records only, keyed by zone ID, else by the zone resources their zoneId comes from", () => {
    const preview = asPreview(failoverPair());
    const { records } = stackOf(preview);
    expect(records).toHaveLength(2);
    expect(records.map((r) => r.zoneKey)).toEqual([`from:${preview[0].urn}`, `from:${preview[0].urn}`]);
    const twoZones = {
      ...failoverAliasRecord("PRIMARY", "us-east-1", { zoneId: SENTINEL }),
      propertyDependencies: { zoneId: ["urn:b", "urn:a"] },
    };
    const zones = [resource(TYPES.zone, "a", {}), resource(TYPES.zone, "b", {})].map((z, i) => ({
      ...z,
      urn: ["urn:a", "urn:b"][i],
    }));
    expect(stackOf([...zones, twoZones]).records[0].zoneKey).toBe("from:urn:a,urn:b");
    expect(
      stackOf([failoverAliasRecord("PRIMARY", "us-east-1", { zoneId: SENTINEL })]).records[0].zoneKey,
    ).toBeUndefined();
    expect(stackOf(failoverPair()).records[0]).toMatchObject({
      zoneKey: `id:${ZONE_ID}`,
      nameKey: FAILOVER_NAME,
    });
  });

  it("resolves an alias to the records of its name and type in the zone, never to the record itself", () => {
    const target = plainRecord("target", { name: "t.example.com", ttl: 30 });
    const aaaa = plainRecord("aaaa", { name: "t.example.com", type: "AAAA", ttl: 30 });
    const otherZone = plainRecord("other", { name: "t.example.com", zoneId: "ZOTHER", ttl: 30 });
    const unknownType = plainRecord("unknown-type", { name: "t.example.com", type: SENTINEL, ttl: 30 });
    const source = plainRecord("source", { name: "s.example.com", aliases: aliasInto("T.example.com.") });
    const { records } = stackOf([target, aaaa, otherZone, unknownType, source]);
    const resolved = resolveAliasTarget(records[4], firstAlias(records[4]), records);
    expect(resolved.kind === "records" && resolved.records.map((r) => r.resource.name)).toEqual([
      "target",
      "unknown-type",
    ]);
    const unplaced = plainRecord("unplaced", {
      name: "u.example.com",
      zoneId: SENTINEL,
      aliases: aliasInto("t.example.com"),
    });
    const fromUnplaced = stackOf([target, unplaced]).records;
    const reached = resolveAliasTarget(fromUnplaced[1], firstAlias(fromUnplaced[1]), fromUnplaced);
    expect(reached.kind === "records" && reached.records.map((r) => r.resource.name)).toEqual(["target"]);
    const self = plainRecord("self", { name: "t.example.com", aliases: aliasInto("t.example.com") });
    const alone = stackOf([self]).records;
    expect(resolveAliasTarget(alone[0], firstAlias(alone[0]), alone)).toEqual({
      kind: "undetermined",
    });
  });

  it("resolves an alias it cannot match by name: AWS names and other zones are AWS resources", () => {
    const from = (aliases: JsonObject[], zoneId: unknown = ZONE_ID) => {
      const { records } = stackOf([
        plainRecord("s", { name: "s.example.com", zoneId: zoneId as string, aliases }),
      ]);
      return resolveAliasTarget(records[0], firstAlias(records[0]), records).kind;
    };
    expect(from([{ name: "d-1.execute-api.us-east-1.amazonaws.com", zoneId: ZONE_ID }])).toBe("aws-resource");
    expect(from([{ name: "x.example.net", zoneId: "ZAWS" }])).toBe("aws-resource");
    expect(from([{ name: "x.example.com", zoneId: ZONE_ID }])).toBe("undetermined");
    expect(from([{ name: "x.example.com", zoneId: SENTINEL }])).toBe("undetermined");
    expect(from([{ name: "x.example.com", zoneId: "ZAWS" }], SENTINEL)).toBe("undetermined");
    expect(from([{ name: SENTINEL, zoneId: "ZAWS" }])).toBe("undetermined");
  });

  it("gives the effective TTL: a record's own, 60 s for an AWS target, the longest of the records an alias reaches", () => {
    const short = plainRecord("short", { name: "t.example.com", ttl: 30, setIdentifier: "a" });
    const long = plainRecord("long", { name: "t.example.com", ttl: 90, setIdentifier: "b" });
    const chain = plainRecord("chain", { name: "s.example.com", aliases: aliasInto("t.example.com") });
    const { records } = stackOf([short, long, chain]);
    expect(effectiveTtl(records[2], records)).toEqual({ seconds: 90, source: `the ttl of ${long.urn}` });
    const { records: longFirst } = stackOf([long, short, chain]);
    expect(effectiveTtl(longFirst[2], longFirst)).toEqual({ seconds: 90, source: `the ttl of ${long.urn}` });
    const { records: pair } = stackOf(failoverPair());
    expect(effectiveTtl(pair[0], pair)).toEqual({
      seconds: 60,
      source: "the fixed TTL of an alias to an AWS resource",
    });
    const { records: cname } = stackOf([failoverCnameRecord("PRIMARY", "us-east-1", { ttl: SENTINEL })]);
    expect(effectiveTtl(cname[0], cname)).toBe(UNKNOWN);
    const { records: noTtl } = stackOf([failoverCnameRecord("PRIMARY", "us-east-1", { ttl: undefined })]);
    expect(effectiveTtl(noTtl[0], noTtl)).toBeUndefined();
  });

  it("makes the effective TTL unknown when any part is: unknown aliases, a loop, an unresolvable or TTL-less target", () => {
    const ttlOf = (resources: AnalyzedResource[]) => {
      const { records } = stackOf(resources);
      return effectiveTtl(records[0], records);
    };
    expect(ttlOf([plainRecord("a", { name: "a.example.com", aliases: SENTINEL })])).toBe(UNKNOWN);
    expect(
      ttlOf([
        plainRecord("a", { name: "a.example.com", aliases: aliasInto("b.example.com") }),
        plainRecord("b", { name: "b.example.com", aliases: aliasInto("a.example.com") }),
      ]),
    ).toBe(UNKNOWN);
    expect(ttlOf([plainRecord("a", { name: "a.example.com", aliases: aliasInto("gone.example.com") })])).toBe(
      UNKNOWN,
    );
    expect(
      ttlOf([
        plainRecord("a", {
          name: "a.example.com",
          aliases: [...aliasInto("x.cloudfront.net"), ...aliasInto("gone.example.com")],
        }),
      ]),
    ).toBe(UNKNOWN);
    expect(
      ttlOf([
        plainRecord("a", {
          name: "a.example.com",
          aliases: [...aliasInto("b.example.com"), ...aliasInto("x.cloudfront.net")],
        }),
        plainRecord("b", { name: "b.example.com", records: ["192.0.2.1"] }),
      ]),
    ).toBe(UNKNOWN);
    expect(
      ttlOf([
        plainRecord("a", {
          name: "a.example.com",
          aliases: [...aliasInto("b.example.com"), ...aliasInto("x.cloudfront.net")],
        }),
        plainRecord("b", { name: "b.example.com", ttl: 10 }),
      ]),
    ).toEqual({ seconds: 60, source: "the fixed TTL of an alias to an AWS resource" });
  });

  it("lists the records reached through alias chains, each once, without the start", () => {
    const records = stackOf([
      plainRecord("a", { name: "a.example.com", aliases: aliasInto("b.example.com") }),
      plainRecord("b", {
        name: "b.example.com",
        aliases: [...aliasInto("c.example.com"), ...aliasInto("a.example.com")],
      }),
      plainRecord("c", { name: "c.example.com", aliases: aliasInto("x.cloudfront.net") }),
      plainRecord("d", { name: "d.example.com", ttl: 1 }),
      plainRecord("e", { name: "e.example.com", aliases: SENTINEL }),
    ]).records;
    expect(
      reachedThroughAliases(records[0], records)
        .map((r) => r.resource.name)
        .sort(),
    ).toEqual(["b", "c"]);
    expect(reachedThroughAliases(records[3], records)).toEqual([]);
    expect(reachedThroughAliases(records[4], records)).toEqual([]);
  });

  it("finds a record's health check by property dependency, by ID, or as its only dependency", () => {
    const check = healthCheck("us-east-1");
    const other = healthCheck("eu-west-1");
    const record = (extra: Partial<AnalyzedResource>, properties: JsonObject = {}) =>
      ({ ...failoverAliasRecord("PRIMARY", "us-east-1", properties), ...extra }) as AnalyzedResource;
    const find = (rec: AnalyzedResource, all: AnalyzedResource[] = [check, other]) => {
      const { resources, records } = stackOf([...all, rec]);
      return healthCheckOf(records[0], resources)?.name;
    };
    expect(
      find(record({ propertyDependencies: { healthCheckId: [check.urn] } }, { healthCheckId: SENTINEL })),
    ).toBe(check.name);
    expect(find(record({ propertyDependencies: { healthCheckId: [check.urn, other.urn] } }))).toBe(
      check.name,
    ); // by ID
    expect(find(record({}))).toBe(check.name);
    expect(find(record({}), [check, { ...check, name: "copy", urn: `${check.urn}-copy` }])).toBeUndefined();
    expect(find(record({ dependencies: [other.urn] }, { healthCheckId: "no-such-id" }))).toBe(other.name);
    expect(
      find(record({ dependencies: [check.urn, other.urn] }, { healthCheckId: "no-such-id" })),
    ).toBeUndefined();
    expect(find(record({ dependencies: [other.urn] }, { healthCheckId: undefined }))).toBeUndefined();
    expect(find(record({ dependencies: [other.urn] }, { healthCheckId: "" }))).toBeUndefined();
    expect(find(record({ dependencies: [other.urn] }, { healthCheckId: SENTINEL }))).toBe(other.name);
    const notACheck = resource(TYPES.zone, "zone", { id: "0a1b2c3d-us-east-1" });
    expect(
      find(record({ propertyDependencies: { healthCheckId: [notACheck.urn] } }), [notACheck]),
    ).toBeUndefined();
  });
});

const API = "api-us-east-1-api";
const V1 = "api-us-east-1-api-v1";
const USERS = "api-us-east-1-api-users";
const USERS_METHOD = "api-us-east-1-api-users-any";
const HEALTH_METHOD = "api-us-east-1-api-health-any";

function pathIn(resources: readonly AnalyzedResource[], name: string): string | undefined {
  const target = policyResources(resources).find((item) => item.name === name) as PolicyResource;
  return pathOf(target);
}

describe("lib/api-gateway: a method's path", () => {
  const stack = apiStack();

  it("works out each method's path from its resource chain, and / for a method on the API's root", () => {
    const root = rootMethod(stack, { authorization: "NONE" });
    const methods = collectMethods(policyResources([...stack, root]));
    expect(methods.map((method) => [method.resource.name, method.path])).toEqual([
      [USERS_METHOD, "/v1/users"],
      [HEALTH_METHOD, "/health"],
      [root.name, "/"],
    ]);
  });

  it("gives no path to a resource without its parentId link, nor to the resources below it", () => {
    const withoutLink = changed(stack, V1, unlinked);
    expect(pathIn(stack, V1)).toBe("/v1");
    expect(pathIn(withoutLink, V1)).toBeUndefined();
    expect(pathIn(withoutLink, USERS)).toBeUndefined();
  });

  it.each<[string, JsonObject]>([
    ["without a pathPart", { pathPart: undefined }],
    ["whose pathPart is unknown in a preview", { pathPart: SENTINEL }],
  ])("gives no path below a resource %s", (_label, change) => {
    expect(
      pathIn(
        changed(stack, V1, (v1) => withProps(v1, change)),
        USERS,
      ),
    ).toBeUndefined();
  });

  it("gives no path below a parentId linked to a resource of another type, even one with a pathPart", () => {
    const notAnApiResource = changed(stack, V1, (v1) => ({ ...v1, type: "aws:apigateway/model:Model" }));
    expect(pathIn(notAnApiResource, USERS)).toBeUndefined();
  });

  it("follows a chain of up to 65 resources and gives up on a longer one", () => {
    const chain = (length: number) => {
      const parts: AnalyzedResource[] = [];
      for (let index = 1; index <= length; index++) {
        const parent = parts.at(-1) ?? named(stack, API);
        parts.push(
          linked(resource(API_TYPES.resource, `deep-${index}`, { pathPart: `p${index}` }), {
            parentId: parent,
          }),
        );
      }
      return [...stack, ...parts];
    };
    const expected = Array.from({ length: 65 }, (_, index) => `/p${index + 1}`).join("");
    expect(pathIn(chain(65), "deep-65")).toBe(expected);
    expect(pathIn(chain(66), "deep-66")).toBeUndefined();
  });
});

describe("lib/health-checks: isAlwaysUnhealthy (the drain)", () => {
  const calculated = (change: JsonObject) =>
    isAlwaysUnhealthy(
      readHealthCheck({
        type: "CALCULATED",
        childHealthchecks: [healthCheckId("eu-west-1")],
        childHealthThreshold: 2,
        ...change,
      }),
    );

  it("is true for a CALCULATED check whose threshold exceeds its children, false once they can meet it", () => {
    expect(calculated({})).toBe(true);
    expect(calculated({ childHealthThreshold: 1 })).toBe(false);
    expect(calculated({ childHealthchecks: [healthCheckId("eu-west-1"), healthCheckId("us-east-1")] })).toBe(
      false,
    );
  });

  it("counts a CALCULATED check without children as having none: any threshold above 0 drains", () => {
    expect(calculated({ childHealthchecks: undefined, childHealthThreshold: 1 })).toBe(true);
    expect(calculated({ childHealthchecks: undefined, childHealthThreshold: undefined })).toBe(false);
  });

  it("is false for a check of another type, whatever childHealthThreshold it carries", () => {
    expect(isAlwaysUnhealthy(readHealthCheck(healthCheck("us-east-1").properties))).toBe(false);
    expect(calculated({ type: "HTTPS" })).toBe(false);
  });

  it.each<[string, JsonObject]>([
    ["its type", { type: SENTINEL }],
    ["its children", { childHealthchecks: SENTINEL }],
    ["its threshold", { childHealthThreshold: SENTINEL }],
  ])("cannot tell while a preview does not know %s", (_label, change) => {
    expect(calculated(change)).toBeUndefined();
  });
});

describe("record views of latency records in a preview", () => {
  it("cannot tell whether a record is a latency record while its routing policies are unknown", () => {
    const view = readRecord({ name: FAILOVER_NAME, type: "A", latencyRoutingPolicies: SENTINEL });
    expect(view).toMatchObject({ isLatency: UNKNOWN, latencyRegion: UNKNOWN });
    expect(isHealthRouted(view)).toBeUndefined();
  });

  it("knows a latency record whose first policy is unknown, not its region", () => {
    const view = readRecord({ name: FAILOVER_NAME, type: "A", latencyRoutingPolicies: [SENTINEL] });
    expect(view).toMatchObject({ isLatency: true, latencyRegion: UNKNOWN });
    expect(isHealthRouted(view)).toBe(true);
    expect(describeRecord(view)).toBe(`${FAILOVER_NAME} (A, latency (unknown))`);
  });

  it("names a latency record's region, or says it has none, and its set identifier", () => {
    const withRegion = readRecord({
      name: FAILOVER_NAME,
      type: "A",
      setIdentifier: "latency-eu-west-1",
      latencyRoutingPolicies: [{ region: "eu-west-1" }],
    });
    expect(describeRecord(withRegion)).toBe(`${FAILOVER_NAME} (A, latency eu-west-1, set latency-eu-west-1)`);
    const noRegion = readRecord({ name: FAILOVER_NAME, type: "A", latencyRoutingPolicies: [{}] });
    expect(describeRecord(noRegion)).toBe(`${FAILOVER_NAME} (A, latency no region)`);
  });

  it("treats a record as plainly routed only when both routing kinds are known to be absent", () => {
    expect(isHealthRouted(readRecord({ name: FAILOVER_NAME, type: "A" }))).toBe(false);
    expect(
      isHealthRouted(readRecord({ name: FAILOVER_NAME, type: "A", failoverRoutingPolicies: SENTINEL })),
    ).toBeUndefined();
    expect(
      isHealthRouted(
        readRecord({
          name: FAILOVER_NAME,
          type: "A",
          failoverRoutingPolicies: [],
          latencyRoutingPolicies: [],
        }),
      ),
    ).toBe(false);
  });
});
