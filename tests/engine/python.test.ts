/**
 * A Python program on the real engine: `pulumi preview` and `pulumi up` start the project's own Python
 * language host (tools/engine/language-python), which runs tests/engine/fixtures/python-smoke in the venv
 * with the pinned Python SDK, and the stand-in aws provider answers for the resources it registers by
 * type token. The exported state holds the URNs the Python SDK asked for, parents included.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { EngineProject, ROOT, expectSuccess } from "./engine";

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
        urn("pulumi:providers:aws", "default"),
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
