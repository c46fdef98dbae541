// The project cites only what it holds: no tracked file points to the old fact sheet outside the repository,
// and every anchor of docs/aws-facts.md cited anywhere (`…aws-facts.md` + `#` + anchor) is one of its headings.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./support/stacks";

// Spelled in pieces so that this file does not cite what it forbids.
const OLD_FACT_SHEET = ["FACTS", "md"].join(".");
const OUTSIDE_THE_REPOSITORY = ["..", "shared"].join("/");

const trackedTextFiles = execFileSync("git", ["ls-files", "-z"], { cwd: REPO_ROOT, encoding: "utf8" })
  .split("\0")
  .filter((file) => file !== "" && existsSync(join(REPO_ROOT, file)))
  .map((file) => ({ file, text: readFileSync(join(REPO_ROOT, file), "utf8") }));

/** GitHub's anchor for a Markdown heading: lower case, punctuation dropped, spaces to hyphens. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .replace(/\s/g, "-");

describe("references", () => {
  it(`no tracked file cites ${OLD_FACT_SHEET} or anything in ${OUTSIDE_THE_REPOSITORY}`, () => {
    expect(trackedTextFiles.length).toBeGreaterThan(100);
    const citing = trackedTextFiles
      .filter(({ text }) => text.includes(OLD_FACT_SHEET) || text.includes(OUTSIDE_THE_REPOSITORY))
      .map(({ file }) => file);
    expect(citing).toEqual([]);
  });

  it("every anchor of docs/aws-facts.md cited in the repository is a heading of docs/aws-facts.md", () => {
    const facts = readFileSync(join(REPO_ROOT, "docs/aws-facts.md"), "utf8");
    const anchors = new Set([...facts.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1])));
    const cited = trackedTextFiles.flatMap(({ file, text }) =>
      [...text.matchAll(/aws-facts\.md#([\w-]+)/g)].map((m) => `${file}: #${m[1]}`),
    );
    expect(cited.length).toBeGreaterThan(20);
    expect(cited.filter((citation) => !anchors.has(citation.split("#")[1]))).toEqual([]);
  });
});
