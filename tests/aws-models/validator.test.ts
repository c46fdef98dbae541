// The AWS API-model check, one constraint kind at a time, against requests built for it. Each case changes
// one input of an accepted resource; the expected words are AWS's validation message.
import { unknown } from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { apiModelReport, autoNameOf } from "../../tools/aws-models/validate";

const WEB_ACL = "aws:wafv2/webAcl:WebAcl";
const HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";

function webAcl(change: Record<string, unknown> = {}) {
  return {
    scope: "REGIONAL",
    description: "Rate limit per client IP in front of the API stage.",
    defaultAction: { allow: {} },
    visibilityConfig: { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: "acl" },
    rules: [],
    ...change,
  };
}

function healthCheck(change: Record<string, unknown> = {}) {
  return {
    type: "HTTPS_STR_MATCH",
    fqdn: "us-east-1.api.example.com",
    port: 443,
    resourcePath: "/health",
    searchString: "ok",
    failureThreshold: 3,
    requestInterval: 30,
    tags: { Name: "api us-east-1" },
    ...change,
  };
}

describe("AWS API models: what a request member may be", () => {
  it("accept the happy-path web ACL and health check", () => {
    expect(apiModelReport(WEB_ACL, "acl", webAcl())).toEqual({ refusals: [], unmapped: [] });
    expect(apiModelReport(HEALTH_CHECK, "check", healthCheck())).toEqual({ refusals: [], unmapped: [] });
  });

  it("refuse a web ACL description with an apostrophe, in AWS's words", () => {
    const description = "Rate limit per client IP in front of the API's stage.";
    expect(apiModelReport(WEB_ACL, "acl", webAcl({ description })).refusals).toEqual([
      `CreateWebACL: ValidationException: 1 validation error detected: Value '${description}' at 'description' ` +
        "failed to satisfy constraint: Member must satisfy regular expression pattern: " +
        "^[\\w+=:#@/\\-,\\.][\\w+=:#@/\\-,\\.\\s]+[\\w+=:#@/\\-,\\.]$",
    ]);
  });

  it("match a pattern against the whole value, not a part of it", () => {
    // RoleName is [\w+=,.@-]+ unanchored in the model; AWS refuses a name with a space anywhere.
    const refusals = apiModelReport("aws:iam/role:Role", "role", {
      name: "app role",
      assumeRolePolicy: "{}",
    }).refusals;
    expect(refusals.join()).toContain("Value 'app role' at 'roleName' failed to satisfy constraint");
  });

  it("refuse a value over a member's length, outside its range, or outside its enum", () => {
    const report = apiModelReport(HEALTH_CHECK, "check", healthCheck({ searchString: "x".repeat(256) }));
    expect(report.refusals.join()).toContain("Member must have length less than or equal to 255");
    expect(
      apiModelReport(HEALTH_CHECK, "check", healthCheck({ failureThreshold: 11 })).refusals.join(),
    ).toContain(
      "Value '11' at 'healthCheckConfig.failureThreshold' failed to satisfy constraint: Member must have value less than or equal to 10",
    );
    expect(apiModelReport(HEALTH_CHECK, "check", healthCheck({ type: "HTTP2" })).refusals.join()).toContain(
      "Member must satisfy enum value set: [HTTP, HTTPS, HTTP_STR_MATCH",
    );
  });

  it("count every error of one request in one message, as AWS does", () => {
    const report = apiModelReport(HEALTH_CHECK, "check", healthCheck({ failureThreshold: 0, type: "HTTP2" }));
    expect(report.refusals).toHaveLength(1);
    expect(report.refusals[0]).toMatch(
      /^CreateHealthCheck: ValidationException: 2 validation errors detected: /,
    );
  });

  it("judge a tags map as the list of {Key, Value} the request carries, in its own operation", () => {
    const refusals = apiModelReport(
      HEALTH_CHECK,
      "check",
      healthCheck({ tags: { ["k".repeat(129)]: "v" } }),
    ).refusals;
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatch(
      /^ChangeTagsForResource: .* at 'addTags\.1\.member\.key' .* less than or equal to 128/,
    );
  });

  it("leave unknown and secret-wrapped values to the deploy, and unwrap secrets", () => {
    expect(apiModelReport(WEB_ACL, "acl", webAcl({ description: unknown })).refusals).toEqual([]);
    const secret = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "it's" };
    expect(apiModelReport(WEB_ACL, "acl", webAcl({ description: secret })).refusals.join()).toContain(
      "Value 'it's' at 'description'",
    );
  });

  it("report an input that reaches no request member, and a type nobody mapped", () => {
    expect(apiModelReport(WEB_ACL, "acl", webAcl({ colour: "blue" })).unmapped).toEqual(["colour"]);
    expect(
      apiModelReport(WEB_ACL, "acl", webAcl({ defaultAction: { allow: {}, maybe: {} } })).unmapped,
    ).toEqual(["defaultAction.maybe"]);
    expect(apiModelReport("aws:s3/bucket:Bucket", "b", {}).unmapped).toEqual(["<aws:s3/bucket:Bucket>"]);
  });

  it("skip what the provider keeps to itself", () => {
    const group = { minSize: 1, maxSize: 2, waitForCapacityTimeout: "0", vpcZoneIdentifiers: ["subnet-1"] };
    expect(apiModelReport("aws:autoscaling/group:Group", "app", group)).toEqual({
      refusals: [],
      unmapped: [],
    });
  });

  it("check the name Pulumi gives an unnamed resource: its name, a dash and 7 hex digits", () => {
    expect(autoNameOf("api-waf")).toMatch(/^api-waf-[0-9a-f]{7}$/);
    const refusals = apiModelReport(WEB_ACL, "api waf", webAcl()).refusals;
    expect(refusals.join()).toContain(`Value '${autoNameOf("api waf")}' at 'name'`);
  });
});
