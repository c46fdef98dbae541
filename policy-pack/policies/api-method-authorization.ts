import { StackValidationPolicy } from "@pulumi/policy";
import { collectMethods, describeMethod, healthCheckPaths } from "../lib/api-gateway";
import { isUnknown } from "../lib/values";

/** Authorization types that name an authorizer: a Lambda (CUSTOM) or a Cognito user pool. */
const AUTHORIZER_TYPES = ["CUSTOM", "COGNITO_USER_POOLS"];

/**
 * A method without an authorizer lets anyone on the internet call it. IAM (SigV4) authorization does not
 * survive failover either: a signature names one region, and after failover DNS answers with another. The
 * route Route 53 health checks call is the one exception, and it must stay open: the checkers send no
 * credentials, so an authorizer there fails the region's check and fails the region over.
 *
 * A stack that deliberately serves an open API (`auth.mode: none`) must also relax this policy in its pack
 * config, so that opting out is a decision made twice.
 */
export const apiMethodAuthorization: StackValidationPolicy = {
  name: "api-method-authorization",
  description:
    "Every API Gateway method has a Lambda or Cognito authorizer, except the route Route 53 health checks call (the stack's own checks, or a RegionalApi's declared health route), which must stay open.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const healthPaths = healthCheckPaths(args.resources);
    for (const method of collectMethods(args.resources)) {
      const { authorization, authorizerId } = method;
      if (isUnknown(authorization)) {
        continue;
      }
      const label = describeMethod(method);
      if (method.path !== undefined && healthPaths.has(method.path)) {
        if (authorization !== "NONE") {
          reportViolation(
            `${label} is the route Route 53's health checks call, but its authorization is ${String(authorization)}: ` +
              `the checkers send no credentials, so the check would fail. Set authorization "NONE" on the health route.`,
            method.resource.urn,
          );
        }
        continue;
      }
      if (authorization === undefined || !AUTHORIZER_TYPES.includes(authorization)) {
        const why =
          authorization === "AWS_IAM"
            ? "IAM signatures name one region and fail once failover sends clients to another"
            : "anyone can call it";
        reportViolation(
          `${label} has authorization ${authorization ?? "unset"}: ${why}. Use a Lambda (CUSTOM) or Cognito ` +
            `authorizer; a stack that means to be open must relax api-method-authorization in its pack config.`,
          method.resource.urn,
        );
      } else if (authorizerId === undefined || authorizerId === "") {
        reportViolation(
          `${label} has authorization ${authorization} but no authorizerId.`,
          method.resource.urn,
        );
      }
    }
  },
};
