/**
 * The HTTP app: routes, status codes and the region header. Everything it needs comes in through
 * `AppOptions` (no globals, no environment), so tests run it against an in-memory store on a random port.
 *
 * API Gateway proxies paths as they are (the stage's base path mapping strips the stage), so the paths
 * here are the public ones.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import {
  CALLER_SUB_HEADER,
  HEALTH_PATH,
  HEALTHY_MARKER,
  LIVENESS_PATH,
  SERVED_BY_REGION_HEADER,
} from "./contract";
import { BodyTooLargeError, readBody } from "./read-body";
import type { UserStore } from "./store";
import { isUserId, newUserRecord, validateNewUser } from "./users";

export type Logger = (event: string, fields?: Record<string, unknown>) => void;

export interface AppOptions {
  /** The AWS region this instance runs in; sent back in SERVED_BY_REGION_HEADER on every answer. */
  readonly region: string;
  readonly store: UserStore;
  readonly log?: Logger;
  readonly newId?: () => string;
  readonly now?: () => Date;
  /** Bodies above this are refused with 413. A user is two short strings: 16 KiB is generous. */
  readonly maxBodyBytes?: number;
  /**
   * How long `/health` waits for the store. Route 53 gives the whole answer 2 s after connecting
   * (docs/aws-facts.md#route-53-health-checks), so a slow replica must turn into a prompt 503, not a timeout.
   */
  readonly healthProbeTimeoutMs?: number;
}

interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

type Handler = (request: IncomingMessage, pathParameter: string | undefined) => Promise<Reply>;

interface Route {
  readonly pattern: RegExp;
  readonly methods: Readonly<Record<string, Handler>>;
}

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;
export const DEFAULT_HEALTH_PROBE_TIMEOUT_MS = 1_500;

export function createRequestHandler(
  options: AppOptions,
): (request: IncomingMessage, response: ServerResponse) => void {
  const { region, store } = options;
  const log = options.log ?? (() => undefined);
  const newId = options.newId ?? randomUUID;
  const now = options.now ?? (() => new Date());
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const healthProbeTimeoutMs = options.healthProbeTimeoutMs ?? DEFAULT_HEALTH_PROBE_TIMEOUT_MS;

  const checkHealth: Handler = async () => {
    try {
      await withTimeout(store.probe(), healthProbeTimeoutMs, "the local replica did not answer in time");
      return { status: 200, body: { status: HEALTHY_MARKER, region } };
    } catch (error) {
      log("health probe failed", { error: describe(error) });
      // The reason is fixed text: an error message could carry anything, even the marker itself, and
      // the body of an unhealthy answer must never contain the marker (a string-match check would pass).
      return {
        status: 503,
        body: { status: "unhealthy", region, reason: "cannot read the local users replica" },
      };
    }
  };

  // Never touches the store: a slow or unreachable replica must not make this instance look dead.
  const checkLiveness: Handler = async () => ({ status: 200, body: { status: "alive", region } });

  const listUsers: Handler = async () => ({ status: 200, body: { users: await store.list() } });

  const getUser: Handler = async (_request, id) => {
    // Only app-generated ids can exist; anything else is absent without asking the store.
    const user = id !== undefined && isUserId(id) ? await store.get(id) : undefined;
    return user === undefined
      ? { status: 404, body: { error: `no user with id "${id}"` } }
      : { status: 200, body: user };
  };

  const createUser: Handler = async (request): Promise<Reply> => {
    const contentType = (request.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    if (contentType !== "application/json") {
      return {
        status: 415,
        body: { error: "the body must be JSON, sent with content-type: application/json" },
      };
    }
    let raw: Buffer;
    try {
      raw = await readBody(request, maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        // The rest of the body is being discarded: close rather than reuse a connection mid-body.
        return { status: 413, body: { error: error.message }, headers: { connection: "close" } };
      }
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString("utf8"));
    } catch {
      return { status: 400, body: { error: "the body is not valid JSON" } };
    }
    const validation = validateNewUser(parsed);
    if (!validation.ok) return { status: 400, body: { error: validation.error } };

    const user = newUserRecord(validation.value, newId(), now());
    await store.create(user);
    return { status: 201, body: user, headers: { location: `/v1/users/${user.id}` } };
  };

  const routes: readonly Route[] = [
    { pattern: exactPath(HEALTH_PATH), methods: { GET: checkHealth } },
    { pattern: exactPath(LIVENESS_PATH), methods: { GET: checkLiveness } },
    { pattern: /^\/v1\/users$/, methods: { GET: listUsers, POST: createUser } },
    { pattern: /^\/v1\/users\/([^/]+)$/, methods: { GET: getUser } },
  ];

  return (request, response) => {
    // First thing, before anything can fail: every answer says which region served it.
    response.setHeader(SERVED_BY_REGION_HEADER, region);
    dispatch(request, routes)
      .catch((error: unknown): Reply => {
        log("request failed", {
          method: request.method,
          url: request.url,
          caller: request.headers[CALLER_SUB_HEADER],
          error: describe(error),
        });
        return { status: 500, body: { error: "internal error" } };
      })
      .then(
        (reply) => send(response, reply),
        (error: unknown) => log("could not answer", { error: describe(error) }),
      );
  };
}

/** The app's server: the request handler plus answers for requests too malformed to reach it. */
export function createAppServer(options: AppOptions): Server {
  const server = createServer(createRequestHandler(options));
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    // Node would answer a malformed request with a bare 400; ours carries the region header too.
    if (error.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    const body = JSON.stringify({ error: "malformed HTTP request" });
    socket.end(
      `HTTP/1.1 400 Bad Request\r\n${SERVED_BY_REGION_HEADER}: ${options.region}\r\ncontent-type: application/json; charset=utf-8\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  return server;
}

async function dispatch(request: IncomingMessage, routes: readonly Route[]): Promise<Reply> {
  const path = new URL(request.url ?? "/", "http://localhost").pathname;
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (match === null) continue;
    const handler = route.methods[request.method ?? ""];
    if (handler === undefined) {
      const allowed = Object.keys(route.methods).join(", ");
      return {
        status: 405,
        body: { error: `method ${request.method} not allowed on ${path}; use ${allowed}` },
        headers: { allow: allowed },
      };
    }
    return handler(request, decodePathParameter(match[1]));
  }
  return { status: 404, body: { error: `no route for ${path}` } };
}

function send(response: ServerResponse, reply: Reply): void {
  const body = JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    ...reply.headers,
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    // Answers differ per region and change with every write: nothing on the way may cache them.
    "cache-control": "no-store",
  });
  response.end(body);
}

function exactPath(path: string): RegExp {
  return new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}

function decodePathParameter(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw; // Malformed escapes cannot be a valid id either; the handler answers 404.
  }
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
