/**
 * The prod stack written in Pulumi YAML (examples/yaml) over the components plugin `multiregion`
 * (components/plugin), previewed on the real engine: pulumi-language-yaml types the program against the
 * plugin's schema and the stand-in aws provider's, and the engine constructs each component through the
 * plugin (this repository's Node.js host runs it, tools/engine/language-nodejs). It must plan the steps the
 * TypeScript program plans for prod: the same URNs (so types and names), parents and providers.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse, stringify } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { EngineProject, POLICY_PACK, ROOT, prodConfig, requireEngineEnv } from "./engine";

const EXAMPLE = path.join(ROOT, "examples", "yaml");

interface Step {
  readonly op: string;
  readonly urn: string;
  readonly newState?: { type?: string; parent?: string; provider?: string };
}

/** A step as the two previews can state it: what, which resource, under which parent, on which provider. */
function described(steps: readonly Step[]): string[] {
  // A provider reference is `<urn>::<id>`, and the ID is unknown in a preview.
  const providerUrn = (ref?: string) => ref?.slice(0, ref.lastIndexOf("::"));
  return steps
    .map((s) => {
      const parent = s.newState?.parent || "-";
      return `${s.op} ${s.urn} parent=${parent} provider=${providerUrn(s.newState?.provider) ?? "-"}`;
    })
    .sort();
}

/** The steps of `pulumi preview --json` run in `dir` (stdout holds the JSON; diagnostics are in it too). */
/** `pulumi preview --policy-pack policy-pack` of the prod stack in `dir`: its exit code and output. */
function previewWithPolicies(dir: string): { code: number | null; output: string } {
  const args = [
    "preview",
    "--stack",
    "prod",
    "--policy-pack",
    POLICY_PACK,
    "--non-interactive",
    "--color",
    "never",
  ];
  const result = spawnSync("pulumi", args, {
    cwd: dir,
    env: { ...process.env, STAND_IN_ACCOUNT_FILE: path.join(dir, "account.json") },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

function previewSteps(dir: string, account: string): { steps: Step[]; code: number | null; output: string } {
  const result = spawnSync("pulumi", ["preview", "--json", "--stack", "prod", "--non-interactive"], {
    cwd: dir,
    env: { ...process.env, STAND_IN_ACCOUNT_FILE: account },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout}${result.stderr}`;
  const json = result.stdout.slice(result.stdout.indexOf("{"), result.stdout.lastIndexOf("}") + 1);
  const steps = json ? ((JSON.parse(json) as { steps?: Step[] }).steps ?? []) : [];
  return { steps, code: result.status, output };
}

/**
 * A fresh folder for the YAML program under .tools/engine/projects, with its prod stack on the file
 * backend: Pulumi.yaml with `packages:` pointing at the repository's plugin, and the example's stack file.
 */
function yamlProject(name: string, change: (program: string) => string = (program) => program): string {
  requireEngineEnv();
  // The YAML host's schema loader keeps the stand-in aws schema it cached beside the plugin (see .gitignore).
  rmSync(path.join(ROOT, "tools", "stand-ins", "schema-aws.json"), { force: true });
  const dir = path.join(ROOT, ".tools", "engine", "projects", name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const program = readFileSync(path.join(EXAMPLE, "Pulumi.yaml"), "utf8").replace(
    "multiregion: ../../components/plugin",
    `multiregion: ${path.join(ROOT, "components", "plugin")}`,
  );
  writeFileSync(path.join(dir, "Pulumi.yaml"), change(program));
  const run = (args: string[]) =>
    spawnSync("pulumi", [...args, "--non-interactive"], { cwd: dir, encoding: "utf8" });
  // A stack of this name may be left in the shared file backend; removing it removes its file too.
  run(["stack", "rm", "prod", "--yes", "--force"]);
  const init = run(["stack", "init", "prod"]);
  if (init.status !== 0) throw new Error(`pulumi stack init prod failed:\n${init.stdout}${init.stderr}`);
  const stackFile = path.join(dir, "Pulumi.prod.yaml");
  const salt = parse(readFileSync(stackFile, "utf8")) as Record<string, unknown>;
  const example = parse(readFileSync(path.join(EXAMPLE, "Pulumi.prod.yaml"), "utf8")) as Record<
    string,
    unknown
  >;
  writeFileSync(stackFile, stringify({ ...example, ...salt }));
  return dir;
}

describe("the prod stack in Pulumi YAML through the multiregion plugin, on the real engine", () => {
  const typescript = new EngineProject("yaml-typescript");
  let expected: string[];

  beforeAll(() => {
    typescript.stack("prod", prodConfig());
    const run = previewSteps(typescript.dir, typescript.account);
    expect(run.code, run.output.slice(-4000)).toBe(0);
    expected = described(run.steps);
  });

  it("the example's names are the TypeScript prod stack's", () => {
    const example = parse(readFileSync(path.join(EXAMPLE, "Pulumi.prod.yaml"), "utf8")) as {
      config: Record<string, unknown>;
    };
    const config = prodConfig();
    for (const [key, value] of Object.entries(example.config)) expect(config[key]).toEqual(value);
  });

  it("plans the TypeScript program's steps for prod: URNs, parents, providers", () => {
    const dir = yamlProject("yaml");
    const run = previewSteps(dir, path.join(dir, "account.json"));
    expect(run.code, run.output.slice(-6000)).toBe(0);
    expect(expected.length).toBeGreaterThan(100);
    expect(described(run.steps)).toEqual(expected);
  });

  it("passes the policy pack, and fails a 600 s CNAME TTL on failover-record-low-ttl as the TypeScript prod does", () => {
    const passed = previewWithPolicies(yamlProject("yaml-policies"));
    expect(passed.output).toContain("multi-region-failover@v0.1.0");
    expect(passed.code, passed.output.slice(-4000)).toBe(0);

    const cname = (program: string) => {
      const changed = program.replace(
        "      recordKind: alias\n",
        "      recordKind: cname\n      ttl: 600\n",
      );
      expect(changed).not.toEqual(program);
      return changed;
    };
    const failed = previewWithPolicies(yamlProject("yaml-ttl600", cname));
    expect(failed.code).not.toBe(0);
    expect(failed.output).toMatch(
      /\[mandatory\]\s+failover-record-low-ttl\s+\(aws:route53:Record: failover-primary\)/,
    );
    expect(failed.output).toContain("has ttl 600 s");
  });
});
