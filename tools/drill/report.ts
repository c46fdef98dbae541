/**
 * The drill's closing report: measured times next to the modelled worst case from the stack outputs,
 * and the exit code that tells a script how it went.
 */
import type { DrillOutcome, DrillReport, PhaseResult, RestoreState } from "./drill";
import type { FailoverTimeModel } from "./outputs";
import { formatSeconds } from "./timeline";

export const EXIT_CODES: Record<DrillOutcome, number> = {
  completed: 0,
  failed: 1,
  "timed-out": 2,
  refused: 3,
  interrupted: 130,
};

/** A health check left inverted is worse than any drill result: it gets its own code. */
export const EXIT_RESTORE_FAILED = 4;

export function exitCodeFor(report: DrillReport): number {
  if (report.restore === "restore-failed") return EXIT_RESTORE_FAILED;
  return EXIT_CODES[report.outcome];
}

interface FigureRow {
  label: string;
  measured: number | undefined;
  modelled: number;
  modelNote: string;
}

function figureRows(phase: PhaseResult, model: FailoverTimeModel): FigureRow[] {
  const healthWord = phase.name === "failover" ? "unhealthy" : "healthy";
  return [
    {
      label: `detection: ${phase.name === "failover" ? phase.from : phase.to} HealthCheckStatus ${healthWord}`,
      measured: phase.detectionSeconds,
      modelled: model.detectionSeconds,
      modelNote: detectionNote(model),
    },
    {
      label: `DNS switch: name servers answer ${phase.to}`,
      measured: phase.dnsSwitchSeconds,
      modelled: model.detectionSeconds,
      modelNote: "at Route 53, before resolvers",
    },
    {
      label: `traffic switch: served by ${phase.to}`,
      measured: phase.trafficSwitchSeconds,
      modelled: model.totalSeconds,
      modelNote: `+ TTL ${model.ttlSeconds} s`,
    },
  ];
}

/** A measured time against the modelled worst case, in the words of the report and the timeline picture. */
export function compareToModel(measured: number | undefined, modelled: number): string {
  if (measured === undefined) return "not observed";
  const over = measured - modelled;
  return over > 0 ? `SLOWER than modelled by ${formatSeconds(over)}` : "within model";
}

/** "30 s x 3 + 6 s timeouts": how the modelled detection time is made. */
export function detectionNote(model: FailoverTimeModel): string {
  return `${model.requestIntervalSeconds} s x ${model.failureThreshold} + ${model.timeoutAllowanceSeconds} s timeouts`;
}

export function formatPhaseFigures(
  phase: PhaseResult,
  model: FailoverTimeModel,
  pollSeconds: number,
): string[] {
  const rows = figureRows(phase, model);
  const labelWidth = Math.max(...rows.map((row) => row.label.length));
  const title = `${phase.name === "failover" ? "Failover" : "Failback"} ${phase.from} -> ${phase.to}`;
  const lines = [
    `${title.padEnd(labelWidth + 2)}${"measured".padStart(10)}   modelled worst case`,
    ...rows.map(
      (row) =>
        `  ${row.label.padEnd(labelWidth)}${(row.measured === undefined ? "-" : formatSeconds(row.measured)).padStart(10)}` +
        `   ${formatSeconds(row.modelled).padStart(6)} (${row.modelNote})  ${compareToModel(row.measured, row.modelled)}`,
    ),
    `  (measured to the poll: each figure may be up to ${pollSeconds} s late)`,
  ];
  if (phase.detectionSeconds === undefined && phase.completed) {
    lines.push(
      "  detection not observed: the HealthCheckStatus metric (one value a minute, in us-east-1) did not show",
      "  the change in time; the DNS and traffic switches are the measurements that count.",
    );
  }
  return lines;
}

function describeRestore(restore: RestoreState): string {
  switch (restore) {
    case "not-needed":
      return "The health check was never changed.";
    case "restored-by-failback":
      return "The health check was restored by the failback (Inverted: false).";
    case "restored":
      return "The health check was restored (Inverted: false).";
    case "restore-failed":
      return "THE HEALTH CHECK COULD NOT BE RESTORED: it is still inverted; see above.";
  }
}

export function formatReport(report: DrillReport, model: FailoverTimeModel, pollSeconds: number): string[] {
  const lines = ["", `Drill ${report.outcome}.`];
  for (const phase of report.phases) lines.push("", ...formatPhaseFigures(phase, model, pollSeconds));
  if (report.error !== undefined) lines.push("", `Reason: ${report.error}`);
  lines.push("", describeRestore(report.restore));
  return lines;
}
