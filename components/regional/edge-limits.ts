/**
 * What API Gateway and AWS WAF accept for the authorizer cache and the rate-based rule, shared by the stack
 * config, the components' own argument checks and the strict mocks (sources in docs/aws-facts.md,
 * "API authorization and WAF").
 */

/** API Gateway `authorizerResultTtlInSeconds`: 0 turns caching off; at most 3600; AWS's default is 300. */
export const AUTHORIZER_CACHE_TTL_MIN = 0;
export const AUTHORIZER_CACHE_TTL_MAX = 3600;
export const DEFAULT_AUTHORIZER_CACHE_TTL_SECONDS = 60;

/** terraform-provider-aws `rate_based_statement.limit`: 100 to 2,000,000,000 requests per window. */
export const WAF_RATE_LIMIT_MIN = 100;
export const WAF_RATE_LIMIT_MAX = 2_000_000_000;
/** Requests per client IP in 5 minutes before the rate-based rule blocks it (issue 12's default). */
export const DEFAULT_WAF_REQUESTS_PER_5_MINUTES = 2000;
/** The rate-based rule's window: 300 s, so the limit reads as "per 5 minutes" (WAF allows 60/120/300/600). */
export const WAF_RATE_WINDOW_SECONDS = 300;
