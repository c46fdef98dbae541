import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { dependenciesOf, plainProps, STAGE_TYPE, WEB_ACL_ASSOCIATION_TYPE } from "../lib/api-gateway";
import { isUnknown, stringProperty } from "../lib/values";

/** True when `association` names `stage`: by property dependency, or by the stage's ARN once known. */
function protects(association: PolicyResource, stage: PolicyResource): boolean {
  if (dependenciesOf(association, "resourceArn").some((dependency) => dependency.urn === stage.urn)) {
    return true;
  }
  const resourceArn = stringProperty(plainProps(association), "resourceArn");
  const stageArn = stringProperty(plainProps(stage), "arn");
  return typeof resourceArn === "string" && typeof stageArn === "string" && resourceArn === stageArn;
}

/**
 * Each region serves the API from its own stage, so each stage needs its own web ACL: a rate limit per
 * client IP and the managed rules stop floods and known exploits before they reach the authorizer (billed
 * per invocation) and the backend. A stage left out is the region attackers will pick.
 */
export const apiStageWaf: StackValidationPolicy = {
  name: "api-stage-waf",
  description: "Every API Gateway stage is associated with an AWS WAF web ACL.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const associations = args.resources.filter((resource) => resource.type === WEB_ACL_ASSOCIATION_TYPE);
    // An association whose target is unknown and linked to nothing may be any stage's: wait for a run
    // where it is known rather than report a stage it might protect.
    const undetermined = associations.some(
      (association) =>
        dependenciesOf(association, "resourceArn").length === 0 &&
        isUnknown(stringProperty(plainProps(association), "resourceArn")),
    );
    for (const stage of args.resources.filter((resource) => resource.type === STAGE_TYPE)) {
      if (undetermined || associations.some((association) => protects(association, stage))) {
        continue;
      }
      const name = stringProperty(plainProps(stage), "stageName");
      reportViolation(
        `Stage ${typeof name === "string" ? name : stage.name} has no web ACL: associate a REGIONAL ` +
          `aws.wafv2.WebAcl with it (aws.wafv2.WebAclAssociation with resourceArn: stage.arn).`,
        stage.urn,
      );
    }
  },
};
