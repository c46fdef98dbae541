/**
 * The failover drill as a procedure with explicit states:
 *
 *   preflight ──refuse──▶ refused (nothing changed)
 *       │
 *       ▼
 *   failover: UpdateHealthCheck(primary, Inverted: true), poll until DNS and traffic come from the next region
 *             (DNS: the zone's authoritative name servers; detection: the HealthCheckStatus metric)
 *       │
 *       ▼
 *   failback: UpdateHealthCheck(primary, Inverted: false), poll until DNS and traffic come from the primary
 *       │
 *       ▼
 *   completed
 *
 * Any error, timeout or interruption after the first UpdateHealthCheck leads to a restore
 * (Inverted: false) in a `finally`, and the drill says whether the restore worked.
 */
import { HEALTH_PATH } from "@multi-region-api/model/contracts/backend";
import type { AuthoritativeDns } from "./authoritative-dns";
import type { Clock } from "../ops-kit/clock";
import { isSupportedRecordType, SUPPORTED_RECORD_TYPES, type AnswerRecogniser } from "./dns-answer";
import { describeVerdict } from "@multi-region-api/model/route53/health-rule";
import { describeProbe, type HttpProbe } from "./http-probe";
import type { StackOutputs } from "./outputs";
import type { HealthCheckStatusMetric } from "./health-metric";
import type { Route53Api } from "../ops-kit/route53";
import { HEALTH_STATES, Timeline, type TimelineEvent } from "./timeline";

export interface DrillOptions {
  /** Per phase: how long to wait for DNS and traffic to move before giving up. */
  timeoutSeconds: number;
  pollSeconds: number;
}

export interface DrillDeps {
  route53: Route53Api;
  /** The zone's own name servers: what clients get next. */
  dns: AuthoritativeDns;
  /** Route 53's HealthCheckStatus metric in us-east-1: when Route 53 itself saw the change. */
  metric: HealthCheckStatusMetric;
  recogniser: AnswerRecogniser;
  probe: HttpProbe;
  clock: Clock;
  print: (line: string) => void;
  /** Aborted on SIGINT/SIGTERM: the drill stops polling and restores the health check. */
  signal?: AbortSignal;
}

export type PhaseName = "failover" | "failback";

export interface PhaseResult {
  name: PhaseName;
  from: string;
  to: string;
  /** Seconds from the UpdateHealthCheck call until the primary's HealthCheckStatus metric showed the change. */
  detectionSeconds?: number;
  /** Seconds until the zone's authoritative name servers answered with `to`. */
  dnsSwitchSeconds?: number;
  /** Seconds until GET https://{recordName}/health was served by `to`. */
  trafficSwitchSeconds?: number;
  timeline: TimelineEvent[];
  completed: boolean;
}

export type DrillOutcome = "completed" | "refused" | "timed-out" | "failed" | "interrupted";

export type RestoreState = "not-needed" | "restored-by-failback" | "restored" | "restore-failed";

export interface DrillReport {
  outcome: DrillOutcome;
  refusals: string[];
  phases: PhaseResult[];
  restore: RestoreState;
  error?: string;
}

export class DrillTimeoutError extends Error {
  override name = "DrillTimeoutError";
  constructor(
    message: string,
    /** The phase as far as it got, so the report can still show its timeline. */
    readonly phase: PhaseResult,
  ) {
    super(message);
  }
}

/** Who takes part in a drill, derived from the outputs. */
export interface DrillCast {
  primary: string;
  next: string;
  primaryHealthCheckId: string;
  nextHealthCheckId: string;
  probeUrl: string;
}

export function castFor(outputs: StackOutputs): DrillCast {
  const [primary, next] = outputs.failoverOrder;
  // parseStackOutputs guarantees two regions, each with a health check id.
  if (primary === undefined || next === undefined) throw new Error("failoverOrder needs at least 2 regions");
  return {
    primary,
    next,
    primaryHealthCheckId: outputs.healthCheckIds[primary] ?? "",
    nextHealthCheckId: outputs.healthCheckIds[next] ?? "",
    probeUrl: `https://${outputs.recordName}${HEALTH_PATH}`,
  };
}

const RESTORE_ATTEMPTS = 3;
const RESTORE_RETRY_MS = 2_000;

export async function runDrill(
  outputs: StackOutputs,
  options: DrillOptions,
  deps: DrillDeps,
): Promise<DrillReport> {
  const { route53, print, signal } = deps;
  const cast = castFor(outputs);
  const report: DrillReport = { outcome: "completed", refusals: [], phases: [], restore: "not-needed" };

  print(`Drill: invert ${cast.primary}'s health check, expect ${cast.next} to take over, then fail back.`);
  print("Preflight:");
  let preflight: PreflightResult;
  try {
    preflight = await runPreflight(outputs, cast, deps);
  } catch (error) {
    // Nothing was changed yet, so there is nothing to restore.
    report.outcome = signal?.aborted ? "interrupted" : "failed";
    report.error = `preflight: ${(error as Error).message}`;
    print(`Drill ${report.outcome} during preflight: ${(error as Error).message}`);
    return report;
  }
  if (preflight.refusals.length > 0) {
    report.outcome = "refused";
    report.refusals = preflight.refusals;
    print("Refusing to start the drill; nothing was changed:");
    for (const reason of preflight.refusals) print(`  - ${reason}`);
    return report;
  }

  // Set just BEFORE the invert call: if the call fails halfway, Route 53 may still have applied it.
  let mayBeInverted = false;
  try {
    mayBeInverted = true;
    report.phases.push(
      await runPhase("failover", cast.primary, cast.next, outputs, options, deps, async () => {
        await route53.setInverted(cast.primaryHealthCheckId, true, preflight.primaryVersion);
      }),
    );
    report.phases.push(
      await runPhase("failback", cast.next, cast.primary, outputs, options, deps, async () => {
        await route53.setInverted(cast.primaryHealthCheckId, false);
        mayBeInverted = false;
        report.restore = "restored-by-failback";
      }),
    );
  } catch (error) {
    if (signal?.aborted) {
      report.outcome = "interrupted";
      print("Interrupted.");
    } else if (error instanceof DrillTimeoutError) {
      report.outcome = "timed-out";
      report.error = error.message;
      print(`Timed out: ${error.message}`);
      report.phases.push(error.phase);
    } else {
      report.outcome = "failed";
      report.error = (error as Error).message;
      print(`Drill failed: ${report.error}`);
    }
  } finally {
    if (mayBeInverted) report.restore = await restore(cast, deps);
  }
  return report;
}

interface PreflightResult {
  refusals: string[];
  primaryVersion: number | undefined;
}

async function runPreflight(
  outputs: StackOutputs,
  cast: DrillCast,
  deps: DrillDeps,
): Promise<PreflightResult> {
  const { route53, print } = deps;
  const refusals: string[] = [];
  let primaryVersion: number | undefined;

  if (!isSupportedRecordType(outputs.recordType)) {
    refusals.push(
      `record type "${outputs.recordType}" cannot be tested: the drill knows ${SUPPORTED_RECORD_TYPES.join(" and ")}`,
    );
  }
  if (outputs.drainedRegions.length > 0) {
    refusals.push(
      `the stack drains ${outputs.drainedRegions.join(", ")} (drainedRegions): a drill would not measure a clean failover`,
    );
  }

  for (const region of outputs.failoverOrder) {
    const id = outputs.healthCheckIds[region] ?? "";
    const settings = await route53.getHealthCheckSettings(id);
    print(`  GetHealthCheck ${id} (${region}): Inverted ${settings.inverted}, Disabled ${settings.disabled}`);
    if (settings.inverted)
      refusals.push(`region ${region} is already drained: health check ${id} is Inverted`);
    // Route 53 treats a disabled health check as always healthy (docs/aws-facts.md#invert-and-disable): it cannot fail over.
    if (settings.disabled)
      refusals.push(`health check ${id} of region ${region} is Disabled (always healthy)`);
    if (region === cast.primary) primaryVersion = settings.version;
  }

  const primaryVerdict = await route53.getCheckerVerdict(cast.primaryHealthCheckId);
  print(
    `  GetHealthCheckStatus ${cast.primaryHealthCheckId} (${cast.primary}): ${describeVerdict(primaryVerdict)}`,
  );
  if (!primaryVerdict.healthy) {
    refusals.push(
      `primary ${cast.primary} is already unhealthy: traffic is not on it, so nothing would move`,
    );
  }
  const nextVerdict = await route53.getCheckerVerdict(cast.nextHealthCheckId);
  print(`  GetHealthCheckStatus ${cast.nextHealthCheckId} (${cast.next}): ${describeVerdict(nextVerdict)}`);
  if (!nextVerdict.healthy) {
    refusals.push(
      `secondary ${cast.next} is not healthy: ${describeVerdict(nextVerdict)}; draining would cut traffic`,
    );
  }

  if (refusals.length === 0) {
    // Baseline: the measurement means something only if traffic starts on the primary.
    const probe = await deps.probe(cast.probeUrl, deps.signal);
    print(`  GET ${cast.probeUrl}: ${describeProbe(probe)}`);
    if (probe.servedBy !== cast.primary) {
      refusals.push(`traffic is not served by the primary ${cast.primary} now (${describeProbe(probe)})`);
    }
  }
  return { refusals, primaryVersion };
}

async function runPhase(
  name: PhaseName,
  from: string,
  to: string,
  outputs: StackOutputs,
  options: DrillOptions,
  deps: DrillDeps,
  flipHealthCheck: () => Promise<void>,
): Promise<PhaseResult> {
  const { recogniser, probe, clock, print, signal, dns, metric } = deps;
  const cast = castFor(outputs);
  const drainPrimary = name === "failover";
  const phase: PhaseResult = { name, from, to, timeline: [], completed: false };
  const timeline = new Timeline(print);
  phase.timeline = timeline.events;

  print("");
  print(`${name === "failover" ? "Failover" : "Failback"}: ${from} -> ${to}`);
  const startedAt = clock.now();
  const elapsed = (): number => (clock.now() - startedAt) / 1000;

  timeline.add(
    0,
    `UpdateHealthCheck ${cast.primaryHealthCheckId} (${cast.primary}) Inverted: ${drainPrimary}`,
  );
  await flipHealthCheck();

  const timeoutMs = options.timeoutSeconds * 1000;
  for (;;) {
    signal?.throwIfAborted();

    // A minute before the change, so the minute it falls in is read too.
    const reading = await metric.latest(
      cast.primaryHealthCheckId,
      new Date(startedAt - 60_000),
      new Date(clock.now()),
    );
    const detectedAt = elapsed();
    timeline.addIfChanged(
      "health",
      healthState(reading.healthy),
      detectedAt,
      `${cast.primary} HealthCheckStatus: ${describeReading(reading.healthy)}`,
    );
    if (phase.detectionSeconds === undefined && reading.healthy === !drainPrimary)
      phase.detectionSeconds = detectedAt;

    const answer = await recogniser.recognise(await dns.answer(outputs.recordName, outputs.recordType));
    const answeredAt = elapsed();
    // Keyed by region: API Gateway's rotating addresses are not news, a change of region is.
    timeline.addIfChanged(
      "dns",
      answer.region ?? `unrecognised ${answer.summary}`,
      answeredAt,
      `${dns.nameServers[0] ?? "name servers"} answers ${answer.region ?? "unrecognised"}: ${answer.summary}`,
    );
    if (phase.dnsSwitchSeconds === undefined && answer.region === to) phase.dnsSwitchSeconds = answeredAt;

    const served = await probe(cast.probeUrl, signal);
    const servedAt = elapsed();
    timeline.addIfChanged(
      "traffic",
      served.servedBy ?? "none",
      servedAt,
      `GET /health: ${describeProbe(served)}`,
    );
    if (phase.trafficSwitchSeconds === undefined && served.servedBy === to)
      phase.trafficSwitchSeconds = servedAt;

    if (phase.dnsSwitchSeconds !== undefined && phase.trafficSwitchSeconds !== undefined) {
      phase.completed = true;
      timeline.add(elapsed(), `DNS and traffic come from ${to}`);
      return phase;
    }
    if (clock.now() - startedAt >= timeoutMs) {
      const missing = [
        phase.dnsSwitchSeconds === undefined ? "DNS" : undefined,
        phase.trafficSwitchSeconds === undefined ? "traffic" : undefined,
      ].filter((what) => what !== undefined);
      throw new DrillTimeoutError(
        `${name}: ${missing.join(" and ")} did not move to ${to} within ${options.timeoutSeconds} s`,
        phase,
      );
    }
    await clock.sleep(options.pollSeconds * 1000, signal);
  }
}

function healthState(healthy: boolean | undefined): string {
  if (healthy === undefined) return HEALTH_STATES.noData;
  return healthy ? HEALTH_STATES.healthy : HEALTH_STATES.unhealthy;
}

function describeReading(healthy: boolean | undefined): string {
  if (healthy === undefined) return "no data yet";
  return healthy ? "1 (healthy)" : "0 (unhealthy)";
}

/** Puts the primary's health check back to Inverted: false, retrying, and says how it went. */
async function restore(cast: DrillCast, deps: DrillDeps): Promise<RestoreState> {
  const { route53, clock, print } = deps;
  const id = cast.primaryHealthCheckId;
  print(`Restoring health check ${id} (${cast.primary}) to Inverted: false ...`);
  let lastError: unknown;
  for (let attempt = 1; attempt <= RESTORE_ATTEMPTS; attempt++) {
    try {
      await route53.setInverted(id, false);
      print(`Restored: health check ${id} (${cast.primary}) is Inverted: false again.`);
      return "restored";
    } catch (error) {
      lastError = error;
      print(`  restore attempt ${attempt} failed: ${(error as Error).message}`);
      // No abort signal here: a second Ctrl-C must not cut the restore short.
      if (attempt < RESTORE_ATTEMPTS) await clock.sleep(RESTORE_RETRY_MS);
    }
  }
  print(`COULD NOT RESTORE health check ${id} (${cast.primary}): ${(lastError as Error).message}`);
  print(`Restore it by hand now: aws route53 update-health-check --health-check-id ${id} --no-inverted`);
  print("  (or pulumi up --refresh for the stack: the program says invertHealthcheck: false)");
  return "restore-failed";
}
