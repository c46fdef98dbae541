// The offline preview reads Pulumi.yaml and Pulumi.<stack>.yaml as the CLI does before the program runs.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { ProjectConfigError, readProjectConfig } from "../../tools/preview/project-config";

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "preview-config-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const PROJECT = `name: demo
config:
  demo:drainedRegions:
    type: array
    items: { type: string }
    default: []
  alarmEmail:
    type: string
    default: ""
  demo:domainName:
    type: string
  aws:skipMetadataApiCheck: true
`;

describe("readProjectConfig", () => {
  it("gives the program strings: stack values win over project defaults, structured values become JSON", () => {
    const dir = project({
      "Pulumi.yaml": PROJECT,
      "Pulumi.dev.yaml": `config:
  demo:domainName: api.example.com
  demo:regions: [us-east-1, eu-west-1]
  demo:healthCheck: { failureThreshold: 2, requestInterval: 10 }
  demo:drainedRegions: [eu-west-1]
  count: 3
`,
    });
    const read = readProjectConfig(dir, "dev");
    expect(read.projectName).toBe("demo");
    expect(read.config).toEqual({
      "demo:domainName": "api.example.com",
      "demo:regions": '["us-east-1","eu-west-1"]',
      "demo:healthCheck": '{"failureThreshold":2,"requestInterval":10}',
      // The stack file's value, not the project default.
      "demo:drainedRegions": '["eu-west-1"]',
      // A bare key gets the project's namespace, in both files.
      "demo:alarmEmail": "",
      "demo:count": "3",
      // A project-level plain value is a value.
      "aws:skipMetadataApiCheck": "true",
    });
  });

  it("names the stack file and key of a value of the wrong declared type", () => {
    const dir = project({
      "Pulumi.yaml": PROJECT,
      "Pulumi.dev.yaml": "config:\n  demo:drainedRegions: eu-west-1\n",
    });
    expect(() => readProjectConfig(dir, "dev")).toThrow(
      /Pulumi\.dev\.yaml: demo:drainedRegions: must be of type array/,
    );
  });

  it("keeps another namespace's secret unknown and out of the program's config", () => {
    const dir = project({
      "Pulumi.yaml": PROJECT,
      "Pulumi.dev.yaml": "config:\n  aws:secretKey:\n    secure: AAABAL==\n  demo:drainedRegions: []\n",
    });
    const read = readProjectConfig(dir, "dev");
    expect(read.unknownSecrets).toEqual(["aws:secretKey"]);
    expect(Object.keys(read.config)).not.toContain("aws:secretKey");
    expect(read.config["demo:drainedRegions"]).toBe("[]");
  });

  it("refuses a secret the program reads, a missing stack file and a project without a name", () => {
    const secret = project({
      "Pulumi.yaml": PROJECT,
      "Pulumi.dev.yaml": "config:\n  demo:alarmEmail:\n    secure: AAABAL==\n",
    });
    expect(() => readProjectConfig(secret, "dev")).toThrow(
      /demo:alarmEmail: is a secret \(secure:\); the program plans the stack from this value/,
    );
    expect(() => readProjectConfig(secret, "prod")).toThrow(ProjectConfigError);
    expect(() => readProjectConfig(project({ "Pulumi.yaml": "runtime: nodejs\n" }), "dev")).toThrow(
      /name: is required/,
    );
  });

  it("lists the stacks there are when the one asked for has no file", () => {
    const dir = project({ "Pulumi.yaml": PROJECT, "Pulumi.prod.yaml": "", "Pulumi.fast.yaml": "" });
    expect(() => readProjectConfig(dir, "nope")).toThrow(
      /no stack file Pulumi\.nope\.yaml in .* \(stack "nope"\); the stacks there: fast, prod$/,
    );
    expect(() => readProjectConfig(project({ "Pulumi.yaml": PROJECT }), "nope")).toThrow(/there is none$/);
  });

  it("reads the repository's own prod stack", () => {
    const read = readProjectConfig(path.resolve(__dirname, "../.."), "prod");
    expect(read.projectName).toBe("multi-region-api");
    expect(JSON.parse(read.config["multi-region-api:regions"])).toEqual(["us-east-1", "eu-west-1"]);
    expect(read.config["multi-region-api:drainedRegions"]).toBe("[]");
  });
});
