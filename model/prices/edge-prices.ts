/**
 * What the per-region web ACL and JWT authorizer cost, in USD, kept apart from the Route 53 estimate
 * (model/route53/prices.ts) so either can change alone. List prices of US East (N. Virginia),
 * transcribed 2026-11-25 from the AWS WAF pricing page (web ACL, rule, requests; AWS's own baseline managed
 * rule groups carry no subscription fee) and the AWS Lambda pricing page (Arm, first duration tier). An
 * estimate for planning, not a bill: check both pages before you budget.
 */
export const EDGE_PRICES = {
  wafWebAclPerMonth: 5.0,
  /** Each rule of a web ACL, a managed rule group counting as one. */
  wafRulePerMonth: 1.0,
  wafRequestsPerMillion: 0.6,
  lambdaRequestsPerMillion: 0.2,
  /** Arm (Graviton), the authorizer's architecture. */
  lambdaArmPerGbSecond: 0.0000133334,
} as const;

/** The authorizer's memory (components/regional/jwt-authorizer.ts) and a warm, JWKS-cached run's length. */
export const AUTHORIZER_MEMORY_GB = 0.25;
export const AUTHORIZER_ASSUMED_DURATION_SECONDS = 0.05;

export interface EdgeCostInput {
  readonly webAcls: number;
  /** Rules across all web ACLs. */
  readonly wafRules: number;
  /** Requests a month to the API, all regions together (each passes exactly one region's web ACL). */
  readonly requestsPerMonth: number;
  /** Regions with a Lambda authorizer; 0 when the API is open. */
  readonly authorizers: number;
  /**
   * Share of authorized requests API Gateway answers from the authorizer cache (0 with caching off). Each
   * token is verified once per cache TTL per region; the rest are hits.
   */
  readonly authorizerCacheHitRate: number;
}

export interface EdgeCost {
  readonly wafFixed: number;
  readonly wafRequests: number;
  readonly authorizerInvocationsPerMonth: number;
  readonly authorizer: number;
  readonly total: number;
}

const cents = (usd: number) => Math.round(usd * 100) / 100;

export function estimateEdgeCost(input: EdgeCostInput): EdgeCost {
  const wafFixed =
    input.webAcls * EDGE_PRICES.wafWebAclPerMonth + input.wafRules * EDGE_PRICES.wafRulePerMonth;
  const wafRequests =
    input.webAcls > 0 ? (input.requestsPerMonth / 1e6) * EDGE_PRICES.wafRequestsPerMillion : 0;
  const invocations =
    input.authorizers > 0 ? Math.round(input.requestsPerMonth * (1 - input.authorizerCacheHitRate)) : 0;
  const authorizer =
    (invocations / 1e6) * EDGE_PRICES.lambdaRequestsPerMillion +
    invocations *
      AUTHORIZER_MEMORY_GB *
      AUTHORIZER_ASSUMED_DURATION_SECONDS *
      EDGE_PRICES.lambdaArmPerGbSecond;
  return {
    wafFixed: cents(wafFixed),
    wafRequests: cents(wafRequests),
    authorizerInvocationsPerMonth: invocations,
    authorizer: cents(authorizer),
    total: cents(wafFixed + wafRequests + authorizer),
  };
}
