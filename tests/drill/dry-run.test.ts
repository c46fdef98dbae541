/** `--dry-run` against a saved stack-outputs file: the plan, with ids, and not one AWS call. */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
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
      "GetHostedZone {Id: Z0123456789EXAMPLE}: the zone's name servers (delegation set)",
    );
    expect(text).toContain("api.example.com A, asked of the zone's name servers (node:dns)");
    expect(text).toContain(
      `CloudWatch (us-east-1) GetMetricData AWS/Route53 HealthCheckStatus {HealthCheckId: ${PRIMARY_HC}}`,
    );
    expect(text).toContain("GET https://api.example.com/health");
    expect(text).toContain("d-euw1ghijkl.execute-api.eu-west-1.amazonaws.com");
    expect(text).toContain(`3. Failback: UpdateHealthCheck {HealthCheckId: ${PRIMARY_HC}, Inverted: false}`);
    expect(text).toContain("4. On error, timeout or Ctrl-C");
    expect(text).toContain("Modelled worst case: detection 96 s, traffic moved 156 s");
    expect(text).not.toContain("would refuse");
  });
});

describe("the command line's conventions", () => {
  it.each([["--help"], ["-h"]])(
    "%s prints the help and exits 0 without reading any outputs",
    async (flag) => {
      const world = new FakeWorld();
      const exitCode = await runCli([flag], world.deps());

      expect(exitCode).toBe(0);
      expect(world.errors).toEqual([]);
      expect(world.text()).toMatch(/^usage: npm run drill -- --stack <name>/);
      expect(world.text()).toContain("--outputs FILE");
    },
  );

  it.each([
    [["--dry-run"], "--stack is required"],
    [["--stack", "prod", "--timeout", "soon"], '--timeout must be a positive number of seconds, got "soon"'],
    [["--stack", "prod", "--dry-run", "now"], "Unexpected argument 'now'"],
  ])("exits 2 on bad usage %j, naming the option, with the usage line", async (argv, message) => {
    const world = new FakeWorld();
    const exitCode = await runCli(argv, world.deps());

    expect(exitCode).toBe(2);
    expect(world.errors.join("\n")).toContain(`drill: ${message}`);
    expect(world.errors.join("\n")).toContain("usage: npm run drill -- --stack <name>");
    expect(world.output).toEqual([]);
  });
});

describe("the real entry point (tools/drill/cli.ts, as `npm run drill` runs it)", () => {
  const root = join(__dirname, "..", "..");
  const run = (...args: string[]) =>
    spawnSync(join(root, "node_modules", ".bin", "tsx"), ["tools/drill/cli.ts", ...args], {
      cwd: root,
      encoding: "utf8",
      // No credentials and no reachable endpoint: any AWS call would fail the run.
      env: {
        ...process.env,
        AWS_ACCESS_KEY_ID: "",
        AWS_SECRET_ACCESS_KEY: "",
        AWS_ENDPOINT_URL: "http://127.0.0.1:9",
      },
    });

  it("prints the plan for the dry run the README and the runbook show, and exits 0", () => {
    const command = (doc: string) =>
      readFileSync(join(root, doc), "utf8").match(
        /^npm run drill -- (.*--outputs tests\/drill\/fixtures\S+.*)$/m,
      )?.[1];
    const shown = command("README.md");
    expect(shown).toBeDefined();
    expect(command("docs/runbook.md")).toBe(shown);
    const result = run(...shown!.split(/\s+/));

    expect(result.stderr).not.toMatch(/drill:/);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      `2. Failover: UpdateHealthCheck {HealthCheckId: ${PRIMARY_HC}, Inverted: true}`,
    );
  });

  it("prints the help for -h on stdout and exits 0", () => {
    const result = run("-h");

    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^usage: npm run drill -- --stack <name>/);
    expect(result.stderr).toBe("");
  });

  it("exits 2 on bad usage, naming the option, with the usage line", () => {
    const result = run("--stack", "prod", "--force");

    expect(result.status).toBe(2);
    expect(result.stderr).toContain("drill: Unknown option '--force'");
    expect(result.stderr).toContain("usage: npm run drill -- --stack <name>");
    expect(result.stdout).toBe("");
  });

  it("exits 1 with the reason for a missing outputs file", () => {
    const result = run("--stack", "prod", "--outputs", "no-such-file.json", "--dry-run");

    expect(result.status).toBe(1);
    expect(result.stderr).toContain("drill: could not read stack outputs file no-such-file.json");
  });
});
