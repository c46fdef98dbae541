/**
 * A stack created before `Certificates` existed held the ACM validation record under the first region's
 * RegionalApi (`api-<region>-certificate-validation`, on that region's provider, which is the provider
 * named us-east-1 that `Certificates` uses now). Today's program names those URNs as the record's aliases
 * (stack.ts `formerValidationRecordUrns`), so its first `up` must take the record over, not create a second
 * one beside it (which Route 53 refuses) and delete the first (which would stop the certificates renewing).
 *
 * The older state is today's, with the record put back where the older program registered it: `pulumi
 * stack export`, the record's URN and parent rewritten, `pulumi stack import`.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  EngineProject,
  POLICY_PACK,
  expectSuccess,
  jsonOutput,
  prodConfig,
  type ExportedResource,
} from "./engine";

const project = new EngineProject("aliases");
const STACK = "prod";
const RECORD_TYPE = "aws:route53/record:Record";
const TODAY = `multiregion:index:Certificates$${RECORD_TYPE}::certificates-validation`;

interface StateResource extends ExportedResource {
  parent?: string;
}
interface State {
  deployment: { resources: StateResource[] };
}

const run = (args: string[], what: string) => {
  const result = project.pulumi(args);
  expectSuccess(result, what);
  return result;
};

function exportState(): State {
  const { output } = run(["stack", "export", "--stack", STACK], "pulumi stack export");
  return jsonOutput<State>(output);
}

/**
 * The state with the validation record under `api-<first region>` as the older program left it. The
 * component moves up to just before the first of its children, the record included, since a state lists a
 * parent before its children and the record comes before the certificate validations that depend on it.
 */
function asTheOlderProgramLeftIt(state: State, firstRegion: string): { state: State; olderUrn: string } {
  const resources = state.deployment.resources;
  const record = resources.find((r) => r.urn.endsWith(`::${TODAY}`));
  const api = resources.find((r) => r.urn.endsWith(`::multiregion:index:RegionalApi::api-${firstRegion}`));
  if (record === undefined || api === undefined)
    throw new Error("prod's state has no validation record or API");
  const prefix = record.urn.slice(0, record.urn.indexOf("::multiregion:"));
  const olderUrn = `${prefix}::multiregion:index:RegionalApi$${RECORD_TYPE}::api-${firstRegion}-certificate-validation`;
  const reordered = resources.filter((r) => r !== api);
  const firstChild = reordered.findIndex((r) => r === record || r.parent === api.urn);
  reordered.splice(firstChild, 0, api);
  const text = JSON.stringify({ ...state, deployment: { ...state.deployment, resources: reordered } });
  const older = JSON.parse(text.split(JSON.stringify(record.urn)).join(JSON.stringify(olderUrn))) as State;
  const moved = older.deployment.resources.find((r) => r.urn === olderUrn)!;
  moved.parent = api.urn;
  return { state: older, olderUrn };
}

let recordId: string | undefined;
let olderUrn = "";
let imported: ExportedResource[] = [];
let steps: { op: string; urn: string }[] = [];
let after: ExportedResource[] = [];

describe("the validation record of a stack created before Certificates", () => {
  beforeAll(() => {
    const config = prodConfig();
    const firstRegion = (config["multi-region-api:regions"] as string[])[0];
    project.stack(STACK, config);
    run(["up", "--yes", "--skip-preview", "--stack", STACK, "--policy-pack", POLICY_PACK], "pulumi up");
    const current = exportState();
    recordId = current.deployment.resources.find((r) => r.urn.endsWith(`::${TODAY}`))?.id;
    const older = asTheOlderProgramLeftIt(current, firstRegion);
    olderUrn = older.olderUrn;
    const file = path.join(project.dir, "older-state.json");
    writeFileSync(file, JSON.stringify(older.state));
    run(["stack", "import", "--stack", STACK, "--file", file], "pulumi stack import");
    imported = project.exportResources(STACK);

    const preview = run(["preview", "--json", "--show-sames", "--stack", STACK], "pulumi preview --json");
    steps = jsonOutput<{ steps?: { op: string; urn: string }[] }>(preview.output).steps ?? [];
    run(["up", "--yes", "--skip-preview", "--stack", STACK, "--policy-pack", POLICY_PACK], "pulumi up");
    after = project.exportResources(STACK);
  });

  it("starts from a state whose record has the older URN", () => {
    expect(olderUrn).toContain("RegionalApi$aws:route53/record:Record::api-");
    expect(recordId).toBeDefined();
    expect(imported.find((r) => r.urn === olderUrn)?.id).toBe(recordId);
    expect(imported.some((r) => r.urn.endsWith(`::${TODAY}`))).toBe(false);
  });

  it("plans no create or delete of any validation record: the alias takes the older one over", () => {
    const recordSteps = steps
      .filter((step) => step.urn.includes("validation") && step.urn.includes(RECORD_TYPE))
      .map((step) => `${step.op} ${step.urn.split("::").slice(2).join("::")}`);
    expect(recordSteps.filter((step) => !step.startsWith("same "))).toEqual([]);
    expect(recordSteps).toHaveLength(1);
  });

  it("keeps the record's ID under today's URN, with the older URN as its alias", () => {
    const record = after.find((r) => r.urn.endsWith(`::${TODAY}`));
    expect(record?.id).toBe(recordId);
    expect(after.some((r) => r.urn === olderUrn)).toBe(false);
    expect(project.pulumi(["preview", "--expect-no-changes", "--stack", STACK]).code).toBe(0);
  });
});
