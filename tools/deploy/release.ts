/**
 * The release record a regional (or all) stack carries as its `release` output: the commit deployed there
 * and the last commit that passed its gates there. `npm run deploy` writes it into a copy of the stack's
 * config file for its own `up` (`--config-file`), so no tracked file changes.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parseDocument } from "yaml";
import { CONFIG_NAMESPACE } from "../../config";

export interface ReleaseRecord {
  readonly commit: string;
  readonly passed?: string;
}

const COMMIT = /^[0-9a-f]{40}$/;

/** The record in a stack's outputs, or undefined for a stack never deployed by `npm run deploy`. */
export function releaseOf(outputs: Readonly<Record<string, unknown>>): ReleaseRecord | undefined {
  const release = outputs.release as { commit?: unknown; passed?: unknown } | undefined;
  if (typeof release?.commit !== "string" || !COMMIT.test(release.commit)) return undefined;
  const passed =
    typeof release.passed === "string" && COMMIT.test(release.passed) ? release.passed : undefined;
  return passed === undefined ? { commit: release.commit } : { commit: release.commit, passed };
}

/** A copy of `<workDir>/Pulumi.<stack>.yaml` with `release` set, for `pulumi up --config-file`. */
export function writeReleaseConfig(workDir: string, stack: string, record: ReleaseRecord): string {
  const stackFile = path.join(workDir, `Pulumi.${stack.split("/").pop()}.yaml`);
  const document = parseDocument(readFileSync(stackFile, "utf8"));
  document.setIn(["config", `${CONFIG_NAMESPACE}:release`], { ...record });
  const file = path.join(mkdtempSync(path.join(tmpdir(), "deploy-")), path.basename(stackFile));
  writeFileSync(file, document.toString());
  return file;
}
