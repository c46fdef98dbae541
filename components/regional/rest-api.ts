import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CALLER_SUB_HEADER } from "@multi-region-api/model/contracts/backend";
import { definitionDigest } from "./api-definition";
import { endpointConfiguration } from "./custom-domain";
import type { IntegrationTarget } from "./backend";
import { assumableBy } from "./iam";

/** The API's routes, each proxied as-is to the backend. The app in `backend/` answers exactly these. */
const ROUTES = [
  { key: "users", parentKey: "v1", pathPart: "users", path: "/v1/users" },
  { key: "user", parentKey: "users", pathPart: "{id}", path: "/v1/users/{id}" },
] as const;

/** API Gateway's steady-state requests per second and burst (token bucket) for a method. */
export interface Throttling {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export interface RestApiArgs {
  readonly target: IntegrationTarget;
  /**
   * The route Route 53 checks through the custom domain, proxied to the backend's own health route
   * (`target.healthPath`, or this same path on a backend that has none of its own).
   */
  readonly healthCheckPath: string;
  readonly stageName: string;
  readonly throttling: Throttling;
  /** The health route's own limits, apart from `throttling` (see `healthMethodPath`). */
  readonly healthThrottling: Throttling;
  readonly accessLogRetentionDays: number;
  /** Whether to set the region's account-level CloudWatch role for API Gateway (see RegionalApiArgs). */
  readonly manageApiGatewayAccount: boolean;
  /**
   * The authorizer of every route but the health route, built for the API (part of the deployment's
   * definition). Without one the routes are open.
   */
  readonly authorizer?: {
    readonly create: (restApi: aws.apigateway.RestApi) => aws.apigateway.Authorizer;
  };
  /** IPv4 and IPv6 clients. */
  readonly dualstack?: boolean;
}

export interface RegionalRestApi {
  readonly restApi: aws.apigateway.RestApi;
  readonly stage: aws.apigateway.Stage;
}

/**
 * A REGIONAL REST API with `/v1/users`, `/v1/users/{id}` and the health route proxied to the backend, a
 * deployment that is replaced whenever the API's definition changes, and a stage with JSON access logs
 * and throttling. The default execute-api endpoint is off: clients and health checks use custom domains.
 */
export function createRestApi(name: string, args: RestApiArgs, parent: pulumi.Resource): RegionalRestApi {
  const opts = { parent };
  const restApi = new aws.apigateway.RestApi(
    name,
    { endpointConfiguration: endpointConfiguration(args.dualstack), disableExecuteApiEndpoint: true },
    opts,
  );

  const v1 = new aws.apigateway.Resource(
    `${name}-v1`,
    { restApi: restApi.id, parentId: restApi.rootResourceId, pathPart: "v1" },
    opts,
  );
  const resources: Record<string, aws.apigateway.Resource> = { v1 };
  for (const route of ROUTES) {
    resources[route.key] = new aws.apigateway.Resource(
      `${name}-${route.key}`,
      { restApi: restApi.id, parentId: resources[route.parentKey].id, pathPart: route.pathPart },
      opts,
    );
  }
  const healthParts = args.healthCheckPath.split("/").filter(Boolean);
  let healthParent: pulumi.Input<string> = restApi.rootResourceId;
  healthParts.forEach((pathPart, index) => {
    const resource = new aws.apigateway.Resource(
      `${name}-health${index === 0 ? "" : `-${index}`}`,
      { restApi: restApi.id, parentId: healthParent, pathPart },
      opts,
    );
    healthParent = resource.id;
    resources[index === healthParts.length - 1 ? "health" : `health-${index}`] = resource;
  });

  // Route 53 calls the health route without credentials: it alone stays open.
  const authorizer = args.authorizer?.create(restApi);
  const authorizerId = authorizer?.id;
  const isAuthorized = (key: string) => key !== "health" && authorizerId !== undefined;
  const authorizationOf = (key: string) =>
    isAuthorized(key) ? { authorization: "CUSTOM", authorizerId } : { authorization: "NONE" };
  // The authorizer's context reaches the integration as `context.authorizer.<key>` (APIGW developer guide,
  // _Lambda authorizer output_; mapping in _API Gateway mapping template and access logging variable
  // reference_); a mapped header replaces the client's own.
  const callerOf = (key: string): Record<string, string> =>
    isAuthorized(key)
      ? { [`integration.request.header.${CALLER_SUB_HEADER}`]: "context.authorizer.sub" }
      : {};

  const proxied = [
    ...ROUTES.map((r) => ({ key: r.key, path: r.path, backendPath: r.path })),
    // The app answers only its own health route: a different checked path would be a 404 forever.
    {
      key: "health",
      path: args.healthCheckPath,
      backendPath: args.target.healthPath ?? args.healthCheckPath,
    },
  ];
  const methods: aws.apigateway.Method[] = [];
  const integrations = proxied.map(({ key, path, backendPath }) => {
    const pathParameters = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const method = new aws.apigateway.Method(
      `${name}-${key}-any`,
      {
        restApi: restApi.id,
        resourceId: resources[key].id,
        httpMethod: "ANY",
        ...authorizationOf(key),
        requestParameters: Object.fromEntries(pathParameters.map((p) => [`method.request.path.${p}`, true])),
      },
      opts,
    );
    methods.push(method);
    return new aws.apigateway.Integration(
      `${name}-${key}-any`,
      {
        restApi: restApi.id,
        resourceId: resources[key].id,
        httpMethod: method.httpMethod,
        type: "HTTP_PROXY",
        integrationHttpMethod: "ANY",
        uri: pulumi.interpolate`${args.target.baseUrl}${backendPath}`,
        connectionType: args.target.connectionType,
        connectionId: args.target.connectionId,
        requestParameters: {
          ...Object.fromEntries(
            pathParameters.map((p) => [`integration.request.path.${p}`, `method.request.path.${p}`]),
          ),
          ...callerOf(key),
        },
      },
      opts,
    );
  });

  // A deployment is a snapshot: replace it whenever anything it snapshots changes, or the stage keeps
  // serving the old API.
  const definition = definitionDigest([
    ...Object.values(resources),
    ...methods,
    ...integrations,
    ...(authorizer ? [authorizer] : []),
  ]);
  const deployment = new aws.apigateway.Deployment(
    `${name}-deployment`,
    { restApi: restApi.id, triggers: { definition } },
    { ...opts, dependsOn: integrations },
  );

  const logGroup = new aws.cloudwatch.LogGroup(
    `${name}-access`,
    { retentionInDays: args.accessLogRetentionDays },
    opts,
  );
  const account = args.manageApiGatewayAccount ? createCloudWatchRoleSetting(name, opts) : undefined;

  const stage = new aws.apigateway.Stage(
    `${name}-stage`,
    {
      restApi: restApi.id,
      deployment: deployment.id,
      stageName: args.stageName,
      accessLogSettings: {
        destinationArn: logGroup.arn,
        format: JSON.stringify({
          requestId: "$context.requestId",
          ip: "$context.identity.sourceIp",
          method: "$context.httpMethod",
          path: "$context.path",
          status: "$context.status",
          latencyMs: "$context.responseLatency",
          integrationStatus: "$context.integrationStatus",
          domain: "$context.domainName",
        }),
      },
    },
    { ...opts, dependsOn: account ? [account] : [] },
  );
  const methodSettings = (
    suffix: string,
    methodPath: string,
    throttling: Throttling,
    dependsOn: pulumi.Resource[] = [],
  ) =>
    new aws.apigateway.MethodSettings(
      `${name}-${suffix}`,
      {
        restApi: restApi.id,
        stageName: stage.stageName,
        methodPath,
        settings: {
          throttlingRateLimit: throttling.rateLimit,
          throttlingBurstLimit: throttling.burstLimit,
          metricsEnabled: true,
        },
      },
      { ...opts, dependsOn },
    );
  const stageSettings = methodSettings("throttling", "*/*", args.throttling);
  // Each is an UpdateStage of the same stage, which API Gateway refuses to change twice at once
  // (ConflictException, APIGW API reference, UpdateStage): one after the other.
  methodSettings("health-throttling", healthMethodPath(args.healthCheckPath), args.healthThrottling, [
    stageSettings,
  ]);
  return { restApi, stage };
}

/**
 * The method-settings key of the health route's GET, the method Route 53's HTTPS checks send. Throttling
 * limits apply per method, and a method without settings of its own takes the stage-wide ones (method path
 * `*` `/` `*`; APIGW developer guide, _How throttling limit settings are applied_), so without this the
 * route would take whatever limit `/v1` is given. A key is `{resource path}/{HTTP method}` with every `/` of
 * the resource path written `~1` (APIGW API reference, `Stage.methodSettings` and UpdateStage's patch
 * paths, e.g. `/~1resourceName/GET/logging/loglevel`); the provider sends the key as it is
 * (apigateway/method_settings.go). The route's method is ANY; the key names GET, the method checks send,
 * as AWS documents no key for ANY.
 */
export function healthMethodPath(healthCheckPath: string): string {
  const parts = healthCheckPath.split("/").filter(Boolean);
  return `${parts.map((part) => `~1${part}`).join("")}/GET`;
}

/**
 * Access logging needs the region's account-level CloudWatch role for API Gateway. The setting is one per
 * account and region: this points it at a role of this stack. The Account resource depends on the role,
 * so a destroy deletes the Account first, and deleting it resets the setting (provider v7; see
 * docs/aws-facts.md) before the role goes: the setting never names a deleted role.
 */
function createCloudWatchRoleSetting(
  name: string,
  opts: pulumi.CustomResourceOptions,
): aws.apigateway.Account {
  const loggingRole = new aws.iam.Role(
    `${name}-logging`,
    {
      assumeRolePolicy: assumableBy("apigateway.amazonaws.com"),
      managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"],
    },
    opts,
  );
  return new aws.apigateway.Account(`${name}-account`, { cloudwatchRoleArn: loggingRole.arn }, opts);
}
