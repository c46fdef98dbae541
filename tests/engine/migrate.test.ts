/**
 * The move from one stack (`part: all`) to parts with `pulumi state move`, run once on the real engine: the
 * runbook's procedure (docs/runbook.md, "Move from one stack to parts"). Every AWS resource must keep its ID,
 * and the first `up` of each part must replace and delete nothing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  EngineProject,
  POLICY_PACK,
  expectSuccess,
  jsonOutput,
  prodConfig,
  type ExportedResource,
} from "./engine";

const project = new EngineProject("migrate");
const REGIONS = ["us-east-1", "eu-west-1"];
/** The order of the moves: every other region, then the home region. */
const MOVES = ["eu-west-1", "us-east-1"];
const HOME = "us-east-1";
const GLOBAL = "moved";
const regional = (region: string) => `${GLOBAL}-${region}`;

/** A URN without `urn:pulumi:<stack>::<project>::`: where a resource sits in whichever stack holds it. */
const place = (urn: string) => urn.split("::").slice(2).join("::");
const up = (stack: string) =>
  expectSuccess(
    project.pulumi(["up", "--yes", "--skip-preview", "--stack", stack, "--policy-pack", POLICY_PACK]),
    `pulumi up --stack ${stack}`,
  );

/** The steps `pulumi preview` plans for a stack, as its --json output lists them. */
function plannedSteps(stack: string): { op: string; urn: string }[] {
  const run = project.pulumi(["preview", "--json", "--stack", stack, "--policy-pack", POLICY_PACK]);
  return jsonOutput<{ steps?: { op: string; urn: string }[] }>(run.output).steps ?? [];
}

/**
 * The top-level resources a region's part takes from the whole stack; their children move with them. The
 * other regions go first, taking their certificate out of `Certificates`, which the home region takes last
 * with what is left in it (its own certificate and the validation record).
 */
function movedTo(region: string, resources: readonly ExportedResource[]): string[] {
  const names =
    region === HOME
      ? [
          `::multiregion:index:RegionalApi::api-${region}`,
          `::multiregion:index:RegionalAlarms::alarms-${region}`,
          "::multiregion:index:UsersTable::users",
          "::multiregion:index:Certificates::certificates",
        ]
      : [
          `::multiregion:index:RegionalApi::api-${region}`,
          `::multiregion:index:RegionalAlarms::alarms-${region}`,
          `Certificate::certificates-${region}`,
          `CertificateValidation::certificates-${region}`,
        ];
  return resources.map((r) => r.urn).filter((urn) => names.some((name) => urn.endsWith(name)));
}

let whole: ExportedResource[] = [];
const planned = new Map<string, { op: string; urn: string }[]>();

describe("moving prod from one stack to parts with pulumi state move", () => {
  beforeAll(() => {
    project.stack(GLOBAL, prodConfig());
    up(GLOBAL);
    whole = project.exportResources(GLOBAL);
    for (const region of MOVES) {
      project.stack(regional(region), {
        ...prodConfig(),
        "multi-region-api:part": region,
        "multi-region-api:globalStack": GLOBAL,
      });
      const urns = movedTo(region, project.exportResources(GLOBAL));
      const run = project.pulumi([
        "state",
        "move",
        "--source",
        GLOBAL,
        "--dest",
        regional(region),
        "--yes",
        ...urns,
      ]);
      expectSuccess(run, `pulumi state move to ${regional(region)}`);
    }
    project.stack(GLOBAL, { ...prodConfig(), "multi-region-api:part": "global" });
    for (const stack of [...REGIONS.map(regional), GLOBAL]) {
      planned.set(stack, plannedSteps(stack));
      up(stack);
    }
  });

  it("keeps every AWS resource's ID, each in exactly one stack", () => {
    const now = [...REGIONS.map(regional), GLOBAL].flatMap((stack) => project.exportResources(stack));
    const idAt = new Map<string, string[]>();
    for (const r of now) idAt.set(place(r.urn), [...(idAt.get(place(r.urn)) ?? []), r.id ?? ""]);
    // The validation record is in every regional part by design (README "Parts"): the moved one keeps its
    // ID, and eu-west-1's UPSERT of the same record is a second entry (the stand-in numbers its ID).
    const validation = "multiregion:index:Certificates$aws:route53/record:Record::certificates-validation";
    const original = whole.find((r) => place(r.urn) === validation);
    expect(idAt.get(validation)).toHaveLength(REGIONS.length);
    expect(idAt.get(validation)).toContain(original?.id);
    const lost = whole
      .filter((r) => r.type.startsWith("aws:") && r.id !== undefined && place(r.urn) !== validation)
      .filter((r) => JSON.stringify(idAt.get(place(r.urn))) !== JSON.stringify([r.id]))
      .map((r) => `${place(r.urn)}: ${r.id} -> ${JSON.stringify(idAt.get(place(r.urn)) ?? "gone")}`);
    expect(lost).toEqual([]);
  });

  it("the first up of each part replaces and deletes no AWS resource", () => {
    const destructive = [...planned].flatMap(([stack, steps]) =>
      steps
        .filter((step) => place(step.urn).split("::")[0].split("$").pop()!.startsWith("aws:"))
        .filter((step) => !["same", "update", "create"].includes(step.op))
        .map((step) => `${stack}: ${step.op} ${place(step.urn)}`),
    );
    expect(destructive).toEqual([]);
    // What each first up creates: the regional parts' own Certificates component and eu-west-1's copy of
    // the validation record (an UPSERT of the same record), and the global part's stack references.
    const created = [...planned].flatMap(([stack, steps]) =>
      steps
        .filter((step) => step.op === "create")
        .map((step) => `${stack}: ${place(step.urn).split("::").pop()}`),
    );
    expect(created.sort()).toEqual([
      "moved-eu-west-1: certificates",
      "moved-eu-west-1: certificates-validation",
    ]);
  });
});
