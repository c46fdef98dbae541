/**
 * A Python program on the real engine: `pulumi preview` and `pulumi up` start the project's own Python
 * language host (tools/engine/language-python), which runs tests/engine/fixtures/python-smoke in the venv
 * with the pinned Python SDK and pulumi-aws package, and the stand-in aws provider answers for what it
 * registers (a pulumi_aws class and a type token). The exported state holds the URNs the Python SDK asked
 * for, parents included. Then the multiregion package's Python SDK is generated from its schema.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  EngineProject,
  POLICY_PACK,
  ROOT,
  expectSuccess,
  jsonOutput,
  plannedSteps,
  prodConfig,
  type EngineRun,
} from "./engine";

const project = new EngineProject("python-smoke", {
  program: path.join(ROOT, "tests", "engine", "fixtures", "python-smoke"),
});
const config = { "aws:region": "us-east-1", "python-smoke:retentionInDays": 7 };
const urn = (type: string, name: string) => `urn:pulumi:dev::python-smoke::${type}::${name}`;

describe("a Python program on the real engine", () => {
  beforeAll(() => {
    project.stack("dev", config);
  });

  it("previews the program: the stack, its component, the provider and two aws resources", () => {
    const run = project.pulumi(["preview", "--stack", "dev"]);
    expectSuccess(run, "pulumi preview");
    expect(run.output).toMatch(/\+\s+aws:sns:Topic\s+alerts-topic\s+create/);
    expect(run.output).toContain("+ 4 to create");
  });

  it("deploys it: the state holds the URNs the Python SDK registered, the account the resources", () => {
    expectSuccess(project.pulumi(["up", "--yes", "--stack", "dev"]), "pulumi up");
    const resources = project.exportResources("dev");
    expect(resources.map((r) => r.urn).sort()).toEqual(
      [
        urn("pulumi:pulumi:Stack", "python-smoke-dev"),
        urn("smoke:index:Alerts", "alerts"),
        urn("smoke:index:Alerts$aws:sns/topic:Topic", "alerts-topic"),
        urn("aws:cloudwatch/logGroup:LogGroup", "api-logs"),
        urn("pulumi:providers:aws", "default_7_48_0"),
      ].sort(),
    );
    const account = Object.values(project.accountResources());
    expect(account.map((r) => r.type).sort()).toEqual([
      "aws:cloudwatch/logGroup:LogGroup",
      "aws:sns/topic:Topic",
    ]);
    const logGroup = account.find((r) => r.type === "aws:cloudwatch/logGroup:LogGroup");
    // An output of one resource, resolved by the engine, as another's input.
    expect(logGroup?.inputs).toMatchObject({
      retentionInDays: 7,
      tags: { alerts: expect.stringMatching(/^arn:aws:sns:us-east-1:\d{12}:alerts-topic-/) as unknown },
    });
  });

  it("plans no change on the deployed stack, and an update for changed stack config", () => {
    expectSuccess(project.pulumi(["preview", "--expect-no-changes", "--stack", "dev"]), "unchanged preview");
    project.stack("dev", { ...config, "python-smoke:retentionInDays": 14 });
    const run = project.pulumi(["preview", "--diff", "--stack", "dev"]);
    expectSuccess(run, "preview with retentionInDays 14");
    expect(run.output).toMatch(/~ retentionInDays: 7 => 14/);
    expect(run.output).toContain("~ 1 to update");
  });

  it("fails the run when the program raises, with the Python traceback in the output", () => {
    project.stack("dev", { ...config, "python-smoke:fail": true });
    const run = project.pulumi(["preview", "--stack", "dev"]);
    expect(run.code).not.toBe(0);
    expect(run.output).toContain("Program failed with an unhandled exception");
    expect(run.output).toContain("ValueError: python-smoke was told to fail");
  });
});

/** The engine's Python: the venv of tools/engine/python-venv.sh. */
const PYTHON = path.join(ROOT, ".tools", "engine", "python", "bin", "python");

/**
 * `pulumi package gen-sdk components/schema.json --language python` (the Python host's GeneratePackage),
 * then the SDK installed into a folder of its own, for PYTHONPATH: no dependencies and nothing downloaded
 * (the venv holds pulumi, pulumi-aws and setuptools). Done once; the tests below use what it made.
 */
const generated = (() => {
  let made: { out: string; site: string } | undefined;
  return () => {
    if (made) return made;
    const base = path.join(ROOT, ".tools", "engine", "projects", "python-sdk");
    // A PULUMI_HOME of its own: the schema loader caches the aws schema it loads from the stand-in there,
    // and a cached one would outlive a change of the stand-in's schema.
    const home = path.join(base, "home");
    const out = path.join(base, "sdk");
    const site = path.join(base, "site");
    rmSync(base, { recursive: true, force: true });
    mkdirSync(home, { recursive: true });
    const schema = path.join(ROOT, "components", "schema.json");
    const gen = spawnSync("pulumi", ["package", "gen-sdk", schema, "--language", "python", "--out", out], {
      cwd: base,
      env: { ...process.env, PULUMI_HOME: home },
      encoding: "utf8",
    });
    if (gen.status !== 0) throw new Error(`pulumi package gen-sdk failed:\n${gen.stdout}${gen.stderr}`);
    const pip = ["-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index"];
    const install = spawnSync(PYTHON, [...pip, "--target", site, path.join(out, "python")], {
      encoding: "utf8",
    });
    if (install.status !== 0) throw new Error(`pip install of the SDK failed:\n${install.stderr}`);
    made = { out, site };
    return made;
  };
})();

/**
 * Each step's inputs by URN, in one form for both SDKs: object keys sorted, and a provider's JSON-encoded
 * nested input (`defaultTags`) parsed, since the Python SDK encodes it with its own key order and spacing.
 */
function inputs(run: EngineRun): Record<string, string> {
  const json = jsonOutput<{ steps?: { urn: string; newState?: { inputs?: unknown } }[] }>(run.output);
  const plain = (value: unknown): unknown => {
    if (typeof value === "string" && /^[{[]/.test(value)) {
      try {
        return plain(JSON.parse(value));
      } catch {
        return value;
      }
    }
    if (Array.isArray(value)) return value.map(plain);
    if (value && typeof value === "object") {
      return Object.fromEntries(
        Object.entries(value)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, v]) => [k, plain(v)]),
      );
    }
    return value;
  };
  return Object.fromEntries(
    (json.steps ?? []).map((s) => [s.urn, JSON.stringify(plain(s.newState?.inputs))]),
  );
}

describe("the multiregion package in Python", () => {
  it("has a Python SDK: `pulumi package gen-sdk --language python` writes pulumi_multiregion, which imports", () => {
    const { out, site } = generated();
    const sdk = path.join(out, "python", "pulumi_multiregion");
    const plugin = JSON.parse(readFileSync(path.join(sdk, "pulumi-plugin.json"), "utf8")) as unknown;
    expect(plugin).toMatchObject({ resource: true, name: "multiregion" });
    for (const file of [
      "regional_api",
      "certificates",
      "failover_dns",
      "failover_observability",
      "users_table",
    ]) {
      expect(existsSync(path.join(sdk, `${file}.py`)), file).toBe(true);
    }
    expect(readFileSync(path.join(sdk, "regional_api.py"), "utf8")).toContain(
      '"multiregion:index:RegionalApi"',
    );
    const load = spawnSync(
      PYTHON,
      ["-c", "import pulumi_multiregion as m; print(m.RegionalApi.__name__, m.Certificates.__name__)"],
      { cwd: site, env: { ...process.env, PYTHONPATH: site }, encoding: "utf8" },
    );
    expect(load.status, `${load.stdout}${load.stderr}`).toBe(0);
    expect(load.stdout.trim()).toBe("RegionalApi Certificates");
  });

  it("runs the prod stack in Python (examples/python) as the TypeScript prod: the same steps and inputs, and the pack passes", () => {
    const { site } = generated();
    const python = new EngineProject("python-prod", {
      program: path.join(ROOT, "examples", "python"),
      env: { PYTHONPATH: site },
    });
    const names = Object.fromEntries(
      Object.entries(prodConfig()).filter(([key]) => /:(domainName|hostedZoneName)$/.test(key)),
    );
    expect(Object.keys(names)).toHaveLength(2);
    python.stack("prod", names);
    const typescript = new EngineProject("python-typescript");
    typescript.stack("prod", prodConfig());

    const planned = typescript.pulumi(["preview", "--json", "--stack", "prod"]);
    const expected = plannedSteps(planned.output);
    const run = python.pulumi(["preview", "--json", "--stack", "prod"]);
    expect(run.code, run.output.slice(-6000)).toBe(0);
    expect(expected.length).toBeGreaterThan(100);
    expect(plannedSteps(run.output)).toEqual(expected);
    // And what each resource is given: the same inputs, resource by resource.
    expect(inputs(run)).toEqual(inputs(planned));

    const judged = python.pulumi(["preview", "--stack", "prod", "--policy-pack", POLICY_PACK]);
    expect(judged.output).toContain("multi-region-failover@v0.1.0");
    expect(judged.code, judged.output.slice(-4000)).toBe(0);
  });
});
