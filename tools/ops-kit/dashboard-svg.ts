/**
 * A CloudWatch dashboard body drawn as an SVG picture, so the README can show what an operator sees without
 * an AWS console: each widget is a box at its place on CloudWatch's grid (24 columns wide, `x`, `y`, `width`
 * and `height` in grid units, CloudWatch "Dashboard Body Structure and Syntax"), with its title, region and
 * statistic, and one line per metric. A text widget shows its markdown as plain lines. The graphs
 * themselves are left out: there is no data to draw offline.
 */
import { el, num } from "./svg";

/** The parts of a dashboard body this picture reads; anything else in the body is ignored. */
export interface DashboardBodyWidget {
  readonly type: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: Readonly<Record<string, unknown>>;
}

const GRID_COLUMNS = 24;
const COLUMN_WIDTH = 40;
const ROW_HEIGHT = 28;
const MARGIN = 10;
const PADDING = 6;
const LINE_HEIGHT = 15;
const FONT_SIZE = 10;
/** A monospace character is 0.6 em wide. */
const CHARACTER_WIDTH = 0.6 * FONT_SIZE;
const METRIC_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"];

/** The first line of a box's text, for `line` counted from 0. */
const baseline = (top: number, line: number) => top + PADDING + 12 + line * LINE_HEIGHT;

/** Cuts a line to what fits in `width` pixels of the picture's monospace-ish font, marking the cut. */
function fit(text: string, width: number): string {
  const room = Math.max(4, Math.floor((width - 2 * PADDING) / CHARACTER_WIDTH));
  return text.length <= room ? text : `${text.slice(0, room - 1)}…`;
}

/** Markdown to plain lines: headings, emphasis and code marks dropped, one line per paragraph line. */
export function plainLines(markdown: string): string[] {
  return markdown
    .split("\n")
    .map((line) =>
      line
        .replace(/^#+\s*/, "")
        .replace(/\*\*|__|`/g, "")
        .trim(),
    )
    .filter((line) => line !== "");
}

/** Words wrapped to lines of at most `room` characters; a longer word gets a line of its own. */
function wrap(line: string, room: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of line.split(/\s+/)) {
    if (current !== "" && current.length + 1 + word.length > room) {
      lines.push(current);
      current = word;
    } else {
      current = current === "" ? word : `${current} ${word}`;
    }
  }
  if (current !== "") lines.push(current);
  return lines;
}

/**
 * A metric as two lines of its legend: the metric's name (and its label if it has one), then the values of
 * its dimensions (`[namespace, metric, dimension, value, …, {options}]`).
 */
export function metricLegend(metric: readonly unknown[]): [string, string] {
  const options = metric.find((part): part is Record<string, unknown> => typeof part === "object");
  const [namespace = "", name = "", ...dimensions] = metric.filter(
    (part): part is string => typeof part === "string",
  );
  const label = typeof options?.label === "string" ? ` (${options.label})` : "";
  const values = dimensions.filter((_, index) => index % 2 === 1);
  return [`${name}${label}`, [namespace, ...values].join(" ")];
}

function widgetLines(widget: DashboardBodyWidget, width: number): { text: string; colour?: string }[] {
  const properties = widget.properties;
  const room = Math.floor((width - 2 * PADDING) / CHARACTER_WIDTH);
  if (widget.type === "text") {
    return plainLines(String(properties.markdown ?? ""))
      .flatMap((line) => wrap(line, room))
      .map((text) => ({ text }));
  }
  const metrics = Array.isArray(properties.metrics) ? (properties.metrics as unknown[][]) : [];
  const about = [properties.region, properties.stat, properties.period && `${String(properties.period)} s`]
    .filter((part) => typeof part === "string" && part !== "")
    .join(" · ");
  return [
    { text: String(properties.title ?? "") },
    { text: about, colour: "#555555" },
    ...metrics.flatMap((metric, index) => {
      const [name, where] = metricLegend(metric);
      const colour = METRIC_COLOURS[index % METRIC_COLOURS.length];
      const dimensions = wrap(where, room - 2).map((text) => ({ text: `  ${text}`, colour: "#555555" }));
      return [{ text: `— ${name}`, colour }, ...dimensions];
    }),
  ];
}

function widgetSvg(widget: DashboardBodyWidget): string {
  const left = MARGIN + widget.x * COLUMN_WIDTH;
  const top = MARGIN + widget.y * ROW_HEIGHT;
  const width = widget.width * COLUMN_WIDTH;
  const height = widget.height * ROW_HEIGHT;
  const room = Math.floor((height - 2 * PADDING) / LINE_HEIGHT);
  const lines = widgetLines(widget, width).slice(0, room);
  return el("g", { class: `widget ${widget.type}` }, [
    el("rect", {
      x: left + 2,
      y: top + 2,
      width: width - 4,
      height: height - 4,
      rx: 3,
      fill: widget.type === "text" ? "#f7f7f7" : "#ffffff",
      stroke: "#c8c8c8",
    }),
    ...lines.map((line, index) =>
      el(
        "text",
        {
          x: left + PADDING,
          y: baseline(top, index),
          "font-weight": widget.type === "metric" && index === 0 ? "bold" : undefined,
          fill: line.colour,
        },
        { text: fit(line.text, width) },
      ),
    ),
  ]);
}

/** The dashboard as an SVG document; the same body always gives the same bytes. */
export function dashboardSvg(body: { readonly widgets: readonly DashboardBodyWidget[] }): string {
  const rows = Math.max(0, ...body.widgets.map((w) => w.y + w.height));
  const width = 2 * MARGIN + GRID_COLUMNS * COLUMN_WIDTH;
  const height = 2 * MARGIN + rows * ROW_HEIGHT;
  const svg = el(
    "svg",
    {
      xmlns: "http://www.w3.org/2000/svg",
      width,
      height,
      viewBox: `0 0 ${num(width)} ${num(height)}`,
      "font-family": "monospace",
      "font-size": FONT_SIZE,
    },
    [el("rect", { width, height, fill: "#eeeeee" }), ...body.widgets.map(widgetSvg)],
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`;
}
