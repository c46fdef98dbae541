// The constraint table is generated from the pinned botocore, never typed: regenerating it changes nothing,
// and every mapping names members the models have.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BOTOCORE_VERSION, botocoreDataDir } from "../../tools/aws-models/botocore";
import { TABLE_FILE, buildConstraintTable, serializeTable } from "../../tools/aws-models/generate";
import { constraintTable } from "../../tools/aws-models/model";
import { REQUEST_MAP } from "../../tools/aws-models/request-map";
import { resolveRequestMapping } from "../../tools/aws-models/validate";

describe("AWS API models: the generated table", () => {
  it(`is what botocore ${BOTOCORE_VERSION} gives (npm run aws-models regenerates it)`, () => {
    const fresh = serializeTable(buildConstraintTable(botocoreDataDir()));
    expect(readFileSync(TABLE_FILE, "utf8")).toBe(fresh);
    expect(constraintTable().botocore).toBe(BOTOCORE_VERSION);
  }, 60_000);

  it.each(Object.keys(REQUEST_MAP))("%s: every mapped member exists in its operation's request", (type) => {
    expect(() => resolveRequestMapping(type)).not.toThrow();
  });

  it("a mapping to a member the model lacks is refused, naming it", () => {
    expect(() => resolveRequestMapping("aws:route53/healthCheck:HealthCheck")).not.toThrow();
    const mapping = REQUEST_MAP["aws:route53/healthCheck:HealthCheck"] as { members: Record<string, string> };
    mapping.members.port = "HealthCheckConfig.Portt";
    try {
      expect(() => resolveRequestMapping("aws:route53/healthCheck:HealthCheck")).toThrow(
        "request-map: CreateHealthCheck has no member Portt (in HealthCheckConfig.Portt)",
      );
    } finally {
      mapping.members.port = "HealthCheckConfig.Port";
    }
  });
});
