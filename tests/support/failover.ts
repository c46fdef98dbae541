import type { EvaluatedRecord } from "../../components/route53";
import type { MockRegistration } from "../../tools/aws-mocks";

type Inputs = Record<string, unknown>;

/** A registered aws:route53/record:Record's inputs, in the evaluator's terms. */
export function toEvaluatedRecord(record: MockRegistration): EvaluatedRecord {
  const inputs = record.inputs;
  const alias = (inputs.aliases as Inputs[] | undefined)?.[0];
  const failover = (inputs.failoverRoutingPolicies as Inputs[] | undefined)?.[0];
  return {
    zoneId: String(inputs.zoneId),
    name: String(inputs.name),
    type: String(inputs.type),
    setIdentifier: inputs.setIdentifier as string | undefined,
    failover: failover?.type as EvaluatedRecord["failover"],
    healthCheckId: inputs.healthCheckId as string | undefined,
    alias: alias && {
      name: String(alias.name),
      zoneId: String(alias.zoneId),
      evaluateTargetHealth: alias.evaluateTargetHealth === true,
    },
    values: inputs.records as string[] | undefined,
  };
}

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
