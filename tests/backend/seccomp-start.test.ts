/**
 * The app starts and serves under the unit's system-call filter (issue 25, item 7). There is no systemd to
 * start the unit here, so the test applies the seccomp part of it itself: the SystemCallFilter= lines are
 * read from the unit renderUserData writes, resolved the way systemd resolves them with this machine's
 * `systemd-analyze syscall-filter` (so the groups hold what this systemd's groups hold), and installed by
 * tools/seccomp-run (no_new_privs, default action EPERM, native architecture only) before it execs Node with
 * the built app and the unit's Environment=. What this does not show (namespaces, ProtectSystem=,
 * capabilities, the fleet's arm64 and Node 22): docs/architecture.md, "The instances' system-call filter".
 */
import dynalite from "dynalite";
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { connect, type AddressInfo, type Server as NetServer } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { createServer as createTlsServer } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CALLER_SUB_HEADER, HEALTHY_MARKER } from "@multi-region-api/model/contracts/backend";
import { IMDS_ENDPOINT } from "../../backend/imds-credentials";
import { IDEMPOTENCY_KEY_HEADER } from "../../backend/idempotency";
import { bundleApp, renderUserData } from "../../components/regional/user-data";

const ROOT = path.join(__dirname, "..", "..");
const LAUNCHER = path.join(ROOT, ".tools", "seccomp-run", "bin", "seccomp-run");
const REGION = "eu-west-1";
const TABLE = "users-seccomp";

/** What the test needs from the machine; without one of them it says which and skips. */
function missingTools(): string[] {
  const has = (command: string, args: string[]) => spawnSync(command, args, { stdio: "ignore" }).status === 0;
  return [
    ...(process.platform === "linux" ? [] : ["Linux (seccomp)"]),
    ...(has("go", ["version"]) ? [] : ["go"]),
    ...(has("systemd-analyze", ["--version"]) ? [] : ["systemd-analyze"]),
    ...(has("openssl", ["version"]) ? [] : ["openssl"]),
  ];
}
const missing = missingTools();

/** The `[Service]` directives of the unit the instances run, in their order. */
function serviceDirectives(port: number): Array<[string, string]> {
  const script = renderUserData({ region: REGION, tableName: TABLE, port });
  const unit = /<<'UNIT'\n([\s\S]*?)UNIT\n/.exec(script)?.[1];
  if (unit === undefined) throw new Error("no UNIT here-document in the user data");
  const service = /^\[Service\]\n([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(unit)?.[1] ?? "";
  return service
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const at = line.indexOf("=");
      return [line.slice(0, at), line.slice(at + 1)];
    });
}

const valuesOf = (directives: Array<[string, string]>, key: string) =>
  directives.filter(([name]) => name === key).map(([, value]) => value);

const groups = new Map<string, string[]>();

/** A group's system calls with its nested groups expanded, as this machine's systemd defines them. */
function resolveGroup(group: string): string[] {
  const known = groups.get(group);
  if (known !== undefined) return known;
  // The first line names the group; then one entry a line, "# ..." the description, "@..." a nested group.
  const entries = execFileSync("systemd-analyze", ["syscall-filter", group], { encoding: "utf8" })
    .split("\n")
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  if (entries.length === 0) throw new Error(`systemd-analyze knows no system call group ${group}`);
  const calls = [
    ...new Set(entries.flatMap((entry) => (entry.startsWith("@") ? resolveGroup(entry) : [entry]))),
  ];
  groups.set(group, calls);
  return calls;
}

const resolveEntry = (entry: string) => (entry.startsWith("@") ? resolveGroup(entry) : [entry]);

/**
 * The allow-list systemd builds from SystemCallFilter= lines (systemd.exec(5), and load-fragment.c's
 * config_parse_syscall_filter): a first line without "~" starts an allow-list that holds @default besides
 * what it names; each later line adds its calls, or with "~" removes them; an empty line starts over.
 */
function allowListOf(filterLines: string[]): string[] {
  let allowed: Set<string> | undefined;
  for (const line of filterLines) {
    if (line.trim() === "") {
      allowed = undefined;
      continue;
    }
    const deny = line.startsWith("~");
    if (allowed === undefined) {
      // systemd's other mode, a deny-list over "allow everything", is not what the unit does nor what
      // seccomp-run installs: fail rather than test something else.
      if (deny) throw new Error(`SystemCallFilter=${line} starts a deny-list; the test applies allow-lists`);
      allowed = new Set(resolveGroup("@default"));
    }
    for (const entry of line.replace(/^~/, "").split(/\s+/).filter(Boolean)) {
      // "name:errno" (an errno of its own for one call) has no counterpart in seccomp-run.
      if (entry.includes(":"))
        throw new Error(`SystemCallFilter entry ${entry}: per-call errno is not applied`);
      for (const call of resolveEntry(entry)) {
        if (deny) allowed.delete(call);
        else allowed.add(call);
      }
    }
  }
  if (allowed === undefined) throw new Error("the unit has no SystemCallFilter=: nothing to apply");
  return [...allowed].sort();
}

describe.skipIf(missing.length > 0)(
  `the app under the unit's system-call filter${missing.length > 0 ? ` (skipped: no ${missing.join(", ")} here)` : ""}`,
  () => {
    const work = mkdtempSync(path.join(tmpdir(), "seccomp-start-"));
    const appFile = path.join(work, "server.js");
    const preloadFile = path.join(work, "endpoints.cjs");
    let port = 0;
    let directives: Array<[string, string]> = [];
    let allowList: string[] = [];
    let store: Server;
    let storeUrl = "";
    let tls: NetServer;
    let tlsUrl = "";
    let tlsConnections = 0;
    let imds: Server;
    let imdsUrl = "";
    const children: ChildProcess[] = [];

    /** seccomp-run's allow-list file, and the arguments that apply it with the unit's errno. */
    function launcherArgs(calls: string[], name: string): string[] {
      const file = path.join(work, `${name}.allow`);
      writeFileSync(file, `${calls.join("\n")}\n`);
      const [errno] = valuesOf(directives, "SystemCallErrorNumber");
      return ["--allow", file, "--errno", errno ?? "", "--"];
    }

    /** Starts the built app with the unit's environment under seccomp-run; its output is collected. */
    function startApp(calls: string[], name: string) {
      const environment = Object.fromEntries(
        valuesOf(directives, "Environment").map((value) => [
          value.split("=")[0]!,
          value.slice(value.indexOf("=") + 1),
        ]),
      );
      const child = spawn(
        LAUNCHER,
        [...launcherArgs(calls, name), process.execPath, "--require", preloadFile, appFile],
        {
          env: {
            ...environment,
            ENDPOINT_REDIRECTS: JSON.stringify({
              [IMDS_ENDPOINT]: imdsUrl,
              [`https://dynamodb.${REGION}.amazonaws.com`]: tlsUrl,
            }),
            NODE_EXTRA_CA_CERTS: path.join(work, "cert.pem"),
          },
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      children.push(child);
      const output = { stdout: "", stderr: "" };
      child.stdout!.on("data", (chunk: Buffer) => (output.stdout += chunk.toString()));
      child.stderr!.on("data", (chunk: Buffer) => (output.stderr += chunk.toString()));
      const exited = new Promise<number | string>((resolve) =>
        child.once("exit", (code, signal) => resolve(code ?? signal ?? "?")),
      );
      /** Resolves when the app logs that it listens; rejects with its output if it exits first. */
      const listening = new Promise<void>((resolve, reject) => {
        child.stdout!.on("data", () => {
          if (output.stdout.includes('"event":"listening"')) resolve();
        });
        void exited.then((code) =>
          reject(new Error(`exited with ${code} before listening:\n${output.stdout}${output.stderr}`)),
        );
      });
      return { child, output, exited, listening };
    }

    /** A DynamoDB call from the test itself: dynalite wants SigV4 headers present, not valid. */
    async function dynamodb(action: string, body: unknown): Promise<Record<string, unknown>> {
      const response = await fetch(storeUrl, {
        method: "POST",
        headers: {
          "content-type": "application/x-amz-json-1.0",
          "x-amz-target": `DynamoDB_20120810.${action}`,
          "x-amz-date": "20260501T120000Z",
          authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260501/${REGION}/dynamodb/aws4_request, SignedHeaders=host, Signature=0`,
        },
        body: JSON.stringify(body),
      });
      const answer = (await response.json()) as Record<string, unknown>;
      if (response.status !== 200) throw new Error(`${action}: ${JSON.stringify(answer)}`);
      return answer;
    }

    const listen = (server: NetServer) =>
      new Promise<number>((resolve) =>
        server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)),
      );

    beforeAll(async () => {
      // Seconds with a warm Go cache; the first build on a machine downloads the module from the Go proxy.
      execFileSync("bash", [path.join(ROOT, "tools", "seccomp-run", "build.sh")], { stdio: "inherit" });
      // A free port for the unit to name, so the app listens where the unit says without taking 8080.
      const probe = createServer();
      port = await listen(probe);
      await new Promise((resolve) => probe.close(resolve));
      directives = serviceDirectives(port);
      allowList = allowListOf(valuesOf(directives, "SystemCallFilter"));

      store = dynalite({ createTableMs: 0 });
      storeUrl = `http://127.0.0.1:${await listen(store)}`;
      await dynamodb("CreateTable", {
        TableName: TABLE,
        AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
        BillingMode: "PAY_PER_REQUEST",
      });
      // IMDSv2 as the instance role sees it: a session token, the role's name, the role's credentials.
      imds = createServer((request, response) => {
        const route = `${request.method} ${request.url}`;
        const tokenOk = request.headers["x-aws-ec2-metadata-token"] === "imds-token";
        const credentials = {
          Code: "Success",
          AccessKeyId: "ASIAEXAMPLE",
          SecretAccessKey: "secret",
          Token: "session",
          Expiration: new Date(Date.now() + 6 * 3_600_000).toISOString(),
        };
        const answers: Record<string, string> = {
          "PUT /latest/api/token": "imds-token",
          ...(tokenOk && {
            "GET /latest/meta-data/iam/security-credentials/": "app-role\n",
            "GET /latest/meta-data/iam/security-credentials/app-role": JSON.stringify(credentials),
          }),
        };
        const answer = answers[route];
        if (answer === undefined) response.writeHead(tokenOk ? 404 : 401);
        response.end(answer);
      });
      imdsUrl = `http://127.0.0.1:${await listen(imds)}`;

      // The instances reach DynamoDB over HTTPS by name: the app gets TLS from a proxy in front of dynalite,
      // under a certificate for localhost it is told to trust, so its TLS handshake and its lookup of a
      // hostname (getaddrinfo, on libuv's threads) run under the filter too.
      execFileSync(
        "openssl",
        ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1"]
          .concat(["-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"])
          .concat(["-keyout", path.join(work, "key.pem"), "-out", path.join(work, "cert.pem")]),
        { stdio: "ignore" },
      );
      const storePort = Number(new URL(storeUrl).port);
      tls = createTlsServer(
        { key: readFileSync(path.join(work, "key.pem")), cert: readFileSync(path.join(work, "cert.pem")) },
        (socket) => {
          tlsConnections += 1;
          const upstream = connect(storePort, "127.0.0.1");
          socket.pipe(upstream).pipe(socket);
          socket.on("error", () => upstream.destroy());
          upstream.on("error", () => socket.destroy());
        },
      );
      tlsUrl = `https://localhost:${await listen(tls)}`;

      // The bundle as the instance gets it, untouched; only where its fetch goes is changed, from outside:
      // IMDS's link-local address and DynamoDB's hostname are the fakes' loopback ports here.
      writeFileSync(appFile, bundleApp());
      writeFileSync(
        preloadFile,
        `const redirects = JSON.parse(process.env.ENDPOINT_REDIRECTS);
const realFetch = globalThis.fetch;
globalThis.fetch = (input, init) => {
  const url = new URL(String(input));
  const to = redirects[url.origin];
  return realFetch(to === undefined ? input : to + url.pathname + url.search, init);
};
`,
      );
    });

    afterAll(async () => {
      for (const child of children)
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await Promise.all(
        [tls, store, imds].filter(Boolean).map((server) => new Promise((resolve) => server.close(resolve))),
      );
      rmSync(work, { recursive: true, force: true });
    });

    it("computes the allow-list from the unit's lines: hundreds of calls, none of @privileged", () => {
      const filtered = execFileSync(LAUNCHER, ["--allow", launcherArgs(allowList, "print")[1]!, "--print"], {
        encoding: "utf8",
      })
        .trim()
        .split("\n");
      // What the filter holds on this architecture (the groups also name other ABIs' calls, which it skips).
      expect(filtered.length).toBeGreaterThan(200);
      expect(filtered.every((call) => allowList.includes(call))).toBe(true);
      expect(filtered).toEqual(
        expect.arrayContaining(["read", "write", "mmap", "epoll_create1", "socket", "accept4"]),
      );
      expect(filtered.filter((call) => resolveGroup("@privileged").includes(call))).toEqual([]);
      // Named ones, so the check cannot pass on a @privileged that resolved to nothing.
      for (const call of ["mount", "swapon", "reboot", "init_module", "setuid", "chown", "settimeofday"]) {
        expect(filtered).not.toContain(call);
      }
      expect(valuesOf(directives, "SystemCallArchitectures")).toEqual(["native"]);
      expect(valuesOf(directives, "NoNewPrivileges")).toEqual(["yes"]);
    });

    it("starts, answers /health and stores a POST /v1/users, then stops on SIGTERM", async () => {
      const app = startApp(allowList, "unit");
      await app.listening;
      // The process serving is the filtered one: seccomp-run execs Node in its own process.
      const status = readFileSync(`/proc/${app.child.pid}/status`, "utf8");
      expect(status).toMatch(/^Seccomp:\s+2$/m);
      expect(status).toMatch(/^NoNewPrivs:\s+1$/m);
      const baseUrl = `http://127.0.0.1:${port}`;

      const health = await fetch(`${baseUrl}/health`);
      expect(health.status).toBe(200);
      expect(await health.text()).toContain(HEALTHY_MARKER);

      // As API Gateway forwards it behind the authorizer: the caller's subject and an idempotency key.
      const created = await fetch(`${baseUrl}/v1/users`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          [IDEMPOTENCY_KEY_HEADER]: "5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
          [CALLER_SUB_HEADER]: "auth0|seccomp",
        },
        body: JSON.stringify({ name: "Ada Lovelace", email: "ada@example.com" }),
      });
      expect(created.status).toBe(201);
      const user = (await created.json()) as { id: string };
      const read = await fetch(`${baseUrl}/v1/users/${user.id}`);
      expect(await read.json()).toEqual(user);
      const { Item } = (await dynamodb("GetItem", { TableName: TABLE, Key: { id: { S: user.id } } })) as {
        Item?: { email?: { S: string } };
      };
      expect(Item?.email?.S).toBe("ada@example.com");
      expect(tlsConnections).toBeGreaterThan(0);

      app.child.kill("SIGTERM");
      expect(await app.exited).toBe(0);
      expect(app.output.stderr).toBe("");
    });

    it("bites: without epoll_create1 Node cannot start, without @network-io the app cannot listen", async () => {
      const noEpoll = startApp(
        allowList.filter((call) => call !== "epoll_create1"),
        "no-epoll",
      );
      await expect(noEpoll.listening).rejects.toThrow(/uv_loop_init/);
      expect(await noEpoll.exited).not.toBe(0);

      const network = new Set(resolveGroup("@network-io"));
      const noNetwork = startApp(
        allowList.filter((call) => !network.has(call)),
        "no-network",
      );
      await expect(noNetwork.listening).rejects.toThrow(/listen EPERM/);
      expect(await noNetwork.exited).toBe(1);
    });

    it("refuses @privileged calls with EPERM that the same Node makes without the filter", () => {
      const owned = path.join(work, "owned");
      writeFileSync(owned, "");
      // Changing a file's owner to its owner, and the uid to the uid: no-ops any user may make.
      const script = `
const attempt = (call) => { try { call(); return "ok"; } catch (error) { return error.code; } };
console.log(JSON.stringify({
  chown: attempt(() => require("node:fs").chownSync(${JSON.stringify(owned)}, process.getuid(), process.getgid())),
  setuid: attempt(() => process.setuid(process.getuid())),
}));`;
      const run = (command: string, args: string[]) =>
        JSON.parse(execFileSync(command, args, { encoding: "utf8" })) as Record<string, string>;
      expect(run(process.execPath, ["-e", script])).toEqual({ chown: "ok", setuid: "ok" });
      expect(
        run(LAUNCHER, [...launcherArgs(allowList, "privileged"), process.execPath, "-e", script]),
      ).toEqual({
        chown: "EPERM",
        setuid: "EPERM",
      });
    });
  },
);
