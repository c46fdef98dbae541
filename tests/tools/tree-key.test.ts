// The key under which `npm test` remembers that the type check and lint passed (tools/tree-key.mjs): it must
// change with any change a check could see, or a type error would be skipped, and stay the same otherwise.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module for node scripts, without type declarations
import { treeKey } from "../../tools/tree-key.mjs";

const keyOf = treeKey as (root: string) => string | undefined;

function gitRepo(): string {
  const root = mkdtempSync(join(tmpdir(), "tree-key-"));
  execFileSync("git", ["init", "-q"], { cwd: root });
  writeFileSync(join(root, ".gitignore"), "ignored/\n");
  writeFileSync(join(root, "a.ts"), "export const a = 1;\n");
  writeFileSync(join(root, "package-lock.json"), '{"lockfileVersion":3}\n');
  execFileSync("git", ["add", "."], { cwd: root });
  return root;
}

describe("treeKey", () => {
  it("stays the same for an unchanged tree, and for a change in an ignored file", () => {
    const root = gitRepo();
    const before = keyOf(root);
    expect(before).toMatch(/^[0-9a-f]{16}$/);
    expect(keyOf(root)).toBe(before);
    execFileSync("mkdir", ["ignored"], { cwd: root });
    writeFileSync(join(root, "ignored", "x.ts"), "whatever");
    expect(keyOf(root)).toBe(before);
    rmSync(root, { recursive: true });
  });

  it.each([
    [
      "a tracked file's content",
      (root: string) => writeFileSync(join(root, "a.ts"), "export const a = 2;\n"),
    ],
    ["a new untracked file", (root: string) => writeFileSync(join(root, "b.ts"), "export const b = 1;\n")],
    ["the lock file", (root: string) => writeFileSync(join(root, "package-lock.json"), "{}\n")],
    ["a deleted tracked file", (root: string) => rmSync(join(root, "a.ts"))],
  ])("changes with %s", (_label, change) => {
    const root = gitRepo();
    const before = keyOf(root);
    change(root);
    expect(keyOf(root)).not.toBe(before);
    rmSync(root, { recursive: true });
  });

  it("is undefined outside a git checkout, so nothing is skipped there", () => {
    const root = mkdtempSync(join(tmpdir(), "tree-key-"));
    expect(keyOf(root)).toBeUndefined();
    rmSync(root, { recursive: true });
  });
});
