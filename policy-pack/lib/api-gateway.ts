/**
 * A REST API's methods and stages as the stack policies see them, with each method's path worked out the
 * way the engine links the resources: a method's `resourceId` depends on an `aws.apigateway.Resource`,
 * whose `parentId` depends on its parent resource or, at the top, on the RestApi (its root resource).
 */
import { PolicyResource } from "@pulumi/policy";
import { HEALTH_CHECK_TYPE } from "./stack";
import { isPlainObject, isUnknown, Property, stringProperty, toPlain } from "./values";

export const METHOD_TYPE = "aws:apigateway/method:Method";
export const API_RESOURCE_TYPE = "aws:apigateway/resource:Resource";
export const REST_API_TYPE = "aws:apigateway/restApi:RestApi";
export const STAGE_TYPE = "aws:apigateway/stage:Stage";
export const WEB_ACL_ASSOCIATION_TYPE = "aws:wafv2/webAclAssociation:WebAclAssociation";

export function plainProps(resource: PolicyResource): Readonly<Record<string, unknown>> {
  const plain = toPlain(resource.props);
  return isPlainObject(plain) ? plain : {};
}

/** The stack's resources a property depends on (the engine's property dependencies). */
export function dependenciesOf(resource: PolicyResource, property: string): readonly PolicyResource[] {
  return resource.propertyDependencies?.[property] ?? [];
}

/**
 * The path of an API resource, e.g. `/v1/users/{id}`, or undefined when a link or a path part cannot be
 * worked out (it is neither a resource nor the root of an API in this stack, or a part is unknown).
 */
export function pathOf(resource: PolicyResource, depth = 0): string | undefined {
  if (resource.type === REST_API_TYPE) {
    return "";
  }
  const pathPart = stringProperty(plainProps(resource), "pathPart");
  const [parent] = dependenciesOf(resource, "parentId");
  if (resource.type !== API_RESOURCE_TYPE || typeof pathPart !== "string" || !parent || depth > 64) {
    return undefined;
  }
  const parentPath = pathOf(parent, depth + 1);
  return parentPath === undefined ? undefined : `${parentPath}/${pathPart}`;
}

export interface MethodView {
  readonly resource: PolicyResource;
  readonly httpMethod: Property<string>;
  readonly authorization: Property<string>;
  readonly authorizerId: Property<string>;
  /** `/v1/users`; `/` for the root; undefined when it cannot be worked out. */
  readonly path: string | undefined;
}

export function collectMethods(resources: readonly PolicyResource[]): MethodView[] {
  return resources
    .filter((resource) => resource.type === METHOD_TYPE)
    .map((resource) => {
      const props = plainProps(resource);
      const [apiResource] = dependenciesOf(resource, "resourceId");
      const path = apiResource ? pathOf(apiResource) : undefined;
      return {
        resource,
        httpMethod: stringProperty(props, "httpMethod"),
        authorization: stringProperty(props, "authorization"),
        authorizerId: stringProperty(props, "authorizerId"),
        path: path === "" ? "/" : path,
      };
    });
}

/** The component whose `healthCheckPath` input names the route another stack's health checks call. */
export const REGIONAL_API_TYPE = "multiregion:index:RegionalApi";

/**
 * The health routes that must stay open: the paths this stack's Route 53 health checks call, and the path
 * each RegionalApi declares for its health route, which a regional part's checks call from the global stack.
 */
export function healthCheckPaths(resources: readonly PolicyResource[]): ReadonlySet<string> {
  const paths = resources
    .map((resource) =>
      resource.type === HEALTH_CHECK_TYPE
        ? stringProperty(plainProps(resource), "resourcePath")
        : resource.type === REGIONAL_API_TYPE
          ? stringProperty(plainProps(resource), "healthCheckPath")
          : undefined,
    )
    .filter((path): path is string => typeof path === "string" && !isUnknown(path))
    .map((path) => path.split("?")[0]);
  return new Set(paths);
}

export function describeMethod(method: MethodView): string {
  const verb = typeof method.httpMethod === "string" ? method.httpMethod : "a method";
  return `${verb} ${method.path ?? "(path not known)"} (${method.resource.urn})`;
}
