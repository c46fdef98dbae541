/**
 * Day-2 region changes, run as the engine would see them: the program for the config before and after,
 * and the URN and provider of every resource compared. A resource whose URN disappears is deleted and one
 * moved to another provider is replaced, so for the resources that stay neither may happen; only failover
 * records (whose chain follows the order) may change.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { compareRuns, registrationsOf, type Registered } from "../support/region-changes";
import { stackFileConfig } from "../support/stacks";

const RECORD = "aws:route53/record:Record";
const FAILOVER_DNS = "multiregion:index:FailoverDns";
const THREE = ["us-east-1", "eu-west-1", "ap-southeast-2"];

const prod = stackFileConfig("prod");
const nameOf = (entry: unknown) =>
  typeof entry === "string" ? entry : (entry as { readonly name: string }).name;
/**
 * Prod with other regions. The users table stays in prod's `backend.homeRegion` (us-east-1) while that
 * region is listed; a list without it must name another home (moving the table is a data migration).
 */
const withRegions = (regions: unknown[], homeRegion = "us-east-1") => ({
  ...prod,
  regions,
  backend: {
    ...(prod.backend as Record<string, unknown>),
    homeRegion: regions.map(nameOf).includes(homeRegion) ? homeRegion : nameOf(regions[0]),
  },
});

/** A resource that a removed region owned: its name names the region. */
const ownedBy = (regions: readonly string[]) => (r: Registered) =>
  regions.some((region) => r.name.includes(region));
const isFailoverRecord = (r: Registered) => r.type === RECORD && r.urn.includes(`${FAILOVER_DNS}$`);
// The users table moves only when its home region itself is removed (the runbook: a data migration).
const isUsersTable = (r: Registered) => r.type === "aws:dynamodb/table:Table";
// The one-region-left alarm exists from three regions in service: with two it is each region's own alarm.
const isOneRegionLeftAlarm = (r: Registered) => r.name.endsWith("-one-region-left");

describe("region changes replace nothing that stays (URNs and providers compared)", () => {
  let base: Registered[];
  beforeAll(async () => {
    base = await registrationsOf(withRegions(THREE));
  });

  it.each([
    ["reordered", [...THREE].reverse(), []],
    ["a region added at the end", [...THREE, "us-west-2"], []],
    ["a region added first", ["us-west-2", ...THREE], []],
    ["a middle region removed", ["us-east-1", "ap-southeast-2"], ["eu-west-1"]],
    ["us-east-1 (the primary) removed", ["eu-west-1", "ap-southeast-2"], ["us-east-1"]],
  ])("%s", async (_, regions, removed) => {
    const after = await registrationsOf(withRegions(regions));
    const { gone, movedProvider } = compareRuns(base, after);
    const mayGo = (r: Registered) =>
      isFailoverRecord(r) || ownedBy(removed)(r) || (regions.length < 3 && isOneRegionLeftAlarm(r));
    expect(gone.filter((r) => !mayGo(r)).map((r) => r.urn)).toEqual([]);
    const mayMove = removed.includes("us-east-1") ? isUsersTable : () => false;
    expect(movedProvider.filter((r) => !mayMove(r)).map((r) => r.urn)).toEqual([]);
  });

  it("keeps the health checks, alarms, topic and records on one us-east-1 provider named for it", () => {
    const global = base.filter(
      (r) =>
        // Each region's own alarms and topic (RegionalAlarms, named alarms-<region>-…) stay in their region.
        (["aws:route53/healthCheck:HealthCheck", "aws:sns/topic:Topic"].includes(r.type) &&
          !r.name.startsWith("alarms-")) ||
        (r.type === "aws:cloudwatch/metricAlarm:MetricAlarm" &&
          !r.name.includes("-release-") &&
          !r.name.startsWith("alarms-")) ||
        isFailoverRecord(r),
    );
    expect(global.length).toBeGreaterThan(0);
    expect(new Set(global.map((r) => r.provider?.split("::").slice(0, -1).join("::")))).toEqual(
      new Set([base.find((r) => r.type === "pulumi:providers:aws" && r.name === "us-east-1")?.urn]),
    );
  });

  it("would notice a moved provider: the users table moves when backend.homeRegion changes", async () => {
    const { movedProvider } = compareRuns(base, await registrationsOf(withRegions(THREE, "eu-west-1")));
    expect(movedProvider.map((r) => r.type)).toEqual(["aws:dynamodb/table:Table"]);
  });
});

describe("one ACM validation record per stack, whatever the regions", () => {
  const VALIDATION = "certificates-validation";
  const validationRecord = (registered: readonly Registered[]) =>
    registered.filter((r) => r.type === RECORD && r.urn.includes("multiregion:index:Certificates$"));

  it("registers the same validation-record URN and provider for prod and every change", async () => {
    const prodRecord = validationRecord(await registrationsOf(prod));
    expect(prodRecord.map((r) => r.name)).toEqual([VALIDATION]);
    const changes = [
      withRegions(["eu-west-1", "us-east-1"]),
      withRegions(["us-east-1", "eu-west-1", "ap-southeast-2"]),
      withRegions(["eu-west-1", "ap-southeast-2"]), // the first region of the line above removed
      withRegions([
        {
          name: "us-east-1",
          certificateArn:
            "arn:aws:acm:us-east-1:123456789012:certificate/0f6c1a9e-1111-2222-3333-444455556666",
        },
        "eu-west-1",
      ]),
    ];
    for (const change of changes) {
      const records = validationRecord(await registrationsOf(change));
      expect(records.map((r) => [r.urn, r.provider])).toEqual(prodRecord.map((r) => [r.urn, r.provider]));
    }
  });
});
