/**
 * The web ACLs' and authorizers' monthly cost for a plan: what the program registered (web ACLs, their
 * rules, the authorizers and their cache TTL) priced by model/prices/edge-prices.ts under stated
 * traffic assumptions. Separate from the failover analysis's Route 53 estimate on purpose.
 */
import { estimateEdgeCost, type EdgeCost } from "@multi-region-api/model/prices/edge-prices";

/** Assumed API requests a month, all regions together. */
export const DEFAULT_API_REQUESTS_PER_MONTH = 10_000_000;
/**
 * Assumed authorizer cache hit rate with caching on: a client that reuses its token for ten or more calls
 * within the cache TTL (60 s by default) costs one invocation per ten calls or fewer.
 */
export const ASSUMED_CACHE_HIT_RATE = 0.9;

export interface EdgeCostEstimate extends EdgeCost {
  readonly webAcls: number;
  readonly wafRules: number;
  readonly authorizers: number;
  readonly requestsPerMonth: number;
  readonly authorizerCacheHitRate: number;
}

/** What the estimate reads of a plan (or of the mocks' registrations): each resource's type and inputs. */
export interface PlannedResources {
  readonly resources: readonly {
    readonly type: string;
    readonly inputs: Readonly<Record<string, unknown>>;
  }[];
}

export function estimatePlanEdgeCost(
  plan: PlannedResources,
  requestsPerMonth = DEFAULT_API_REQUESTS_PER_MONTH,
): EdgeCostEstimate {
  const ofType = (type: string) => plan.resources.filter((r) => r.type === type);
  const webAcls = ofType("aws:wafv2/webAcl:WebAcl");
  const wafRules = webAcls.reduce(
    (sum, acl) => sum + (Array.isArray(acl.inputs.rules) ? acl.inputs.rules.length : 0),
    0,
  );
  const authorizers = ofType("aws:apigateway/authorizer:Authorizer");
  const cachingOn = authorizers.every((a) => a.inputs.authorizerResultTtlInSeconds !== 0);
  const authorizerCacheHitRate = authorizers.length > 0 && cachingOn ? ASSUMED_CACHE_HIT_RATE : 0;
  const input = {
    webAcls: webAcls.length,
    wafRules,
    requestsPerMonth,
    authorizers: authorizers.length,
    authorizerCacheHitRate,
  };
  return { ...input, ...estimateEdgeCost(input) };
}

const usd = (amount: number) => `$${amount.toFixed(2)}`.padStart(8);
const millions = (n: number) => `${(n / 1e6).toLocaleString("en-US")} million`;

export function formatEdgeCost(cost: EdgeCostEstimate): string[] {
  return [
    "Web ACL and authorizer monthly cost estimate (AWS WAF and Lambda list prices, model/prices/edge-prices.ts):",
    `    web ACLs + rules  ${usd(cost.wafFixed)}   ${cost.webAcls} web ACL(s), ${cost.wafRules} rule(s)`,
    `    WAF requests      ${usd(cost.wafRequests)}   ${millions(cost.requestsPerMonth)} requests/month assumed`,
    cost.authorizers > 0
      ? `    authorizer        ${usd(cost.authorizer)}   ${millions(cost.authorizerInvocationsPerMonth)} invocations at a ${Math.round(cost.authorizerCacheHitRate * 100)} % cache hit rate (assumed)`
      : "    authorizer           $0.00   none (auth.mode none)",
    `    total             ${usd(cost.total)}`,
  ];
}
