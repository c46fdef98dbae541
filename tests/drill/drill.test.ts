/**
 * The drill end to end through its command line, against a simulated Route 53 and API (fake-world.ts):
 * no network, no AWS, a fake clock.
 */
import { GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import {
  GetHealthCheckStatusCommand,
  GetHostedZoneCommand,
  UpdateHealthCheckCommand,
} from "@aws-sdk/client-route-53";
import { describe, expect, it } from "vitest";
import { runCli } from "../../tools/drill/run-cli";
import { FakeWorld, NEXT, NEXT_HC, OUTPUTS_FILE, PRIMARY, PRIMARY_HC, type Scenario } from "./fake-world";

const NORMAL: Scenario = {
  failover: { detectAfter: 30, dnsAfter: 35, trafficAfter: 95 },
  failback: { detectAfter: 20, dnsAfter: 25, trafficAfter: 70 },
};

async function drill(world: FakeWorld, ...extra: string[]): Promise<number> {
  return runCli(["--stack", "prod", "--outputs", OUTPUTS_FILE, "--poll", "5", ...extra], world.deps());
}

describe("a normal drill", () => {
  it("fails over, fails back, and reports measured times next to the modelled worst case", async () => {
    const world = new FakeWorld(NORMAL);

    const exitCode = await drill(world);

    expect(world.errors).toEqual([]);
    expect(exitCode).toBe(0);
    // The only mutating calls: invert (guarded by the version read in preflight), then fail back.
    expect(world.updateCalls()).toEqual([
      { HealthCheckId: PRIMARY_HC, Inverted: true, HealthCheckVersion: 7 },
      { HealthCheckId: PRIMARY_HC, Inverted: false, HealthCheckVersion: undefined },
    ]);
    // DNS from the zone's own name servers (its delegation set), asked directly.
    expect(world.route53.commandCalls(GetHostedZoneCommand)[0]?.args[0].input).toEqual({
      Id: "Z0123456789EXAMPLE",
    });
    expect(world.resolverServers).toEqual([["205.251.192.1", "205.251.194.2"]]);
    // Detection from the HealthCheckStatus metric of the primary's check, in us-east-1.
    const metricQuery = world.cloudWatch.commandCalls(GetMetricDataCommand)[0]?.args[0].input;
    expect(metricQuery?.MetricDataQueries?.[0]?.MetricStat).toEqual({
      Metric: {
        Namespace: "AWS/Route53",
        MetricName: "HealthCheckStatus",
        Dimensions: [{ Name: "HealthCheckId", Value: PRIMARY_HC }],
      },
      Period: 60,
      Stat: "Minimum",
    });
    expect(new Set(world.probeUrls)).toEqual(new Set(["https://api.example.com/health"]));

    const text = world.text();
    // Timeline of the failover, stamped from the UpdateHealthCheck call.
    expect(text).toContain(`T+   0 s  UpdateHealthCheck ${PRIMARY_HC} (us-east-1) Inverted: true`);
    expect(text).toMatch(/T\+ {2}30 s {2}us-east-1 HealthCheckStatus: 0 \(unhealthy\)/);
    expect(text).toMatch(/T\+ {2}35 s {2}ns-1\.awsdns-01\.org answers eu-west-1: 52\.16\.0\.\d/);
    expect(text).toContain("T+  95 s  GET /health: HTTP 200, x-served-by-region: eu-west-1");
    // Failback timeline, restarted at 0.
    expect(text).toContain(`T+   0 s  UpdateHealthCheck ${PRIMARY_HC} (us-east-1) Inverted: false`);
    expect(text).toMatch(/T\+ {2}25 s {2}ns-1\.awsdns-01\.org answers us-east-1: 3\.5\.0\.\d/);
    expect(text).toContain("T+  70 s  GET /health: HTTP 200, x-served-by-region: us-east-1");

    // Figures: measured, then the modelled worst case from failoverTime (96 s detection, 156 s total).
    expect(text).toMatch(
      /detection: us-east-1 HealthCheckStatus unhealthy +30 s +96 s \(30 s x 3 \+ 6 s timeouts\) {2}within model/,
    );
    expect(text).toMatch(/DNS switch: name servers answer eu-west-1 +35 s +96 s/);
    expect(text).toMatch(/traffic switch: served by eu-west-1 +95 s +156 s \(\+ TTL 60 s\) {2}within model/);
    expect(text).toMatch(/detection: us-east-1 HealthCheckStatus healthy +20 s/);
    expect(text).toMatch(/DNS switch: name servers answer us-east-1 +25 s/);
    expect(text).toMatch(/traffic switch: served by us-east-1 +70 s/);
    expect(text).toContain("Drill completed.");
    expect(text).toContain("restored by the failback (Inverted: false)");
  });

  it("flags a switch slower than the model", async () => {
    const world = new FakeWorld({
      ...NORMAL,
      failover: { detectAfter: 30, dnsAfter: 35, trafficAfter: 200 },
    });

    expect(await drill(world)).toBe(0);

    expect(world.text()).toMatch(
      /traffic switch: served by eu-west-1 +200 s +156 s .*SLOWER than modelled by 44 s/,
    );
  });

  it("still measures DNS and traffic when the metric never shows the change", async () => {
    const world = new FakeWorld({
      failover: { dnsAfter: 35, trafficAfter: 95 },
      failback: { dnsAfter: 25, trafficAfter: 70 },
    });

    expect(await drill(world)).toBe(0);

    expect(world.text()).toMatch(/detection: us-east-1 HealthCheckStatus unhealthy +- .*not observed/);
    expect(world.text()).toContain("detection not observed");
  });
});

describe("a drill that times out", () => {
  it("restores the health check and exits non-zero", async () => {
    const world = new FakeWorld({ failover: { detectAfter: 30, dnsAfter: 35 } }); // traffic never moves

    const exitCode = await drill(world, "--timeout", "60");

    expect(exitCode).toBe(2);
    expect(world.updateCalls().map((call) => call.Inverted)).toEqual([true, false]);
    // Restored as soon as the 60 s were up, not later.
    expect(world.updateSeconds).toEqual([0, 60]);
    const text = world.text();
    expect(text).toContain("Timed out: failover: traffic did not move to eu-west-1 within 60 s");
    expect(text).toContain(`Restored: health check ${PRIMARY_HC} (us-east-1) is Inverted: false again.`);
    expect(text).toContain("Drill timed-out.");
    // The partial measurements are still reported.
    expect(text).toMatch(/DNS switch: name servers answer eu-west-1 +35 s/);
    expect(text).toMatch(/traffic switch: served by eu-west-1 +- /);
  });

  it("times out in the failback too, where the health check is already back to Inverted: false", async () => {
    const world = new FakeWorld({ ...NORMAL, failback: { dnsAfter: 25 } }); // traffic never returns

    expect(await drill(world, "--timeout", "120")).toBe(2);

    expect(world.updateCalls().map((call) => call.Inverted)).toEqual([true, false]);
    expect(world.text()).toContain("failback: traffic did not move to us-east-1 within 120 s");
    expect(world.text()).toContain("restored by the failback");
  });
});

describe("an error midway", () => {
  it("restores the health check when a call fails during the failover", async () => {
    const world = new FakeWorld(NORMAL);
    world.cloudWatch.on(GetMetricDataCommand).rejectsOnce(new Error("Rate exceeded"));

    const exitCode = await drill(world);

    expect(exitCode).toBe(1);
    expect(world.updateCalls()).toEqual([
      { HealthCheckId: PRIMARY_HC, Inverted: true, HealthCheckVersion: 7 },
      { HealthCheckId: PRIMARY_HC, Inverted: false, HealthCheckVersion: undefined },
    ]);
    expect(world.text()).toContain("Drill failed: Rate exceeded");
    expect(world.text()).toContain(
      `Restored: health check ${PRIMARY_HC} (us-east-1) is Inverted: false again.`,
    );
  });

  it("restores even when the invert call itself fails (it may have been applied)", async () => {
    const world = new FakeWorld(NORMAL);
    world.route53.on(UpdateHealthCheckCommand, { Inverted: true }).rejects(new Error("socket hang up"));

    expect(await drill(world)).toBe(1);

    expect(world.updateCalls().map((call) => call.Inverted)).toEqual([true, false]);
  });

  it("retries the restore, then says loudly how to restore by hand and exits 4", async () => {
    const world = new FakeWorld(NORMAL);
    world.dnsAlwaysFails = Object.assign(new Error("queryA ESERVFAIL api.example.com"), {
      code: "ESERVFAIL",
    });
    world.route53.on(UpdateHealthCheckCommand, { Inverted: false }).rejects(new Error("Throttling"));

    expect(await drill(world)).toBe(4);

    expect(world.updateCalls().map((call) => call.Inverted)).toEqual([true, false, false, false]);
    expect(world.text()).toContain(`COULD NOT RESTORE health check ${PRIMARY_HC}`);
    expect(world.text()).toContain(
      `aws route53 update-health-check --health-check-id ${PRIMARY_HC} --no-inverted`,
    );
    expect(world.text()).toContain("pulumi up --refresh");
  });
});

describe("what the zone's name servers say", () => {
  it("reports NXDOMAIN as an answer to keep polling on, not as an error", async () => {
    const world = new FakeWorld(NORMAL);
    world.dnsFailures.push(
      Object.assign(new Error("queryA ENOTFOUND api.example.com"), { code: "ENOTFOUND" }),
    );

    expect(await drill(world)).toBe(0);

    expect(world.text()).toMatch(/ns-1\.awsdns-01\.org answers unrecognised: NXDOMAIN/);
  });
});

describe("an error in preflight", () => {
  it("changes nothing and exits 1", async () => {
    const world = new FakeWorld(NORMAL);
    world.route53.on(GetHealthCheckStatusCommand).rejects(new Error("AccessDenied"));

    expect(await drill(world)).toBe(1);

    expect(world.updateCalls()).toEqual([]);
    expect(world.text()).toContain("Drill failed during preflight: AccessDenied");
    expect(world.text()).toContain("The health check was never changed.");
  });
});

describe("an interrupted drill (Ctrl-C)", () => {
  it("stops polling, restores the health check and exits 130", async () => {
    const world = new FakeWorld(NORMAL);
    const abort = new AbortController();
    world.clock.onSleep = (nowMs) => {
      if (nowMs >= 1_000_000 + 20_000) abort.abort(new Error("interrupted by SIGINT"));
    };

    const exitCode = await runCli(
      ["--stack", "prod", "--outputs", OUTPUTS_FILE],
      world.deps({ signal: abort.signal }),
    );

    expect(exitCode).toBe(130);
    expect(world.updateCalls().map((call) => call.Inverted)).toEqual([true, false]);
    expect(world.text()).toContain("Interrupted.");
    expect(world.text()).toContain("Restored: health check");
  });
});

describe("refusals: the drill changes nothing", () => {
  it("refuses when a region is already drained", async () => {
    const world = new FakeWorld({ ...NORMAL, primaryInverted: true });

    expect(await drill(world)).toBe(3);

    expect(world.updateCalls()).toEqual([]);
    expect(world.text()).toContain(
      `region us-east-1 is already drained: health check ${PRIMARY_HC} is Inverted`,
    );
    expect(world.text()).toContain("The health check was never changed.");
  });

  it("refuses when the next region's health check is inverted", async () => {
    const world = new FakeWorld({ ...NORMAL, nextInverted: true });

    expect(await drill(world)).toBe(3);

    expect(world.updateCalls()).toEqual([]);
    expect(world.text()).toContain(
      `region eu-west-1 is already drained: health check ${NEXT_HC} is Inverted`,
    );
  });

  it("refuses when a health check is disabled (Route 53 treats it as always healthy)", async () => {
    const world = new FakeWorld({ ...NORMAL, primaryDisabled: true });

    expect(await drill(world)).toBe(3);

    expect(world.updateCalls()).toEqual([]);
    expect(world.text()).toContain("is Disabled");
  });

  it("refuses when the secondary is unhealthy: 2 of 16 checkers (12.5%) is not more than 18%", async () => {
    const world = new FakeWorld({ ...NORMAL, nextSuccesses: 2 });

    expect(await drill(world)).toBe(3);

    expect(world.updateCalls()).toEqual([]);
    expect(world.text()).toMatch(/secondary eu-west-1 is not healthy: unhealthy \(2\/16 checkers/);
  });

  it("starts when 3 of 16 checkers (18.75%) report the secondary healthy", async () => {
    const world = new FakeWorld({ ...NORMAL, nextSuccesses: 3 });

    expect(await drill(world)).toBe(0);
  });

  it("refuses when traffic is not on the primary to begin with", async () => {
    const world = new FakeWorld({ ...NORMAL, servedBefore: NEXT });

    expect(await drill(world)).toBe(3);

    expect(world.updateCalls()).toEqual([]);
    expect(world.text()).toContain(`traffic is not served by the primary ${PRIMARY} now`);
  });
});
