/**
 * The rooms of the repository and which way imports may run between them (docs/architecture.md, "Which way
 * imports run"). A room is a set of paths; an import from one room into another is allowed only along an
 * edge of ALLOWED. Everything here is read from the files themselves with TypeScript's own pre-processor,
 * so a dynamic `import()` or a `vi.mock` path counts as much as a static import.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import ts from "typescript";

export type Room =
  | "program"
  | "components"
  | "model"
  | "policy-pack"
  | "app:users-api"
  | "app:authorizer"
  | "app:drill"
  | "app:preview"
  | "app:deploy"
  | "cli-kit"
  | "ops-kit"
  | "test-kit"
  | "dev-tools"
  | "tests";

/** First match wins: longer, more specific prefixes come first. */
const ROOM_OF_PREFIX: readonly (readonly [string, Room])[] = [
  ["model/", "model"],
  ["components/", "components"],
  ["config/", "program"],
  ["index.ts", "program"],
  ["stack.ts", "program"],
  ["parts.ts", "program"],
  ["examples/", "program"],
  ["policy-pack/", "policy-pack"],
  ["backend/", "app:users-api"],
  ["authorizer/", "app:authorizer"],
  ["tools/drill/", "app:drill"],
  ["tools/preview/", "app:preview"],
  ["tools/deploy/", "app:deploy"],
  ["tools/cli-args.ts", "cli-kit"],
  ["tools/ops-kit/", "ops-kit"],
  ["tools/aws-mocks/", "test-kit"],
  ["tools/aws-models/", "test-kit"],
  ["tools/stand-ins/", "test-kit"],
  ["tools/policy-harness/", "test-kit"],
  ["tools/stack-runner.ts", "test-kit"],
  ["tools/pulumi-internals.ts", "test-kit"],
  ["tools/engine/", "test-kit"],
  ["tools/", "dev-tools"],
  ["tests/", "tests"],
];

const APPS: readonly Room[] = ["app:users-api", "app:authorizer", "app:drill", "app:preview", "app:deploy"];
const PRODUCT: readonly Room[] = ["program", "components", "model", "policy-pack", ...APPS];

/**
 * Where each room may import from (besides itself). The stack program is the only reader of config; the
 * components build on the model; the policy pack judges with the same model; the apps share only the model
 * and the CLI helpers; the test kit stands in for AWS and the engine, so it knows nothing of the product.
 */
export const ALLOWED: Readonly<Record<Room, readonly Room[]>> = {
  program: ["components", "model"],
  components: ["model"],
  model: [],
  "policy-pack": ["model"],
  "app:users-api": ["model"],
  "app:authorizer": ["model"],
  "app:drill": ["model", "cli-kit", "ops-kit"],
  "app:preview": ["model", "cli-kit"],
  "app:deploy": ["model", "cli-kit", "ops-kit"],
  "cli-kit": [],
  "ops-kit": ["model"],
  "test-kit": [],
  "dev-tools": [...PRODUCT, "cli-kit", "ops-kit", "test-kit"],
  tests: [...PRODUCT, "cli-kit", "ops-kit", "test-kit", "dev-tools"],
};

/** The one package name by which code outside model/ reaches it (model/package.json). */
export const MODEL_PACKAGE = "@multi-region-api/model";

export function roomOf(path: string): Room | undefined {
  return ROOM_OF_PREFIX.find(([prefix]) => path === prefix || path.startsWith(prefix))?.[1];
}

export interface ImportEdge {
  /** Repository-relative path of the importing file. */
  readonly from: string;
  /** Repository-relative path of the imported file, or the bare specifier of a package. */
  readonly to: string;
  /** The specifier as written. */
  readonly specifier: string;
}

const SOURCE = /\.(ts|mts|cts|mjs|js)$/;
const SKIPPED_FOLDERS = new Set(["node_modules", ".git", ".tools", ".stryker-tmp", "reports"]);

export function sourceFiles(root: string, folder = ""): string[] {
  return readdirSync(join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = folder ? `${folder}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : sourceFiles(root, path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

/** Resolves a relative specifier to a file of `known`, or a model subpath to the file it names. */
function resolveSpecifier(from: string, specifier: string, known: ReadonlySet<string>): string {
  const base = specifier.startsWith(MODEL_PACKAGE)
    ? `model${specifier.slice(MODEL_PACKAGE.length)}`
    : specifier.startsWith(".")
      ? normalize(join(dirname(from), specifier)).replaceAll("\\", "/")
      : undefined;
  if (base === undefined) return specifier;
  const candidates = [base, `${base}.ts`, base.replace(/\.js$/, ".ts"), `${base}/index.ts`];
  return candidates.find((candidate) => known.has(candidate)) ?? base;
}

export function importEdges(root: string): ImportEdge[] {
  const files = sourceFiles(root);
  const known = new Set(files);
  return files.flatMap((from) => {
    const info = ts.preProcessFile(readFileSync(join(root, from), "utf8"), true, true);
    return info.importedFiles.map(({ fileName }) => ({
      from,
      to: resolveSpecifier(from, fileName, known),
      specifier: fileName,
    }));
  });
}

/** A bare package specifier (not relative, not node:, not the model), or undefined. */
export function externalPackage(specifier: string): string | undefined {
  if (specifier.startsWith(".") || specifier.startsWith(MODEL_PACKAGE) || specifier.startsWith("node:")) {
    return undefined;
  }
  return specifier;
}
