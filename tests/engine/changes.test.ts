/**
 * `pulumi up` of prod on the real engine, then one `up` per change, each from the state the one before left.
 * After each, `pulumi stack export` must show every resource that should survive with the URN and ID it
 * had (nothing replaced or deleted that should not be), and `pulumi preview --expect-no-changes` passes.
 */
import { appendFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { EngineProject, POLICY_PACK, expectSuccess, prodConfig, type ExportedResource } from "./engine";

const project = new EngineProject("changes");
const STACK = "prod";
const up = () =>
  project.pulumi(["up", "--yes", "--skip-preview", "--stack", STACK, "--policy-pack", POLICY_PACK]);

const REGIONS = "multi-region-api:regions";
const FAILOVER_RECORD = /multiregion:index:FailoverDns\$aws:route53\/record:Record::/;

/** Resources that a change of region order or routing may rightly replace: the failover name's records. */
const mayChange = (r: ExportedResource) => FAILOVER_RECORD.test(r.urn);
const inRegion = (region: string) => (r: ExportedResource) => r.urn.includes(region);

let config = prodConfig();
let before: ExportedResource[] = [];

function apply(change: Record<string, unknown>): ExportedResource[] {
  config = { ...config, ...change };
  project.stack(STACK, config);
  const run = up();
  expectSuccess(run, "pulumi up");
  return project.exportResources(STACK);
}

/** Every resource of `before` not excused by `excused` is still there with its URN and ID. */
function expectSurvivors(after: ExportedResource[], excused: (r: ExportedResource) => boolean): void {
  const now = new Map(after.map((r) => [r.urn, r.id]));
  const lost = before
    .filter((r) => r.id !== undefined && r.type !== "pulumi:pulumi:Stack" && !excused(r))
    .filter((r) => now.get(r.urn) !== r.id)
    .map((r) => `${r.urn} (${r.id} -> ${now.get(r.urn) ?? "gone"})`);
  expect(lost).toEqual([]);
}

function expectNoChanges(): void {
  const run = project.pulumi(["preview", "--expect-no-changes", "--stack", STACK]);
  expectSuccess(run, "pulumi preview --expect-no-changes");
}

describe("pulumi up and changes on the real engine", () => {
  beforeAll(() => {
    before = apply({});
  });

  it("creates prod and then proposes no changes", () => {
    expect(before.filter((r) => r.type.startsWith("aws:")).length).toBeGreaterThan(100);
    expectNoChanges();
  });

  const cases: [string, () => Record<string, unknown>, (r: ExportedResource) => boolean][] = [
    ["a region added last", () => ({ [REGIONS]: ["us-east-1", "eu-west-1", "ap-southeast-2"] }), mayChange],
    ["regions reordered", () => ({ [REGIONS]: ["eu-west-1", "us-east-1", "ap-southeast-2"] }), mayChange],
    [
      "a region added first",
      () => ({ [REGIONS]: ["us-west-2", "eu-west-1", "us-east-1", "ap-southeast-2"] }),
      mayChange,
    ],
    [
      "the first region removed",
      () => ({ [REGIONS]: ["eu-west-1", "us-east-1", "ap-southeast-2"] }),
      (r) => mayChange(r) || inRegion("us-west-2")(r),
    ],
    ["a drain", () => ({ "multi-region-api:drainedRegions": ["ap-southeast-2"] }), () => false],
    ["IPv6 on", () => ({ "multi-region-api:dns": { recordKind: "alias", ipv6: true } }), () => false],
  ];

  for (const [name, change, excused] of cases) {
    it(`${name}: survivors keep URN and ID, then no changes`, () => {
      const after = apply(change());
      expectSurvivors(after, excused);
      expectNoChanges();
      before = after;
    });
  }

  // Route 53 refuses latency and failover records of one name and type side by side, and the engine creates
  // the new records before it deletes the old ones, so the switch takes the runbook's two steps.
  it("routing latency in one up: refused, and every record stays as it was", () => {
    config = { ...config, "multi-region-api:routing": "latency" };
    project.stack(STACK, config);
    const run = up();
    expect(run.code).not.toBe(0);
    expect(run.output).toContain("latency and non-latency RRSets cannot share a name and type");
    expectSurvivors(project.exportResources(STACK), () => false);
  });

  it("routing latency by the runbook: the failover records destroyed by target, then up", () => {
    const failoverRecords = before.filter(mayChange).map((r) => r.urn);
    expect(failoverRecords.length).toBeGreaterThan(0);
    const targets = failoverRecords.flatMap((urn) => ["--target", urn]);
    expectSuccess(
      project.pulumi(["destroy", "--yes", "--skip-preview", "--stack", STACK, ...targets]),
      "pulumi destroy --target",
    );
    const after = apply({});
    expectSurvivors(after, mayChange);
    const now = new Set(after.map((r) => r.urn));
    expect(failoverRecords.filter((urn) => now.has(urn))).toEqual([]);
    expect(after.filter((r) => mayChange(r) && r.urn.includes("-latency-")).length).toBeGreaterThan(0);
    expectNoChanges();
    before = after;
  });

  it("a new app bundle: launch templates are updated in place, nothing replaced", () => {
    // The project's copy of the server gets one more export: a new bundle, same config.
    appendFileSync(
      path.join(project.dir, "backend", "server.ts"),
      '\nexport const engineTestRelease = "2";\n',
    );
    const after = apply({});
    expectSurvivors(after, () => false);
    const userData = (resources: ExportedResource[]) =>
      (resources as (ExportedResource & { inputs?: { userData?: string } })[])
        .filter((r) => r.type === "aws:ec2/launchTemplate:LaunchTemplate")
        .map((r) => [r.urn, r.inputs?.userData]);
    expect(userData(after).length).toBeGreaterThan(0);
    expect(
      userData(after)
        .map(([urn]) => urn)
        .sort(),
    ).toEqual(
      userData(before)
        .map(([urn]) => urn)
        .sort(),
    );
    // Every launch template carries the new bundle.
    const old = new Map(userData(before).map(([urn, data]) => [urn, data]));
    for (const [urn, data] of userData(after)) expect(data, urn).not.toBe(old.get(urn));
    expectNoChanges();
    before = after;
  });

  it("refresh finds the account as the state says: nothing to change", () => {
    const run = project.pulumi(["refresh", "--yes", "--expect-no-changes", "--stack", STACK]);
    expectSuccess(run, "pulumi refresh --expect-no-changes");
    expectSurvivors(project.exportResources(STACK), () => false);
  });

  it("destroy by the runbook: deletion protection off for one up, then destroy empties the stack", () => {
    const backend = config["multi-region-api:backend"] as Record<string, unknown>;
    const unprotected = apply({ "multi-region-api:backend": { ...backend, deletionProtection: false } });
    const tables = unprotected.filter((r) => r.type === "aws:dynamodb/table:Table");
    expect(tables.length).toBeGreaterThan(0);
    expectSurvivors(unprotected, () => false);
    const run = project.pulumi(["destroy", "--yes", "--skip-preview", "--stack", STACK]);
    expectSuccess(run, "pulumi destroy");
    expect(project.exportResources(STACK).map((r) => r.urn)).toEqual([]);
    // The stand-ins' fake account holds nothing either: every delete reached the "cloud".
    expect(Object.keys(project.accountResources())).toEqual([]);
  });
});
