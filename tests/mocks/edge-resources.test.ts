// The strict mocks refuse what AWS (or the provider) refuses for the authorizer, its methods and the web
// ACL (docs/aws-facts.md, "API authorization and WAF"); the happy shapes are what RegionalApi registers.
import { describe, expect, it } from "vitest";
import { mockAccount, UNKNOWN_INPUT } from "./strict-mocks";

const AUTHORIZER = "aws:apigateway/authorizer:Authorizer";
const METHOD = "aws:apigateway/method:Method";
const FUNCTION = "aws:lambda/function:Function";
const WEB_ACL = "aws:wafv2/webAcl:WebAcl";
const ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation";

const authorizer = (change: Record<string, unknown> = {}) => ({
  restApi: "api1",
  type: "TOKEN",
  authorizerUri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn/invocations",
  identitySource: "method.request.header.Authorization",
  authorizerResultTtlInSeconds: 300,
  ...change,
});
const method = (change: Record<string, unknown> = {}) => ({
  restApi: "api1",
  resourceId: "r1",
  httpMethod: "ANY",
  authorization: "CUSTOM",
  authorizerId: "auth1",
  ...change,
});
const lambda = (change: Record<string, unknown> = {}) => ({
  runtime: "nodejs24.x",
  handler: "index.handler",
  role: "arn:aws:iam::123456789012:role/r",
  ...change,
});
const visibility = (metricName: string) => ({
  cloudwatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
  metricName,
});
const rateRule = (statement: Record<string, unknown> = {}, change: Record<string, unknown> = {}) => ({
  name: "rate",
  priority: 0,
  action: { block: {} },
  statement: {
    rateBasedStatement: { limit: 2000, aggregateKeyType: "IP", evaluationWindowSec: 300, ...statement },
  },
  visibilityConfig: visibility("rate"),
  ...change,
});
const managedRule = (change: Record<string, unknown> = {}) => ({
  name: "crs",
  priority: 1,
  overrideAction: { none: {} },
  statement: { managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesCommonRuleSet" } },
  visibilityConfig: visibility("crs"),
  ...change,
});
const webAcl = (change: Record<string, unknown> = {}) => ({
  scope: "REGIONAL",
  defaultAction: { allow: {} },
  rules: [rateRule(), managedRule()],
  visibilityConfig: visibility("acl"),
  ...change,
});

describe("strict mocks: the Lambda authorizer and the methods it guards", () => {
  it("accept what RegionalApi registers", () => {
    const account = mockAccount();
    for (const [type, inputs] of [
      [AUTHORIZER, authorizer()],
      [METHOD, method()],
      [METHOD, method({ authorization: "NONE", authorizerId: undefined })],
      [FUNCTION, lambda()],
      [FUNCTION, lambda({ runtime: "nodejs22.x" })],
    ] as const) {
      expect(account.refusal(type, inputs)).toBeUndefined();
    }
  });

  it.each([
    [3601, "expected authorizer_result_ttl_in_seconds to be in the range (0 - 3600), got 3601"],
    [-1, "expected authorizer_result_ttl_in_seconds to be in the range (0 - 3600), got -1"],
  ])("refuse an authorizer cache TTL of %s (API Gateway: 0-3600)", (ttl, message) => {
    expect(mockAccount().refusal(AUTHORIZER, authorizer({ authorizerResultTtlInSeconds: ttl }))).toContain(
      message,
    );
  });

  it("refuse a TOKEN authorizer without a Lambda URI, and an unknown authorizer type", () => {
    expect(mockAccount().refusal(AUTHORIZER, authorizer({ authorizerUri: undefined }))).toContain(
      "authorizer_uri must be set non-empty when authorizer type is TOKEN",
    );
    expect(mockAccount().refusal(AUTHORIZER, authorizer({ type: "JWT" }))).toContain(
      "expected type to be one of [TOKEN REQUEST COGNITO_USER_POOLS], got JWT",
    );
  });

  it("refuse a CUSTOM method without an authorizerId, as API Gateway does", () => {
    expect(mockAccount().refusal(METHOD, method({ authorizerId: undefined }))).toBe(
      'aws:apigateway/method:Method "subject": BadRequestException: Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.',
    );
    expect(mockAccount().refusal(METHOD, method({ authorization: "JWT" }))).toContain(
      "Invalid authorization type specified: JWT",
    );
  });

  it("in a preview, an unknown authorizerId counts as set", () => {
    expect(
      mockAccount({ preview: true }).refusal(METHOD, method({ authorizerId: UNKNOWN_INPUT })),
    ).toBeUndefined();
  });

  it.each([
    [
      "nodejs16.x",
      "The runtime parameter of nodejs16.x is no longer supported for creating or updating AWS Lambda functions",
    ],
    ["nodejs26.x", "expected runtime to be one of ["],
    [
      "node24",
      "Value 'node24' at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [nodejs, ",
    ],
  ])("refuse the Lambda runtime %s", (runtime, message) => {
    expect(mockAccount().refusal(FUNCTION, lambda({ runtime }))).toContain(message);
  });

  it("refuse a zip function without a handler", () => {
    expect(mockAccount().refusal(FUNCTION, lambda({ handler: undefined }))).toContain("Handler is required");
  });

  it("answer a function with the invoke ARN API Gateway calls, in the function's region", () => {
    const account = mockAccount();
    account.create(FUNCTION, lambda(), { region: "eu-west-1" });
    expect(account.mocks.registrations.at(-1)?.outputs.invokeArn).toMatch(
      /^arn:aws:apigateway:eu-west-1:lambda:path\/2015-03-31\/functions\/arn:aws:lambda:eu-west-1:123456789012:function:.+\/invocations$/,
    );
  });
});

describe("strict mocks: the regional web ACL", () => {
  it("accept what RegionalApi registers, and answer with a regional web ACL ARN", () => {
    const account = mockAccount();
    account.create(WEB_ACL, webAcl(), { region: "eu-west-1" });
    expect(account.mocks.registrations.at(-1)?.outputs.arn).toMatch(
      /^arn:aws:wafv2:eu-west-1:123456789012:regional\/webacl\//,
    );
  });

  it.each([
    [
      "a rate limit below AWS's 10",
      { rules: [rateRule({ limit: 9 })] },
      "Value '9' at 'rules.1.member.statement.rateBasedStatement.limit' failed to satisfy constraint: Member must have value greater than or equal to 10",
    ],
    [
      "an evaluation window WAF does not offer",
      { rules: [rateRule({ evaluationWindowSec: 3600 })] },
      "expected evaluation_window_sec to be one of [60 120 300 600], got 3600",
    ],
    [
      "two rules with one priority",
      { rules: [rateRule(), managedRule({ priority: 0 })] },
      "WAFDuplicateItemException",
    ],
    [
      "a rule group reference with an action",
      { rules: [managedRule({ overrideAction: undefined, action: { block: {} } })] },
      "needs override_action and no action",
    ],
    [
      "a plain rule with an override action",
      { rules: [rateRule({}, { action: undefined, overrideAction: { none: {} } })] },
      "needs override_action and no action",
    ],
    [
      "a metric name with a space",
      { visibilityConfig: visibility("my acl") },
      "Value 'my acl' at 'visibilityConfig.metricName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\w#:\\.\\-/]+$",
    ],
    ["no visibility config", { visibilityConfig: undefined }, '"visibility_config" is required'],
    [
      "an unknown scope",
      { scope: "GLOBAL" },
      "Value 'GLOBAL' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [CLOUDFRONT, REGIONAL]",
    ],
  ])("refuse %s", (_label, change, message) => {
    expect(mockAccount().refusal(WEB_ACL, webAcl(change))).toContain(message);
  });

  it("refuse a CLOUDFRONT web ACL outside us-east-1", () => {
    expect(
      mockAccount().refusal(WEB_ACL, webAcl({ scope: "CLOUDFRONT" }), { region: "eu-west-1" }),
    ).toContain("a CLOUDFRONT web ACL must be created in us-east-1");
  });

  it("associate a web ACL only with a stage of its own region, and only a REGIONAL one", () => {
    const stage = (region: string) => `arn:aws:apigateway:${region}::/restapis/api1/stages/live`;
    const acl = (region: string, scope = "regional") =>
      `arn:aws:wafv2:${region}:123456789012:${scope}/webacl/a/1`;
    const account = mockAccount();
    expect(
      account.refusal(
        ASSOCIATION,
        { resourceArn: stage("eu-west-1"), webAclArn: acl("eu-west-1") },
        { region: "eu-west-1" },
      ),
    ).toBeUndefined();
    expect(
      account.refusal(
        ASSOCIATION,
        { resourceArn: stage("eu-west-1"), webAclArn: acl("us-east-1") },
        { region: "eu-west-1" },
      ),
    ).toContain("WAFNonexistentItemException");
    expect(
      account.refusal(
        ASSOCIATION,
        { resourceArn: stage("us-east-1"), webAclArn: acl("us-east-1", "global") },
        { region: "us-east-1" },
      ),
    ).toContain("only a REGIONAL web ACL");
  });
});
