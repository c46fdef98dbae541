import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import {
  APP_PORT,
  APP_SHUTDOWN_DEADLINE_MS,
  APP_STOP_TIMEOUT_SECONDS,
  SERVED_BY_REGION_HEADER,
} from "@multi-region-api/model/contracts/backend";
import {
  bundleApp,
  NODE_BINARY,
  NODE_PACKAGE,
  renderUserData,
  renderUserDataForBundle,
  USER_DATA_MAX_BYTES,
  UserDataTooLargeError,
} from "../../components/regional/user-data";
import { APP_ASSETS, ASSETS_DIRECTORY } from "../../components/regional/app-assets";

const OPTIONS = { region: "eu-west-1", tableName: "users-3f2a1b" };
const workDirectory = mkdtempSync(path.join(tmpdir(), "user-data-test-"));
afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

/** The app file the script writes, decoded the way the instance decodes it (base64 -d | gunzip). */
function embeddedApp(script: string): Buffer {
  const payload = /<<'APP_BUNDLE'\n([\s\S]*?)APP_BUNDLE\n/.exec(script)?.[1];
  if (payload === undefined) throw new Error("no APP_BUNDLE here-document in the user data");
  return gunzipSync(Buffer.from(payload, "base64"));
}

describe("renderUserData", () => {
  const script = renderUserData(OPTIONS);

  it(`fits EC2's ${USER_DATA_MAX_BYTES}-byte limit with room to grow`, () => {
    const size = Buffer.byteLength(script, "utf8");
    expect(size).toBeLessThanOrEqual(USER_DATA_MAX_BYTES);
    // Today about 8 KB; a failure here is a warning that the app is growing towards the limit.
    expect(size).toBeLessThan(12_000);
  });

  it("is a bash script that bash can parse", () => {
    expect(script.startsWith("#!/bin/bash\n")).toBe(true);
    const file = path.join(workDirectory, "user-data.sh");
    writeFileSync(file, script);
    expect(() => execFileSync("bash", ["-n", file])).not.toThrow();
  });

  it("installs Node.js from the AL2023 repositories, never from npm", () => {
    expect(script).toContain(`dnf install -y ${NODE_PACKAGE}`);
    expect(script).not.toMatch(/\bnpm\b|curl|wget/);
  });

  it("runs the app under systemd as an unprivileged user, restarting it forever, with its environment", () => {
    const unit = /<<'UNIT'\n([\s\S]*?)UNIT\n/.exec(script)?.[1] ?? "";
    expect(unit).toContain(`Environment=PORT=${APP_PORT}\n`);
    expect(unit).toContain("Environment=AWS_REGION=eu-west-1\n");
    expect(unit).toContain("Environment=TABLE_NAME=users-3f2a1b\n");
    expect(unit).toContain(`ExecStart=${NODE_BINARY} /opt/multi-region-api/server.js\n`);
    expect(unit).toContain("DynamicUser=yes\n");
    expect(unit).not.toMatch(/^User=root/m);
    expect(unit).toContain("Restart=always\n");
    expect(unit).toContain("StartLimitIntervalSec=0\n");
    expect(script).toContain("systemctl enable --now multi-region-api.service");
  });

  const unit = /<<'UNIT'\n([\s\S]*?)UNIT\n/.exec(script)?.[1] ?? "";

  it("stops within a stop timeout it sets itself, longer than the app's shutdown deadline", () => {
    expect(unit).toContain(`TimeoutStopSec=${APP_STOP_TIMEOUT_SECONDS}s\n`);
    // The default is 90 s (systemd-system.conf(5), DefaultTimeoutStopSec=); ours is shorter, and the app
    // must be done before SIGKILL.
    expect(APP_STOP_TIMEOUT_SECONDS).toBeLessThan(90);
    expect(APP_SHUTDOWN_DEADLINE_MS).toBeLessThan(APP_STOP_TIMEOUT_SECONDS * 1_000 - 5_000);
  });

  it.each([
    "PrivateTmp=yes",
    "PrivateDevices=yes",
    "PrivateUsers=yes",
    "ProtectSystem=strict",
    "ProtectHome=yes",
    "ProtectKernelTunables=yes",
    "ProtectKernelModules=yes",
    "ProtectKernelLogs=yes",
    "ProtectControlGroups=yes",
    "ProtectClock=yes",
    "ProtectHostname=yes",
    "ProtectProc=invisible",
    "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX",
    "RestrictNamespaces=yes",
    "RestrictRealtime=yes",
    "RestrictSUIDSGID=yes",
    "LockPersonality=yes",
    "CapabilityBoundingSet=",
    "AmbientCapabilities=",
    "SystemCallArchitectures=native",
    "SystemCallFilter=@system-service",
    "SystemCallFilter=~@privileged",
    "SystemCallErrorNumber=EPERM",
    "NoNewPrivileges=yes",
    "UMask=0077",
  ])("hardens the unit with %s", (directive) => {
    expect(unit.split("\n")).toContain(directive);
  });

  it("leaves MemoryDenyWriteExecute off, since V8's JIT needs writable executable memory", () => {
    expect(unit).not.toMatch(/^MemoryDenyWriteExecute=/m);
  });

  const systemdAnalyze = (() => {
    try {
      execFileSync("systemd-analyze", ["--version"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!systemdAnalyze)("scores 3.0 or less in systemd-analyze security (offline)", () => {
    const file = path.join(workDirectory, "multi-region-api.service");
    writeFileSync(file, unit);
    // --threshold makes it exit non-zero above the score; the score is 10 times the shown exposure.
    const report = execFileSync("systemd-analyze", ["security", "--offline=yes", "--threshold=30", file], {
      encoding: "utf8",
    });
    const exposure = Number(/Overall exposure level for \S+: (\d+\.\d)/.exec(report)?.[1]);
    expect(exposure).toBeLessThanOrEqual(3.0);
  });

  it("takes another port when asked", () => {
    expect(renderUserData({ ...OPTIONS, port: 9000 })).toContain("Environment=PORT=9000\n");
  });

  it("embeds exactly the app bundle", () => {
    expect(embeddedApp(script).toString("utf8")).toBe(bundleApp());
  });

  it("differs between regions only in the region", () => {
    const other = renderUserData({ ...OPTIONS, region: "us-east-1" });
    expect(other.replace("AWS_REGION=us-east-1", "AWS_REGION=eu-west-1")).toBe(script);
  });

  it("renders the same bytes on every OS (the gzip header's OS byte is pinned)", () => {
    const payload = /<<'APP_BUNDLE'\n([\s\S]*?)APP_BUNDLE\n/.exec(script)![1]!;
    expect(Buffer.from(payload, "base64")[9]).toBe(0xff);
  });

  it("embeds the users API as built before the program ran (components/assets/users-api.js)", () => {
    const built = readFileSync(path.join(ASSETS_DIRECTORY, APP_ASSETS.usersApi), "utf8");
    expect(built.length).toBeGreaterThan(1000);
    expect(embeddedApp(script).toString("utf8")).toBe(built);
  });

  it.each([
    [{ ...OPTIONS, region: "eu-west-1; reboot" }, /not an AWS region name/],
    [{ ...OPTIONS, region: "" }, /not an AWS region name/],
    [{ ...OPTIONS, tableName: "users\nExecStartPre=/bin/sh" }, /not a DynamoDB table name/],
    [{ ...OPTIONS, tableName: "ab" }, /not a DynamoDB table name/],
    [{ ...OPTIONS, port: 0 }, /port 0 is not 1-65535/],
    [{ ...OPTIONS, port: 80.5 }, /port 80.5 is not 1-65535/],
  ])("refuses values a script or unit would misread: %j", (options, error) => {
    expect(() => renderUserData(options)).toThrow(error);
  });

  it("throws a clear error when the result exceeds 16 KB", () => {
    // Random bytes do not compress: 16 KB of them cannot fit after gzip and base64.
    const incompressible = randomBytes(16 * 1024).toString("hex");
    expect(() => renderUserDataForBundle(OPTIONS, incompressible)).toThrow(UserDataTooLargeError);
    expect(() => renderUserDataForBundle(OPTIONS, incompressible)).toThrow(/over EC2's limit of 16384 bytes/);
  });
});

describe("the app bundle", () => {
  const bundle = bundleApp();

  it("needs nothing but node's own modules (the instances cannot reach npm)", () => {
    const required = [...bundle.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]!);
    expect(required.length).toBeGreaterThan(0);
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    expect(required.filter((name) => !builtins.has(name))).toEqual([]);
  });

  it("starts, answers with the region header and stops on SIGTERM", async () => {
    const file = path.join(workDirectory, "server.js");
    writeFileSync(file, bundle);
    const child = spawn(process.execPath, [file], {
      env: { PATH: process.env.PATH, PORT: "0", AWS_REGION: "eu-west-1", TABLE_NAME: "users-3f2a1b" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let output = "";
        child.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          const listening = output.split("\n").find((line) => line.includes('"event":"listening"'));
          if (listening !== undefined) resolve((JSON.parse(listening) as { port: number }).port);
        });
        child.once("exit", (code) => reject(new Error(`the app exited with ${code} before listening`)));
      });
      // A route that needs no AWS: the bundle's routing, headers and JSON answers all run for real.
      const response = await fetch(`http://127.0.0.1:${port}/nowhere`);
      expect(response.status).toBe(404);
      expect(response.headers.get(SERVED_BY_REGION_HEADER)).toBe("eu-west-1");
      const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  it("refuses to start without its environment, naming what is missing", () => {
    const file = path.join(workDirectory, "server.js");
    writeFileSync(file, bundle);
    let failure: { status: number | null; stderr: Buffer } | undefined;
    try {
      execFileSync(process.execPath, [file], {
        env: { PATH: process.env.PATH, PORT: "8080" },
        stdio: "pipe",
      });
    } catch (error) {
      failure = error as { status: number | null; stderr: Buffer };
    }
    expect(failure?.status).toBe(1);
    expect(failure?.stderr.toString()).toContain("missing environment variables: AWS_REGION, TABLE_NAME");
  });
});
