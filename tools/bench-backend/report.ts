/** The bench's report: its shape (the `--json` document) and its plain-text form. Pure. */
import type { WriteAccount } from "./accounting";
import type { PhaseSummary } from "./stats";

export interface FaultSummary {
  readonly name: string;
  /** What was done to which process, and for how long. */
  readonly fault: string;
  /** The creates of the whole phase, retries included: each retry is a request. */
  readonly load: PhaseSummary;
  /** From the fault's start to the first 201 after its end. */
  readonly whileFaulted: Readonly<Record<string, number>>;
  /** From the fault's start to the first answer that was not a 201; undefined when every one was. */
  readonly firstFailureMs: number | undefined;
  /** From the fault's end to the first 201; undefined when none came in the phase. */
  readonly recoveryMs: number | undefined;
  /** From the fault's end to the first `/health` 200 (a prober asking every 100 ms, as Route 53 would). */
  readonly healthRecoveryMs: number | undefined;
}

export interface BenchReport {
  readonly seconds: number;
  readonly cpus: number;
  readonly phases: readonly PhaseSummary[];
  readonly faults: readonly FaultSummary[];
  readonly writes: WriteAccount;
  readonly requestsPerInstanceEstimate: number;
  readonly defaultRequestsPerInstance: number;
  /** The app's own log lines, by event, over the whole run. */
  readonly appLog: Readonly<Record<string, number>>;
  readonly imdsCredentialsIssued: number;
}

/** Each request of these is one DynamoDB read or write, which is what capacity.requestsPerInstance counts. */
export const ESTIMATE_PHASES = ["POST /v1/users", "GET /v1/users/{id}"];

/** The slower of the single-item phases, whole requests per second. */
export function requestsPerInstanceEstimate(phases: readonly PhaseSummary[]): number {
  const rates = phases.filter(({ name }) => ESTIMATE_PHASES.includes(name)).map((p) => p.requestsPerSecond);
  return rates.length === 0 ? 0 : Math.floor(Math.min(...rates));
}

/** A failed write is the one figure that fails the bench; latency and throughput only inform. */
export function writesIntact(writes: WriteAccount): boolean {
  return writes.lost === 0 && writes.doubled === 0;
}

const ms = (value: number) => (Number.isNaN(value) ? "-" : value.toFixed(1));
const seconds = (value: number | undefined) =>
  value === undefined ? "never" : `${(value / 1000).toFixed(2)} s`;

export function formatOutcomes(outcomes: Readonly<Record<string, number>>): string {
  const entries = Object.entries(outcomes).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? "none" : entries.map(([outcome, count]) => `${outcome} ×${count}`).join(", ");
}

function phaseRow(phase: PhaseSummary): string {
  return [
    phase.name.padEnd(20),
    String(phase.concurrency).padStart(7),
    phase.seconds.toFixed(1).padStart(7),
    String(phase.requests).padStart(8),
    phase.requestsPerSecond.toFixed(0).padStart(7),
    ms(phase.p50Ms).padStart(7),
    ms(phase.p99Ms).padStart(7),
    String(phase.errors).padStart(6),
    `  ${formatOutcomes(phase.outcomes)}`,
  ].join(" ");
}

export function formatReport(report: BenchReport): string {
  const { writes } = report;
  const estimate = report.requestsPerInstanceEstimate;
  const consistent = report.defaultRequestsPerInstance <= estimate;
  const lines = [
    `Backend over loopback: the built app, dynalite and the load's clients on this machine's ${report.cpus} cores, ${report.seconds.toFixed(0)} s in all.`,
    "",
    "phase                clients       s  requests  req/s  p50 ms  p99 ms  errors  outcomes",
    ...report.phases.map(phaseRow),
    "",
    "Faults, under creates whose clients retry with the same Idempotency-Key after Retry-After (1 s after no answer):",
  ];
  for (const fault of report.faults) {
    lines.push(
      `${fault.name}: ${fault.fault}`,
      `  clients saw, fault start to first 201 after its end: ${formatOutcomes(fault.whileFaulted)}`,
      `  first failure ${seconds(fault.firstFailureMs)} after the fault began; first 201 ${seconds(fault.recoveryMs)}` +
        ` and first /health 200 ${seconds(fault.healthRecoveryMs)} after it ended`,
      `  ${phaseRow(fault.load).trim()}`,
    );
  }
  lines.push(
    "",
    `Writes (every create of the run, against a scan of the table): attempted ${writes.attempted}, acknowledged ${writes.acknowledged}, items ${writes.storedItems}`,
    `  lost ${writes.lost}, doubled ${writes.doubled}; stored but never acknowledged ${writes.storedUnacknowledged}; not written (never acknowledged) ${writes.notWritten}`,
    `  ${writesIntact(writes) ? "no write lost or doubled" : "WRITES LOST OR DOUBLED"}`,
    "",
    `App log events: ${formatOutcomes(report.appLog)}; IMDS credentials issued: ${report.imdsCredentialsIssued}`,
    "",
    `requests per instance estimate: ${estimate} rps (loopback on this machine, not an EC2 figure)`,
    `capacity.requestsPerInstance default ${report.defaultRequestsPerInstance}: ` +
      (consistent
        ? `consistent (at or below the ${estimate} rps measured, the slower of ${ESTIMATE_PHASES.join(" and ")})`
        : `ABOVE the ${estimate} rps measured (the slower of ${ESTIMATE_PHASES.join(" and ")})`),
  );
  return lines.join("\n");
}
