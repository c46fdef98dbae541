// The components package as someone else installs it: `npm pack` of @multi-region-api/model and
// @multi-region-api/components built to JavaScript (tools/pack/pack-packages.mjs), installed into a scratch
// program outside this repository (so nothing resolves from its node_modules or sources), which type-checks
// the README's example against the packed declarations and runs it under the strict mocks. It must register
// what the same example registers from the sources.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/stacks";

const EXAMPLE = "examples/components-in-your-program/index.ts";

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")}:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

/** Every file below `dir`, relative to it. */
const filesIn = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));

interface ExampleRun {
  readonly registrations: { urn: string }[];
  readonly outputs: Record<string, unknown>;
  readonly rejections: string[];
  readonly failure?: string;
  /** Where Node found `@multi-region-api/components` for the program. */
  readonly loadedFrom: string;
}

/** The program run under the strict mocks by tests/packaging/run-example.ts, in a Node process of its own. */
const runExample = (file: string) =>
  JSON.parse(
    run(
      process.execPath,
      ["--import", "tsx", join(REPO_ROOT, "tests/packaging/run-example.ts"), file],
      REPO_ROOT,
    ),
  ) as ExampleRun;

let scratch = "";
let typecheck = { status: 0 as number | null, output: "" };

describe("the components package, packed and installed into another program", () => {
  beforeAll(() => {
    const [model, components] = run(process.execPath, ["tools/pack/pack-packages.mjs"], REPO_ROOT)
      .trim()
      .split("\n");
    scratch = mkdtempSync(join(tmpdir(), "packed-components-"));
    const pulumiPackage = (name: string) => `file:${join(REPO_ROOT, "node_modules", "@pulumi", name)}`;
    writeFileSync(
      join(scratch, "package.json"),
      JSON.stringify({
        name: "someone-elses-program",
        private: true,
        dependencies: {
          "@multi-region-api/components": `file:${components}`,
          "@multi-region-api/model": `file:${model}`,
          // The peers, from this repository's install: the same versions its lock file holds, no download.
          "@pulumi/pulumi": pulumiPackage("pulumi"),
          "@pulumi/aws": pulumiPackage("aws"),
          "@pulumi/awsx": pulumiPackage("awsx"),
        },
      }),
    );
    run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts"], scratch);
    cpSync(join(REPO_ROOT, EXAMPLE), join(scratch, "index.ts"));
    writeFileSync(
      join(scratch, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { strict: true, module: "nodenext", target: "ES2022", types: [], noEmit: true },
        files: ["index.ts"],
      }),
    );
    const tsc = spawnSync(process.execPath, [join(REPO_ROOT, "node_modules/typescript/bin/tsc"), "-p", "."], {
      cwd: scratch,
      encoding: "utf8",
    });
    typecheck = { status: tsc.status, output: `${tsc.stdout}${tsc.stderr}` };
  }, 120_000);

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it("installs JavaScript and declarations only, with the apps' code as built assets", () => {
    const installed = join(scratch, "node_modules", "@multi-region-api", "components");
    const files = filesIn(installed);
    expect(files).toContain("index.js");
    expect(files).toContain("index.d.ts");
    expect(files).toEqual(expect.arrayContaining(["assets/users-api.js", "assets/authorizer.js"]));
    expect(files.filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))).toEqual([]);
    expect(filesIn(join(scratch, "node_modules", "@multi-region-api", "model"))).toContain(
      "route53/index.js",
    );
  });

  it("type-checks the README's example against the packed declarations", () => {
    expect(typecheck.output).toBe("");
    expect(typecheck.status).toBe(0);
  });

  it("registers from the package exactly what the example registers from the sources", () => {
    const packed = runExample(join(scratch, "index.ts"));
    expect(packed.loadedFrom).toBe(join(scratch, "node_modules/@multi-region-api/components/index.js"));
    expect(packed.rejections).toEqual([]);
    expect(packed.failure).toBeUndefined();
    const fromSources = runExample(join(REPO_ROOT, EXAMPLE));
    expect(fromSources.loadedFrom).toBe(join(REPO_ROOT, "components/index.ts"));
    expect(packed.registrations.length).toBeGreaterThan(50);
    expect(packed.registrations).toEqual(fromSources.registrations);
    expect(packed.outputs).toEqual(fromSources.outputs);
    expect(Object.keys(packed.outputs).length).toBeGreaterThan(0);
  }, 60_000);
});
