/**
 * Policy config as the Pulumi CLI resolves it from `--policy-pack-config <file>` before it sends `Configure`:
 * every policy gets an enforcement level (the file's, else "all", else the pack's) and its properties with
 * the schema's defaults filled in. Unknown policies, unknown properties and wrongly typed values are errors,
 * as they are for the CLI.
 */
import { readFileSync } from "node:fs";
import type {
  AnalyzerInfo,
  EnforcementLevel,
  JsonObject,
  JsonValue,
  PolicyConfig,
  PolicyConfigFile,
} from "./types";

const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

function checkLevel(level: unknown, where: string): EnforcementLevel {
  if (typeof level !== "string" || !(LEVELS as readonly string[]).includes(level)) {
    throw new Error(
      `${where}: enforcementLevel must be one of ${LEVELS.join(", ")}, not ${JSON.stringify(level)}.`,
    );
  }
  return level as EnforcementLevel;
}

function checkType(value: JsonValue, schema: JsonObject, where: string): void {
  const type = schema.type;
  const ok =
    type === undefined ||
    (type === "integer" && Number.isInteger(value)) ||
    (type === "number" && typeof value === "number") ||
    (type === "string" && typeof value === "string") ||
    (type === "boolean" && typeof value === "boolean") ||
    (type === "array" && Array.isArray(value)) ||
    (type === "object" && typeof value === "object" && value !== null && !Array.isArray(value));
  if (!ok) {
    throw new Error(`${where} must be of type ${String(type)}, not ${JSON.stringify(value)}.`);
  }
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) {
      throw new Error(`${where} must be at least ${schema.minimum}, not ${value}.`);
    }
    if (typeof schema.maximum === "number" && value > schema.maximum) {
      throw new Error(`${where} must be at most ${schema.maximum}, not ${value}.`);
    }
  }
}

export function resolvePolicyConfig(info: AnalyzerInfo, file: PolicyConfigFile = {}): PolicyConfig {
  const known = new Set(info.policies.map((policy) => policy.name));
  for (const name of Object.keys(file)) {
    if (name !== "all" && !known.has(name)) {
      throw new Error(`Policy config names "${name}", which policy pack ${info.name} does not have.`);
    }
  }
  const allLevel = file.all === undefined ? undefined : checkLevel(file.all, "all");
  const resolved: Record<string, { enforcementLevel: EnforcementLevel; properties: JsonObject }> = {};
  for (const policy of info.policies) {
    const entry = file[policy.name];
    const { enforcementLevel: entryLevel, ...given } =
      typeof entry === "object" ? entry : { enforcementLevel: entry };
    const schemaProperties = policy.configSchema?.properties ?? {};
    const properties: JsonObject = {};
    for (const [key, schema] of Object.entries(schemaProperties)) {
      if (schema && typeof schema === "object" && !Array.isArray(schema) && schema.default !== undefined) {
        properties[key] = schema.default;
      }
    }
    for (const [key, value] of Object.entries(given)) {
      const schema = schemaProperties[key];
      if (!schema || typeof schema !== "object" || Array.isArray(schema)) {
        throw new Error(`Policy ${policy.name} has no setting "${key}".`);
      }
      checkType(value, schema, `${policy.name}.${key}`);
      properties[key] = value;
    }
    for (const key of policy.configSchema?.required ?? []) {
      if (properties[key] === undefined) {
        throw new Error(`Policy ${policy.name} needs the setting "${key}".`);
      }
    }
    resolved[policy.name] = {
      enforcementLevel:
        entryLevel === undefined
          ? (allLevel ?? policy.enforcementLevel)
          : checkLevel(entryLevel, policy.name),
      properties,
    };
  }
  return resolved;
}

/** Reads a `--policy-pack-config` JSON file. */
export function readPolicyConfigFile(filePath: string): PolicyConfigFile {
  const parsed: unknown = JSON.parse(readFileSync(filePath, "utf8"));
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${filePath}: a policy pack config file holds one JSON object keyed by policy name.`);
  }
  return parsed as PolicyConfigFile;
}
