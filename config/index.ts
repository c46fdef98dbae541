import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { ConfigError } from "./errors";
import {
  CONFIG_KEYS,
  CONFIG_NAMESPACE,
  NESTED_CONFIG_KEYS,
  stackConfigSchema,
  type StackConfig,
} from "./schema";

export { ConfigError } from "./errors";
export * from "./schema";

/** A key as the user can find it in YAML: bare when it is a plain name, quoted otherwise (`""`, `a b`). */
export function formatConfigKey(key: string): string {
  return /^[A-Za-z_][\w-]*$/.test(key) ? key : JSON.stringify(key);
}

/** `regions[1].certificateArn` from zod's path `["regions", 1, "certificateArn"]`. */
function keyOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((key, part) => {
    if (typeof part === "number") return `${key}[${part}]`;
    const name = formatConfigKey(String(part));
    return key ? `${key}.${name}` : name;
  }, "");
}

/** Zod's name of a type, in the words of a YAML file. */
const TYPE_WORDS: Readonly<Record<string, string>> = {
  number: "a number",
  int: "a whole number",
  string: "a string",
  boolean: "true or false",
  array: "a list",
  object: "a map of keys",
  record: "a map of keys",
};

/** What the user wrote, named by its type: `the string "3"`, `a list`, `a map`. */
function describeValue(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  if (typeof value === "object") return "a map";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  return `the ${typeof value} ${String(value)}`;
}

/** `regions[1]` → `regions[]`: the key whose allowed nested keys apply. */
const keyPattern = (key: string) => key.replace(/\[\d+\]/g, "[]");

function describe(issue: z.core.$ZodIssue): string[] {
  const key = keyOf(issue.path);
  const fullKey = `${CONFIG_NAMESPACE}:${key}`;
  if (issue.code === "invalid_type" && issue.input === undefined) {
    // The schema's own message says what the value must be: a bare "is required" leaves one guessing.
    const custom = issue.message.startsWith("Invalid input") ? "" : `; ${issue.message}`;
    return [`${fullKey}: is required${custom}`];
  }
  if (issue.code === "unrecognized_keys") {
    const allowed = NESTED_CONFIG_KEYS[keyPattern(key)];
    return issue.keys.map(
      (unknown) => `${fullKey}.${unknown}: unknown key${allowed ? `; allowed: ${allowed}` : ""}`,
    );
  }
  if (issue.code === "invalid_key") {
    // A map key its schema refuses (a tag key): zod says "Invalid key in record"; the schema's own message
    // is on the nested issue.
    return issue.issues.map((inner) => `${fullKey}: ${inner.message}`);
  }
  if (issue.code === "invalid_type" && TYPE_WORDS[issue.expected] !== undefined) {
    // Zod's own text ("Invalid input: …") is replaced; a message the schema chose is kept after the types.
    const custom = issue.message.startsWith("Invalid input") ? "" : `; ${issue.message}`;
    return [`${fullKey}: expected ${TYPE_WORDS[issue.expected]}, got ${describeValue(issue.input)}${custom}`];
  }
  return [`${fullKey}: ${issue.message}`];
}

/**
 * Parses the namespace's raw values (already JSON-decoded) into one typed, defaulted StackConfig, or
 * throws a ConfigError that lists every problem with its key and the values that would be allowed.
 */
export function parseStackConfig(raw: Readonly<Record<string, unknown>>): StackConfig {
  const result = stackConfigSchema.safeParse(raw, { reportInput: true });
  // Unknown top-level keys fail the strict schema too, so a successful parse has no problem to report.
  if (result.success) {
    return result.data;
  }
  // The strict schema's own issue for unknown top-level keys is replaced by one problem per key, naming the
  // keys that are allowed.
  const unknownKeys = Object.keys(raw).filter((key) => !(CONFIG_KEYS as string[]).includes(key));
  throw new ConfigError([
    ...unknownKeys.map(
      (key) => `${CONFIG_NAMESPACE}:${formatConfigKey(key)}: unknown key; allowed: ${CONFIG_KEYS.join(", ")}`,
    ),
    ...result.error.issues
      .filter((i) => i.code !== "unrecognized_keys" || i.path.length > 0)
      .flatMap(describe),
  ]);
}

/**
 * Pulumi hands structured config to the program as JSON text and plain strings as they are; decode the
 * first and keep the second, naming the key when its JSON is broken.
 */
function decode(key: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    if (/^\s*[[{]/.test(text)) {
      throw new ConfigError([`${CONFIG_NAMESPACE}:${formatConfigKey(key)}: is not valid JSON: ${text}`]);
    }
    return text;
  }
}

/** Keys whose value is a plain string, never JSON. */
const PLAIN_STRING_KEYS = ["domainName", "hostedZoneName", "alarmEmail", "routing", "part", "globalStack"];

/** Reads every `multi-region-api:*` key of the running stack and parses it. */
export function loadStackConfig(): StackConfig {
  const prefix = `${CONFIG_NAMESPACE}:`;
  const raw: Record<string, unknown> = {};
  for (const [fullKey, text] of Object.entries(pulumi.runtime.allConfig())) {
    if (fullKey.startsWith(prefix)) {
      const key = fullKey.slice(prefix.length);
      // A plain string key such as domainName must stay a string even when it looks like JSON (a number).
      raw[key] = PLAIN_STRING_KEYS.includes(key) ? text : decode(key, text);
    }
  }
  return parseStackConfig(raw);
}
