// Bad input tried by machine: random stack configs never crash the config reader; every refusal is a
// ConfigError whose every problem names the key it is about.
import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CONFIG_KEYS,
  CONFIG_NAMESPACE,
  ConfigError,
  formatConfigKey,
  loadStackConfig,
  parseStackConfig,
} from "../../config";

/** Enough runs to reach every key and shape many times over, few enough to keep `npm test` fast. */
const RUNS = 400;

/** A config that passes, touching every key, so that mutations reach every nested shape. */
const VALID: Record<string, unknown> = {
  domainName: "api.example.com",
  hostedZoneName: "example.com",
  regions: [
    "us-east-1",
    {
      name: "eu-west-1",
      certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-0000-4000-8000-00000000abcd",
    },
    { name: "eu-north-1", backendUrl: "https://eu-north-1.backend.example.net" },
  ],
  backend: { instanceType: "t4g.small", instanceCount: 2, maxInstanceCount: 4, homeRegion: "us-east-1" },
  healthCheck: {
    path: "/health",
    failureThreshold: 3,
    requestInterval: 30,
    checkerRegions: ["us-east-1", "us-west-2", "eu-west-1"],
  },
  dns: { recordKind: "cname", ttl: 60 },
  drainedRegions: ["eu-west-1"],
  alarmEmail: "ops@example.com",
  tags: { team: "api" },
  manageApiGatewayAccount: true,
  auth: {
    mode: "jwt",
    issuer: "https://login.example.com/",
    audience: "https://api.example.com",
    cacheTtlSeconds: 300,
  },
  waf: { requestsPer5Minutes: 2000 },
};

type Path = readonly (string | number)[];

/** Every path into a value: the keys of maps and the indexes of lists, at every depth. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value))
    return value.flatMap((item, i) => [[...prefix, i], ...pathsOf(item, [...prefix, i])]);
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
  }
  return [];
}

/** A deep copy of `doc` with the value at `path` replaced (or removed, for undefined). */
function withValueAt(doc: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let parent = copy;
  for (const part of path.slice(0, -1)) parent = parent[part] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (value === undefined && !Array.isArray(parent)) delete parent[last];
  else parent[last] = value;
  return copy;
}

const anyKey = fc.oneof(fc.constantFrom(...CONFIG_KEYS), fc.string({ maxLength: 12 }));
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined));

/** Whole documents made up at random, keys known and unknown. */
const randomDocument = fc.dictionary(anyKey, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 10 });

/** A valid document with one value anywhere replaced, removed, or given an unknown sibling key. */
const mutatedDocument = fc.oneof(
  fc
    .tuple(fc.constantFrom(...pathsOf(VALID)), anyValue)
    .map(([path, value]) => withValueAt(VALID, path, value)),
  fc
    .tuple(
      fc.constantFrom(...pathsOf(VALID).filter((p) => typeof p.at(-1) === "string")),
      fc.string({ maxLength: 8 }),
    )
    .map(([path, key]) => withValueAt(VALID, [...path.slice(0, -1), key], 1)),
);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Parses, and when refused checks that the refusal is a ConfigError and every problem names a key. */
function parsesOrNamesKeys(read: () => unknown, documentKeys: readonly string[]): void {
  let error: unknown;
  try {
    read();
    return;
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ConfigError);
  const problems = (error as ConfigError).problems;
  expect(problems.length).toBeGreaterThan(0);
  for (const problem of problems) {
    // `multi-region-api:<key>` then `[i]`, `.nested` or `: ` (the key as formatConfigKey shows it).
    const named = [...CONFIG_KEYS, ...documentKeys].some((key) =>
      new RegExp(`^${CONFIG_NAMESPACE}:${escape(formatConfigKey(key))}[[.:]`).test(problem),
    );
    expect(named, problem).toBe(true);
    expect(problem, "a problem says what is wrong, not only where").toMatch(/: \S/);
  }
}

describe("the config reader, on random documents", () => {
  it("accepts the valid base document the mutations start from", () => {
    expect(() => parseStackConfig(VALID)).not.toThrow();
  });

  it("never crashes on structured values: it parses, or refuses with problems that each name a key", () => {
    fc.assert(
      fc.property(fc.oneof(randomDocument, mutatedDocument), (doc) => {
        const raw = doc as Record<string, unknown>;
        parsesOrNamesKeys(() => parseStackConfig(raw), Object.keys(raw));
      }),
      { numRuns: RUNS },
    );
  });

  it("never crashes on the text Pulumi hands the program: each key's value as YAML would leave it", () => {
    const text = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
    );
    fc.assert(
      fc.property(fc.dictionary(anyKey, text, { maxKeys: 8 }), (values) => {
        pulumi.runtime.setAllConfig(
          Object.fromEntries(Object.entries(values).map(([key, v]) => [`${CONFIG_NAMESPACE}:${key}`, v])),
        );
        parsesOrNamesKeys(() => loadStackConfig(), Object.keys(values));
      }),
      { numRuns: RUNS },
    );
  });
});
