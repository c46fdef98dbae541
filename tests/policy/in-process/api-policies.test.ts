/**
 * api-method-authorization, api-stage-waf and the helpers behind them (policy-pack/lib/api-gateway.ts, and
 * lib/health-checks.ts's drain test) run in the test process, beside the gRPC tests in ../api-auth-waf.test.ts:
 * how a method's path is worked out, exact findings, and the cases those tests do not tell apart.
 */
import { PolicyResource } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { collectMethods, pathOf } from "../../../policy-pack/lib/api-gateway";
import { isAlwaysUnhealthy, readHealthCheck } from "../../../policy-pack/lib/health-checks";
import { apiMethodAuthorization } from "../../../policy-pack/policies/api-method-authorization";
import { apiStageWaf } from "../../../policy-pack/policies/api-stage-waf";
import { AnalyzedResource, JsonObject, UNKNOWN } from "../../../tools/policy-harness";
import { Finding, policyResources, runStackPolicy } from "../../support/policy-in-process";
import { API_TYPES, apiStack, linked, unlinked } from "../api-fixtures";
import { healthCheck, healthCheckId, resource, urnOf, withProps } from "../fixtures";

const API = "api-us-east-1-api";
const V1 = "api-us-east-1-api-v1";
const USERS = "api-us-east-1-api-users";
const USERS_METHOD = "api-us-east-1-api-users-any";
const HEALTH_METHOD = "api-us-east-1-api-health-any";
const STAGE = "api-us-east-1-api-stage";
const STAGE_ARN = "arn:aws:apigateway:us-east-1::/restapis/a1b2c3/stages/live";

function named(resources: readonly AnalyzedResource[], name: string): AnalyzedResource {
  const found = resources.find((item) => item.name === name);
  if (found === undefined) throw new Error(`no resource ${name} in the stack`);
  return found;
}

/** The stack with the resource called `name` replaced by `change(it)`. */
function changed(
  resources: readonly AnalyzedResource[],
  name: string,
  change: (item: AnalyzedResource) => AnalyzedResource,
): AnalyzedResource[] {
  named(resources, name);
  return resources.map((item) => (item.name === name ? change(item) : item));
}

/** A method on the API's root resource: its resourceId is the RestApi's rootResourceId. */
function rootMethod(stack: readonly AnalyzedResource[], props: JsonObject): AnalyzedResource {
  return linked(
    resource(API_TYPES.method, "api-us-east-1-api-root-get", {
      restApi: "a1b2c3",
      resourceId: "root1",
      httpMethod: "GET",
      ...props,
    }),
    { resourceId: named(stack, API) },
  );
}

function pathIn(resources: readonly AnalyzedResource[], name: string): string | undefined {
  const target = policyResources(resources).find((item) => item.name === name) as PolicyResource;
  return pathOf(target);
}

describe("lib/api-gateway: a method's path", () => {
  const stack = apiStack();

  it("works out each method's path from its resource chain, and / for a method on the API's root", () => {
    const root = rootMethod(stack, { authorization: "NONE" });
    const methods = collectMethods(policyResources([...stack, root]));
    expect(methods.map((method) => [method.resource.name, method.path])).toEqual([
      [USERS_METHOD, "/v1/users"],
      [HEALTH_METHOD, "/health"],
      [root.name, "/"],
    ]);
  });

  it("gives no path to a resource without its parentId link, nor to the resources below it", () => {
    const withoutLink = changed(stack, V1, unlinked);
    expect(pathIn(stack, V1)).toBe("/v1");
    expect(pathIn(withoutLink, V1)).toBeUndefined();
    expect(pathIn(withoutLink, USERS)).toBeUndefined();
  });

  it.each<[string, JsonObject]>([
    ["without a pathPart", { pathPart: undefined }],
    ["whose pathPart is unknown in a preview", { pathPart: UNKNOWN }],
  ])("gives no path below a resource %s", (_label, change) => {
    expect(
      pathIn(
        changed(stack, V1, (v1) => withProps(v1, change)),
        USERS,
      ),
    ).toBeUndefined();
  });

  it("gives no path below a parentId linked to a resource of another type, even one with a pathPart", () => {
    const notAnApiResource = changed(stack, V1, (v1) => ({ ...v1, type: "aws:apigateway/model:Model" }));
    expect(pathIn(notAnApiResource, USERS)).toBeUndefined();
  });

  it("follows a chain of up to 65 resources and gives up on a longer one", () => {
    const chain = (length: number) => {
      const parts: AnalyzedResource[] = [];
      for (let index = 1; index <= length; index++) {
        const parent = parts.at(-1) ?? named(stack, API);
        parts.push(
          linked(resource(API_TYPES.resource, `deep-${index}`, { pathPart: `p${index}` }), {
            parentId: parent,
          }),
        );
      }
      return [...stack, ...parts];
    };
    const expected = Array.from({ length: 65 }, (_, index) => `/p${index + 1}`).join("");
    expect(pathIn(chain(65), "deep-65")).toBe(expected);
    expect(pathIn(chain(66), "deep-66")).toBeUndefined();
  });
});

describe("lib/health-checks: isAlwaysUnhealthy (the drain)", () => {
  const calculated = (change: JsonObject) =>
    isAlwaysUnhealthy(
      readHealthCheck({
        type: "CALCULATED",
        childHealthchecks: [healthCheckId("eu-west-1")],
        childHealthThreshold: 2,
        ...change,
      }),
    );

  it("is true for a CALCULATED check whose threshold exceeds its children, false once they can meet it", () => {
    expect(calculated({})).toBe(true);
    expect(calculated({ childHealthThreshold: 1 })).toBe(false);
    expect(calculated({ childHealthchecks: [healthCheckId("eu-west-1"), healthCheckId("us-east-1")] })).toBe(
      false,
    );
  });

  it("counts a CALCULATED check without children as having none: any threshold above 0 drains", () => {
    expect(calculated({ childHealthchecks: undefined, childHealthThreshold: 1 })).toBe(true);
    expect(calculated({ childHealthchecks: undefined, childHealthThreshold: undefined })).toBe(false);
  });

  it("is false for a check of another type, whatever childHealthThreshold it carries", () => {
    expect(isAlwaysUnhealthy(readHealthCheck(healthCheck("us-east-1").properties))).toBe(false);
    expect(calculated({ type: "HTTPS" })).toBe(false);
  });

  it.each<[string, JsonObject]>([
    ["its type", { type: UNKNOWN }],
    ["its children", { childHealthchecks: UNKNOWN }],
    ["its threshold", { childHealthThreshold: UNKNOWN }],
  ])("cannot tell while a preview does not know %s", (_label, change) => {
    expect(calculated(change)).toBeUndefined();
  });
});

describe("api-method-authorization in process", () => {
  const run = (resources: readonly AnalyzedResource[]) => runStackPolicy(apiMethodAuthorization, resources);
  const urn = (name: string) => urnOf(API_TYPES.method, name);
  const openMessage = (label: string) =>
    `${label} has authorization NONE: anyone can call it. Use a Lambda (CUSTOM) or Cognito authorizer; ` +
    `a stack that means to be open must relax api-method-authorization in its pack config.`;
  const finding = (name: string, message: string): Finding => ({
    enforcementLevel: "mandatory",
    urn: urn(name),
    message,
  });
  const open = { authorization: "NONE", authorizerId: undefined };

  it("passes a Lambda (CUSTOM) and a Cognito authorizer", async () => {
    expect(await run(apiStack())).toEqual([]);
    expect(await run(apiStack({ users: { authorization: "COGNITO_USER_POOLS" } }))).toEqual([]);
  });

  it("counts an empty authorizerId, as provider state holds an unset one, as missing", async () => {
    expect(await run(apiStack({ users: { authorizerId: "" } }))).toEqual([
      finding(
        USERS_METHOD,
        `ANY /v1/users (${urn(USERS_METHOD)}) has authorization CUSTOM but no authorizerId.`,
      ),
    ]);
  });

  it("exempts only a Route 53 health check's resourcePath, not another resource's", async () => {
    const lookalike = resource("pulumi-nodejs:dynamic:Resource", "status-page", {
      resourcePath: "/v1/users",
    });
    expect(await run([...apiStack({ users: open }), lookalike])).toEqual([
      finding(USERS_METHOD, openMessage(`ANY /v1/users (${urn(USERS_METHOD)})`)),
    ]);
  });

  it("exempts a RegionalApi's declared health route in a stack without health checks (a regional part)", async () => {
    const regionalPart = apiStack({ users: open }).filter(
      (item) => item.type !== "aws:route53/healthCheck:HealthCheck",
    );
    const healthOpen = finding(HEALTH_METHOD, openMessage(`ANY /health (${urn(HEALTH_METHOD)})`));
    expect(await run(regionalPart)).toContainEqual(healthOpen);
    const component = resource("multiregion:index:RegionalApi", "api-us-east-1", {
      healthCheckPath: "/health",
    });
    expect(await run([...regionalPart, component])).not.toContainEqual(healthOpen);
  });

  it("names a method whose httpMethod is not known as 'a method'", async () => {
    expect(await run(apiStack({ users: { ...open, httpMethod: undefined } }))).toEqual([
      finding(USERS_METHOD, openMessage(`a method /v1/users (${urn(USERS_METHOD)})`)),
    ]);
  });

  describe("a health check on the API's root (/)", () => {
    const rootCheck = healthCheck("eu-west-1", { resourcePath: "/" });
    const withRootMethod = (props: JsonObject) => {
      const stack = apiStack();
      return [...stack, rootCheck, rootMethod(stack, props)];
    };

    it("leaves the root method open", async () => {
      expect(await run(withRootMethod({ authorization: "NONE" }))).toEqual([]);
    });

    it("reports an authorizer on the root method: the checkers send no credentials", async () => {
      const root = rootMethod(apiStack(), {}).name;
      expect(await run(withRootMethod({ authorization: "CUSTOM", authorizerId: "auth1" }))).toEqual([
        finding(
          root,
          `GET / (${urn(root)}) is the route Route 53's health checks call, but its authorization is CUSTOM: ` +
            `the checkers send no credentials, so the check would fail. Set authorization "NONE" on the health route.`,
        ),
      ]);
    });
  });
});

describe("api-stage-waf in process", () => {
  const run = (resources: readonly AnalyzedResource[]) => runStackPolicy(apiStageWaf, resources);
  const stageUrn = (name: string) => urnOf(API_TYPES.stage, name);
  const noWebAcl = (name: string, label: string): Finding => ({
    enforcementLevel: "mandatory",
    urn: stageUrn(name),
    message:
      `Stage ${label} has no web ACL: associate a REGIONAL aws.wafv2.WebAcl with it ` +
      `(aws.wafv2.WebAclAssociation with resourceArn: stage.arn).`,
  });

  /** A second stage of the same API, "canary", that no association names. */
  const withCanary = (stack: readonly AnalyzedResource[], preview = false) => {
    const live = named(stack, STAGE);
    const canary: AnalyzedResource = withProps(
      { ...live, name: "api-us-east-1-api-canary", urn: stageUrn("api-us-east-1-api-canary") },
      {
        stageName: "canary",
        arn: preview ? UNKNOWN : "arn:aws:apigateway:us-east-1::/restapis/a1b2c3/stages/canary",
      },
    );
    return [...stack, canary];
  };

  it("passes the API's stage, which its association names", async () => {
    expect(await run(apiStack())).toEqual([]);
  });

  it("reports the stage an association linked to another stage leaves out", async () => {
    expect(await run(withCanary(apiStack()))).toEqual([noWebAcl("api-us-east-1-api-canary", "canary")]);
  });

  it("in a preview, an association linked to one stage does not protect another stage whose ARN is unknown too", async () => {
    expect(await run(withCanary(apiStack({ preview: true }), true))).toEqual([
      noWebAcl("api-us-east-1-api-canary", "canary"),
    ]);
  });

  it("does not count a WAF Classic (wafregional) association, even one linked to the stage", async () => {
    const stack = apiStack({ withoutWaf: true });
    const classic = linked(
      resource("aws:wafregional/webAclAssociation:WebAclAssociation", "api-us-east-1-waf-classic", {
        resourceArn: STAGE_ARN,
        webAclId: "classic-acl-1",
      }),
      { resourceArn: named(stack, STAGE) },
    );
    expect(await run([...stack, classic])).toEqual([noWebAcl(STAGE, "live")]);
  });

  it("names a stage without a known stageName by its resource name", async () => {
    const stack = changed(apiStack({ withoutWaf: true }), STAGE, (stage) =>
      withProps(stage, { stageName: undefined }),
    );
    expect(await run(stack)).toEqual([noWebAcl(STAGE, STAGE)]);
  });
});
