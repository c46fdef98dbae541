import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { ConfigError } from "./errors";
import { CONFIG_KEYS, CONFIG_NAMESPACE, stackConfigSchema, type StackConfig } from "./schema";

export { ConfigError } from "./errors";
export * from "./schema";

/** `regions[1].certificateArn` from zod's path `["regions", 1, "certificateArn"]`. */
function keyOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (key, part) =>
      typeof part === "number" ? `${key}[${part}]` : key ? `${key}.${String(part)}` : String(part),
    "",
  );
}

function describe(issue: z.core.$ZodIssue): string {
  const key = `${CONFIG_NAMESPACE}:${keyOf(issue.path)}`;
  if (issue.code === "invalid_type" && issue.input === undefined) {
    return `${key}: is required`;
  }
  if (issue.code === "unrecognized_keys") {
    return `${key}: unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  }
  return `${key}: ${issue.message}`;
}

/**
 * Parses the namespace's raw values (already JSON-decoded) into one typed, defaulted StackConfig, or
 * throws a ConfigError that lists every problem with its key and the values that would be allowed.
 */
export function parseStackConfig(raw: Readonly<Record<string, unknown>>): StackConfig {
  const unknownKeys = Object.keys(raw).filter((key) => !(CONFIG_KEYS as string[]).includes(key));
  const result = stackConfigSchema.safeParse(raw, { reportInput: true });
  const problems = [
    ...unknownKeys.map(
      (key) => `${CONFIG_NAMESPACE}:${key}: unknown key; allowed: ${CONFIG_KEYS.join(", ")}`,
    ),
    ...(result.success
      ? []
      : result.error.issues.filter((i) => i.code !== "unrecognized_keys" || i.path.length > 0).map(describe)),
  ];
  if (problems.length > 0 || !result.success) {
    throw new ConfigError(problems);
  }
  return result.data;
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
      throw new ConfigError([`${CONFIG_NAMESPACE}:${key}: is not valid JSON: ${text}`]);
    }
    return text;
  }
}

/** Keys whose value is a plain string, never JSON. */
const PLAIN_STRING_KEYS = ["domainName", "hostedZoneName", "alarmEmail", "routing"];

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
