/**
 * The parts of the report after the plan, as text: strict-mock rejections, policy violations in the CLI's
 * shape, and the failover analysis.
 */
import type { FailoverAnalysis } from "./analysis";
import type { ComputeCost } from "./compute-cost";
import type { ExplainedDiagnostic } from "./config-terms";
import type { CostEstimate, LeftOut } from "./cost";
import { mandatoryViolations, type PolicyResults } from "./policy-check";

/** ✅ nothing to report, ⚠️ advisory findings only (they never fail the preview), ❌ a mandatory violation. */
function packStatus(results: PolicyResults): string {
  if (results.diagnostics.length === 0) return "✅";
  return mandatoryViolations(results).length > 0 ? "❌" : "⚠️";
}
import { formatLatencyTable } from "./latency-table";

/**
 * Like the CLI: per pack, each diagnostic with its level, policy name, URN and message. `note` adds a line
 * under a diagnostic (the judgements it failed in); `omitted` ends the list with what was left out.
 */
export function formatPolicyResults(
  results: PolicyResults,
  show: {
    readonly diagnostics?: readonly ExplainedDiagnostic[];
    readonly note?: (d: ExplainedDiagnostic) => string | undefined;
    readonly omitted?: string;
  } = {},
): string[] {
  const header = `Policies:`;
  const pack = `    ${packStatus(results)} ${results.packName}@v${results.packVersion}`;
  if (results.diagnostics.length === 0) {
    return [header, pack, "        (no violations)"];
  }
  const lines = [header, pack];
  for (const d of show.diagnostics ?? results.diagnostics) {
    lines.push(`        - [${d.enforcementLevel}]  ${d.policyName}  (${d.urn || "stack"})`);
    lines.push(...d.message.split("\n").map((line) => `          ${line}`));
    if (d.inConfigTerms) lines.push(`          stack config: ${d.inConfigTerms}`);
    const note = show.note?.(d);
    if (note) lines.push(`          ${note}`);
  }
  if (show.omitted) lines.push(`        ${show.omitted}`);
  return lines;
}

export function formatRejections(messages: readonly string[]): string[] {
  if (messages.length === 0) {
    return [];
  }
  return [
    "Errors (the strict AWS mocks refused what AWS would refuse):",
    ...messages.map((m) => `    error: ${m}`),
  ];
}

function formatTruthTable(analysis: FailoverAnalysis): string[] {
  if (analysis.truthTable.length === 0) {
    return [`    (${analysis.regions.length} regions: the 2^N table is shown up to 5 regions)`];
  }
  const width = Math.max(...analysis.regions.map((r) => r.length), 7);
  const cell = (text: string) => text.padEnd(width);
  const lines = [`    ${analysis.regions.map(cell).join("  ")}  →  answer`];
  for (const row of analysis.truthTable) {
    const states = analysis.regions.map((r) => {
      const drained = analysis.drainedRegions.includes(r) ? "*" : "";
      return cell(`${row.healthy.includes(r) ? "up" : "down"}${drained}`);
    });
    const via = row.path.length > 1 ? `  (via ${row.path.slice(1).join(", ")})` : "";
    const mismatch = row.answer === row.expected ? "" : `  ✗ expected ${row.expected}`;
    lines.push(`    ${states.join("  ")}  →  ${row.answer}${via}${mismatch}`);
  }
  if (analysis.drainedRegions.length > 0) {
    lines.push(
      "    * drained: its records carry an always-unhealthy check, so it answers only when no region in service is healthy",
    );
  }
  return lines;
}

function describeAcceleratedRecovery(on: boolean | undefined): string {
  if (on === undefined) {
    return "unknown (the program does not export hostedZoneAcceleratedRecovery)";
  }
  return on
    ? "on: draining and failover changes stay possible while us-east-1 is impaired"
    : "OFF: draining and failover changes are Route 53 control-plane changes served from us-east-1; turn it on before you need it (README)";
}

const usd = (amount: number) => `$${amount.toFixed(2)}`;

function formatLeftOut(item: LeftOut): string {
  const where = item.perRegion
    ? Object.entries(item.perRegion)
        .map(([region, count]) => `${count} in ${region}`)
        .join(", ")
    : "";
  const detail = item.detail ? ` (${item.detail.join(", ")})` : "";
  return `        - ${item.what}${detail}${where ? `: ${where}` : ""}`;
}

/** The estimate's line items, its total labelled with its scope, and everything the total leaves out. */
export function formatCost(cost: CostEstimate): string[] {
  const sources = [...new Set(cost.lineItems.map((item) => item.source))];
  return [
    `    Monthly cost estimate, ${cost.scope} (${sources.join("; ")}):`,
    ...cost.lineItems.map(
      (item) => `        ${item.name.padEnd(24)} ${usd(item.usdPerMonth).padStart(8)}   ${item.basis}`,
    ),
    `        ${`total, ${cost.scope}`.padEnd(24)} ${usd(cost.totalUsdPerMonth).padStart(8)}   not the stack's cost: see below`,
    "    Not in this total (AWS bills for them; no price module covers them yet):",
    ...cost.leftOut.map(formatLeftOut),
    ...(cost.unreviewedTypes.length > 0
      ? [`    Not priced and not reviewed for cost: ${cost.unreviewedTypes.join(", ")}`]
      : []),
  ];
}

/** Who answers: the failover truth table, or the latency table. */
function formatAnswers(analysis: FailoverAnalysis): string[] {
  const latency = analysis.latencyTable;
  if (latency) {
    return [
      "    Route 53's answer for a client nearest each region, under each failure (latency routing):",
      ...formatLatencyTable(latency, analysis.drainedRegions).map((line) => `    ${line}`),
      latency.mismatches === 0
        ? "        every client gets its nearest healthy region, or its nearest region when none is healthy"
        : `        ✗ ${latency.mismatches} answer(s) are not the client's nearest healthy region`,
    ];
  }
  return [
    "    Route 53's answer for every combination of healthy regions:",
    ...formatTruthTable(analysis).map((line) => `    ${line}`),
    analysis.truthTableMismatches === 0
      ? "        every row answers with the first healthy region in service, or the primary when none is healthy"
      : `        ✗ ${analysis.truthTableMismatches} row(s) break the failover order`,
  ];
}

export function formatAnalysis(analysis: FailoverAnalysis): string[] {
  const time = analysis.failoverTime;
  return [
    "Failover analysis (a second run with every value known):",
    `    name             ${analysis.recordName} (${analysis.recordType}${analysis.recordType === "A" ? " alias" : ""})`,
    analysis.routing === "latency"
      ? `    routing          latency: every region in service answers its nearest clients (${analysis.regions.join(", ")})`
      : `    failover order   ${analysis.failoverOrder.join(" → ")}`,
    ...(analysis.intermediateNames.length > 0
      ? [`    chain names      ${analysis.intermediateNames.join(", ")}`]
      : []),
    `    drained          ${analysis.drainedRegions.length > 0 ? analysis.drainedRegions.join(", ") : "none"}`,
    `    accelerated recovery of the zone: ${describeAcceleratedRecovery(analysis.acceleratedRecovery)}`,
    "",
    ...formatAnswers(analysis),
    "",
    "    Worst-case failover time (model):",
    `        ${time.description}`,
    `        detection ${time.detectionSeconds} s (interval × threshold + timeouts), then up to ${time.ttlSeconds} s of cached answers`,
    "",
    "",
    ...formatCost(analysis.cost),
  ];
}

/** The instance-hours of each Auto Scaling group, at its desired size and fully scaled out. */
export function formatComputeCost(compute: ComputeCost): string[] {
  if (compute.groups.length === 0) {
    return ["EC2 instance-hours: none (no Auto Scaling group in the plan)"];
  }
  return [
    `EC2 instance-hours, monthly (730 h; ${compute.source}, ${compute.checked}):`,
    ...compute.groups.map((g) =>
      g.usdPerHour === undefined
        ? `    ${g.region.padEnd(15)} ${g.desired}-${g.max} × ${g.instanceType}   not priced (not in model/prices/ec2-prices.ts)`
        : `    ${g.region.padEnd(15)} ${g.desired}-${g.max} × ${g.instanceType} at $${g.usdPerHour}/h   ${usd(g.monthlyAtDesired ?? 0)} (up to ${usd(g.monthlyAtMax ?? 0)} scaled out)`,
    ),
    `    total           ${usd(compute.monthlyAtDesired)} at desired size, up to ${usd(compute.monthlyAtMax)}` +
      (compute.unpriced > 0 ? ` (${compute.unpriced} group(s) not priced)` : ""),
    "    (EBS volumes, load balancers and data transfer are not counted)",
  ];
}
