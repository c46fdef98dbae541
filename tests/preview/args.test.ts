// The preview's command line: what a user types wrong with npm in between.
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { optionsTakenByNpm, parsePreviewArgs, USAGE, UsageError } from "../../tools/preview/args";

const UNDER_NPM = { npm_lifecycle_event: "preview" };

describe("options npm took for itself (no `--` before them)", () => {
  it("refuses `npm run preview --json`, which would write the text report and exit 0", () => {
    const env = { ...UNDER_NPM, npm_config_json: "true" };
    expect(() => parsePreviewArgs([], env)).toThrow(UsageError);
    expect(() => parsePreviewArgs([], env)).toThrow(
      "npm took --json for itself, not for the preview: put `--` before the preview's options (npm run preview -- --json …)",
    );
  });

  it("names `--` for `npm run preview --stack fast`, which npm splits into a flag and a positional", () => {
    expect(() => parsePreviewArgs(["fast"], { ...UNDER_NPM, npm_config_stack: "true" })).toThrow(
      /npm took --stack for itself.*npm run preview -- --stack/,
    );
  });

  it("names every option npm took, and none when the run is not under npm", () => {
    const env = { ...UNDER_NPM, npm_config_diagram: "true", npm_config_output: "x", npm_config_cache: "/c" };
    expect(optionsTakenByNpm(env)).toEqual(["diagram", "output"]);
    expect(optionsTakenByNpm({ npm_config_json: "true" })).toEqual([]);
    expect(parsePreviewArgs(["--json"], UNDER_NPM).json).toBe(true);
  });

  it("says so in the help", () => {
    expect(USAGE).toContain("Options go after `--` (npm run preview -- --stack fast)");
  });
});

describe("--output", () => {
  it("resolves the file the report goes into, and leaves stdout to the report when absent", () => {
    expect(parsePreviewArgs(["--json", "--output", "plan.json"]).output).toBe(path.resolve("plan.json"));
    expect(parsePreviewArgs(["-o", "r.txt"]).output).toBe(path.resolve("r.txt"));
    expect(parsePreviewArgs([]).output).toBeUndefined();
  });

  it("names --diagram for what it writes: Markdown with a Mermaid diagram", () => {
    expect(USAGE).toMatch(
      /--diagram\s+write the failover \(chain, or latency records\) as a Markdown page with a\s+Mermaid diagram/,
    );
  });
});
