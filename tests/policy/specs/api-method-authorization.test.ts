/**
 * api-method-authorization in process: the API as RegionalApi builds it passes (apiStack); each test changes
 * one method or what tells the health route apart.
 */
import { describe, expect, it } from "vitest";
import { apiMethodAuthorization } from "../../../policy-pack/policies/api-method-authorization";
import { AnalyzedResource, JsonObject, UNKNOWN } from "../../../tools/policy-harness";
import { Finding, runStackPolicy } from "../../support/policy-in-process";
import { API_TYPES, apiStack, unlinked } from "../api-fixtures";
import { healthCheck, resource, urnOf } from "../fixtures";
import { changed, rootMethod } from "./builders";

const USERS_METHOD = "api-us-east-1-api-users-any";
const HEALTH_METHOD = "api-us-east-1-api-health-any";

describe("api-method-authorization", () => {
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

  it.each<[string, JsonObject, string]>([
    ["open to anyone", open, openMessage(`ANY /v1/users (${urn(USERS_METHOD)})`)],
    [
      "with no authorization at all",
      { authorization: undefined, authorizerId: undefined },
      `ANY /v1/users (${urn(USERS_METHOD)}) has authorization unset`,
    ],
    [
      "on IAM (SigV4)",
      { authorization: "AWS_IAM", authorizerId: undefined },
      "IAM signatures name one region",
    ],
    [
      "on CUSTOM without an authorizerId",
      { authorizerId: undefined },
      `ANY /v1/users (${urn(USERS_METHOD)}) has authorization CUSTOM but no authorizerId.`,
    ],
  ])("reports a /v1 method %s as mandatory", async (_label, change, message) => {
    expect(await run(apiStack({ users: change }))).toEqual([
      { enforcementLevel: "mandatory", urn: urn(USERS_METHOD), message: expect.stringContaining(message) },
    ]);
  });

  it("reports an authorizer on the health route: Route 53 sends no credentials", async () => {
    const found = await run(apiStack({ health: { authorization: "CUSTOM", authorizerId: "auth1" } }));
    expect(found).toEqual([
      finding(
        HEALTH_METHOD,
        `ANY /health (${urn(HEALTH_METHOD)}) is the route Route 53's health checks call, but its authorization is CUSTOM: ` +
          `the checkers send no credentials, so the check would fail. Set authorization "NONE" on the health route.`,
      ),
    ]);
  });

  it("exempts only the path a health check calls: with the check on /status, open /health is reported", async () => {
    const stack = changed(apiStack(), healthCheck("us-east-1").name, () =>
      healthCheck("us-east-1", { resourcePath: "/status" }),
    );
    expect(await run(stack)).toEqual([
      finding(HEALTH_METHOD, openMessage(`ANY /health (${urn(HEALTH_METHOD)})`)),
    ]);
  });

  it("reports an open method whose resource it cannot place (a literal resourceId)", async () => {
    const stack = changed(apiStack({ users: open }), USERS_METHOD, unlinked);
    expect(await run(stack)).toEqual([
      finding(USERS_METHOD, openMessage(`ANY (path not known) (${urn(USERS_METHOD)})`)),
    ]);
  });

  it("in a preview, counts an unknown authorizerId as set and skips an unknown authorization", async () => {
    expect(await run(apiStack({ preview: true }))).toEqual([]);
    expect(await run(apiStack({ preview: true, users: { authorization: UNKNOWN } }))).toEqual([]);
  });

  it("lets a stack that chose auth.mode none relax it in its pack config", async () => {
    const openStack = apiStack({ users: open });
    expect(await runStackPolicy(apiMethodAuthorization, openStack, { enforcementLevel: "disabled" })).toEqual(
      [],
    );
    const advisory = await runStackPolicy(apiMethodAuthorization, openStack, {
      enforcementLevel: "advisory",
    });
    expect(advisory.map((f) => f.enforcementLevel)).toEqual(["advisory"]);
  });
});
