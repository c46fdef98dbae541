// The preview's exit 2 for a stack config AWS would refuse, before any program run or policy pack.
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runPreview } from "../../tools/preview/preview";
import { REPO_ROOT } from "../support/stacks";

function projectWithStack(stack: string, text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "preview-config-"));
  copyFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), text);
  return dir;
}

describe("npm run preview: invalid stack config", () => {
  it("exits 2 for a CNAME at the zone apex, naming dns.recordKind and domainName", async () => {
    const projectDir = projectWithStack(
      "apex",
      [
        "config:",
        "  multi-region-api:domainName: example.com",
        "  multi-region-api:hostedZoneName: example.com",
        "  multi-region-api:regions: [us-east-1, eu-west-1]",
        "  multi-region-api:auth: { mode: none }",
        "  multi-region-api:dns:",
        "    recordKind: cname",
        "",
      ].join("\n"),
    );
    const report = await runPreview({ stack: "apex", projectDir });
    expect(report.exitCode).toBe(2);
    expect(report.error).toContain("multi-region-api:dns.recordKind");
    expect(report.error).toContain('domainName "example.com" is the zone apex');
    expect(report.plan).toBeUndefined();
  });
});
