import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_KEYS } from "../config";
import { REPO_ROOT } from "./support/stacks";

const read = (path: string) => readFileSync(join(REPO_ROOT, path), "utf8");
const readme = read("README.md");
/**
 * The documents split off the README (contributor material, and reference material in docs/), whose commands
 * must exist too. docs/aws-facts.md is left out: it names `npm run` in prose ("npm run prints a banner").
 */
const otherDocs = [
  "CONTRIBUTING.md",
  "docs/api.md",
  "docs/architecture.md",
  "docs/configuration.md",
  "docs/failover.md",
  "docs/preview.md",
];

/** The fenced ```mermaid block of a Markdown text. */
function mermaidBlock(markdown: string): string {
  const start = markdown.indexOf("```mermaid");
  return markdown.slice(start, markdown.indexOf("```", start + 10) + 3);
}

/** The script names of every `npm run X` (options before the name skipped) in a Markdown text. */
const npmRunScripts = (markdown: string) =>
  [...markdown.matchAll(/npm run (?:--?\w+ )*(\w[\w:-]*)/g)].map((command) => command[1]);

describe("the README stays true", () => {
  it("names commands that package.json defines, and CI runs the README's test command", () => {
    const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;
    expect(npmRunScripts(readme).length).toBeGreaterThan(0);
    for (const name of npmRunScripts(readme)) {
      expect(Object.keys(scripts)).toContain(name);
    }
    expect(readme).toContain("npm ci && npm run preview");
    expect(readme).toContain("npm ci && npm test");
    const ci = read(".ci/run");
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).toMatch(/^npm test$/m);
  });

  it("names only commands that package.json defines in CONTRIBUTING.md and docs/", () => {
    const scripts = Object.keys(
      (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts,
    );
    for (const doc of otherDocs) {
      expect(readme, `the README links ${doc}`).toContain(`](${doc}`);
      for (const name of npmRunScripts(read(doc))) {
        expect(scripts, `${doc}: npm run ${name}`).toContain(name);
      }
    }
  });

  it("documents every config key, in docs/configuration.md's table (linked from the README) and in Pulumi.yaml", () => {
    const table = read("docs/configuration.md");
    const pulumiYaml = read("Pulumi.yaml");
    expect(readme).toContain("](docs/configuration.md)");
    expect(CONFIG_KEYS.length).toBeGreaterThan(10);
    for (const key of CONFIG_KEYS) {
      expect(table).toMatch(new RegExp(`^\\| \`${key}\` +\\|`, "m"));
      expect(pulumiYaml).toContain(`multi-region-api:${key}`);
    }
  });

  it("embeds the prod failover diagram exactly as the preview generates it", () => {
    const generated = mermaidBlock(read("docs/failover-diagram.md"));
    expect(generated).toContain("flowchart");
    expect(readme).toContain(generated);
  });
});
