/** The commit being released, and older commits checked out beside the repository for a rollback. */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { UsageError } from "./args";
import type { Checkout } from "./orchestrator";

const git = (cwd: string, args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8" }).trim();

/**
 * HEAD, refusing uncommitted changes: a release is recorded by its commit, and a rollback re-applies that
 * commit from a worktree, so what is deployed must be exactly a commit.
 */
export function releasedCommit(repo: string): string {
  const changes = git(repo, ["status", "--porcelain", "--untracked-files=no"]);
  if (changes !== "") {
    throw new UsageError(`the working tree has uncommitted changes; commit them first:\n${changes}`);
  }
  return git(repo, ["rev-parse", "HEAD"]);
}

/**
 * A detached worktree of `commit` with that commit's dependencies: the repository's own node_modules when
 * the lock file is the same, else a fresh `npm ci` there.
 */
export function checkoutCommit(repo: string, commit: string): Promise<Checkout> {
  const workDir = path.join(mkdtempSync(path.join(tmpdir(), "rollback-")), "tree");
  git(repo, ["worktree", "add", "--detach", workDir, commit]);
  const lock = (root: string) => readFileSync(path.join(root, "package-lock.json"), "utf8");
  if (lock(repo) === lock(workDir)) {
    // npm workspaces: the policy pack may have a node_modules of its own beside the hoisted one.
    for (const dir of ["node_modules", "policy-pack/node_modules"]) {
      if (existsSync(path.join(repo, dir))) symlinkSync(path.join(repo, dir), path.join(workDir, dir));
    }
  } else {
    execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: workDir, stdio: "inherit" });
  }
  return Promise.resolve({
    workDir,
    remove: () => {
      git(repo, ["worktree", "remove", "--force", workDir]);
      return Promise.resolve();
    },
  });
}
