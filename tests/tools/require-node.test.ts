// `npm test`, `npm run preview` and `npm run drill` stop at once on a Node the project does not support.
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- plain JavaScript on purpose (it must run on any Node), without declarations.
import { isSupportedNode } from "../../tools/require-node.mjs";

const SCRIPT = path.resolve(__dirname, "../../tools/require-node.mjs");

describe("tools/require-node.mjs", () => {
  it.each([
    ["20.20.2", false],
    ["22.12.0", false],
    ["22.13.0", true],
    ["23.11.0", false],
    ["24.0.0", true],
    ["26.1.0", true],
  ])("Node %s supported: %s (package.json engines)", (version, supported) => {
    expect(isSupportedNode(version)).toBe(supported);
  });

  it("exits 1 within a second on Node 20, naming the Node needed and tools/use-node.sh", () => {
    const started = Date.now();
    const run = spawnSync(process.execPath, [SCRIPT], {
      env: { ...process.env, MULTIREGION_PRETEND_NODE_VERSION: "20.20.2" },
      encoding: "utf8",
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("needs Node 22.13 or later 22.x, or 24 and later");
    expect(run.stderr).toContain("this is Node 20.20.2");
    expect(run.stderr).toContain("source tools/use-node.sh");
  });

  it("passes silently on the Node running the tests", () => {
    const run = spawnSync(process.execPath, [SCRIPT], { encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
  });

  it("runs first in the scripts that fail late on an old Node", async () => {
    const { scripts } = (await import("../../package.json")).default as { scripts: Record<string, string> };
    for (const name of ["test", "preview", "drill"]) {
      expect(scripts[name]).toMatch(/^node tools\/require-node\.mjs && /);
    }
  });
});
