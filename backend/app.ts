/**
 * The HTTP app: routes, status codes and the region header. Everything it needs comes in through
 * `AppOptions` (no globals, no environment), so tests run it against an in-memory store on a random port.
 *
 * API Gateway proxies paths as they are (the stage's base path mapping strips the stage), so the paths
 * here are the public ones.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import {
  CALLER_SUB_HEADER,
  HEALTH_PATH,
  HEALTHY_MARKER,
  LIVENESS_PATH,
  SERVED_BY_REGION_HEADER,
} from "@multi-region-api/model/contracts/backend";
import { IDEMPOTENCY_KEY_ERROR, IDEMPOTENCY_KEY_HEADER, idempotencyKeyOf, userIdForKey } from "./idempotency";
import { BodyTooLargeError, readBody } from "./read-body";
import type { UserStore } from "./store";
import { isUserId, newUserRecord, validateNewUser, type User } from "./users";

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
  /** The HTTP server's limits against slow and oversized requests; see `DEFAULT_SERVER_LIMITS`. */
  readonly limits?: Partial<ServerLimits>;
}

export interface ServerLimits {
  /** The whole request, body included, must arrive within this, or Node answers 408 and closes. */
  readonly requestTimeoutMs: number;
  /** The headers must arrive within this, or Node answers 408 and closes. */
  readonly headersTimeoutMs: number;
  /** Headers above this many bytes in all are answered 431. */
  readonly maxHeaderBytes: number;
  /** How often Node looks for requests past their timeout: the timeouts fire up to this much late. */
  readonly timeoutCheckIntervalMs: number;
  readonly keepAliveTimeoutMs: number;
}

/**
 * From Node's http docs (`http.createServer` options, `server.requestTimeout`, `server.headersTimeout`):
 * the defaults are 300 s for the request, 60 s for the headers, checked every 30 s, which let a client
 * trickling a body hold a connection for 330 s. API Gateway sends each request whole, within its own 29 s
 * integration timeout, so a request still arriving after 15 s is not from it. Node rejects a headers timeout
 * above the request timeout. `maxHeaderSize`'s default is 16 KiB; ours is the same, stated, so a Node
 * upgrade cannot change it silently.
 */
export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  requestTimeoutMs: 15_000,
  headersTimeoutMs: 10_000,
  maxHeaderBytes: 16 * 1024,
  timeoutCheckIntervalMs: 1_000,
  // Longer than the load balancer keeps an idle connection, so that the app never closes one just as the
  // balancer reuses it (which surfaces as sporadic 502s).
  keepAliveTimeoutMs: 65_000,
};

/** Thrown in place of any failure of the store, so the answer is 503 with Retry-After, not 500. */
class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super("the users store failed", { cause });
    this.name = "StoreUnavailableError";
  }
}

/** A store whose every failure becomes a StoreUnavailableError (the original kept as its cause). */
function guarded(store: UserStore): UserStore {
  const wrap =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      call(...args).catch((error: unknown) => {
        throw new StoreUnavailableError(error);
      });
  return {
    list: wrap(() => store.list()),
    get: wrap((id: string) => store.get(id)),
    create: wrap((user: User) => store.create(user)),
    probe: wrap(() => store.probe()),
  };
}

/** What a client told the store is unavailable is asked to wait before retrying (RFC 9110, 10.2.3). */
export const STORE_RETRY_AFTER_SECONDS = 2;

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
  const { region } = options;
  const store = guarded(options.store);
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
      ? { status: 404, body: { error: "no user with this id" } }
      : { status: 200, body: user };
  };

  const createUser: Handler = async (request): Promise<Reply> => {
    const key = idempotencyKeyOf(request.headers[IDEMPOTENCY_KEY_HEADER]);
    if (key === null) return { status: 400, body: { error: IDEMPOTENCY_KEY_ERROR } };
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

    const caller = request.headers[CALLER_SUB_HEADER];
    const id = key === undefined ? newId() : userIdForKey(typeof caller === "string" ? caller : "", key);
    const user = newUserRecord(validation.value, id, now());
    const existing = await store.create(user);
    if (existing !== undefined) {
      // A random id taken: never answer with someone else's user.
      if (key === undefined) throw new Error("user id taken");
      // The draft's answer to a key reused for another request (section 2.7): 422, "Unprocessable Content".
      if (existing.name !== user.name || existing.email !== user.email) {
        return {
          status: 422,
          body: { error: "this Idempotency-Key was used for another user" },
        };
      }
    }
    // A retry answers what the first request answered: the same user, 201, the same location.
    const stored = existing ?? user;
    return { status: 201, body: stored, headers: { location: `/v1/users/${stored.id}` } };
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
          path: pathOf(request),
          caller: request.headers[CALLER_SUB_HEADER],
          error: describe(error),
        });
        if (error instanceof StoreUnavailableError) {
          return {
            status: 503,
            body: { error: "the users store is unavailable; retry later" },
            headers: { "retry-after": String(STORE_RETRY_AFTER_SECONDS) },
          };
        }
        return { status: 500, body: { error: "internal error" } };
      })
      .then(
        (reply) => send(response, reply),
        (error: unknown) => log("could not answer", { error: describe(error) }),
      );
  };
}

/** The app's server: the request handler plus answers for requests too malformed or slow to reach it. */
export function createAppServer(options: AppOptions): Server {
  const limits = { ...DEFAULT_SERVER_LIMITS, ...options.limits };
  const handle = createRequestHandler(options);
  // The response in progress on each socket: a raw error answer must not be written into the middle of it.
  const inFlight = new WeakMap<Socket | Duplex, ServerResponse>();
  const server = createServer(
    {
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: limits.headersTimeoutMs,
      maxHeaderSize: limits.maxHeaderBytes,
      connectionsCheckingInterval: limits.timeoutCheckIntervalMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
    },
    (request, response) => {
      inFlight.set(request.socket, response);
      response.on("finish", () => inFlight.delete(request.socket));
      handle(request, response);
    },
  );
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    // Node would answer with a bare 400, 408 or 431; ours carry the region header and nosniff too.
    if (error.code === "ECONNRESET" || !socket.writable || inFlight.get(socket)?.headersSent === true) {
      socket.destroy();
      return;
    }
    // The codes Node's own handler maps (lib/_http_server.js, socketOnError).
    const [status, reason, message] =
      error.code === "HPE_HEADER_OVERFLOW"
        ? [
            431,
            "Request Header Fields Too Large",
            `the headers must be at most ${limits.maxHeaderBytes} bytes`,
          ]
        : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
          ? [408, "Request Timeout", "the request did not arrive in time"]
          : [400, "Bad Request", "malformed HTTP request"];
    const body = JSON.stringify({ error: message });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\n${SERVED_BY_REGION_HEADER}: ${options.region}\r\n` +
        `content-type: application/json; charset=utf-8\r\nx-content-type-options: nosniff\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  return server;
}

/**
 * Stops taking connections, lets the requests in flight finish, and after `deadlineMs` closes whatever is
 * left, so a slow client cannot hold the process past systemd's stop timeout (which ends in SIGKILL).
 */
export function stopGracefully(server: Server, deadlineMs: number): Promise<void> {
  return new Promise((resolve) => {
    const deadline = setTimeout(() => server.closeAllConnections(), deadlineMs);
    server.close(() => {
      clearTimeout(deadline);
      resolve();
    });
    server.closeIdleConnections();
  });
}

function pathOf(request: IncomingMessage): string {
  return new URL(request.url ?? "/", "http://localhost").pathname;
}

async function dispatch(request: IncomingMessage, routes: readonly Route[]): Promise<Reply> {
  const path = pathOf(request);
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (match === null) continue;
    const handler = route.methods[request.method ?? ""];
    if (handler === undefined) {
      const allowed = Object.keys(route.methods).join(", ");
      return {
        status: 405,
        body: { error: `method not allowed here; use ${allowed}` },
        headers: { allow: allowed },
      };
    }
    return handler(request, decodePathParameter(match[1]));
  }
  // Nothing of the path is repeated: an answer carries no text the client chose.
  return { status: 404, body: { error: "no route for this path" } };
}

function send(response: ServerResponse, reply: Reply): void {
  const body = JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    ...reply.headers,
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    // Answers differ per region and change with every write: nothing on the way may cache them.
    "cache-control": "no-store",
    // Browsers must take the JSON as JSON, never sniff it into HTML (Fetch Standard, "X-Content-Type-Options").
    "x-content-type-options": "nosniff",
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

/**
 * An error with its chain of causes (a failed fetch says only "fetch failed"; why is in its cause), with
 * credentials blanked: a DynamoDB signature error quotes the canonical request, security token included.
 */
export function describe(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    parts.push(current instanceof Error ? `${current.name}: ${current.message}` : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return redactSecrets(parts.join(" <- caused by: "));
}

const SECRET_AFTER_NAME =
  /\b(authorization|x-amz-security-token|x-amz-signature|signature|credential)(\s*[:=]\s*)[^\s,;]+/gi;
const BEARER_TOKEN = /\bbearer\s+[A-Za-z0-9._~+/=-]+/gi;

export function redactSecrets(text: string): string {
  return text.replace(BEARER_TOKEN, "Bearer [redacted]").replace(SECRET_AFTER_NAME, "$1$2[redacted]");
}
