// Builds the code the cloud runs into components/assets/, before any program runs: the users API the
// instances run (their user data carries it) and the JWT authorizer Lambda runs. Each is one minified
// CommonJS file with everything it imports inside, so neither an instance nor Lambda ever runs npm, and the
// components only read files (they never bundle while a preview or an update runs).
//
// Rebuilt only when an input changed: a stamp beside the assets holds the SHA-256 of every file esbuild read,
// so a preview or a test run with nothing changed costs a few hashes. `--check` exits 1 if a rebuild is due;
// `--root DIR` builds another checkout of the program (the engine tests' project copies).
// Run by `npm ci` (prepare), `npm test`, vitest's global setup, `npm run preview`, `deploy` and `iam-policy`.
import { buildSync } from "esbuild";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const REPO_ROOT = join(import.meta.dirname, "..");
const assetsDir = (root) => join(root, "components", "assets");
const stampOf = (root) => join(assetsDir(root), "stamp.json");

/**
 * esbuild's syntax target, never newer than the runtimes that load the files: AL2023's `nodejs22` on the
 * instances (components/regional/user-data.ts) and Lambda's nodejs24.x (components/regional/jwt-authorizer.ts).
 */
const TARGET = "node22";

export const ASSETS = [
  { file: "users-api.js", entry: "backend/server.ts" },
  { file: "authorizer.js", entry: "authorizer/lambda.ts" },
];

const sha256 = (path) => createHash("sha256").update(readFileSync(path)).digest("hex");

function readStamp(root) {
  try {
    return JSON.parse(readFileSync(stampOf(root), "utf8"));
  } catch {
    return undefined;
  }
}

function isFresh(root, stamp) {
  if (stamp?.target !== TARGET) return false;
  return ASSETS.every(({ file, entry }) => {
    const inputs = stamp.assets?.[file]?.entry === entry ? stamp.assets[file].inputs : undefined;
    if (inputs === undefined || !existsSync(join(assetsDir(root), file))) return false;
    return Object.entries(inputs).every(
      ([path, hash]) => existsSync(join(root, path)) && sha256(join(root, path)) === hash,
    );
  });
}

function build(root) {
  mkdirSync(assetsDir(root), { recursive: true });
  const assets = {};
  for (const { file, entry } of ASSETS) {
    const result = buildSync({
      entryPoints: [join(root, entry)],
      // Paths relative to the repository, so the output does not depend on where it is checked out.
      absWorkingDir: root,
      bundle: true,
      platform: "node",
      format: "cjs",
      target: TARGET,
      minify: true,
      legalComments: "none",
      metafile: true,
      outfile: join(assetsDir(root), file),
      logLevel: "error",
    });
    const inputs = Object.fromEntries(
      Object.keys(result.metafile.inputs).map((path) => {
        const repoPath = relative(root, join(root, path)).replaceAll("\\", "/");
        return [repoPath, sha256(join(root, repoPath))];
      }),
    );
    assets[file] = { entry, inputs };
  }
  writeFileSync(stampOf(root), `${JSON.stringify({ target: TARGET, assets }, null, 2)}\n`);
}

/**
 * Builds the assets of the program checked out at `root` (the repository by default; the engine tests give
 * their project copies) if any input changed; returns whether it built.
 */
export function buildAssets(root = REPO_ROOT) {
  if (isFresh(root, readStamp(root))) return false;
  build(root);
  return true;
}

/** vitest's global setup (vitest.config.mts): every test run starts with fresh assets. */
export function setup() {
  buildAssets();
}

if (import.meta.filename === process.argv[1]) {
  const rootAt = process.argv.indexOf("--root");
  const root = rootAt > 0 ? process.argv[rootAt + 1] : REPO_ROOT;
  if (process.argv.includes("--check")) {
    const fresh = isFresh(root, readStamp(root));
    if (!fresh) console.error("build-assets: components/assets/ is out of date: run npm run build:assets");
    process.exit(fresh ? 0 : 1);
  }
  const started = Date.now();
  if (buildAssets(root)) {
    console.error(
      `build-assets: built ${ASSETS.map(({ file }) => file).join(", ")} in ${Date.now() - started} ms`,
    );
  }
}
