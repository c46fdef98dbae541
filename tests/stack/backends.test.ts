// Where each region's API sends its requests: `regions[i].backendUrl` overrides `backend` for that region,
// on the strict mocks (README "External backends").
import { describe, expect, it } from "vitest";
import { HEALTH_PATH } from "@multi-region-api/model/contracts/backend";
import { MINIMAL_CONFIG, ofType, runStack } from "../support/stacks";

const SHARED = "https://backend.example.net";
const EU_OWN = "https://eu.backend.example.net";

/** Region → the backend base URL its health integration proxies to. */
async function healthBackends(raw: Record<string, unknown>) {
  const run = await runStack(raw);
  const health = ofType(run, "aws:apigateway/integration:Integration").filter((i) =>
    String(i.inputs.uri).endsWith(HEALTH_PATH),
  );
  return {
    run,
    byRegion: Object.fromEntries(
      health.map((i) => [i.region, String(i.inputs.uri).slice(0, -HEALTH_PATH.length)]),
    ),
  };
}

/** The regions that run app instances, whichever way the program creates them. */
const INSTANCE_TYPES = ["aws:ec2/instance:Instance", "aws:autoscaling/group:Group"];
const instanceRegions = (run: Awaited<ReturnType<typeof healthBackends>>["run"]) =>
  new Set(run.registrations.filter((r) => INSTANCE_TYPES.includes(r.type)).map((r) => r.region));

describe("per-region backend URLs", () => {
  it("proxies a region with backendUrl to it, and the others to backend.url", async () => {
    const { run, byRegion } = await healthBackends({
      ...MINIMAL_CONFIG,
      backend: { url: SHARED },
      regions: ["us-east-1", { name: "eu-west-1", backendUrl: `${EU_OWN}/` }],
    });

    expect(byRegion).toEqual({ "us-east-1": SHARED, "eu-west-1": EU_OWN });
    expect(ofType(run, "aws:dynamodb/table:Table")).toEqual([]);
    expect(instanceRegions(run)).toEqual(new Set());
  });

  it("creates no instances and no table when every region has its own backend", async () => {
    const { run, byRegion } = await healthBackends({
      ...MINIMAL_CONFIG,
      regions: [
        { name: "us-east-1", backendUrl: "https://use1.backend.example.net" },
        { name: "eu-west-1", backendUrl: EU_OWN },
      ],
    });

    expect(byRegion).toEqual({ "us-east-1": "https://use1.backend.example.net", "eu-west-1": EU_OWN });
    expect(ofType(run, "aws:dynamodb/table:Table")).toEqual([]);
    expect(
      run.registrations.filter((r) => r.type.startsWith("aws:ec2/") && r.type.includes("aunch")),
    ).toEqual([]);
  });

  it("keeps EC2 instances and the users table in the other regions when one region has its own backend", async () => {
    const { run, byRegion } = await healthBackends({
      ...MINIMAL_CONFIG,
      regions: ["us-east-1", "eu-west-2", { name: "eu-west-1", backendUrl: EU_OWN }],
    });

    expect(byRegion["eu-west-1"]).toBe(EU_OWN);
    expect(byRegion["us-east-1"]).not.toMatch(/^https:\/\/[a-z.]*backend\.example\.net/);
    expect(instanceRegions(run)).toEqual(new Set(["us-east-1", "eu-west-2"]));
    const [table] = ofType(run, "aws:dynamodb/table:Table");
    expect(table.region).toBe("us-east-1");
    expect(table.inputs.replicas).toEqual([expect.objectContaining({ regionName: "eu-west-2" })]);
  });
});
