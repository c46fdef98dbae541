/**
 * The latency routing part of the preview's analysis: for a client nearest each region, which region Route 53
 * answers with when nothing has failed, when each region alone has failed, and when every region has. The
 * answers come from the shared `LatencyEvaluator` over the registered latency records; the client's order
 * after its nearest region is not knowable offline, so the table assumes the configured order (and says so).
 */
import {
  LatencyEvaluator,
  canonicalDnsName,
  type EvaluatedRecord,
  type LatencyRecord,
} from "@multi-region-api/model/route53";

export interface LatencyCell {
  /** The regions that have failed in this column. */
  readonly down: readonly string[];
  readonly answer: string;
  /**
   * The contract: the client's nearest region that is up and in service (not drained); its nearest region
   * of all when there is none, as Route 53 then treats every record as healthy.
   */
  readonly expected: string;
}

export interface LatencyTableRow {
  /** The client is nearest this region. */
  readonly nearest: string;
  /** The order of the client's latency assumed for the row: `nearest`, then the configured order. */
  readonly clientOrder: readonly string[];
  readonly cells: readonly LatencyCell[];
}

export interface LatencyTable {
  /** The failure columns: none, each region alone, all. */
  readonly failures: readonly (readonly string[])[];
  readonly rows: readonly LatencyTableRow[];
  /** Cells whose answer is not the expected one: should always be empty. */
  readonly mismatches: number;
}

export interface LatencyTableInput {
  readonly records: readonly LatencyRecord[];
  /** The set the table is about (the name's A or CNAME records). */
  readonly top: EvaluatedRecord;
  readonly regions: readonly string[];
  /** Regions taken out of service on purpose. */
  readonly drained: readonly string[];
  /** The health-check IDs that pass when exactly `healthy` regions are healthy (drains applied). */
  readonly passingWhen: (healthy: readonly string[]) => ReadonlySet<string>;
  readonly regionOfAnswer: (record: EvaluatedRecord) => string;
}

export function latencyTable(input: LatencyTableInput): LatencyTable {
  const { regions, top } = input;
  const evaluator = new LatencyEvaluator(
    input.records.filter(
      (r) => r.type === top.type && canonicalDnsName(r.name) === canonicalDnsName(top.name),
    ),
  );
  const failures = [[], ...regions.map((region) => [region]), [...regions]];
  const rows = regions.map((nearest): LatencyTableRow => {
    const clientOrder = [nearest, ...regions.filter((r) => r !== nearest)];
    const cells = failures.map((down): LatencyCell => {
      const passing = input.passingWhen(regions.filter((r) => !down.includes(r)));
      const resolution = evaluator.resolve(top.zoneId, top.name, top.type, passing, clientOrder);
      const inService = clientOrder.filter((r) => !down.includes(r) && !input.drained.includes(r));
      return {
        down,
        answer: input.regionOfAnswer(resolution.record),
        expected: inService[0] ?? clientOrder[0],
      };
    });
    return { nearest, clientOrder, cells };
  });
  return {
    failures,
    rows,
    mismatches: rows.flatMap((row) => row.cells).filter((cell) => cell.answer !== cell.expected).length,
  };
}

/** The table as text lines, for the preview's report. */
export function formatLatencyTable(table: LatencyTable, drained: readonly string[]): string[] {
  const label = (down: readonly string[]) =>
    down.length === 0 ? "none down" : down.length === table.rows.length ? "all down" : `${down[0]} down`;
  const width = Math.max(
    ...table.failures.map((d) => label(d).length),
    ...table.rows.map((r) => r.nearest.length + 8),
  );
  const cell = (text: string) => text.padEnd(width);
  const lines = [`    ${cell("client nearest")}  ${table.failures.map((d) => cell(label(d))).join("  ")}`];
  for (const row of table.rows) {
    const marks = row.cells.map((c) =>
      cell(c.answer === c.expected ? c.answer : `${c.answer} ✗ ${c.expected}`),
    );
    const drainedMark = drained.includes(row.nearest) ? "*" : "";
    lines.push(`    ${cell(`${row.nearest}${drainedMark}`)}  ${marks.join("  ")}`);
  }
  lines.push(
    "    (after its nearest region, a client's order is assumed to be the configured order of regions)",
  );
  if (drained.length > 0) {
    lines.push("    * drained: its nearest clients should go to their nearest region in service");
  }
  return lines;
}
