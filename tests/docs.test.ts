import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_KEYS } from "../config";
import { REPO_ROOT } from "./support/stacks";

const read = (path: string) => readFileSync(join(REPO_ROOT, path), "utf8");
const readme = read("README.md");

/** The fenced ```mermaid block of a Markdown text. */
function mermaidBlock(markdown: string): string {
  const start = markdown.indexOf("```mermaid");
  return markdown.slice(start, markdown.indexOf("```", start + 10) + 3);
}

describe("the README stays true", () => {
  it("names commands that package.json defines, and CI runs the README's test command", () => {
    const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;
    for (const command of readme.matchAll(/npm run (?:--?\w+ )*(\w[\w:-]*)/g)) {
      expect(Object.keys(scripts)).toContain(command[1]);
    }
    expect(readme).toContain("npm ci && npm run preview");
    expect(readme).toContain("npm ci && npm test");
    const ci = read(".ci/run");
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).toMatch(/^npm test$/m);
  });

  it("documents every config key, in the README table and in Pulumi.yaml", () => {
    const pulumiYaml = read("Pulumi.yaml");
    for (const key of CONFIG_KEYS) {
      expect(readme).toMatch(new RegExp(`^\\| \`${key}\` +\\|`, "m"));
      expect(pulumiYaml).toContain(`multi-region-api:${key}`);
    }
  });

  it("embeds the prod failover diagram exactly as the preview generates it", () => {
    const generated = mermaidBlock(read("docs/failover-diagram.md"));
    expect(generated).toContain("flowchart");
    expect(readme).toContain(generated);
  });
});
