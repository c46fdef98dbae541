/**
 * The drill's timeline as an SVG picture (`--timeline FILE.svg`), drawn from a recording (record.ts) so a
 * live run and a recorded one give the same bytes. One panel per phase, on one time axis:
 *
 *   - three lanes, one per watched signal: the primary's HealthCheckStatus, the region the zone's name
 *     servers answer with, and the region that served GET /health;
 *   - solid markers for what was measured: detection, the DNS switch, the first success in the next
 *     region (the measured RTO of the failover);
 *   - dashed markers for the modelled worst case from the stack's `failoverTime` output: detection
 *     (interval x threshold + timeouts) and the RTO (detection + TTL).
 */
import type { PhaseResult } from "./drill";
import type { DrillRecord } from "./record";
import { compareToModel, detectionNote } from "./report";
import { placeLabels } from "./label-rows";
import { el, num } from "../ops-kit/svg";
import { formatSeconds, HEALTH_STATES, type Signal, type TimelineEvent } from "./timeline";

const WIDTH = 960;
const PLOT_LEFT = 220;
const PLOT_RIGHT = 930;
const LANE_HEIGHT = 24;
const LANE_GAP = 8;
const LABEL_ROW = 14;
const MEASURED_ROWS = 3;
const MODELLED_ROWS = 2;
const HEADER_HEIGHT = 100;
const PANEL_HEIGHT =
  22 + MEASURED_ROWS * LABEL_ROW + 6 + 3 * (LANE_HEIGHT + LANE_GAP) + 22 + MODELLED_ROWS * LABEL_ROW + 30;
const TICK_STEPS = [5, 10, 15, 30, 60, 120, 300, 600];
const MAX_TICKS = 12;

/** Distinct colours for up to eight regions, in failover order; more regions repeat them. */
const REGION_COLOURS = [
  "#1f77b4",
  "#ff7f0e",
  "#9467bd",
  "#17becf",
  "#8c564b",
  "#e377c2",
  "#bcbd22",
  "#7f7f7f",
];
const HEALTH_COLOURS: Readonly<Record<string, string>> = {
  [HEALTH_STATES.healthy]: "#2ca02c",
  [HEALTH_STATES.unhealthy]: "#d62728",
  [HEALTH_STATES.noData]: "#c7c7c7",
};
const UNKNOWN_COLOUR = "#c7c7c7";

interface Scale {
  maxSeconds: number;
  step: number;
  x: (seconds: number) => number;
}

interface Marker {
  seconds: number;
  label: string;
  kind: "measured" | "modelled";
  /** What the marker stands for, for readers of the SVG (and its tests). */
  role: string;
}

/** When the phase stopped watching: its last event, or the timeout when it ran out of time. */
export function phaseEndSeconds(phase: PhaseResult, record: DrillRecord): number {
  const last = Math.max(0, ...phase.timeline.map((event) => event.seconds));
  const isLast = record.report.phases.at(-1) === phase;
  return !phase.completed && isLast && record.report.outcome === "timed-out"
    ? Math.max(last, record.timeoutSeconds)
    : last;
}

function scaleFor(record: DrillRecord): Scale {
  const longest = Math.max(
    record.failoverTime.totalSeconds,
    ...record.report.phases.map((phase) => phaseEndSeconds(phase, record)),
  );
  const wanted = longest * 1.05;
  const step = TICK_STEPS.find((s) => wanted / s <= MAX_TICKS) ?? TICK_STEPS[TICK_STEPS.length - 1]!;
  const maxSeconds = Math.max(step, Math.ceil(wanted / step) * step);
  return {
    maxSeconds,
    step,
    x: (seconds) => PLOT_LEFT + (Math.min(seconds, maxSeconds) / maxSeconds) * (PLOT_RIGHT - PLOT_LEFT),
  };
}

function colourOf(signal: Signal, state: string, regions: readonly string[]): string {
  if (signal === "health") return HEALTH_COLOURS[state] ?? UNKNOWN_COLOUR;
  const index = regions.indexOf(state);
  return index < 0 ? UNKNOWN_COLOUR : REGION_COLOURS[index % REGION_COLOURS.length]!;
}

/** The signal's states as spans: each change holds until the next change of that signal or the end. */
export function spansOf(
  events: readonly TimelineEvent[],
  signal: Signal,
  endSeconds: number,
): { from: number; to: number; state: string; text: string }[] {
  const changes = events.filter((event) => event.signal === signal && event.state !== undefined);
  return changes.map((event, i) => ({
    from: event.seconds,
    to: Math.max(event.seconds, changes[i + 1]?.seconds ?? endSeconds),
    state: event.state!,
    text: event.text,
  }));
}

function markersOf(phase: PhaseResult, record: DrillRecord): Marker[] {
  const model = record.failoverTime;
  const primary = record.failoverOrder[0] ?? "";
  const failover = phase.name === "failover";
  const measured: Marker[] = [];
  if (phase.detectionSeconds !== undefined) {
    measured.push({
      seconds: phase.detectionSeconds,
      kind: "measured",
      role: "detection",
      label: `${primary} seen ${failover ? "unhealthy" : "healthy"}: ${formatSeconds(phase.detectionSeconds)}`,
    });
  }
  if (phase.dnsSwitchSeconds !== undefined) {
    measured.push({
      seconds: phase.dnsSwitchSeconds,
      kind: "measured",
      role: "dns-switch",
      label: `name servers answer ${phase.to}: ${formatSeconds(phase.dnsSwitchSeconds)}`,
    });
  }
  if (phase.trafficSwitchSeconds !== undefined) {
    measured.push({
      seconds: phase.trafficSwitchSeconds,
      kind: "measured",
      role: "first-success",
      label: `first success in ${phase.to}: ${failover ? "measured RTO " : ""}${formatSeconds(phase.trafficSwitchSeconds)}`,
    });
  }
  return [
    ...measured,
    {
      seconds: model.detectionSeconds,
      kind: "modelled",
      role: "modelled-detection",
      label: `modelled detection ${formatSeconds(model.detectionSeconds)}`,
    },
    {
      seconds: model.totalSeconds,
      kind: "modelled",
      role: "modelled-rto",
      label: `modelled RTO ${formatSeconds(model.totalSeconds)}`,
    },
  ];
}

const LANES: readonly { signal: Signal; label: (record: DrillRecord) => string }[] = [
  { signal: "health", label: (record) => `health check ${record.failoverOrder[0] ?? ""}` },
  { signal: "dns", label: () => "name servers answer" },
  { signal: "traffic", label: () => "GET /health served by" },
];

function phasePanel(phase: PhaseResult, record: DrillRecord, scale: Scale, top: number): string {
  const end = phaseEndSeconds(phase, record);
  const markers = markersOf(phase, record);
  const measured = markers.filter((m) => m.kind === "measured");
  const modelled = markers.filter((m) => m.kind === "modelled");
  const lanesTop = top + 22 + MEASURED_ROWS * LABEL_ROW + 6;
  const lanesBottom = lanesTop + 3 * (LANE_HEIGHT + LANE_GAP) - LANE_GAP;
  const axisY = lanesBottom + 4;
  const modelledTop = axisY + 22;
  const parts: string[] = [];

  const title = `${phase.name === "failover" ? "Failover" : "Failback"} ${phase.from} → ${phase.to}`;
  const state = phase.completed ? "completed" : "did not complete";
  parts.push(
    el(
      "text",
      { class: "phase-title", x: 20, y: top + 14, "font-weight": "bold" },
      { text: `${title} (${state})` },
    ),
  );

  LANES.forEach((lane, i) => {
    const y = lanesTop + i * (LANE_HEIGHT + LANE_GAP);
    const spans = spansOf(phase.timeline, lane.signal, end).map((span) => {
      const x = scale.x(span.from);
      const width = Math.max(1, scale.x(span.to) - x);
      const rect = el(
        "rect",
        {
          class: "span",
          "data-state": span.state,
          x,
          y,
          width,
          height: LANE_HEIGHT,
          fill: colourOf(lane.signal, span.state, record.failoverOrder),
        },
        [el("title", {}, { text: `T+${num(span.from)} s ${span.text}` })],
      );
      const label =
        width >= 70
          ? el("text", { class: "state", x: x + 6, y: y + 16, fill: "#ffffff" }, { text: span.state })
          : "";
      return label === "" ? rect : `${rect}\n${label}`;
    });
    parts.push(
      el("g", { class: "lane", "data-signal": lane.signal }, [
        el("text", { class: "lane-label", x: 20, y: y + 16 }, { text: lane.label(record) }),
        el("rect", { x: PLOT_LEFT, y, width: PLOT_RIGHT - PLOT_LEFT, height: LANE_HEIGHT, fill: "#f4f4f4" }),
        ...spans,
      ]),
    );
  });

  const ticks: string[] = [];
  for (let s = 0; s <= scale.maxSeconds; s += scale.step) {
    const x = scale.x(s);
    ticks.push(el("line", { x1: x, y1: axisY, x2: x, y2: axisY + 4, stroke: "#555555" }));
    ticks.push(
      el("text", { x, y: axisY + 15, "text-anchor": "middle", fill: "#555555" }, { text: `${s} s` }),
    );
  }
  parts.push(
    el("g", { class: "axis" }, [
      el("line", { x1: PLOT_LEFT, y1: axisY, x2: PLOT_RIGHT, y2: axisY, stroke: "#555555" }),
      ...ticks,
    ]),
  );

  const markerLine = (marker: Marker, y1: number, y2: number) => {
    const x = scale.x(marker.seconds);
    return el("line", {
      class: `marker ${marker.kind}`,
      "data-role": marker.role,
      "data-seconds": marker.seconds,
      x1: x,
      y1,
      x2: x,
      y2,
      stroke: marker.kind === "measured" ? "#222222" : "#888888",
      "stroke-width": marker.kind === "measured" ? 1.5 : 1,
      "stroke-dasharray": marker.kind === "modelled" ? "5 4" : undefined,
    });
  };
  const labelRows = (
    group: readonly Marker[],
    rowY: (distance: number) => number,
    lineEnd: (y: number) => [number, number],
  ) =>
    placeLabels(
      group.map((marker) => ({ x: scale.x(marker.seconds), label: marker.label })),
      WIDTH - 10,
    ).flatMap((placed) => {
      const marker = group[placed.index]!;
      const y = rowY(placed.distance);
      const [y1, y2] = lineEnd(y);
      return [
        markerLine(marker, y1, y2),
        el(
          "text",
          {
            class: `label ${marker.kind}`,
            "data-role": marker.role,
            x: placed.textX,
            y,
            "text-anchor": placed.anchor,
          },
          { text: marker.label },
        ),
      ];
    });
  // Measured labels above the lanes (distance 1 just above them), modelled ones below the axis.
  parts.push(
    ...labelRows(
      measured,
      (d) => lanesTop - 6 - (d - 1) * LABEL_ROW - 3,
      (y) => [y + 3, lanesBottom],
    ),
    ...labelRows(
      modelled,
      (d) => modelledTop + d * LABEL_ROW - 3,
      (y) => [lanesTop, y - 10],
    ),
  );
  if (phase.trafficSwitchSeconds !== undefined) {
    const trafficY = lanesTop + 2 * (LANE_HEIGHT + LANE_GAP) + LANE_HEIGHT / 2;
    parts.push(
      el("circle", {
        class: "first-success",
        "data-region": phase.to,
        cx: scale.x(phase.trafficSwitchSeconds),
        cy: trafficY,
        r: 7,
        fill: colourOf("traffic", phase.to, record.failoverOrder),
        stroke: "#222222",
        "stroke-width": 1.5,
      }),
    );
  }

  const model = record.failoverTime;
  const what = phase.name === "failover" ? "measured RTO" : "measured failback";
  const figure =
    phase.trafficSwitchSeconds === undefined ? "not observed" : formatSeconds(phase.trafficSwitchSeconds);
  parts.push(
    el(
      "text",
      { class: "summary", "data-phase": phase.name, x: 20, y: modelledTop + MODELLED_ROWS * LABEL_ROW + 18 },
      {
        text: `${what} ${figure} against the modelled ${formatSeconds(model.totalSeconds)}: ${compareToModel(phase.trafficSwitchSeconds, model.totalSeconds)}`,
      },
    ),
  );
  return el("g", { class: "phase", "data-phase": phase.name }, parts);
}

function legend(record: DrillRecord, y: number): string {
  const items = [
    ...record.failoverOrder.map((region) => ({
      label: region,
      colour: colourOf("dns", region, record.failoverOrder),
    })),
    ...Object.values(HEALTH_STATES).map((state) => ({
      label: state,
      colour: colourOf("health", state, record.failoverOrder),
    })),
  ];
  let x = 20;
  const parts = items.map((item) => {
    const part = [
      el("rect", { x, y: y - 10, width: 12, height: 12, fill: item.colour }),
      el("text", { x: x + 16, y }, { text: item.label }),
    ].join("\n");
    x += 28 + item.label.length * 7;
    return part;
  });
  return el("g", { class: "legend" }, parts);
}

/** The whole picture; a recording with no phase (refused, or failed in preflight) says why instead. */
export function timelineSvg(record: DrillRecord): string {
  const phases = record.report.phases;
  const model = record.failoverTime;
  const scale = scaleFor(record);
  const height = HEADER_HEIGHT + Math.max(1, phases.length) * PANEL_HEIGHT;
  const title = `Failover drill of stack ${record.stack}: ${record.recordName}, drill ${record.report.outcome}`;
  const body =
    phases.length > 0
      ? phases.map((phase, i) => phasePanel(phase, record, scale, HEADER_HEIGHT + i * PANEL_HEIGHT))
      : [
          el(
            "text",
            { class: "no-phase", x: 20, y: HEADER_HEIGHT + 20 },
            {
              text: `No phase ran: ${[...record.report.refusals, record.report.error ?? ""].filter(Boolean).join("; ") || record.report.outcome}`,
            },
          ),
        ];
  const svg = el(
    "svg",
    {
      xmlns: "http://www.w3.org/2000/svg",
      width: WIDTH,
      height,
      viewBox: `0 0 ${WIDTH} ${height}`,
      role: "img",
      "font-family": "sans-serif",
      "font-size": 12,
    },
    [
      el("title", {}, { text: title }),
      el("rect", { width: WIDTH, height, fill: "#ffffff" }),
      el("text", { class: "title", x: 20, y: 24, "font-size": 16, "font-weight": "bold" }, { text: title }),
      el(
        "text",
        { class: "subtitle", x: 20, y: 44, fill: "#555555" },
        {
          text:
            `Seconds since each phase's UpdateHealthCheck call. Solid lines: measured, polled every ` +
            `${formatSeconds(record.pollSeconds)}, so each may be up to that much late.`,
        },
      ),
      el(
        "text",
        { class: "model", x: 20, y: 60, fill: "#555555" },
        {
          text:
            `Dashed lines: the modelled worst case (stack output failoverTime): detection ` +
            `${formatSeconds(model.detectionSeconds)} = ${detectionNote(model)}; RTO ` +
            `${formatSeconds(model.totalSeconds)} = detection + ${formatSeconds(model.ttlSeconds)} TTL.`,
        },
      ),
      legend(record, 84),
      ...body,
    ],
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`;
}
