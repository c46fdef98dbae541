/**
 * One HTTP request to the app as the load's clients make it: node:http on a keep-alive agent (one socket
 * per concurrent client, reused, as a load balancer's pool would), with a deadline of its own. It never
 * throws: a failure is an answer with no status, named by its error code, so the load counts it.
 */
import { Agent, request } from "node:http";

export interface Answer {
  readonly status?: number;
  /** Why there is no status: "timeout", or the socket's error code (ECONNRESET, ECONNREFUSED...). */
  readonly failure?: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export interface HttpClient {
  send(
    method: string,
    path: string,
    options?: { readonly headers?: Record<string, string>; readonly body?: string },
  ): Promise<Answer>;
  close(): void;
}

export function httpClient(baseUrl: string, maxSockets: number, timeoutMs: number): HttpClient {
  const agent = new Agent({ keepAlive: true, maxSockets });
  const base = new URL(baseUrl);
  return {
    send: (method, path, options = {}) =>
      new Promise<Answer>((resolve) => {
        const body = options.body === undefined ? undefined : Buffer.from(options.body);
        const req = request(
          {
            agent,
            host: base.hostname,
            port: base.port,
            method,
            path,
            headers: { ...options.headers, ...(body ? { "content-length": String(body.length) } : {}) },
            timeout: timeoutMs,
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (chunk: Buffer) => chunks.push(chunk));
            res.on("end", () =>
              resolve({
                status: res.statusCode,
                headers: res.headers,
                body: Buffer.concat(chunks).toString("utf8"),
              }),
            );
            res.on("error", (error: NodeJS.ErrnoException) =>
              resolve({ failure: error.code ?? error.message, headers: {}, body: "" }),
            );
          },
        );
        // The socket's idle timeout: no byte for timeoutMs, which is how a client meets a stalled server.
        req.on("timeout", () => req.destroy(Object.assign(new Error("timeout"), { code: "timeout" })));
        req.on("error", (error: NodeJS.ErrnoException) =>
          resolve({ failure: error.code ?? error.message, headers: {}, body: "" }),
        );
        req.end(body);
      }),
    close: () => agent.destroy(),
  };
}
