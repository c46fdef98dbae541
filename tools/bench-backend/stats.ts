/** What a load phase measured, reduced to the figures the report prints. Pure. */

/** One request as a client saw it: its HTTP status, or why it got none ("timeout", "ECONNRESET"...). */
export interface Attempt {
  /** Milliseconds since the phase started, when the answer (or the failure) came. */
  readonly at: number;
  readonly latencyMs: number;
  readonly outcome: number | string;
}

export interface PhaseSummary {
  readonly name: string;
  readonly concurrency: number;
  readonly seconds: number;
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Every outcome with its count, statuses and failures alike, so nothing a client saw is folded away. */
  readonly outcomes: Readonly<Record<string, number>>;
  /** Answers other than the phase's expected success status, and requests that got no answer. */
  readonly errors: number;
}

/** Nearest-rank percentile (the smallest value with at least p% of the values at or below it). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function countOutcomes(attempts: readonly Attempt[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { outcome } of attempts) counts[String(outcome)] = (counts[String(outcome)] ?? 0) + 1;
  return counts;
}

export function summarize(
  name: string,
  concurrency: number,
  seconds: number,
  attempts: readonly Attempt[],
  success: number,
): PhaseSummary {
  const sorted = attempts.map(({ latencyMs }) => latencyMs).sort((a, b) => a - b);
  return {
    name,
    concurrency,
    seconds,
    requests: attempts.length,
    requestsPerSecond: seconds > 0 ? attempts.length / seconds : 0,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    outcomes: countOutcomes(attempts),
    errors: attempts.filter(({ outcome }) => outcome !== success).length,
  };
}

/**
 * Milliseconds from the fault's end to the first answer with the success status that came after it, or
 * undefined when none came in the phase.
 */
export function recoveryMs(
  attempts: readonly Attempt[],
  faultEndAt: number,
  success: number,
): number | undefined {
  let first: number | undefined;
  for (const { at, outcome } of attempts) {
    if (outcome === success && at >= faultEndAt && (first === undefined || at < first)) first = at;
  }
  return first === undefined ? undefined : first - faultEndAt;
}

/** What clients saw from the fault's start until the first success after its end: the outage as lived. */
export function outcomesWhileFaulted(
  attempts: readonly Attempt[],
  faultStartAt: number,
  faultEndAt: number,
  success: number,
): Record<string, number> {
  const recovered = recoveryMs(attempts, faultEndAt, success);
  const until = recovered === undefined ? Infinity : faultEndAt + recovered;
  return countOutcomes(attempts.filter(({ at }) => at >= faultStartAt && at < until));
}
