/**
 * One monthly estimate for the whole stack, as line items: the failover layer, the instances, the load
 * balancers, API Gateway requests, WAF, the authorizer, DynamoDB, logs and data transfer. Each line says
 * what it assumes and where its price comes from; the traffic assumptions are stated once, here.
 */
import { cents, totalOf, type CostLineItem } from "@multi-region-api/model/cost";
import { STACK_PRICE_SOURCES, STACK_PRICES } from "@multi-region-api/model/prices/stack-prices";
import { EC2_PRICE_SOURCE, HOURS_PER_MONTH } from "@multi-region-api/model/prices/ec2-prices";
import type { ComputeCost } from "./compute-cost";
import type { CostEstimate } from "./cost";
import type { EdgeCostEstimate, PlannedResources } from "./edge-cost";

/** Traffic the estimate assumes; a stack's real traffic changes every usage line. */
export const TRAFFIC_ASSUMPTIONS = {
  /** Share of API requests that are writes (POST /v1/users); the rest read one item. */
  writeShare: 0.1,
  /** A user item is under 1 KB: one write request unit per write, half a read unit per read. */
  readUnitsPerRead: 0.5,
  /** Bytes of an answer leaving AWS, headers included. */
  responseBytes: 2048,
  /** Bytes of one access-log line plus the authorizer's log of an invocation. */
  logBytesPerRequest: 1024,
  /** Users stored, in every replica. */
  storedGb: 1,
} as const;

export interface StackCost {
  readonly lineItems: readonly CostLineItem[];
  readonly total: number;
  readonly requestsPerMonth: number;
}

const GB = 1024 ** 3;

export function estimateStackCost(
  plan: PlannedResources,
  parts: { failover: CostEstimate; compute: ComputeCost; edge: EdgeCostEstimate },
): StackCost {
  const count = (type: string) => plan.resources.filter((r) => r.type === type).length;
  const requests = parts.edge.requestsPerMonth;
  const loadBalancers = count("aws:lb/loadBalancer:LoadBalancer");
  const replicas = plan.resources
    .filter((r) => r.type === "aws:dynamodb/table:Table")
    .reduce(
      (sum, table) => sum + 1 + (Array.isArray(table.inputs.replicas) ? table.inputs.replicas.length : 0),
      0,
    );
  const writes = requests * TRAFFIC_ASSUMPTIONS.writeShare;
  const reads = requests - writes;
  const { responseBytes, logBytesPerRequest, storedGb, readUnitsPerRead } = TRAFFIC_ASSUMPTIONS;
  const P = STACK_PRICES;
  const perMillion = (n: number, price: number) => (n / 1e6) * price;
  const lineItems: CostLineItem[] = [
    {
      name: "failover layer (Route 53, CloudWatch alarms)",
      usdPerMonth: parts.failover.totalUsdPerMonth,
      basis: `${parts.failover.lineItems.length} line items of the failover analysis`,
      source: "model/route53/prices.ts",
    },
    {
      name: "EC2 instances",
      usdPerMonth: parts.compute.monthlyAtDesired,
      basis: `${parts.compute.groups.reduce((n, g) => n + g.desired, 0)} instances at the desired size, ${HOURS_PER_MONTH} h; up to $${parts.compute.monthlyAtMax.toFixed(2)} at the maximum`,
      source: EC2_PRICE_SOURCE,
    },
    {
      name: "network load balancers",
      usdPerMonth: cents(loadBalancers * HOURS_PER_MONTH * P.nlbPerHour),
      basis: `${loadBalancers} NLB(s) × ${HOURS_PER_MONTH} h; NLCUs at this traffic are under 0.01 an hour, not priced`,
      source: STACK_PRICE_SOURCES.nlb,
    },
    {
      name: "API Gateway requests",
      usdPerMonth: cents(perMillion(requests, P.restApiRequestsPerMillion)),
      basis: `${requests / 1e6} million REST API requests`,
      source: STACK_PRICE_SOURCES.apiGateway,
    },
    {
      name: "WAF",
      usdPerMonth: cents(parts.edge.wafFixed + parts.edge.wafRequests),
      basis: `${parts.edge.webAcls} web ACL(s), ${parts.edge.wafRules} rule(s), every request inspected once`,
      source: "model/prices/edge-prices.ts",
    },
    {
      name: "JWT authorizer (Lambda)",
      usdPerMonth: cents(parts.edge.authorizer),
      basis: `${(parts.edge.authorizerInvocationsPerMonth / 1e6).toFixed(2)} million invocations (cache hit rate ${parts.edge.authorizerCacheHitRate})`,
      source: "model/prices/edge-prices.ts",
    },
    {
      name: "DynamoDB",
      usdPerMonth: cents(
        perMillion(writes, P.dynamoWriteRequestUnitsPerMillion) +
          perMillion(writes * Math.max(replicas - 1, 0), P.dynamoReplicatedWriteUnitsPerMillion) +
          perMillion(reads * readUnitsPerRead, P.dynamoReadRequestUnitsPerMillion) +
          replicas * storedGb * P.dynamoStoragePerGbMonth,
      ),
      basis: `${writes / 1e6} million writes (${TRAFFIC_ASSUMPTIONS.writeShare * 100} %) replicated to ${Math.max(replicas - 1, 0)} other replica(s), ${reads / 1e6} million reads, ${storedGb} GB in each of ${replicas} replica(s); /health probes not counted`,
      source: STACK_PRICE_SOURCES.dynamodb,
    },
    {
      name: "CloudWatch Logs",
      usdPerMonth: cents(((requests * logBytesPerRequest) / GB) * P.logsIngestedPerGb),
      basis: `${logBytesPerRequest} bytes of access and authorizer log per request`,
      source: STACK_PRICE_SOURCES.logs,
    },
    {
      name: "data transfer",
      usdPerMonth: cents(
        ((requests * responseBytes) / GB) * P.dataTransferOutPerGb +
          ((writes * Math.max(replicas - 1, 0) * 1024) / GB) * P.interRegionTransferPerGb,
      ),
      basis: `${responseBytes} bytes out per answer; 1 KB per replicated write between regions`,
      source: STACK_PRICE_SOURCES.transfer,
    },
  ];
  return { lineItems, total: totalOf(lineItems), requestsPerMonth: requests };
}

const usd = (amount: number) => `$${amount.toFixed(2)}`.padStart(9);

export function formatStackCost(cost: StackCost): string[] {
  const width = Math.max(...cost.lineItems.map((item) => item.name.length));
  return [
    `Whole stack, monthly estimate at ${cost.requestsPerMonth / 1e6} million API requests (list prices; not a bill):`,
    ...cost.lineItems.map(
      (item) => `    ${item.name.padEnd(width)} ${usd(item.usdPerMonth)}   ${item.basis}`,
    ),
    `    ${"total".padEnd(width)} ${usd(cost.total)}`,
    "    sources: each line's price module (tools/preview/stack-cost.ts lists them; --json has each source)",
  ];
}
