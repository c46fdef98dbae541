/**
 * The prod stack written in Pulumi YAML (examples/yaml) over the components plugin `multiregion`
 * (components/plugin), previewed on the real engine: pulumi-language-yaml types the program against the
 * plugin's schema and the stand-in aws provider's, and the engine constructs each component through the
 * plugin (this repository's Node.js host runs it, tools/engine/language-nodejs). It must plan the steps the
 * TypeScript program plans for prod: the same URNs (so types and names), parents and providers.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { EngineProject, POLICY_PACK, ROOT, plannedSteps, prodConfig } from "./engine";

const EXAMPLE = path.join(ROOT, "examples", "yaml");

/** The example's prod stack config: the two names its stack file holds. */
const exampleConfig = () =>
  (parse(readFileSync(path.join(EXAMPLE, "Pulumi.prod.yaml"), "utf8")) as { config: Record<string, unknown> })
    .config;

/**
 * A fresh project with the YAML program (its `packages:` pointed at the repository's plugin by
 * EngineProject), `change` applied to its Pulumi.yaml, and the example's prod stack on the file backend.
 */
function yamlProject(
  name: string,
  change: (program: string) => string = (program) => program,
): EngineProject {
  // The YAML host's schema loader keeps the stand-in aws schema it cached beside the plugin (see .gitignore).
  rmSync(path.join(ROOT, "tools", "stand-ins", "schema-aws.json"), { force: true });
  const project = new EngineProject(name, { program: EXAMPLE });
  const file = path.join(project.dir, "Pulumi.yaml");
  writeFileSync(file, change(readFileSync(file, "utf8")));
  project.stack("prod", exampleConfig());
  return project;
}

/** `pulumi preview --policy-pack policy-pack` of the prod stack. */
const previewWithPolicies = (project: EngineProject) =>
  project.pulumi(["preview", "--stack", "prod", "--policy-pack", POLICY_PACK]);

describe("the prod stack in Pulumi YAML through the multiregion plugin, on the real engine", () => {
  const typescript = new EngineProject("yaml-typescript");
  let expected: string[];

  beforeAll(() => {
    typescript.stack("prod", prodConfig());
    const run = typescript.pulumi(["preview", "--json", "--stack", "prod"]);
    expect(run.code, run.output.slice(-4000)).toBe(0);
    expected = plannedSteps(run.output);
  });

  it("the example's names are the TypeScript prod stack's", () => {
    const config = prodConfig();
    for (const [key, value] of Object.entries(exampleConfig())) expect(config[key]).toEqual(value);
  });

  it("plans the TypeScript program's steps for prod: URNs, parents, providers", () => {
    const run = yamlProject("yaml").pulumi(["preview", "--json", "--stack", "prod"]);
    expect(run.code, run.output.slice(-6000)).toBe(0);
    expect(expected.length).toBeGreaterThan(100);
    expect(plannedSteps(run.output)).toEqual(expected);
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
