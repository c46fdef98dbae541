/** `--dry-run` against a saved stack-outputs file: the plan, with ids, and not one AWS call. */
import { describe, expect, it } from "vitest";
import { runCli } from "../../tools/drill/run-cli";
import { FakeWorld, OUTPUTS_FILE, PRIMARY_HC, NEXT_HC } from "./fake-world";

describe("--dry-run", () => {
  it("prints the plan with the ids from the outputs file and makes no AWS call", async () => {
    const world = new FakeWorld();
    let clientsCreated = 0;
    const deps = world.deps({
      createRoute53Client: () => {
        clientsCreated++;
        throw new Error("a dry run must not create an AWS client");
      },
    });

    const exitCode = await runCli(["--stack", "prod", "--outputs", OUTPUTS_FILE, "--dry-run"], deps);

    expect(world.errors).toEqual([]);
    expect(exitCode).toBe(0);
    expect(clientsCreated).toBe(0);
    expect(world.route53.calls()).toHaveLength(0);
    expect(world.probeUrls).toEqual([]);
    const text = world.text();
    expect(text).toContain("Dry run: no AWS call is made and nothing is changed.");
    expect(text).toContain(
      `GetHealthCheck {HealthCheckId: ${PRIMARY_HC}} (us-east-1): refuse if Inverted or Disabled`,
    );
    expect(text).toContain(
      `GetHealthCheckStatus {HealthCheckId: ${NEXT_HC}} (eu-west-1): refuse unless healthy`,
    );
    expect(text).toContain(`2. Failover: UpdateHealthCheck {HealthCheckId: ${PRIMARY_HC}, Inverted: true}`);
    expect(text).toContain(
      "TestDNSAnswer {HostedZoneId: Z0123456789EXAMPLE, RecordName: api.example.com, RecordType: A}",
    );
    expect(text).toContain("GET https://api.example.com/health");
    expect(text).toContain("d-euw1ghijkl.execute-api.eu-west-1.amazonaws.com");
    expect(text).toContain(`3. Failback: UpdateHealthCheck {HealthCheckId: ${PRIMARY_HC}, Inverted: false}`);
    expect(text).toContain("4. On error, timeout or Ctrl-C");
    expect(text).toContain("Modelled worst case: detection 96 s, traffic moved 156 s");
    expect(text).not.toContain("would refuse");
  });
});
