/**
 * `pulumi preview --policy-pack policy-pack` on the real engine: the CLI's own exit code and output decide,
 * with the stand-in providers answering for AWS.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { EngineProject, POLICY_PACK, prodConfig } from "./engine";

const project = new EngineProject("preview");
const preview = (stack: string) =>
  project.pulumi(["preview", "--stack", stack, "--policy-pack", POLICY_PACK]);

describe("pulumi preview --policy-pack on the real engine", () => {
  beforeAll(() => {
    project.stack("prod", prodConfig());
    project.stack("ttl600", { ...prodConfig(), "multi-region-api:dns": { recordKind: "cname", ttl: 600 } });
    project.stack("drained", { ...prodConfig(), "multi-region-api:drainedRegions": ["eu-west-1"] });
  });

  it("passes prod: exit 0, the pack loaded and every policy passed", () => {
    const run = preview("prod");
    expect(run.output).toContain("multi-region-failover@v0.1.0");
    expect(run.output).toMatch(/\+ 1\d\d to create/);
    expect(run.code, run.output.slice(-4000)).toBe(0);
  });

  it("fails a 600 s CNAME TTL with failover-record-low-ttl in the CLI's output", () => {
    const run = preview("ttl600");
    expect(run.code).not.toBe(0);
    expect(run.output).toMatch(
      /\[mandatory\]\s+failover-record-low-ttl\s+\(aws:route53:Record: failover-primary\)/,
    );
    expect(run.output).toContain("has ttl 600 s");
  });

  it("shows the advisory health-check-drained as a warning and still exits 0", () => {
    const run = preview("drained");
    expect(run.output).toMatch(/\[advisory\]\s+health-check-drained/);
    expect(run.code, run.output.slice(-4000)).toBe(0);
  });
});
