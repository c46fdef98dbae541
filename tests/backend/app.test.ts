import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { AddressInfo } from "node:net";
import { createAppServer, stopGracefully, type AppOptions } from "../../backend/app";
import {
  CALLER_SUB_HEADER,
  HEALTHY_MARKER,
  SERVED_BY_REGION_HEADER,
} from "@multi-region-api/model/contracts/backend";
import { InMemoryUserStore, type UserStore } from "../../backend/store";
import type { User } from "../../backend/users";
import { ADA, GRACE } from "./users.fixture";
import { serve, type RunningApp } from "./serve";

const REGION = "eu-west-1";

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start(overrides: Partial<AppOptions> = {}): Promise<string> {
  app = await serve({ region: REGION, store: new InMemoryUserStore([GRACE, ADA]), ...overrides });
  return app.baseUrl;
}

function postJson(baseUrl: string, body: unknown): Promise<Response> {
  return fetch(`${baseUrl}/v1/users`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** A store whose every call fails, as a replica the instance cannot reach would. */
function unreachableStore(): UserStore {
  const fail = () => Promise.reject(new Error("connect ETIMEDOUT dynamodb.eu-west-1.amazonaws.com"));
  return { list: fail, get: fail, create: fail, probe: fail };
}

describe("GET /v1/users", () => {
  it("lists every user, oldest first", async () => {
    const response = await fetch(`${await start()}/v1/users`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ users: [ADA, GRACE] });
  });

  it("ignores a query string", async () => {
    const response = await fetch(`${await start()}/v1/users?limit=1`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { users: User[] }).users).toHaveLength(2);
  });
});

describe("GET /v1/users/{id}", () => {
  it("returns the user", async () => {
    const response = await fetch(`${await start()}/v1/users/${ADA.id}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(ADA);
  });

  it("answers 404 with a reason for an id nobody has", async () => {
    const response = await fetch(`${await start()}/v1/users/11111111-2222-4333-8444-555555555555`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "no user with this id" });
  });

  it("answers 404 for something that is not an id, without asking the store", async () => {
    let asked = false;
    const store = new InMemoryUserStore();
    store.get = async () => {
      asked = true;
      return undefined;
    };
    const response = await fetch(`${await start({ store })}/v1/users/not-an-id%ZZ`);
    expect(response.status).toBe(404);
    expect(asked).toBe(false);
  });
});

describe("POST /v1/users", () => {
  it("creates a user (201, location) that GET then finds", async () => {
    const baseUrl = await start({
      newId: () => "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
      now: () => new Date("2026-03-01T12:00:00Z"),
    });
    const response = await postJson(baseUrl, { name: "  Katherine Johnson ", email: "kj@example.org" });
    expect(response.status).toBe(201);
    expect(response.headers.get("location")).toBe("/v1/users/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");
    const created = {
      id: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
      name: "Katherine Johnson",
      email: "kj@example.org",
      createdAt: "2026-03-01T12:00:00.000Z",
    };
    expect(await response.json()).toEqual(created);
    expect(await (await fetch(`${baseUrl}/v1/users/${created.id}`)).json()).toEqual(created);
  });

  it("gives new users distinct random ids by default", async () => {
    const baseUrl = await start();
    const first = (await (await postJson(baseUrl, { name: "A", email: "a@example.com" })).json()) as User;
    const second = (await (await postJson(baseUrl, { name: "B", email: "b@example.com" })).json()) as User;
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.id).not.toBe(second.id);
  });

  it("accepts a charset parameter on the content type", async () => {
    const response = await fetch(`${await start()}/v1/users`, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ name: "Ada", email: "ada@example.com" }),
    });
    expect(response.status).toBe(201);
  });

  it("answers 415 for a body that is not declared JSON", async () => {
    const response = await fetch(`${await start()}/v1/users`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "name=Ada",
    });
    expect(response.status).toBe(415);
    expect(((await response.json()) as { error: string }).error).toMatch(/application\/json/);
  });

  it("answers 400 for a body that is not valid JSON", async () => {
    const response = await postJson(await start(), "{name: Ada");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "the body is not valid JSON" });
  });

  it.each([
    ["a missing name", { email: "ada@example.com" }, /"name"/],
    ["an empty name", { name: "   ", email: "ada@example.com" }, /"name" must be a non-empty string/],
    ["a name over 100 characters", { name: "x".repeat(101), email: "ada@example.com" }, /"name".*100/],
    ["a missing email", { name: "Ada" }, /"email"/],
    ["an implausible email", { name: "Ada", email: "ada.example.com" }, /"email" must be a plausible/],
    [
      "an unknown field",
      { name: "Ada", email: "ada@example.com", admin: true },
      /^unknown field: only name and email/,
    ],
    ["an array", [{ name: "Ada" }], /JSON object/],
  ])("answers 400 naming the problem for %s", async (_case, body, reason) => {
    const response = await postJson(await start(), body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(reason);
  });

  it("answers 413 for a body over the limit and stores nothing", async () => {
    const store = new InMemoryUserStore();
    const response = await postJson(await start({ store, maxBodyBytes: 1_000 }), {
      name: "Ada",
      email: `${"a".repeat(2_000)}@example.com`,
    });
    expect(response.status).toBe(413);
    expect(response.headers.get(SERVED_BY_REGION_HEADER)).toBe(REGION);
    expect(await store.list()).toEqual([]);
  });

  it("answers 413 for an over-limit body sent in chunks without a declared length", async () => {
    const baseUrl = await start({ maxBodyBytes: 1_000 });
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(new TextEncoder().encode(" ".repeat(500)));
        controller.close();
      },
    });
    const response = await fetch(`${baseUrl}/v1/users`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: chunks,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
  });
});

describe("GET /health", () => {
  it("answers 200 with the marker when the local replica is readable", async () => {
    const response = await fetch(`${await start()}/health`);
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toContain(HEALTHY_MARKER);
    expect(JSON.parse(body)).toEqual({ status: HEALTHY_MARKER, region: REGION });
  });

  it("answers 503 without the marker when the probe fails", async () => {
    const response = await fetch(`${await start({ store: unreachableStore() })}/health`);
    expect(response.status).toBe(503);
    expect(await response.text()).not.toContain(HEALTHY_MARKER);
  });

  it("keeps the marker out of a 503 even when the failure's message contains it", async () => {
    const store = new InMemoryUserStore();
    store.probe = () => Promise.reject(new Error(`pretend ${HEALTHY_MARKER}`));
    const response = await fetch(`${await start({ store })}/health`);
    expect(response.status).toBe(503);
    expect(await response.text()).not.toContain(HEALTHY_MARKER);
  });

  it("answers 503 promptly when the probe hangs (Route 53 gives 2 s)", async () => {
    const store = new InMemoryUserStore();
    store.probe = () => new Promise(() => undefined);
    const started = Date.now();
    const response = await fetch(`${await start({ store, healthProbeTimeoutMs: 50 })}/health`);
    expect(response.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe("GET /livez", () => {
  it("passes while the deep route fails: the store is down, the process is alive", async () => {
    const baseUrl = await start({ store: unreachableStore() });
    const deep = await fetch(`${baseUrl}/health`);
    const live = await fetch(`${baseUrl}/livez`);
    expect(deep.status).toBe(503);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: "alive", region: REGION });
  });

  it("does not wait for a hung store", async () => {
    const store = new InMemoryUserStore();
    let probes = 0;
    store.probe = () => {
      probes += 1;
      return new Promise(() => undefined);
    };
    const response = await fetch(`${await start({ store })}/livez`);
    expect(response.status).toBe(200);
    expect(probes).toBe(0);
  });

  it("never carries the marker Route 53 looks for", async () => {
    const response = await fetch(`${await start()}/livez`);
    expect(await response.text()).not.toContain(HEALTHY_MARKER);
  });
});

describe("errors", () => {
  it("answers 404 for an unknown path", async () => {
    const response = await fetch(`${await start()}/v2/users`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "no route for this path" });
  });

  it.each([
    ["an unknown path", "/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "GET"],
    ["an id that is not one", "/v1/users/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "GET"],
    ["a method not allowed", "/v1/users/%3Cscript%3E", "DELETE"],
  ])("repeats nothing of the request in the answer to %s", async (_case, path, method) => {
    const response = await fetch(`${await start()}${path}`, { method });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect((await response.text()).toLowerCase()).not.toMatch(/script|%3c/);
  });

  it.each([
    ["DELETE", "/v1/users", "GET, POST"],
    ["PUT", `/v1/users/${ADA.id}`, "GET"],
    ["POST", "/health", "GET"],
  ])("answers 405 with Allow for %s %s", async (method, path, allowed) => {
    const response = await fetch(`${await start()}${path}`, { method });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe(allowed);
  });

  it("logs the caller API Gateway names when a request fails", async () => {
    const logged: [string, Record<string, unknown> | undefined][] = [];
    const log = (event: string, fields?: Record<string, unknown>) => void logged.push([event, fields]);
    const baseUrl = await start({ store: unreachableStore(), log });
    await fetch(`${baseUrl}/v1/users`, { headers: { [CALLER_SUB_HEADER]: "user-1" } });
    expect(logged).toContainEqual(["request failed", expect.objectContaining({ caller: "user-1" })]);
  });

  it.each([
    ["GET", "/v1/users"],
    ["GET", `/v1/users/${ADA.id}`],
    ["POST", "/v1/users"],
  ])(
    "answers %s %s with 503 and Retry-After, without details, when the store fails",
    async (method, path) => {
      const logged: string[] = [];
      const baseUrl = await start({ store: unreachableStore(), log: (event) => logged.push(event) });
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { "content-type": "application/json" },
        ...(method === "POST" ? { body: JSON.stringify({ name: "Ada", email: "ada@example.com" }) } : {}),
      });
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("2");
      expect(await response.json()).toEqual({ error: "the users store is unavailable; retry later" });
      expect(logged).toContain("request failed");
    },
  );

  it("answers 500 for a failure that is not the store's", async () => {
    const baseUrl = await start({
      newId: () => {
        throw new Error("no randomness");
      },
    });
    const response = await postJson(baseUrl, { name: "Ada", email: "ada@example.com" });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: "internal error" });
  });

  it("logs the error's causes, with tokens and signatures blanked", async () => {
    const logged: Record<string, unknown>[] = [];
    const store = new InMemoryUserStore();
    const signature = "x-amz-security-token:IQoJb3JpZ2luX2VjSECRET";
    store.list = () =>
      Promise.reject(
        new TypeError("fetch failed", {
          cause: new Error(
            `connect ECONNREFUSED; ${signature}; Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.e30.sig`,
          ),
        }),
      );
    const baseUrl = await start({ store, log: (_event, fields) => logged.push(fields ?? {}) });
    await fetch(`${baseUrl}/v1/users`);
    const line = JSON.stringify(logged);
    expect(line).toContain("TypeError: fetch failed");
    expect(line).toContain("ECONNREFUSED");
    expect(line).not.toContain("SECRET");
    expect(line).not.toContain("eyJ");
  });
});

describe(`the ${SERVED_BY_REGION_HEADER} header`, () => {
  interface HeaderCase {
    readonly status: number;
    readonly method: string;
    readonly path: string;
    readonly body?: unknown;
    readonly store?: () => UserStore;
  }
  const cases: HeaderCase[] = [
    { status: 200, method: "GET", path: "/v1/users" },
    { status: 200, method: "GET", path: `/v1/users/${ADA.id}` },
    { status: 404, method: "GET", path: "/v1/users/nobody" },
    { status: 201, method: "POST", path: "/v1/users", body: { name: "Ada", email: "ada@example.com" } },
    { status: 400, method: "POST", path: "/v1/users", body: { name: "" } },
    { status: 200, method: "GET", path: "/health" },
    { status: 503, method: "GET", path: "/health", store: unreachableStore },
    { status: 200, method: "GET", path: "/livez", store: unreachableStore },
    { status: 503, method: "GET", path: "/v1/users", store: unreachableStore },
    { status: 404, method: "GET", path: "/nowhere" },
    { status: 405, method: "PATCH", path: "/v1/users" },
  ];
  it.each(cases)(
    "is on the $status answer to $method $path",
    async ({ status, method, path, body, store }) => {
      const baseUrl = await start(store === undefined ? {} : { store: store() });
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        ...(body === undefined
          ? {}
          : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
      });
      expect(response.status).toBe(status);
      expect(response.headers.get(SERVED_BY_REGION_HEADER)).toBe(REGION);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    },
  );

  it("is on the 400 node gives a malformed HTTP request", async () => {
    const raw = await rawExchange(await start(), ["NOT HTTP AT ALL\r\n\r\n"]);
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toContain(`${SERVED_BY_REGION_HEADER}: ${REGION}\r\n`);
    expect(raw).toContain("x-content-type-options: nosniff\r\n");
  });
});

/** Sends raw bytes (each string after a pause) and returns everything the server sent until it closed. */
function rawExchange(baseUrl: string, parts: readonly string[], pauseMs = 0): Promise<string> {
  const { port } = new URL(baseUrl);
  return new Promise<string>((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1", async () => {
      for (const part of parts) {
        if (socket.destroyed) return;
        socket.write(part);
        await new Promise((done) => setTimeout(done, pauseMs));
      }
    });
    let received = "";
    socket.on("data", (chunk) => (received += chunk.toString()));
    socket.on("close", () => resolve(received));
    socket.on("error", (error: NodeJS.ErrnoException) =>
      error.code === "ECONNRESET" ? undefined : reject(error),
    );
  });
}

describe("slow and oversized clients", () => {
  const fast = { requestTimeoutMs: 300, headersTimeoutMs: 200, timeoutCheckIntervalMs: 50 };

  it("answers 408 to headers that never finish", async () => {
    const baseUrl = await start({ limits: fast });
    const started = Date.now();
    const raw = await rawExchange(
      baseUrl,
      ["GET /v1/users HTTP/1.1\r\n", "Host: x\r\n", "X-Slow: 1\r\n"],
      150,
    );
    expect(raw).toMatch(/^HTTP\/1\.1 408 /);
    expect(raw).toContain(`${SERVED_BY_REGION_HEADER}: ${REGION}\r\n`);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("answers 408 to a body trickled in slower than the request timeout, storing nothing", async () => {
    const store = new InMemoryUserStore();
    const baseUrl = await start({ store, limits: fast });
    const body = JSON.stringify({ name: "Ada", email: "ada@example.com" });
    const head = `POST /v1/users HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n`;
    const raw = await rawExchange(baseUrl, [head, ...body.split("")], 40);
    expect(raw).toMatch(/^HTTP\/1\.1 408 /);
    expect(await store.list()).toEqual([]);
  });

  it("answers 431 to headers over the limit", async () => {
    const baseUrl = await start({ limits: { maxHeaderBytes: 1_024 } });
    const response = await fetch(`${baseUrl}/v1/users`, { headers: { "x-padding": "p".repeat(2_000) } });
    expect(response.status).toBe(431);
    expect(response.headers.get(SERVED_BY_REGION_HEADER)).toBe(REGION);
  });

  it("stops within the shutdown deadline even when a client holds a request open", async () => {
    const server = createAppServer({ region: REGION, store: new InMemoryUserStore() });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const socket = connect(port, "127.0.0.1");
    socket.on("error", () => undefined);
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.write(
      "POST /v1/users HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{",
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await stopGracefully(server, 200);
    expect(Date.now() - started).toBeLessThan(1_000);
    socket.destroy();
  });
});
