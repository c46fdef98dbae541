/**
 * What AWS (or the provider) refuses for the resources in front of each region's API: the Lambda
 * authorizer, the methods it guards, and the regional web ACL. Sources: docs/aws-facts.md, "API
 * authorization and WAF". Enums, lengths, ranges and patterns the AWS models state are checked by
 * tools/aws-models, not here.
 */
import * as aws from "@pulumi/aws";
import { isUnknown } from "@pulumi/pulumi";

type Inputs = Record<string, unknown>;
type Reject = (detail: string) => never;

const known = (value: unknown) => value !== undefined && !isUnknown(value);
const asList = (value: unknown): Inputs[] => (Array.isArray(value) ? (value as Inputs[]) : []);

/** Every runtime the provider's `lambda.Runtime` enum names; the provider refuses any other string. */
const PROVIDER_RUNTIMES: readonly string[] = Object.values(aws.lambda.Runtime);
/**
 * Node.js runtimes past Lambda's "block function create" date: creating a function on them fails (the
 * Lambda runtime deprecation policy; for nodejs16.x creation stopped on 2025-02-28).
 */
const NODE_RUNTIMES_BLOCKED_FOR_CREATE = ["nodejs10.x", "nodejs12.x", "nodejs14.x", "nodejs16.x"];

export function checkLambdaFunction(inputs: Inputs, reject: Reject): void {
  const runtime = inputs.runtime;
  if (runtime === undefined) {
    if (inputs.imageUri === undefined)
      reject("InvalidParameterValueException: Runtime is required for .zip file packages");
    return;
  }
  if (!PROVIDER_RUNTIMES.includes(String(runtime))) {
    reject(`expected runtime to be one of [${PROVIDER_RUNTIMES.join(" ")}], got ${String(runtime)}`);
  }
  if (NODE_RUNTIMES_BLOCKED_FOR_CREATE.includes(String(runtime))) {
    reject(
      `InvalidParameterValueException: The runtime parameter of ${String(runtime)} is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.`,
    );
  }
  if (inputs.handler === undefined) {
    reject("InvalidParameterValueException: Handler is required for .zip file packages");
  }
}

/**
 * The model gives authorizerResultTtlInSeconds no range; the API Reference does: "The TTL in seconds of
 * cached authorizer results ... The maximum value is 3600" (Authorizer, authorizerResultTtlInSeconds), and
 * the provider validates 0 to 3600 (apigateway/authorizer.go, IntBetween(0, 3600)).
 */
const AUTHORIZER_CACHE_TTL_RANGE = [0, 3600] as const;

/**
 * The provider validates the type against three values (apigateway/authorizer.go; the `type` docs of
 * @pulumi/aws 7.48), fewer than AWS's model, which also names JWT: the provider refuses JWT at preview.
 */
const PROVIDER_AUTHORIZER_TYPES = ["TOKEN", "REQUEST", "COGNITO_USER_POOLS"];

export function checkAuthorizer(inputs: Inputs, reject: Reject): void {
  const type = String(inputs.type ?? "TOKEN");
  if (!PROVIDER_AUTHORIZER_TYPES.includes(type)) {
    reject(`expected type to be one of [${PROVIDER_AUTHORIZER_TYPES.join(" ")}], got ${type}`);
  }
  if (
    (type === "TOKEN" || type === "REQUEST") &&
    (inputs.authorizerUri === undefined || inputs.authorizerUri === "")
  ) {
    reject(`authorizer_uri must be set non-empty when authorizer type is ${type}`);
  }
  const ttl = inputs.authorizerResultTtlInSeconds;
  if (
    known(ttl) &&
    (typeof ttl !== "number" ||
      !Number.isInteger(ttl) ||
      ttl < AUTHORIZER_CACHE_TTL_RANGE[0] ||
      ttl > AUTHORIZER_CACHE_TTL_RANGE[1])
  ) {
    reject(
      `expected authorizer_result_ttl_in_seconds to be in the range (${AUTHORIZER_CACHE_TTL_RANGE.join(" - ")}), got ${String(ttl)}`,
    );
  }
}

const AUTHORIZATION_TYPES = ["NONE", "CUSTOM", "AWS_IAM", "COGNITO_USER_POOLS"];

export function checkMethod(inputs: Inputs, reject: Reject): void {
  const authorization = String(inputs.authorization ?? "");
  if (!AUTHORIZATION_TYPES.includes(authorization)) {
    reject(
      `BadRequestException: Invalid authorization type specified: ${authorization}; allowed: ${AUTHORIZATION_TYPES.join(", ")}`,
    );
  }
  if (
    (authorization === "CUSTOM" || authorization === "COGNITO_USER_POOLS") &&
    inputs.authorizerId === undefined
  ) {
    reject(
      "BadRequestException: Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.",
    );
  }
}

/**
 * The model gives EvaluationWindowSec no enum; the API Reference does: "Valid settings are 60, 120, 300,
 * and 600" (RateBasedStatement, EvaluationWindowSec).
 */
const RATE_WINDOWS_SECONDS = [60, 120, 300, 600];

function checkVisibility(where: string, config: unknown, reject: Reject): void {
  if (config === undefined) {
    reject(`${where}: "visibility_config" is required`);
  }
}

export function checkWebAcl(inputs: Inputs, region: string, reject: Reject): void {
  const scope = String(inputs.scope ?? "");
  if (scope === "CLOUDFRONT" && region !== "us-east-1") {
    reject("WAFInvalidParameterException: a CLOUDFRONT web ACL must be created in us-east-1");
  }
  checkVisibility("web ACL", inputs.visibilityConfig, reject);
  const rules = asList(inputs.rules);
  const names = rules.map((rule) => String(rule.name));
  const priorities = rules.map((rule) => Number(rule.priority));
  if (new Set(names).size !== names.length || new Set(priorities).size !== priorities.length) {
    reject("WAFDuplicateItemException: rule names and priorities must be unique within a web ACL");
  }
  for (const rule of rules) {
    checkVisibility(`rule ${String(rule.name)}`, rule.visibilityConfig, reject);
    const rate = ((rule.statement as Inputs | undefined)?.rateBasedStatement ?? undefined) as
      Inputs | undefined;
    if (rate !== undefined) {
      const window = rate.evaluationWindowSec;
      if (known(window) && !RATE_WINDOWS_SECONDS.includes(Number(window))) {
        reject(
          `expected evaluation_window_sec to be one of [${RATE_WINDOWS_SECONDS.join(" ")}], got ${String(window)}`,
        );
      }
    }
    // A rule that references a rule group takes overrideAction; a rule with its own statement takes action.
    const groupRule = (rule.statement as Inputs | undefined)?.managedRuleGroupStatement !== undefined;
    if (groupRule !== (rule.overrideAction !== undefined) || groupRule === (rule.action !== undefined)) {
      reject(
        `WAFInvalidParameterException: rule ${String(rule.name)}: a rule group reference needs override_action and no action; any other rule needs action`,
      );
    }
  }
}

/** A web ACL protects resources of its own region only; API Gateway stages are REGIONAL resources. */
export function checkWebAclAssociation(inputs: Inputs, region: string, reject: Reject): void {
  for (const key of ["resourceArn", "webAclArn"] as const) {
    const arn = inputs[key];
    if (known(arn) && String(arn).split(":")[3] !== region) {
      reject(
        `WAFNonexistentItemException: AWS WAF couldn't perform the operation because your resource doesn't exist (${key} ${String(arn)} is not in ${region})`,
      );
    }
  }
  const webAclArn = inputs.webAclArn;
  if (known(webAclArn) && !String(webAclArn).includes(":regional/webacl/")) {
    reject(
      "WAFInvalidParameterException: only a REGIONAL web ACL can be associated with an API Gateway stage",
    );
  }
}
