/**
 * The dashboard picture in the README (docs/dashboard-prod.svg) is drawn from prod's golden dashboard body
 * (tests/components/golden/dashboard-prod.json), so a change to the dashboard shows in the picture's diff.
 * UPDATE_GOLDEN=1 rewrites the picture; review it before committing it.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  dashboardSvg,
  metricLegend,
  plainLines,
  type DashboardBodyWidget,
} from "../../tools/ops-kit/dashboard-svg";
import { descendants, parseXml, type XmlElement } from "../support/xml";

const BODY = join(__dirname, "..", "components", "golden", "dashboard-prod.json");
const PICTURE = join(__dirname, "..", "..", "docs", "dashboard-prod.svg");

const body = JSON.parse(readFileSync(BODY, "utf8")) as { widgets: DashboardBodyWidget[] };
const svgText = dashboardSvg(body);
const drawn = parseXml(svgText);
const widgets = descendants(drawn).filter((e) => e.name === "g" && e.attributes.class?.startsWith("widget"));
const labelOf = (metric: unknown[]) => {
  const options = metric.find((part) => typeof part === "object") as { label?: string } | undefined;
  return options?.label === undefined ? "" : ` (${options.label})`;
};
const textOf = (element: XmlElement) =>
  descendants(element)
    .filter((e) => e.name === "text")
    .map((e) => e.text);

describe("the dashboard picture", () => {
  it("draws one box per widget, in the widget's place on the 24-column grid", () => {
    expect(widgets).toHaveLength(body.widgets.length);
    const boxes = widgets.map((g) => g.children.find((e) => e.name === "rect")!.attributes);
    // Each box is inset 2 px on every side of its grid cells; the first widget starts at column 0.
    const inset = 2;
    const column = (Number(drawn.attributes.width) - 2 * (Number(boxes[0]!.x) - inset)) / 24;
    body.widgets.forEach((widget, index) => {
      const box = boxes[index]!;
      expect(Number(box.width) + 2 * inset).toBeCloseTo(widget.width * column, 1);
      expect(Number(box.x) - Number(boxes[0]!.x)).toBeCloseTo(widget.x * column, 1);
    });
    // Widgets lower on the grid are drawn lower, and those on one grid row share a top.
    const tops = body.widgets.map((w, i) => [w.y, Number(boxes[i]!.y)] as const);
    for (const [y, top] of tops) {
      for (const [otherY, otherTop] of tops) {
        if (y < otherY) expect(top).toBeLessThan(otherTop);
        if (y === otherY) expect(top).toBe(otherTop);
      }
    }
  });

  it("shows every metric widget's title and a line per metric, with the metric's name", () => {
    body.widgets.forEach((widget, index) => {
      if (widget.type !== "metric") return;
      const lines = textOf(widgets[index]!);
      expect(lines[0]).toBe(widget.properties.title);
      expect(lines[1]).toContain(String(widget.properties.region));
      const metrics = widget.properties.metrics as string[][];
      const legends = lines.filter((line) => line.startsWith("— "));
      expect(legends).toEqual(metrics.map((metric) => `— ${metric[1]}${labelOf(metric)}`));
      // Every dimension's value is shown whole, on the lines below its metric.
      for (const value of metrics.flatMap((metric) => metric.filter((_, i) => i >= 3 && i % 2 === 1)))
        expect(lines.some((line) => line.trim().split(" ").includes(value))).toBe(true);
    });
  });

  it("shows the text widget's markdown as plain lines", () => {
    const index = body.widgets.findIndex((w) => w.type === "text");
    const text = textOf(widgets[index]!).join(" ");
    expect(text).toContain("Who answers");
    expect(text).toContain("Failover order: us-east-1 → eu-west-1.");
    expect(text).not.toMatch(/\*\*|##/);
  });

  it("names a metric, with its label, over its namespace and its dimensions' values", () => {
    expect(metricLegend(["AWS/ApiGateway", "5XXError", "ApiName", "api-1", "Stage", "live"])).toEqual([
      "5XXError",
      "AWS/ApiGateway api-1 live",
    ]);
    expect(
      metricLegend(["AWS/DynamoDB", "ReplicationLatency", "TableName", "t", { label: "eu-west-1" }]),
    ).toEqual(["ReplicationLatency (eu-west-1)", "AWS/DynamoDB t"]);
    expect(plainLines("## Title\n\n**Bold** and `code`\n")).toEqual(["Title", "Bold and code"]);
  });

  it("is the picture committed as docs/dashboard-prod.svg (shown in the README)", () => {
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(PICTURE, svgText);
    expect(svgText).toBe(readFileSync(PICTURE, "utf8"));
  });
});
