/**
 * What AWS refuses to delete while something else uses it. Each rule names its source. Route 53 is not
 * here: DeleteHealthCheck deletes a health check even while a record references it (Route 53 API
 * Reference, DeleteHealthCheck: "If you delete a health check and you don't update the associated resource
 * record sets, the future status of the health check can't be predicted"), so nothing is refused there.
 */
import { StrictMockError } from "../aws-mocks";
import type { Account, AccountResource } from "./account";

type Rule = (id: string, resource: AccountResource, users: AccountResource[]) => string | undefined;

const RULES: Readonly<Record<string, Rule>> = {
  // ACM API Reference, DeleteCertificate: "You cannot delete an ACM certificate that is being used by
  // another AWS service. To delete a certificate that is in use, the certificate association must first be
  // removed." (error ResourceInUseException).
  "aws:acm/certificate:Certificate": (id, _r, users) => {
    const user = users.find(
      (u) =>
        u.type === "aws:apigateway/domainName:DomainName" &&
        (u.inputs.regionalCertificateArn === id || u.inputs.certificateArn === id),
    );
    return user && `ResourceInUseException: Certificate ${id} in use by ${String(user.inputs.domainName)}`;
  },
  // API Gateway DeleteVpcLink while an integration routes through it, in the words AWS answers with (as
  // reported in klothoplatform/klotho#202 and hashicorp/terraform-provider-aws#12195).
  "aws:apigateway/vpcLink:VpcLink": (id, _r, users) => {
    const user = users.find(
      (u) => u.type === "aws:apigateway/integration:Integration" && u.inputs.connectionId === id,
    );
    return (
      user &&
      `BadRequestException: Cannot delete vpc link. Vpc link '${id}', is referenced in [${String(user.inputs.restApi)}:${String(user.inputs.httpMethod)}:${String(user.inputs.resourceId)}] in format of [RESTApiId:Method:Resource].`
    );
  },
  // DynamoDB DeleteTable with DeletionProtectionEnabled (DynamoDB Developer Guide, "Using deletion
  // protection"): refused until UpdateTable turns it off.
  "aws:dynamodb/table:Table": (id, resource) =>
    resource.inputs.deletionProtectionEnabled === true
      ? `ValidationException: Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first. (table ${id})`
      : undefined,
};

export function refuseDelete(id: string, resource: AccountResource, account: Account): void {
  const users = Object.entries(account.resources)
    .filter(([other]) => other !== id)
    .map(([, r]) => r);
  const refusal = RULES[resource.type]?.(id, resource, users);
  if (refusal) {
    throw new StrictMockError(resource.type, resource.name, refusal);
  }
}
