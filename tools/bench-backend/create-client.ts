/**
 * A client creating one user as the API asks clients to: a fresh Idempotency-Key per user, and every retry
 * of it (after a 503, a 5xx, a timeout or a broken connection) with the same key and body, after the
 * Retry-After the app sent. It gives up at a deadline, so a phase ends in bounded time.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { IDEMPOTENCY_KEY_HEADER } from "../../backend/idempotency";
import { userFor, type WriteLedger } from "./accounting";
import type { Answer, HttpClient } from "./http-client";
import { sleep, type Recorder } from "./load";

/** After an answerless failure, where there is no Retry-After to follow. */
const RETRY_WITHOUT_ADVICE_MS = 1_000;
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

export function retryDelayMs(answer: Answer): number | undefined {
  if (answer.status !== undefined && !RETRYABLE_STATUSES.has(answer.status)) return undefined;
  const header = answer.headers["retry-after"];
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1_000 : RETRY_WITHOUT_ADVICE_MS;
}

/** Creates one user, retrying until a 201, an answer not worth retrying, or `giveUpAt` (performance.now()). */
export async function createUser(
  client: HttpClient,
  ledger: WriteLedger,
  recorder: Recorder,
  giveUpAt: number,
): Promise<void> {
  const key = randomUUID();
  ledger.attempt(key);
  const body = JSON.stringify(userFor(key));
  const headers = { "content-type": "application/json", [IDEMPOTENCY_KEY_HEADER]: key };
  for (;;) {
    const answer = await recorder.time(() => client.send("POST", "/v1/users", { headers, body }));
    if (answer.status === 201) {
      ledger.acknowledge(key, (JSON.parse(answer.body) as { id: string }).id);
      return;
    }
    const delay = retryDelayMs(answer);
    if (delay === undefined || performance.now() + delay > giveUpAt) return;
    await sleep(delay);
  }
}
