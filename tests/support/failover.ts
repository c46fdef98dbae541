import type { EvaluatedRecord } from "../../components/route53";
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
