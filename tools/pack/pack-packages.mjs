#!/usr/bin/env node
// Builds the packages others install, as JavaScript with declarations, and packs each with `npm pack`:
// @multi-region-api/model, then @multi-region-api/components (which depends on it). In the repository both
// point at their TypeScript sources (tests, the offline preview and the program run them through tsx);
// what is published is built into .tools/pack/<package>/ with a package.json that points at the JS, as
// pulumi-eks packs from its build folder. The components' assets (the users API and the authorizer) must be
// built first (tools/build-assets.mjs): they ship as they are.
//
// Usage: node tools/pack/pack-packages.mjs   → prints the paths of the two .tgz files, one per line.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const OUT = path.join(ROOT, ".tools", "pack");
const TSC = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");

/** `./x.ts` → `{ types: ./x.d.ts, default: ./x.js }`, for each entry of a source package's exports. */
function builtExports(exports) {
  return Object.fromEntries(
    Object.entries(exports).map(([subpath, target]) => [
      subpath,
      { types: target.replace(/\.ts$/, ".d.ts"), default: target.replace(/\.ts$/, ".js") },
    ]),
  );
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
  }
  return result.stdout;
}

/** Compiles `name`'s sources into .tools/pack/<name>/ and writes its publishable package.json. */
function build(name, extraCompilerOptions = {}) {
  const source = path.join(ROOT, name);
  const out = path.join(OUT, name);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const tsconfig = path.join(OUT, `tsconfig.${name}.json`);
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: path.join(ROOT, "tsconfig.json"),
      compilerOptions: {
        noEmit: false,
        declaration: true,
        rootDir: source,
        outDir: out,
        ...extraCompilerOptions,
      },
      include: [path.join(source, "**", "*.ts")],
      exclude: [path.join(source, "node_modules")],
    }),
  );
  run(process.execPath, [TSC, "-p", tsconfig], ROOT);

  const manifest = JSON.parse(readFileSync(path.join(source, "package.json"), "utf8"));
  const exports = builtExports(manifest.exports);
  const published = {
    ...manifest,
    main: exports["."].default,
    types: exports["."].types,
    exports,
    files: ["**/*.js", "**/*.d.ts"],
  };
  writeFileSync(path.join(out, "package.json"), `${JSON.stringify(published, null, 2)}\n`);
  return { out, manifest: published };
}

function pack(out) {
  const file = run("npm", ["pack", "--silent", "--pack-destination", OUT], out).trim().split("\n").pop();
  return path.join(OUT, file);
}

mkdirSync(OUT, { recursive: true });
const model = build("model");
const components = build("components", {
  // The components compile against the model as it is published: its declarations, not its sources.
  paths: { "@multi-region-api/model/*": [path.join(model.out, "*")] },
});
const assets = path.join(ROOT, "components", "assets");
if (!existsSync(path.join(assets, "users-api.js"))) {
  throw new Error(`${assets} is empty: run npm run build:assets first`);
}
cpSync(assets, path.join(components.out, "assets"), { recursive: true });
console.log(pack(model.out));
console.log(pack(components.out));
