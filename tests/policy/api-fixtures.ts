/**
 * One region's REST API as the engine describes it to the pack: the API, its resources (/v1, /v1/users,
 * /health), a method on each, the authorizer, the stage, the web ACL and its association, and the Route 53
 * health check on /health. Every link is a property dependency, as the engine sends them. Builders return a
 * passing stack; a test changes one property.
 */
import { AnalyzedResource, JsonObject, UNKNOWN } from "../../tools/policy-harness";
import { awsProvider, healthCheck, resource, withProps } from "./fixtures";

export const API_TYPES = {
  restApi: "aws:apigateway/restApi:RestApi",
  resource: "aws:apigateway/resource:Resource",
  method: "aws:apigateway/method:Method",
  authorizer: "aws:apigateway/authorizer:Authorizer",
  stage: "aws:apigateway/stage:Stage",
  webAcl: "aws:wafv2/webAcl:WebAcl",
  association: "aws:wafv2/webAclAssociation:WebAclAssociation",
} as const;

const REGION = "us-east-1";

/** `item` in us-east-1, linked to each resource in `links` through that property, as the engine links them. */
export function linked(
  item: AnalyzedResource,
  links: Readonly<Record<string, AnalyzedResource>>,
): AnalyzedResource {
  const propertyDependencies = Object.fromEntries(Object.entries(links).map(([key, to]) => [key, [to.urn]]));
  return {
    ...item,
    provider: awsProvider(REGION),
    dependencies: Object.values(links).map((to) => to.urn),
    propertyDependencies,
  };
}

export interface ApiStackOptions {
  /** Property changes per resource, by role. */
  readonly users?: JsonObject;
  readonly health?: JsonObject;
  readonly association?: JsonObject;
  /** Leave the association out. */
  readonly withoutWaf?: boolean;
  /** What a preview sends: IDs and ARNs of resources not created yet are unknown. */
  readonly preview?: boolean;
}

/** The API as RegionalApi registers it, with every value known (as after `pulumi up`) unless `preview`. */
export function apiStack(options: ApiStackOptions = {}): AnalyzedResource[] {
  const id = (value: string) => (options.preview ? UNKNOWN : value);
  const api = withProps(resource(API_TYPES.restApi, "api-us-east-1-api", {}), {
    id: id("a1b2c3"),
    rootResourceId: id("root1"),
    executionArn: id("arn:aws:execute-api:us-east-1:123456789012:a1b2c3"),
  });
  const part = (name: string, pathPart: string, parent: AnalyzedResource, parentId: string) =>
    linked(
      resource(API_TYPES.resource, name, {
        restApi: id("a1b2c3"),
        parentId: id(parentId),
        pathPart,
        id: id(name),
      }),
      { parentId: parent, restApi: api },
    );
  const v1 = part("api-us-east-1-api-v1", "v1", api, "root1");
  const users = part("api-us-east-1-api-users", "users", v1, "api-us-east-1-api-v1");
  const healthResource = part("api-us-east-1-api-health", "health", api, "root1");
  const authorizer = linked(
    resource(API_TYPES.authorizer, "api-us-east-1-authorizer", {
      restApi: id("a1b2c3"),
      type: "TOKEN",
      id: id("auth1"),
    }),
    { restApi: api },
  );
  const usersMethod = linked(
    withProps(
      resource(API_TYPES.method, "api-us-east-1-api-users-any", {
        restApi: id("a1b2c3"),
        resourceId: id("api-us-east-1-api-users"),
        httpMethod: "ANY",
        authorization: "CUSTOM",
        authorizerId: id("auth1"),
      }),
      options.users ?? {},
    ),
    { resourceId: users, authorizerId: authorizer, restApi: api },
  );
  const healthMethod = linked(
    withProps(
      resource(API_TYPES.method, "api-us-east-1-api-health-any", {
        restApi: id("a1b2c3"),
        resourceId: id("api-us-east-1-api-health"),
        httpMethod: "ANY",
        authorization: "NONE",
      }),
      options.health ?? {},
    ),
    { resourceId: healthResource, restApi: api },
  );
  const stage = linked(
    resource(API_TYPES.stage, "api-us-east-1-api-stage", {
      restApi: id("a1b2c3"),
      stageName: "live",
      arn: id("arn:aws:apigateway:us-east-1::/restapis/a1b2c3/stages/live"),
    }),
    { restApi: api },
  );
  const webAcl = linked(
    resource(API_TYPES.webAcl, "api-us-east-1-waf", {
      scope: "REGIONAL",
      arn: id("arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api-us-east-1-waf/1"),
    }),
    {},
  );
  const association = linked(
    withProps(
      resource(API_TYPES.association, "api-us-east-1-waf-stage", {
        resourceArn: id("arn:aws:apigateway:us-east-1::/restapis/a1b2c3/stages/live"),
        webAclArn: id("arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api-us-east-1-waf/1"),
      }),
      options.association ?? {},
    ),
    { resourceArn: stage, webAclArn: webAcl },
  );
  return [
    api,
    v1,
    users,
    healthResource,
    authorizer,
    usersMethod,
    healthMethod,
    stage,
    webAcl,
    ...(options.withoutWaf ? [] : [association]),
    healthCheck(REGION),
  ];
}

/** Drops the engine's property dependencies from a resource, as a reference written as a literal ID. */
export function unlinked(item: AnalyzedResource): AnalyzedResource {
  return { ...item, dependencies: [], propertyDependencies: {} };
}
