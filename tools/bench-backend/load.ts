/**
 * Load bounded in time: `concurrency` clients, each making one request after another until the deadline
 * (a client starts nothing new after it; what it has started finishes), every answer recorded.
 */
import { performance } from "node:perf_hooks";
import type { Answer } from "./http-client";
import type { Attempt } from "./stats";

export class Recorder {
  readonly attempts: Attempt[] = [];

  /** Recorders given one origin share a time axis (the load's and the health prober's, in a fault). */
  constructor(readonly startedAt = performance.now()) {}

  /** Milliseconds since the recorder was made: the time axis of its attempts and of the faults. */
  elapsed(): number {
    return performance.now() - this.startedAt;
  }

  async time(send: () => Promise<Answer>): Promise<Answer> {
    const sent = performance.now();
    const answer = await send();
    this.attempts.push({
      at: this.elapsed(),
      latencyMs: performance.now() - sent,
      outcome: answer.status ?? answer.failure ?? "no answer",
    });
    return answer;
  }
}

/** Runs the clients until `durationMs` has passed; resolves with the seconds it took, tails included. */
export async function runClients(
  concurrency: number,
  durationMs: number,
  step: (client: number) => Promise<void>,
): Promise<number> {
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, client) => {
      while (performance.now() < deadline) await step(client);
    }),
  );
  return (performance.now() - started) / 1000;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
