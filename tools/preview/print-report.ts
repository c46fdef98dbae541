/**
 * The parts of the report after the plan, as text: strict-mock rejections, policy violations in the CLI's
 * shape, and the failover analysis.
 */
import type { FailoverAnalysis } from "./analysis";
import { formatLatencyTable } from "./latency-table";
import type { PolicyResults } from "./policy-check";

/** Like the CLI: per pack, each diagnostic with its level, policy name, URN and message. */
export function formatPolicyResults(results: PolicyResults): string[] {
  const header = `Policies:`;
  const pack = `    ${results.diagnostics.length === 0 ? "✅" : "❌"} ${results.packName}@v${results.packVersion}`;
  if (results.diagnostics.length === 0) {
    return [header, pack, "        (no violations)"];
  }
  const lines = [header, pack];
  for (const d of results.diagnostics) {
    lines.push(`        - [${d.enforcementLevel}]  ${d.policyName}  (${d.urn || "stack"})`);
    lines.push(...d.message.split("\n").map((line) => `          ${line}`));
  }
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
    lines.push("    * drained: its inverted check passes only while the region is down");
  }
  return lines;
}

const usd = (amount: number) => `$${amount.toFixed(2)}`;

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
      ? "        every row answers with the first healthy region, or the primary when none is healthy"
      : `        ✗ ${analysis.truthTableMismatches} row(s) break the failover order`,
  ];
}

export function formatAnalysis(analysis: FailoverAnalysis): string[] {
  const time = analysis.failoverTime;
  const cost = analysis.cost;
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
    "",
    ...formatAnswers(analysis),
    "",
    "    Worst-case failover time (model):",
    `        ${time.description}`,
    `        detection ${time.detectionSeconds} s (interval × threshold + timeouts), then up to ${time.ttlSeconds} s of cached answers`,
    "",
    "    Monthly cost estimate (Route 53 and CloudWatch list prices, FACTS.md):",
    `        health checks   ${usd(cost.healthChecks).padStart(8)}   ${cost.healthCheckCount} × (base + optional features)`,
    `        alarms          ${usd(cost.alarms).padStart(8)}   ${cost.alarmCount} CloudWatch alarm(s)`,
    `        queries         ${usd(cost.queries).padStart(8)}   ${(cost.queriesPerMonth / 1e6).toLocaleString("en-US")} million/month assumed${cost.aliasQueriesAreFree ? ", alias queries to AWS are free" : ", CNAME queries are billed"}`,
    `        total           ${usd(cost.total).padStart(8)}   (the hosted zone is not counted; an account's first 50 checks have no base fee)`,
  ];
}
