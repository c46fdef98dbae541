/**
 * The stack outputs the drill reads, validated. A drill run against half an output set would invert a
 * health check and then fail to measure or restore properly, so every output it relies on is checked up
 * front and an error names the output that is missing or wrong.
 */
import { z } from "zod";

const nonEmpty = z.string().trim().min(1, "must be a non-empty string");

const regionOutputSchema = z.object({
  url: z.string().optional(),
  healthCheckFqdn: nonEmpty,
  healthCheckPath: z.string().optional(),
  /** The alias target (API Gateway regional domain) of the failover record that points at this region. */
  regionalDomainName: nonEmpty,
  regionalZoneId: z.string().optional(),
});

/** The modelled failover time (`failoverTime` output); a drill recording keeps it too (record.ts). */
export const failoverTimeSchema = z.object({
  requestIntervalSeconds: z.number().positive(),
  failureThreshold: z.number().int().positive(),
  timeoutAllowanceSeconds: z.number().nonnegative(),
  ttlSeconds: z.number().nonnegative(),
  detectionSeconds: z.number().nonnegative(),
  totalSeconds: z.number().nonnegative(),
});

/** One field per output, so a zod issue path starts with the output's name. */
const stackOutputsSchema = z.object({
  recordName: nonEmpty,
  recordType: nonEmpty,
  url: z.string().optional(),
  hostedZoneId: nonEmpty,
  failoverOrder: z
    .array(nonEmpty)
    .min(2, "must list at least 2 regions: a drill needs a region to fail over to"),
  healthCheckIds: z.record(z.string(), nonEmpty),
  regions: z.record(z.string(), regionOutputSchema),
  drainedRegions: z.array(z.string()),
  failoverTimeSeconds: z.number().nonnegative(),
  failoverTime: failoverTimeSchema,
});

export type RegionOutputs = z.infer<typeof regionOutputSchema>;
export type FailoverTimeModel = z.infer<typeof failoverTimeSchema>;
export type StackOutputs = z.infer<typeof stackOutputsSchema>;

export class StackOutputsError extends Error {
  override name = "StackOutputsError";
}

/** The raw value at a zod issue's path, to tell "missing" from "wrong". */
function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value = raw;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describeIssue(raw: unknown, issue: z.core.$ZodIssue): string {
  const [output, ...rest] = issue.path.map(String);
  if (output === undefined) return `stack outputs: ${issue.message}`;
  const where = rest.length > 0 ? ` (at ${rest.join(".")})` : "";
  const missing = issue.code === "invalid_type" && valueAt(raw, issue.path) === undefined;
  return missing
    ? `stack output "${output}"${where} is missing`
    : `stack output "${output}"${where} is invalid: ${issue.message}`;
}

/** Checks that every region in the failover order has a health check id and region outputs. */
function checkRegionsAreComplete(outputs: StackOutputs): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const region of outputs.failoverOrder) {
    if (seen.has(region)) problems.push(`stack output "failoverOrder" is invalid: lists "${region}" twice`);
    seen.add(region);
    if (!(region in outputs.healthCheckIds)) {
      problems.push(`stack output "healthCheckIds" is missing an entry for region "${region}"`);
    }
    if (!(region in outputs.regions)) {
      problems.push(`stack output "regions" is missing an entry for region "${region}"`);
    }
  }
  return problems;
}

/** Validates parsed `pulumi stack output --json`; throws StackOutputsError listing every problem. */
export function parseStackOutputs(raw: unknown): StackOutputs {
  const parsed = stackOutputsSchema.safeParse(raw);
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new StackOutputsError(
      "stack outputs must be one JSON object, as `pulumi stack output --json` prints",
    );
  }
  if (!parsed.success) {
    throw new StackOutputsError(parsed.error.issues.map((issue) => describeIssue(raw, issue)).join("\n"));
  }
  const problems = checkRegionsAreComplete(parsed.data);
  if (problems.length > 0) throw new StackOutputsError(problems.join("\n"));
  return parsed.data;
}
