/** Builders of the Route 53 models' inputs (model/route53) shared by the evaluator tests. */
import type { EvaluatedHealthCheck } from "@multi-region-api/model/route53";

/** The hosted zone the evaluator tests put their records in. */
export const ZONE = "Z1";

/** An alias target at a region's API Gateway regional domain, with evaluate target health on. */
export const apiGateway = (region: string) => ({
  name: `d-1.execute-api.${region}.amazonaws.com`,
  zoneId: "ZAPIGW",
  evaluateTargetHealth: true,
});

/** An HTTPS string-match check of an endpoint, enabled and not inverted unless `change` says otherwise. */
export const endpointCheck = (
  id: string,
  change: Partial<EvaluatedHealthCheck> = {},
): EvaluatedHealthCheck => ({
  id,
  type: "HTTPS_STR_MATCH",
  inverted: false,
  disabled: false,
  childHealthChecks: [],
  childHealthThreshold: 0,
  ...change,
});

/** A CALCULATED check that is healthy when at least `threshold` of its children are. */
export const calculatedCheck = (
  id: string,
  children: string[],
  threshold = 1,
  change: Partial<EvaluatedHealthCheck> = {},
): EvaluatedHealthCheck =>
  endpointCheck(id, {
    type: "CALCULATED",
    childHealthChecks: children,
    childHealthThreshold: threshold,
    ...change,
  });
