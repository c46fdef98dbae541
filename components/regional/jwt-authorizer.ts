import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AccessScopes, TokenType } from "@multi-region-api/model/contracts/authorizer-access";
import { APP_ASSETS, readAppAsset } from "./app-assets";
import {
  authorizerEnvironment,
  FETCH_TIMEOUT_MS,
} from "@multi-region-api/model/contracts/authorizer-environment";
import { assumableBy } from "./iam";

/**
 * The Lambda runtime (in @pulumi/aws's `lambda.Runtime` enum): Node.js 24, the newest LTS, for the longest
 * support window. The bundle's syntax target (tools/build-assets.mjs) is no newer than this.
 */
export const AUTHORIZER_RUNTIME = aws.lambda.Runtime.NodeJS24dX;
/**
 * The Lambda's timeout, from the cold start's budget: the runtime's init with the bundle (under 1 s for a
 * few hundred KB of Node.js on arm64), then discovery and the JWKS, one after the other, each cut off at
 * FETCH_TIMEOUT_MS (3 s), then verification (milliseconds): at most about 7 s, inside 10 s with room to
 * spare, so an issuer that hangs ends in the authorizer's own 500, not in a Lambda timeout. A warm call
 * makes at most one request to the issuer (docs/aws-facts.md, "Issuer outages").
 */
export const COLD_START_INIT_ALLOWANCE_MS = 1000;
export const AUTHORIZER_TIMEOUT_SECONDS = 10;
export const COLD_START_BUDGET_MS = COLD_START_INIT_ALLOWANCE_MS + 2 * FETCH_TIMEOUT_MS;

/** Where API Gateway finds the token: `Authorization: Bearer <JWT>`. */
export const TOKEN_SOURCE = "method.request.header.Authorization";
/**
 * API Gateway answers 401 itself, without invoking (or paying for) the Lambda, when the header does not
 * look like a bearer JWT.
 */
export const TOKEN_PATTERN = "^[Bb][Ee][Aa][Rr][Ee][Rr] [-0-9A-Za-z_]+\\.[-0-9A-Za-z_]*\\.[-0-9A-Za-z_]*$";

export interface JwtAuthorizerArgs {
  readonly restApi: aws.apigateway.RestApi;
  readonly issuer: string;
  readonly audience: string;
  readonly tokenType: TokenType;
  readonly scopes: AccessScopes;
  /** API Gateway's authorizer result cache, per token; 0 turns it off. */
  readonly cacheTtlSeconds: number;
  readonly logRetentionDays: number;
}

/**
 * A TOKEN Lambda authorizer for one region's REST API: the function (outside any VPC: it only needs the
 * issuer's JWKS on the internet), its log group, a role that may write to that log group and nothing else,
 * and the permission for this API, and only this API's authorizer, to invoke it.
 */
export function createJwtAuthorizer(
  name: string,
  args: JwtAuthorizerArgs,
  parent: pulumi.Resource,
): aws.apigateway.Authorizer {
  const opts = { parent };
  const logGroup = new aws.cloudwatch.LogGroup(
    `${name}-logs`,
    { retentionInDays: args.logRetentionDays },
    opts,
  );
  const role = new aws.iam.Role(
    `${name}-role`,
    { assumeRolePolicy: assumableBy("lambda.amazonaws.com") },
    opts,
  );
  const logging = new aws.iam.RolePolicy(
    `${name}-logs`,
    {
      role: role.id,
      policy: logGroup.arn.apply((arn) =>
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${arn}:*` },
          ],
        }),
      ),
    },
    opts,
  );
  const fn = new aws.lambda.Function(
    name,
    {
      runtime: AUTHORIZER_RUNTIME,
      architectures: ["arm64"],
      handler: "index.handler",
      code: new pulumi.asset.AssetArchive({
        "index.js": new pulumi.asset.StringAsset(readAppAsset(APP_ASSETS.authorizer)),
      }),
      role: role.arn,
      memorySize: 256,
      timeout: AUTHORIZER_TIMEOUT_SECONDS,
      environment: { variables: authorizerEnvironment(args) },
      loggingConfig: { logFormat: "Text", logGroup: logGroup.name },
    },
    // The first invocation must be able to log.
    { ...opts, dependsOn: [logging] },
  );
  const authorizer = new aws.apigateway.Authorizer(
    name,
    {
      restApi: args.restApi.id,
      type: "TOKEN",
      authorizerUri: fn.invokeArn,
      identitySource: TOKEN_SOURCE,
      identityValidationExpression: TOKEN_PATTERN,
      authorizerResultTtlInSeconds: args.cacheTtlSeconds,
    },
    opts,
  );
  new aws.lambda.Permission(
    `${name}-invoke`,
    {
      function: fn.name,
      action: "lambda:InvokeFunction",
      principal: "apigateway.amazonaws.com",
      sourceArn: pulumi.interpolate`${args.restApi.executionArn}/authorizers/${authorizer.id}`,
    },
    opts,
  );
  return authorizer;
}
