/**
 * Reads a stack's configuration as the Pulumi CLI hands it to a program: `Pulumi.yaml` gives the project name
 * and project-level defaults (a key declared with `default:`), `Pulumi.<stack>.yaml` the stack's own values,
 * which win. Keys are namespaced (`multi-region-api:regions`; a bare key gets the project's namespace), and
 * every value reaches the program as a string: strings as they are, everything else as JSON text.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

/** Anything wrong with the project or stack files: bad usage, exit status 2. */
export class ProjectConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProjectConfigError";
  }
}

export interface ProjectConfig {
  readonly projectName: string;
  readonly stack: string;
  /** What `pulumi.runtime.allConfig()` returns in the program: full key → string. */
  readonly config: Readonly<Record<string, string>>;
  /**
   * Keys of other namespaces (`aws:secretKey`, another program's) whose value is a secret: unknown here,
   * as a secret is to anyone without the stack's key, and left out of `config`, since the program reads
   * only its own namespace.
   */
  readonly unknownSecrets: readonly string[];
}

type YamlObject = Record<string, unknown>;

const isObject = (value: unknown): value is YamlObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Keys that make a project-level entry a declaration (`{ type, default, … }`) rather than a plain value. */
const DECLARATION_KEYS = ["type", "default", "value", "description", "items", "secret"];

function readYaml(file: string): YamlObject {
  let parsed: unknown;
  try {
    parsed = parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ProjectConfigError(`${file}: ${(error as Error).message}`);
  }
  if (parsed === null || parsed === undefined) {
    return {};
  }
  if (!isObject(parsed)) {
    throw new ProjectConfigError(`${file}: expected a YAML mapping at the top level`);
  }
  return parsed;
}

function namespaced(projectName: string, key: string): string {
  return key.includes(":") ? key : `${projectName}:${key}`;
}

/** The program sees strings as they are and every other value as JSON text. */
export function configText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The CLI checks stack values against a project-level `type:` before the program runs. */
function checkDeclaredType(key: string, declared: unknown, value: unknown, file: string): void {
  const ok =
    declared === undefined ||
    (declared === "string" && typeof value === "string") ||
    (declared === "integer" && Number.isInteger(value)) ||
    (declared === "boolean" && typeof value === "boolean") ||
    (declared === "array" && Array.isArray(value));
  if (!ok) {
    throw new ProjectConfigError(
      `${file}: ${key}: must be of type ${String(declared)}, got ${JSON.stringify(value)}`,
    );
  }
}

/** Reads `<projectDir>/Pulumi.yaml` and `<projectDir>/Pulumi.<stack>.yaml` into the program's config. */
export function readProjectConfig(projectDir: string, stack: string): ProjectConfig {
  const projectFile = path.join(projectDir, "Pulumi.yaml");
  if (!existsSync(projectFile)) {
    throw new ProjectConfigError(`no Pulumi.yaml in ${projectDir}`);
  }
  const project = readYaml(projectFile);
  if (typeof project.name !== "string" || project.name === "") {
    throw new ProjectConfigError(`${projectFile}: name: is required`);
  }
  const projectName = project.name;

  const config: Record<string, string> = {};
  const declaredTypes = new Map<string, unknown>();
  for (const [key, entry] of Object.entries(isObject(project.config) ? project.config : {})) {
    const fullKey = namespaced(projectName, key);
    const isDeclaration = isObject(entry) && Object.keys(entry).some((k) => DECLARATION_KEYS.includes(k));
    if (!isDeclaration) {
      config[fullKey] = configText(entry);
      continue;
    }
    declaredTypes.set(fullKey, entry.type);
    const value = entry.value ?? entry.default;
    if (value !== undefined) {
      config[fullKey] = configText(value);
    }
  }

  const stackFile = path.join(projectDir, `Pulumi.${stack}.yaml`);
  if (!existsSync(stackFile)) {
    const stacks = stackNamesIn(projectDir);
    const known = stacks.length === 0 ? "there is none" : `the stacks there: ${stacks.join(", ")}`;
    throw new ProjectConfigError(
      `no stack file Pulumi.${stack}.yaml in ${projectDir} (stack "${stack}"); ${known}`,
    );
  }
  const stackConfig = readYaml(stackFile).config;
  if (stackConfig !== undefined && stackConfig !== null && !isObject(stackConfig)) {
    throw new ProjectConfigError(`${stackFile}: config: expected a mapping of keys to values`);
  }
  const unknownSecrets: string[] = [];
  for (const [key, value] of Object.entries(stackConfig ?? {})) {
    const fullKey = namespaced(projectName, key);
    if (isObject(value) && "secure" in value) {
      // Secrets are encrypted with the stack's key, which only the Pulumi CLI (and its backend) holds. The
      // program plans the stack from its own keys' values, so one of those must be plain here.
      if (fullKey.startsWith(`${projectName}:`)) {
        throw new ProjectConfigError(
          `${stackFile}: ${fullKey}: is a secret (secure:); the program plans the stack from this value and the ` +
            "offline preview cannot decrypt it. Set it plain (pulumi config set without --secret: the program reads " +
            "none of its keys as a secret), or preview with the Pulumi CLI",
        );
      }
      unknownSecrets.push(fullKey);
      continue;
    }
    checkDeclaredType(fullKey, declaredTypes.get(fullKey), value, stackFile);
    config[fullKey] = configText(value);
  }
  return { projectName, stack, config, unknownSecrets };
}

/** The stacks a directory has files for (`Pulumi.<stack>.yaml`), sorted. */
export function stackNamesIn(projectDir: string): string[] {
  return readdirSync(projectDir)
    .map((file) => /^Pulumi\.([\w.-]+)\.yaml$/.exec(file)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
}
