/**
 * The drill's recording (--record) and its timeline picture (--timeline), live against the simulated
 * Route 53 and API of fake-world.ts, and offline from the committed recording (--from-record).
 * The committed recording is a run against that simulation, not against AWS.
 * UPDATE_GOLDEN=1 rewrites the recording and docs/drill-timeline.svg (then `npx prettier --write` the
 * recording); review their diffs before committing.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseRecord, type DrillRecord } from "../../tools/drill/record";
import { runCli } from "../../tools/drill/run-cli";
import { timelineSvg } from "../../tools/drill/timeline-svg";
import { descendants, parseXml, type XmlElement } from "../support/xml";
import { FakeWorld, OUTPUTS_FILE, type Scenario } from "./fake-world";

const RECORDING = join(__dirname, "fixtures", "prod-drill-record.json");
const GOLDEN_SVG = join(__dirname, "..", "..", "docs", "drill-timeline.svg");
/** The recorded run: the metric shows the change after a minute, clients follow one TTL later. */
const RECORDED: Scenario = {
  failover: { detectAfter: 60, dnsAfter: 65, trafficAfter: 125 },
  failback: { detectAfter: 40, dnsAfter: 45, trafficAfter: 100 },
};
const update = process.env.UPDATE_GOLDEN === "1";

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "drill-timeline-"));
}

function committedRecording(): DrillRecord {
  return parseRecord(JSON.parse(readFileSync(RECORDING, "utf8")), RECORDING);
}

function byClass(root: XmlElement, name: string, cls: string): XmlElement[] {
  return descendants(root).filter(
    (e) => e.name === name && (e.attributes.class ?? "").split(" ").includes(cls),
  );
}

function textOf(root: XmlElement, role: string): string[] {
  return descendants(root)
    .filter((e) => e.name === "text" && e.attributes["data-role"] === role)
    .map((e) => e.text);
}

describe("drill --record and --timeline on a live run", () => {
  it("writes the run as the committed recording, and its picture", async () => {
    const dir = tempDir();
    const world = new FakeWorld(RECORDED);
    const recordFile = join(dir, "run.json");
    const svgFile = join(dir, "run.svg");

    const exitCode = await runCli(
      ["--stack", "prod", "--outputs", OUTPUTS_FILE, "--record", recordFile, "--timeline", svgFile],
      world.deps(),
    );

    expect(world.errors).toEqual([]);
    expect(exitCode).toBe(0);
    expect(world.text()).toContain(`Wrote the recording to ${recordFile}.`);
    expect(world.text()).toContain(`Wrote the timeline to ${svgFile}.`);
    const written = readFileSync(recordFile, "utf8");
    if (update) writeFileSync(RECORDING, written);
    expect(JSON.parse(written)).toEqual(JSON.parse(readFileSync(RECORDING, "utf8")));
    expect(readFileSync(svgFile, "utf8")).toBe(timelineSvg(parseRecord(JSON.parse(written), recordFile)));
  });

  it("still writes the picture of a drill that timed out, and the report says so", async () => {
    const dir = tempDir();
    const world = new FakeWorld({ failover: { detectAfter: 30, dnsAfter: 35 } }); // traffic never moves
    const svgFile = join(dir, "run.svg");

    expect(
      await runCli(
        ["--stack", "prod", "--outputs", OUTPUTS_FILE, "--timeout", "60", "--timeline", svgFile],
        world.deps(),
      ),
    ).toBe(2);

    const svg = parseXml(readFileSync(svgFile, "utf8"));
    expect(byClass(svg, "g", "phase").map((g) => g.attributes["data-phase"])).toEqual(["failover"]);
    expect(byClass(svg, "text", "summary")[0]?.text).toBe(
      "measured RTO not observed against the modelled 156 s: not observed",
    );
    // The lanes run to the timeout: the drill watched until then.
    const spans = byClass(svg, "rect", "span");
    const ends = spans.map((s) => Number(s.attributes.x) + Number(s.attributes.width));
    const sixtySeconds = descendants(svg).find((e) => e.name === "text" && e.text === "60 s");
    expect(Math.max(...ends)).toBeCloseTo(Number(sixtySeconds?.attributes.x), 0);
  });

  it("keeps the drill's exit code and says so when a file cannot be written", async () => {
    const world = new FakeWorld(RECORDED);

    const exitCode = await runCli(
      ["--stack", "prod", "--outputs", OUTPUTS_FILE, "--timeline", join(tempDir(), "missing", "run.svg")],
      world.deps(),
    );

    expect(exitCode).toBe(1);
    expect(world.text()).toContain("Drill completed.");
    expect(world.errors.join("\n")).toMatch(/drill: could not write the timeline to .*run\.svg: ENOENT/);
  });
});

describe("drill --from-record", () => {
  it("reports the recorded run and draws it, without AWS", async () => {
    const world = new FakeWorld();
    const svgFile = join(tempDir(), "offline.svg");

    const exitCode = await runCli(["--from-record", RECORDING, "--timeline", svgFile], world.deps());

    expect(world.errors).toEqual([]);
    expect(exitCode).toBe(0);
    expect(world.route53.calls()).toEqual([]);
    expect(world.text()).toMatch(/traffic switch: served by eu-west-1 +125 s +156 s/);
    expect(readFileSync(svgFile, "utf8")).toBe(timelineSvg(committedRecording()));
  });

  it("names the wrong field of a file that is not a recording", async () => {
    const broken = join(tempDir(), "broken.json");
    const raw = JSON.parse(readFileSync(RECORDING, "utf8")) as { report: { phases: { to?: string }[] } };
    delete raw.report.phases[0]!.to;
    writeFileSync(broken, JSON.stringify(raw));
    const world = new FakeWorld();

    expect(await runCli(["--from-record", broken], world.deps())).toBe(1);
    expect(world.errors.join("\n")).toContain(`${broken} is not a drill recording (format 1):`);
    expect(world.errors.join("\n")).toContain("report.phases.0.to:");
  });
});

describe("the timeline picture of the committed recording", () => {
  const svgText = timelineSvg(committedRecording());
  const svg = parseXml(svgText);

  it("is well-formed SVG with one panel per phase and three lanes in each", () => {
    expect(svgText.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')).toBe(true);
    expect(svg.name).toBe("svg");
    expect(svg.attributes.xmlns).toBe("http://www.w3.org/2000/svg");
    const phases = byClass(svg, "g", "phase");
    expect(phases.map((g) => g.attributes["data-phase"])).toEqual(["failover", "failback"]);
    for (const phase of phases) {
      expect(byClass(phase, "g", "lane").map((g) => g.attributes["data-signal"])).toEqual([
        "health",
        "dns",
        "traffic",
      ]);
    }
  });

  it("draws each lane's states in order, with the region names", () => {
    const [failover, failback] = byClass(svg, "g", "phase");
    const states = (phase: XmlElement | undefined, signal: string) =>
      byClass(phase!, "g", "lane")
        .find((g) => g.attributes["data-signal"] === signal)!
        .children.filter((e) => e.attributes.class === "span")
        .map((e) => e.attributes["data-state"]);
    expect(states(failover, "health")).toEqual(["healthy", "unhealthy"]);
    expect(states(failover, "dns")).toEqual(["us-east-1", "eu-west-1"]);
    expect(states(failover, "traffic")).toEqual(["us-east-1", "eu-west-1"]);
    expect(states(failback, "health")).toEqual(["unhealthy", "healthy"]);
    expect(states(failback, "dns")).toEqual(["eu-west-1", "us-east-1"]);
    expect(byClass(svg, "circle", "first-success").map((c) => c.attributes["data-region"])).toEqual([
      "eu-west-1",
      "us-east-1",
    ]);
    expect(
      byClass(svg, "text", "lane-label")
        .map((t) => t.text)
        .slice(0, 3),
    ).toEqual(["health check us-east-1", "name servers answer", "GET /health served by"]);
  });

  it("labels the measured times and the modelled RTO with the recording's numbers", () => {
    expect(textOf(svg, "first-success")).toEqual([
      "first success in eu-west-1: measured RTO 125 s",
      "first success in us-east-1: 100 s",
    ]);
    expect(textOf(svg, "detection")).toEqual([
      "us-east-1 seen unhealthy: 60 s",
      "us-east-1 seen healthy: 40 s",
    ]);
    expect(textOf(svg, "dns-switch")).toEqual([
      "name servers answer eu-west-1: 65 s",
      "name servers answer us-east-1: 45 s",
    ]);
    expect(textOf(svg, "modelled-rto")).toEqual(["modelled RTO 156 s", "modelled RTO 156 s"]);
    expect(textOf(svg, "modelled-detection")).toEqual(["modelled detection 96 s", "modelled detection 96 s"]);
    expect(byClass(svg, "text", "model")[0]?.text).toBe(
      "Dashed lines: the modelled worst case (stack output failoverTime): detection 96 s = 30 s x 3 + 6 s timeouts; RTO 156 s = detection + 60 s TTL.",
    );
    expect(byClass(svg, "text", "summary").map((t) => t.text)).toEqual([
      "measured RTO 125 s against the modelled 156 s: within model",
      "measured failback 100 s against the modelled 156 s: within model",
    ]);
    // Each marker sits where its label says: the measured RTO line at 125 s, the modelled one at 156 s.
    const lineAt = (role: string) =>
      descendants(svg).find((e) => e.name === "line" && e.attributes["data-role"] === role)?.attributes[
        "data-seconds"
      ];
    expect(lineAt("first-success")).toBe("125");
    expect(lineAt("modelled-rto")).toBe("156");
    expect(lineAt("modelled-detection")).toBe("96");
  });

  it("says when the measured RTO is slower than the model", () => {
    const record = committedRecording();
    record.report.phases[0]!.trafficSwitchSeconds = 200;
    const slow = parseXml(timelineSvg(record));
    expect(byClass(slow, "text", "summary")[0]?.text).toBe(
      "measured RTO 200 s against the modelled 156 s: SLOWER than modelled by 44 s",
    );
    expect(textOf(slow, "first-success")[0]).toBe("first success in eu-west-1: measured RTO 200 s");
  });

  it("says why there is nothing to draw for a refused drill", () => {
    const record = committedRecording();
    record.report = {
      ...record.report,
      outcome: "refused",
      phases: [],
      refusals: ["primary us-east-1 is already unhealthy"],
    };
    const refused = parseXml(timelineSvg(record));
    expect(byClass(refused, "g", "phase")).toEqual([]);
    expect(byClass(refused, "text", "no-phase")[0]?.text).toBe(
      "No phase ran: primary us-east-1 is already unhealthy",
    );
  });

  it("escapes what it draws from the recording, in text and in attributes", () => {
    const record = committedRecording();
    record.recordName = 'api.example.com <&"x">';
    const dnsChange = record.report.phases[0]!.timeline.find((e) => e.signal === "dns")!;
    dnsChange.state = 'unrecognised "<NXDOMAIN & co>"';
    const drawn = parseXml(timelineSvg(record));
    expect(drawn.children.find((e) => e.name === "title")?.text).toContain('api.example.com <&"x">');
    expect(byClass(drawn, "rect", "span").map((r) => r.attributes["data-state"])).toContain(
      'unrecognised "<NXDOMAIN & co>"',
    );
  });

  it("is the picture committed as docs/drill-timeline.svg (shown in the README)", () => {
    if (update) writeFileSync(GOLDEN_SVG, svgText);
    expect(svgText).toBe(readFileSync(GOLDEN_SVG, "utf8"));
  });
});

describe("the XML check the picture tests rely on", () => {
  it.each([
    ["<svg><g></svg>", /<\/svg> closes <g>/],
    ["<svg><text>a & b</text></svg>", /bare "&"/],
    ['<svg a="1" a="2"/>', /attribute a given twice/],
    ["<svg/><svg/>", /second root element/],
    ["<svg><g>", /is never closed/],
    ['<svg a="<"/>', /"<" in the value of a/],
  ])("refuses %j", (xml, message) => {
    expect(() => parseXml(xml)).toThrow(message);
  });
});
