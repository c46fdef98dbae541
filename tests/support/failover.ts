import {
  evaluatedHealthCheckFromInputs,
  healthyCheckIds,
  type EvaluatedRecord,
} from "@multi-region-api/model/route53";
import type { MockRegistration } from "../../tools/aws-mocks";

/** Which region a terminal answer belongs to: the region whose shared custom domain it names. */
export function regionAnswered(
  answer: EvaluatedRecord,
  registrations: readonly MockRegistration[],
): string | undefined {
  const target = answer.alias?.name ?? answer.values?.[0];
  return registrations.find(
    (r) => r.type === "aws:apigateway/domainName:DomainName" && r.outputs.regionalDomainName === target,
  )?.region;
}

/**
 * The health checks a stack run registered, as Route 53 derives them: given the regions whose endpoints
 * answer, the IDs of every check that passes, a drain's CALCULATED check included (it never does).
 */
export function passingChecksOf(run: {
  readonly registrations: readonly MockRegistration[];
}): (healthyRegions: ReadonlySet<string>) => Set<string> {
  const checks = run.registrations.filter((r) => r.type === "aws:route53/healthCheck:HealthCheck");
  const ownCheckOf = Object.fromEntries(
    checks
      .filter((c) => c.inputs.type !== "CALCULATED")
      .map((c) => [(c.inputs.tags as Record<string, unknown>).Region, String(c.id)]),
  );
  const evaluated = checks.map((c) => evaluatedHealthCheckFromInputs(String(c.id), c.inputs));
  return (healthyRegions) =>
    healthyCheckIds(evaluated, new Set([...healthyRegions].map((region) => ownCheckOf[region])));
}
