// A key for the state of a source tree: every file git knows (tracked or untracked, not ignored), by name and
// content. The lock file is tracked, so the versions of the tools are in it too. Used to skip a check whose
// last pass was on exactly this tree (tools/typecheck-lint.mjs).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The tree's key, or undefined outside a git checkout (where nothing may be skipped). */
export function treeKey(root) {
  let listing;
  try {
    listing = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch {
    return undefined;
  }
  const hash = createHash("sha256");
  for (const file of listing.split("\0").filter(Boolean).sort()) {
    hash.update(`${file}\0`);
    try {
      hash.update(readFileSync(join(root, file)));
    } catch {
      hash.update("(missing)"); // deleted but not yet staged
    }
  }
  return hash.digest("hex").slice(0, 16);
}
