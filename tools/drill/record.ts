/**
 * A drill run as JSON (`--record FILE.json`): what the drill saw, with the stack facts needed to draw it,
 * so its timeline can be drawn again offline (`--from-record FILE.json --timeline FILE.svg`) and tested
 * without AWS. Reading one validates it and names the field that is missing or wrong.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";
import type { DrillOptions, DrillReport } from "./drill";
import { failoverTimeSchema, type FailoverTimeModel, type StackOutputs } from "./outputs";
import { SIGNALS } from "./timeline";

/** Bumped when a field changes meaning, so an old recording is refused rather than misdrawn. */
export const RECORD_FORMAT = 1;

const eventSchema = z.object({
  seconds: z.number().nonnegative(),
  text: z.string(),
  signal: z.enum(SIGNALS).optional(),
  state: z.string().optional(),
});

const phaseSchema = z.object({
  name: z.enum(["failover", "failback"]),
  from: z.string().min(1),
  to: z.string().min(1),
  detectionSeconds: z.number().nonnegative().optional(),
  dnsSwitchSeconds: z.number().nonnegative().optional(),
  trafficSwitchSeconds: z.number().nonnegative().optional(),
  timeline: z.array(eventSchema),
  completed: z.boolean(),
});

const recordSchema = z.object({
  format: z.literal(RECORD_FORMAT),
  stack: z.string().min(1),
  recordName: z.string().min(1),
  failoverOrder: z.array(z.string().min(1)).min(2),
  primaryHealthCheckId: z.string().min(1),
  failoverTime: failoverTimeSchema,
  pollSeconds: z.number().positive(),
  timeoutSeconds: z.number().positive(),
  report: z.object({
    outcome: z.enum(["completed", "refused", "timed-out", "failed", "interrupted"]),
    refusals: z.array(z.string()),
    phases: z.array(phaseSchema),
    restore: z.enum(["not-needed", "restored-by-failback", "restored", "restore-failed"]),
    error: z.string().optional(),
  }),
});

export interface DrillRecord {
  format: typeof RECORD_FORMAT;
  stack: string;
  recordName: string;
  failoverOrder: string[];
  primaryHealthCheckId: string;
  failoverTime: FailoverTimeModel;
  pollSeconds: number;
  timeoutSeconds: number;
  report: DrillReport;
}

export class DrillRecordError extends Error {
  override name = "DrillRecordError";
}

export function recordOf(
  stack: string,
  outputs: StackOutputs,
  options: DrillOptions,
  report: DrillReport,
): DrillRecord {
  const primary = outputs.failoverOrder[0] ?? "";
  return {
    format: RECORD_FORMAT,
    stack,
    recordName: outputs.recordName,
    failoverOrder: [...outputs.failoverOrder],
    primaryHealthCheckId: outputs.healthCheckIds[primary] ?? "",
    failoverTime: outputs.failoverTime,
    pollSeconds: options.pollSeconds,
    timeoutSeconds: options.timeoutSeconds,
    report,
  };
}

export function writeRecord(file: string, record: DrillRecord): void {
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
}

/** Validates a parsed recording; throws DrillRecordError naming every wrong field. */
export function parseRecord(raw: unknown, source: string): DrillRecord {
  const parsed = recordSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `  ${issue.path.length > 0 ? issue.path.join(".") : "(the document)"}: ${issue.message}`,
    );
    throw new DrillRecordError(
      [`${source} is not a drill recording (format ${RECORD_FORMAT}):`, ...problems].join("\n"),
    );
  }
  return parsed.data;
}

export function readRecord(file: string): DrillRecord {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new DrillRecordError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new DrillRecordError(`${file} is not JSON: ${(error as Error).message}`);
  }
  return parseRecord(raw, file);
}
