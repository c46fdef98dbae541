/**
 * Asks the public name which region serves it, as a client would: `GET https://{recordName}/health` and
 * the `x-served-by-region` header the app sets on every answer (model/contracts/backend.ts).
 */
import { request } from "node:https";
import { SERVED_BY_REGION_HEADER } from "@multi-region-api/model/contracts/backend";

export interface ProbeResult {
  status?: number;
  /** The region named by the header, or undefined when the request failed or the header was absent. */
  servedBy?: string;
  error?: string;
}

export type HttpProbe = (url: string, signal?: AbortSignal) => Promise<ProbeResult>;

const PROBE_TIMEOUT_MS = 10_000;

/**
 * One fresh connection per probe (`agent: false`): a kept-alive connection would stay with the old
 * region after DNS moved and hide the switch. Each probe therefore resolves the name again, through the
 * machine's resolver, which is what a real client sees, resolver caching and TTL included.
 */
export const httpsProbe: HttpProbe = (url, signal) =>
  new Promise<ProbeResult>((resolve) => {
    const req = request(url, { method: "GET", agent: false, timeout: PROBE_TIMEOUT_MS, signal }, (res) => {
      const header = res.headers[SERVED_BY_REGION_HEADER];
      const servedBy = Array.isArray(header) ? header[0] : header;
      res.resume(); // the body is not needed; drain it so the socket closes
      resolve({ status: res.statusCode, servedBy: servedBy?.trim() || undefined });
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${PROBE_TIMEOUT_MS / 1000} s`)));
    req.on("error", (error) => resolve({ error: error.message }));
    req.end();
  });

export function describeProbe(result: ProbeResult): string {
  if (result.error !== undefined) return `request failed: ${result.error}`;
  const by = result.servedBy ?? `no ${SERVED_BY_REGION_HEADER} header`;
  return `HTTP ${result.status ?? "?"}, ${SERVED_BY_REGION_HEADER}: ${by}`;
}
