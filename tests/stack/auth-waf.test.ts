/**
 * Issue 12's "Done when" on strict mocks: per region, an authorizer on every /v1 method and NONE only on the
 * health route, and a REGIONAL web ACL with a rate-based rule associated with the stage. And the day-2
 * change from an open API to JWT auth: what it adds, and that it replaces nothing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { StackOutputs } from "../../stack";
import type { MockRegistration } from "../../tools/aws-mocks";
import type { StackRun } from "../../tools/stack-runner";
import { MINIMAL_CONFIG, ofType, regionOfArn, runStack, stackFileConfig } from "../support/stacks";

const REGIONS = ["us-east-1", "eu-west-1"];
const inRegion = (registrations: MockRegistration[], region: string) =>
  registrations.filter((r) => r.region === region);

describe("prod: who may call the API, in every region", () => {
  let run: StackRun<StackOutputs>;
  beforeAll(async () => {
    run = await runStack(stackFileConfig("prod"), { stack: "prod" });
  });

  it.each(REGIONS)(
    "%s: every /v1 method has the region's own authorizer; only the health route is NONE",
    (region) => {
      const [authorizer] = inRegion(ofType(run, "aws:apigateway/authorizer:Authorizer"), region);
      expect(authorizer.inputs).toMatchObject({
        type: "TOKEN",
        identitySource: "method.request.header.Authorization",
        authorizerResultTtlInSeconds: 60,
      });
      const methods = inRegion(ofType(run, "aws:apigateway/method:Method"), region);
      const byName = Object.fromEntries(
        methods.map((m) => [m.name, [m.inputs.authorization, m.inputs.authorizerId]]),
      );
      expect(byName).toEqual({
        [`api-${region}-api-users-any`]: ["CUSTOM", authorizer.id],
        [`api-${region}-api-user-any`]: ["CUSTOM", authorizer.id],
        [`api-${region}-api-health-any`]: ["NONE", undefined],
      });
    },
  );

  it.each(REGIONS)(
    "%s: the authorizer is a Node.js Lambda outside any VPC, configured from auth",
    (region) => {
      const [fn] = inRegion(ofType(run, "aws:lambda/function:Function"), region);
      expect(fn.inputs).toMatchObject({
        runtime: "nodejs24.x",
        handler: "index.handler",
        environment: {
          variables: {
            JWT_ISSUER: "https://login.example.com/",
            JWT_AUDIENCE: "https://api.example.com",
            JWT_TOKEN_TYPE: "at+jwt",
            JWT_READ_SCOPE: "users:read",
            JWT_WRITE_SCOPE: "users:write",
          },
        },
      });
      expect(fn.inputs.vpcConfig).toBeUndefined();
      const [authorizer] = inRegion(ofType(run, "aws:apigateway/authorizer:Authorizer"), region);
      expect(authorizer.inputs.authorizerUri).toBe(fn.outputs.invokeArn);
    },
  );

  it.each(REGIONS)(
    "%s: the /v1 integrations pass the authorizer's sub to the app; health does not",
    (region) => {
      const integrations = inRegion(ofType(run, "aws:apigateway/integration:Integration"), region);
      const callerOf = Object.fromEntries(
        integrations.map((i) => [
          i.name,
          (i.inputs.requestParameters as Record<string, string>)["integration.request.header.x-caller-sub"],
        ]),
      );
      expect(callerOf).toEqual({
        [`api-${region}-api-users-any`]: "context.authorizer.sub",
        [`api-${region}-api-user-any`]: "context.authorizer.sub",
        [`api-${region}-api-health-any`]: undefined,
      });
    },
  );

  it.each(REGIONS)("%s: only this API's authorizer may invoke the function", (region) => {
    const [permission] = inRegion(ofType(run, "aws:lambda/permission:Permission"), region);
    const [authorizer] = inRegion(ofType(run, "aws:apigateway/authorizer:Authorizer"), region);
    const [api] = inRegion(ofType(run, "aws:apigateway/restApi:RestApi"), region);
    expect(permission.inputs).toMatchObject({
      action: "lambda:InvokeFunction",
      principal: "apigateway.amazonaws.com",
      sourceArn: `${String(api.outputs.executionArn)}/authorizers/${String(authorizer.id)}`,
    });
  });

  it.each(REGIONS)("%s: the function's role may write to its own log group and nothing else", (region) => {
    const [policy] = inRegion(ofType(run, "aws:iam/rolePolicy:RolePolicy"), region).filter((p) =>
      p.name.includes("-authorizer-"),
    );
    const [logGroup] = inRegion(ofType(run, "aws:cloudwatch/logGroup:LogGroup"), region).filter((g) =>
      g.name.includes("-authorizer-"),
    );
    expect(JSON.parse(String(policy.inputs.policy)).Statement).toEqual([
      {
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: `${String(logGroup.outputs.arn)}:*`,
      },
    ]);
    const [fn] = inRegion(ofType(run, "aws:lambda/function:Function"), region);
    expect(fn.inputs.loggingConfig).toMatchObject({ logGroup: logGroup.outputs.name });
    const [role] = inRegion(ofType(run, "aws:iam/role:Role"), region).filter((r) =>
      r.name.includes("-authorizer-"),
    );
    expect(role.inputs.managedPolicyArns).toBeUndefined();
  });

  it.each(REGIONS)(
    "%s: a REGIONAL web ACL with the rate rule and both managed groups guards the stage",
    (region) => {
      const [acl] = inRegion(ofType(run, "aws:wafv2/webAcl:WebAcl"), region);
      expect(acl.inputs.scope).toBe("REGIONAL");
      const rules = acl.inputs.rules as {
        name: string;
        statement: Record<string, { limit?: number; name?: string }>;
      }[];
      expect(rules.map((r) => r.name)).toEqual([
        "rate-per-client-ip",
        "AWSManagedRulesCommonRuleSet",
        "AWSManagedRulesKnownBadInputsRuleSet",
      ]);
      expect(rules[0].statement.rateBasedStatement).toMatchObject({ limit: 2000, aggregateKeyType: "IP" });
      // Route 53's checkers: the core rule set (NoUserAgent_HEADER) skips the health route, exactly.
      const crs = rules[1].statement.managedRuleGroupStatement as unknown as { scopeDownStatement: unknown };
      expect(crs.scopeDownStatement).toEqual({
        notStatement: {
          statement: {
            byteMatchStatement: {
              searchString: "/health",
              positionalConstraint: "EXACTLY",
              fieldToMatch: { uriPath: {} },
              textTransformations: [{ priority: 0, type: "NONE" }],
            },
          },
        },
      });
      expect(rules[2].statement.managedRuleGroupStatement).not.toHaveProperty("scopeDownStatement");
      const [association] = inRegion(ofType(run, "aws:wafv2/webAclAssociation:WebAclAssociation"), region);
      const [stage] = inRegion(ofType(run, "aws:apigateway/stage:Stage"), region);
      expect(association.inputs).toEqual({ resourceArn: stage.outputs.arn, webAclArn: acl.outputs.arn });
      expect(regionOfArn(association.inputs.webAclArn)).toBe(region);
    },
  );
});

describe("day 2: from auth.mode none to jwt", () => {
  let open: StackRun<StackOutputs>;
  let jwt: StackRun<StackOutputs>;
  beforeAll(async () => {
    open = await runStack({ ...MINIMAL_CONFIG, auth: { mode: "none" } });
    jwt = await runStack({ ...MINIMAL_CONFIG });
  });
  const names = (run: StackRun<StackOutputs>) => run.registrations.map((r) => `${r.type}::${r.name}`);

  it("an open API has no authorizer and every method NONE, yet keeps its web ACL", () => {
    expect(ofType(open, "aws:apigateway/authorizer:Authorizer")).toEqual([]);
    expect(new Set(ofType(open, "aws:apigateway/method:Method").map((m) => m.inputs.authorization))).toEqual(
      new Set(["NONE"]),
    );
    expect(ofType(open, "aws:wafv2/webAcl:WebAcl")).toHaveLength(2);
  });

  it("only adds the authorizer's resources: every other resource keeps its name and provider", () => {
    const added = names(jwt).filter((n) => !names(open).includes(n));
    expect(names(open).filter((n) => !names(jwt).includes(n))).toEqual([]);
    expect(added.map((n) => n.split("::")[0]).sort()).toEqual(
      [
        "aws:apigateway/authorizer:Authorizer",
        "aws:cloudwatch/logGroup:LogGroup",
        "aws:iam/role:Role",
        "aws:iam/rolePolicy:RolePolicy",
        "aws:lambda/function:Function",
        "aws:lambda/permission:Permission",
      ].flatMap((type) => [type, type]),
    );
    for (const before of open.registrations) {
      const after = jwt.registrations.find((r) => r.type === before.type && r.name === before.name);
      expect(after?.region).toBe(before.region);
    }
  });

  it("updates the /v1 methods in place and redeploys the stage; the health method is unchanged", () => {
    const method = (run: StackRun<StackOutputs>, name: string) =>
      ofType(run, "aws:apigateway/method:Method").find((m) => m.name === name)?.inputs;
    expect(method(jwt, "api-us-east-1-api-health-any")).toEqual(method(open, "api-us-east-1-api-health-any"));
    expect(method(open, "api-us-east-1-api-users-any")?.authorization).toBe("NONE");
    expect(method(jwt, "api-us-east-1-api-users-any")?.authorization).toBe("CUSTOM");
    const trigger = (run: StackRun<StackOutputs>) =>
      ofType(run, "aws:apigateway/deployment:Deployment").map((d) => JSON.stringify(d.inputs.triggers));
    expect(trigger(jwt)).not.toEqual(trigger(open));
  });
});
