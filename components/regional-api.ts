import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  DEFAULT_SCOPES,
  DEFAULT_TOKEN_TYPE,
  isScopeToken,
  SCOPE_TOKEN_FORM,
  TOKEN_TYPES,
  type AccessScopes,
  type TokenType,
} from "@multi-region-api/model/contracts/authorizer-access";
import { API_PREFIX, HEALTH_PATH, isApiRoute } from "@multi-region-api/model/contracts/backend";
import {
  createEc2Backend,
  type Ec2Backend,
  type Ec2BackendArgs,
  type IntegrationTarget,
} from "./regional/backend";
import type { FleetCapacity } from "./regional/app-fleet";
import { createCustomDomain } from "./regional/custom-domain";
import { createRegionHostRecord } from "./regional/region-host-record";
import { createReleaseAlarms, type ReleaseAlarms } from "./regional/release-alarms";
import {
  AUTHORIZER_CACHE_TTL_MAX,
  AUTHORIZER_CACHE_TTL_MIN,
  DEFAULT_RELEASE_ALARM_THRESHOLDS,
  DEFAULT_WAF_REQUESTS_PER_5_MINUTES,
  LATENCY_P99_MAX_MS,
  WAF_RATE_LIMIT_MAX,
  WAF_RATE_LIMIT_MIN,
} from "@multi-region-api/model/limits/edge-limits";
import { createJwtAuthorizer } from "./regional/jwt-authorizer";
import { createRestApi, type Throttling } from "./regional/rest-api";
import { createWebAcl } from "./regional/web-acl";
import {
  requireAwsProvider,
  requireDnsName,
  requireKindProperties,
  requireOneOf,
  requireRange,
  requireRegion,
  requireThat,
} from "./validate";

/** What serves a region's API. */
export const BackendKind = {
  /** EC2 instances in an Auto Scaling group behind an internal NLB, which this component creates. */
  Ec2: "ec2",
  /** An HTTPS backend that exists already. */
  Url: "url",
} as const;
// An object and a type of one name: Pulumi's schema inference reads an enum from this pattern.
export type BackendKind = (typeof BackendKind)[keyof typeof BackendKind];

/**
 * The backend a region's API proxies to. One shape for both kinds, so that every Pulumi language can pass
 * it: the properties of the other kind are refused, and those of its own kind are required unless marked.
 */
export interface RegionalBackend {
  readonly kind: BackendKind;
  /** `ec2`: the instances' type, e.g. `t4g.small`. */
  readonly instanceType?: string;
  /** `ec2`: the Auto Scaling group's min and desired size (1-10). */
  readonly instanceCount?: number;
  /** `ec2`: the Auto Scaling group's max size (instanceCount-20); the CPU policy scales within it. */
  readonly maxInstanceCount?: number;
  /**
   * `ec2`, optional: the AMI to run, pinned. @default the AL2023 image SSM names when the region is first
   * deployed, kept until an AMI is pinned here (an app release never rolls a new image with it)
   */
  readonly amiId?: string;
  /** `ec2`: the users global table's name, the same in every region. */
  readonly usersTableName?: string;
  /** `ec2`: the ARN of this region's replica of it. */
  readonly usersTableReplicaArn?: pulumi.Input<string>;
  /**
   * `ec2`, optional: the stack's expected peak and what one instance carries, both in requests per second
   * (1-10000000), stated as tags on the Auto Scaling group so the preview and the policy pack judge whether
   * the other regions carry the peak when this one fails. @default no tags, nothing judged
   */
  readonly capacity?: FleetCapacity;
  /** `url`: the existing backend's https:// base URL. */
  readonly url?: string;
}

/** Who may call the API's routes (all but the health route). There is no default: an open API is a choice. */
export const AuthMode = {
  /** Bearer JWTs from one issuer, checked by a Lambda authorizer in the region. */
  Jwt: "jwt",
  /** Nobody checked at all. */
  None: "none",
} as const;
// An object and a type of one name: Pulumi's schema inference reads an enum from this pattern.
export type AuthMode = (typeof AuthMode)[keyof typeof AuthMode];

/** The API's callers: `mode` and, with `jwt`, the issuer's settings (refused with `none`). */
export interface RegionalAuth {
  readonly mode: AuthMode;
  /** `jwt`: the https:// issuer; must equal the tokens' `iss`. Its keys are found by OpenID Connect discovery. */
  readonly issuer?: string;
  /** `jwt`: the audience the tokens are issued for. */
  readonly audience?: string;
  /** `jwt`: API Gateway's authorizer cache per token, 0-3600 s (0 = off). */
  readonly cacheTtlSeconds?: number;
  /**
   * `jwt`: how the issuer marks access tokens: `at+jwt` (RFC 9068 `typ`, `aud` = audience) or `cognito`
   * (`token_use: access`, `client_id` = audience). Other tokens, ID tokens among them, get 401.
   * @default "at+jwt"
   */
  readonly tokenType?: TokenType;
  /**
   * `jwt`: the `scope` GET needs and the one POST needs; a token is allowed exactly the methods its scopes
   * open. @default { read: "users:read", write: "users:write" }
   */
  readonly scopes?: Partial<AccessScopes>;
}

/** The regional web ACL. */
export interface RegionalWafSettings {
  /** The rate-based rule: requests per client IP in 5 minutes. @default 2000 */
  readonly requestsPer5Minutes?: number;
}

/** The thresholds of the alarms a release is baked against. */
export interface ReleaseAlarmSettings {
  /** The share of requests answered with a 5XX, in percent, above which a release fails. @default 1 */
  readonly api5xxRatePercent?: number;
  /** API Gateway's p99 latency in milliseconds above which a release fails. @default 2000 */
  readonly latencyP99Ms?: number;
}

export interface RegionalApiArgs {
  /**
   * The region this API runs in; it must be the region of the AWS provider passed in `opts.provider` or
   * `opts.providers.aws`.
   */
  readonly region: string;
  /** The name clients call in every region, e.g. `api.example.com`. */
  readonly domainName: string;
  /** The Route 53 zone that holds `domainName`, for the per-region hostname. */
  readonly hostedZoneId: pulumi.Input<string>;
  /**
   * An ACM certificate of this region for `domainName` and `*.domainName` (see `Certificates`, which owns
   * the stack's one validation record).
   */
  readonly certificateArn: pulumi.Input<string>;
  readonly backend: RegionalBackend;
  /** The deep health route Route 53 will check. Default `/health`. */
  readonly healthCheckPath?: string;
  /** Default `live`: the stage sits behind the custom domains' root, so clients never see its name. */
  readonly stageName?: string;
  /** Steady-state requests per second and burst for the stage. Default 100 / 200. */
  readonly throttling?: Throttling;
  /**
   * The health route's own limits for Route 53's checks (GET), so that `throttling` set low for `/v1`, or
   * `/v1` traffic, cannot throttle them into a failover. Default 100 / 200: each checker sends one request
   * per 10 or 30 s, so far less reaches it; higher lets more unauthenticated load reach the instances.
   */
  readonly healthThrottling?: Throttling;
  /** Default 30 days. */
  readonly accessLogRetentionDays?: number;
  /**
   * Default true: set the region's API Gateway CloudWatch role (`aws.apigateway.Account`, one setting per
   * account and region) to a role this component creates. False: rely on the role the account already has.
   */
  readonly manageApiGatewayAccount?: boolean;
  readonly auth: RegionalAuth;
  readonly waf?: RegionalWafSettings;
  /**
   * IPv6 clients too: the REST API and both custom domains become dualstack and the per-region host name
   * gets an AAAA alias beside its A alias. Default false.
   */
  readonly ipv6?: boolean;
  /** The alarms `npm run deploy` bakes each release against in this region (README, "Releasing in waves"). */
  readonly releaseAlarms?: ReleaseAlarmSettings;
}

/** CloudWatch Logs accepts only these retention periods (days). */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/**
 * The API in one region: an EC2 (or existing) backend, a REGIONAL REST API in front of it, and two
 * regional custom domains on the region's certificate — the shared name clients call (its failover
 * records belong to FailoverDns) and `{region}.{domainName}`, which the region's health check calls.
 *
 * Every child is created with `{ parent: this }`, so the region's provider, given as `opts.provider` or
 * as `opts.providers.aws` (how Pulumi passes providers to a component hosted for other languages),
 * reaches them all.
 */
export class RegionalApi extends pulumi.ComponentResource {
  /** The region this API runs in. */
  public readonly region: string;
  /** The alias target a FailoverDns endpoint names: the same output as `regionalDomainName`. */
  public readonly aliasName: pulumi.Output<string>;
  /** The alias target's hosted zone for a FailoverDns endpoint: the same output as `regionalZoneId`. */
  public readonly aliasZoneId: pulumi.Output<string>;
  /** The shared domain's regional target (`d-….execute-api.<region>.amazonaws.com`): an alias target name. */
  public readonly regionalDomainName: pulumi.Output<string>;
  /** API Gateway's hosted zone for this region: the alias target's zone. */
  public readonly regionalZoneId: pulumi.Output<string>;
  /** `{region}.{domainName}`: what this region's Route 53 health check calls (never the shared name). */
  public readonly healthCheckFqdn: string;
  /** The deep health route. */
  public readonly healthCheckPath: string;
  /** `https://{region}.{domainName}`: this region alone, bypassing failover. */
  public readonly url: string;
  /** The certificate the custom domains use. */
  public readonly certificateArn: pulumi.Output<string>;
  public readonly restApiId: pulumi.Output<string>;
  /** The REST API's name and stage: API Gateway's metric dimensions `ApiName` and `Stage`. */
  public readonly restApiName: pulumi.Output<string>;
  public readonly stageName: string;
  /** The EC2 backend's Auto Scaling group; undefined for an existing backend. */
  public readonly autoScalingGroupName: pulumi.Output<string> | undefined;
  /** The REST API, to add routes, models or gateway responses to. */
  public readonly restApi: aws.apigateway.RestApi;
  /** The stage, to add method settings, a canary or a usage plan to. */
  public readonly stage: aws.apigateway.Stage;
  /** The stage's web ACL, to read its ARN or log it. */
  public readonly webAcl: aws.wafv2.WebAcl;
  /** The EC2 backend's Auto Scaling group, to add scaling policies or hooks to; undefined for an existing backend. */
  public readonly autoScalingGroup: aws.autoscaling.Group | undefined;
  /** The 5XX-rate and p99-latency alarms a release bakes against; add actions to them to be told too. */
  public readonly releaseAlarms: ReleaseAlarms;
  /** Their names, as `npm run deploy` reads them from the stack outputs. */
  public readonly releaseAlarmNames: pulumi.Output<string[]>;

  constructor(name: string, args: RegionalApiArgs, opts: pulumi.ComponentResourceOptions = {}) {
    // Validate first: a bad argument must stop the run before anything, even this component, is registered.
    const settings = validateRegionalApiArgs(args, opts);
    // The health route is the component's one input: the policy pack keeps it open in a regional part too,
    // whose Route 53 health checks live in the global stack.
    super("multiregion:index:RegionalApi", name, { healthCheckPath: settings.healthCheckPath }, opts);
    const {
      healthCheckPath,
      stageName,
      throttling,
      healthThrottling,
      accessLogRetentionDays,
      manageApiGatewayAccount,
      requestsPer5Minutes,
      ipv6,
      releaseAlarmThresholds,
    } = settings;

    this.region = args.region;
    this.healthCheckPath = healthCheckPath;
    this.healthCheckFqdn = `${args.region}.${args.domainName}`;
    this.url = `https://${this.healthCheckFqdn}`;

    const backend = settings.backend;
    const target: IntegrationTarget | Ec2Backend =
      "url" in backend
        ? { baseUrl: backend.url.replace(/\/+$/, ""), connectionType: "INTERNET" }
        : createEc2Backend(name, { region: args.region, ...backend }, this);
    const auth = settings.auth;
    const { restApi, stage } = createRestApi(
      `${name}-api`,
      {
        target,
        healthCheckPath,
        stageName,
        throttling,
        healthThrottling,
        accessLogRetentionDays,
        manageApiGatewayAccount,
        dualstack: ipv6,
        authorizer:
          auth !== undefined
            ? {
                create: (api) =>
                  createJwtAuthorizer(
                    `${name}-authorizer`,
                    { restApi: api, ...auth, logRetentionDays: accessLogRetentionDays },
                    this,
                  ),
              }
            : undefined,
      },
      this,
    );
    this.webAcl = createWebAcl(`${name}-waf`, { stage, requestsPer5Minutes, healthCheckPath }, this);
    this.restApi = restApi;
    this.stage = stage;
    const certificateArn = pulumi.output(args.certificateArn);
    const mapping = { certificateArn, restApiId: restApi.id, stageName: stage.stageName, dualstack: ipv6 };
    const shared = createCustomDomain(
      `${name}-shared-domain`,
      { domainName: args.domainName, ...mapping },
      this,
    );
    const regional = createCustomDomain(
      `${name}-region-domain`,
      { domainName: this.healthCheckFqdn, ...mapping },
      this,
    );
    createRegionHostRecord(
      `${name}-region-host`,
      { zoneId: args.hostedZoneId, name: this.healthCheckFqdn, domain: regional, ipv6 },
      this,
    );

    this.regionalDomainName = shared.regionalDomainName;
    this.regionalZoneId = shared.regionalZoneId;
    this.aliasName = this.regionalDomainName;
    this.aliasZoneId = this.regionalZoneId;
    this.certificateArn = certificateArn;
    this.restApiId = restApi.id;
    this.restApiName = restApi.name;
    this.stageName = stageName;
    this.autoScalingGroupName = "autoScalingGroupName" in target ? target.autoScalingGroupName : undefined;
    this.autoScalingGroup = "autoScalingGroup" in target ? target.autoScalingGroup : undefined;
    this.releaseAlarms = createReleaseAlarms(
      `${name}-release`,
      { apiName: restApi.name, stageName: stage.stageName, ...releaseAlarmThresholds },
      this,
    );
    this.releaseAlarmNames = pulumi.all([this.releaseAlarms.errorRate.name, this.releaseAlarms.latency.name]);

    this.registerOutputs({
      region: this.region,
      regionalDomainName: this.regionalDomainName,
      regionalZoneId: this.regionalZoneId,
      healthCheckFqdn: this.healthCheckFqdn,
      healthCheckPath: this.healthCheckPath,
      url: this.url,
      certificateArn: this.certificateArn,
      restApiId: this.restApiId,
      restApiName: this.restApiName,
      stageName: this.stageName,
      autoScalingGroupName: this.autoScalingGroupName,
      releaseAlarmNames: this.releaseAlarmNames,
    });
  }
}

interface JwtSettings {
  readonly issuer: string;
  readonly audience: string;
  readonly cacheTtlSeconds: number;
  readonly tokenType: TokenType;
  readonly scopes: AccessScopes;
}

const EC2_PROPERTIES = [
  "instanceType",
  "instanceCount",
  "maxInstanceCount",
  "usersTableName",
  "usersTableReplicaArn",
];
const EC2_OPTIONAL_PROPERTIES = ["amiId", "capacity"];
const JWT_PROPERTIES = ["issuer", "audience", "cacheTtlSeconds"];
const JWT_OPTIONAL_PROPERTIES = ["tokenType", "scopes"];

/** The backend's settings for its kind, or a ComponentArgsError naming the property. */
function validBackend(backend: RegionalBackend): Omit<Ec2BackendArgs, "region"> | { readonly url: string } {
  requireOneOf("backend.kind", backend.kind, Object.values(BackendKind));
  if (backend.kind === BackendKind.Url) {
    requireKindProperties(
      "backend",
      'kind is "url"',
      backend,
      ["url"],
      [...EC2_PROPERTIES, ...EC2_OPTIONAL_PROPERTIES],
    );
    const url = backend.url!;
    requireThat(/^https:\/\/[^/\s]+/.test(url), "backend.url", "must be an https:// URL");
    return { url };
  }
  requireKindProperties("backend", 'kind is "ec2"', backend, EC2_PROPERTIES, ["url"]);
  const ec2 = backend as Required<Omit<RegionalBackend, "url" | "amiId" | "capacity">> & RegionalBackend;
  requireRange("backend.instanceCount", ec2.instanceCount, 1, 10);
  requireRange("backend.maxInstanceCount", ec2.maxInstanceCount, ec2.instanceCount, 20);
  if (ec2.capacity !== undefined) {
    const { peakRequestsPerSecond, requestsPerInstance } = ec2.capacity;
    requireRange("backend.capacity.peakRequestsPerSecond", peakRequestsPerSecond, 1, 10_000_000);
    requireRange("backend.capacity.requestsPerInstance", requestsPerInstance, 1, 10_000_000);
  }
  return {
    instanceType: ec2.instanceType,
    instanceCount: ec2.instanceCount,
    maxInstanceCount: ec2.maxInstanceCount,
    amiId: ec2.amiId,
    usersTableName: ec2.usersTableName,
    usersTableReplicaArn: ec2.usersTableReplicaArn,
    capacity: ec2.capacity,
  };
}

/** The JWT settings with their defaults, undefined for an open API, or a ComponentArgsError naming the property. */
function validAuth(auth: RegionalAuth | undefined): JwtSettings | undefined {
  requireThat(
    auth?.mode === AuthMode.Jwt || auth?.mode === AuthMode.None,
    "auth.mode",
    'must be "jwt" or "none" (an open API is chosen explicitly)',
  );
  if (auth!.mode === AuthMode.None) {
    requireKindProperties(
      "auth",
      'mode is "none"',
      auth!,
      [],
      [...JWT_PROPERTIES, ...JWT_OPTIONAL_PROPERTIES],
    );
    return undefined;
  }
  requireKindProperties("auth", 'mode is "jwt"', auth!, JWT_PROPERTIES, []);
  const { issuer, audience, cacheTtlSeconds } = auth as Required<
    Pick<RegionalAuth, "issuer" | "audience" | "cacheTtlSeconds">
  >;
  requireThat(/^https:\/\/[^/\s]+/.test(issuer), "auth.issuer", "must be an https:// issuer URL");
  requireThat(audience.trim() !== "", "auth.audience", "must not be empty");
  requireRange("auth.cacheTtlSeconds", cacheTtlSeconds, AUTHORIZER_CACHE_TTL_MIN, AUTHORIZER_CACHE_TTL_MAX);
  const tokenType = auth!.tokenType ?? DEFAULT_TOKEN_TYPE;
  requireOneOf("auth.tokenType", tokenType, TOKEN_TYPES);
  const scopes = { ...DEFAULT_SCOPES, ...auth!.scopes };
  for (const need of ["read", "write"] as const) {
    requireThat(isScopeToken(scopes[need]), `auth.scopes.${need}`, `must be ${SCOPE_TOKEN_FORM}`);
  }
  return { issuer, audience, cacheTtlSeconds, tokenType, scopes };
}

/** A throttling argument with its default (100 / 200), or a ComponentArgsError naming the property. */
function validThrottling(
  property: string,
  throttling: Throttling = { rateLimit: 100, burstLimit: 200 },
): Throttling {
  requireRange(`${property}.rateLimit`, throttling.rateLimit, 1, 10_000);
  requireRange(`${property}.burstLimit`, throttling.burstLimit, 1, 5_000);
  return throttling;
}

/** Every argument check, with the defaults applied; throws a ComponentArgsError naming the property. */
function validateRegionalApiArgs(args: RegionalApiArgs, opts: pulumi.ComponentResourceOptions) {
  requireRegion("region", args.region);
  requireDnsName("domainName", args.domainName);
  requireAwsProvider(opts);
  const healthCheckPath = args.healthCheckPath ?? HEALTH_PATH;
  requireThat(/^\/[^\s?#]*$/.test(healthCheckPath), "healthCheckPath", "must start with / (e.g. /health)");
  requireThat(
    !isApiRoute(healthCheckPath),
    "healthCheckPath",
    `must not be ${API_PREFIX} or under it: the API's own routes live there`,
  );
  const stageName = args.stageName ?? "live";
  requireThat(/^[A-Za-z0-9_-]{1,128}$/.test(stageName), "stageName", "must be 1-128 letters, digits, - or _");
  const throttling = validThrottling("throttling", args.throttling);
  const healthThrottling = validThrottling("healthThrottling", args.healthThrottling);
  const accessLogRetentionDays = args.accessLogRetentionDays ?? 30;
  requireOneOf("accessLogRetentionDays", accessLogRetentionDays, LOG_RETENTION_DAYS);
  const backend = validBackend(args.backend);
  const auth = validAuth(args.auth);
  const requestsPer5Minutes = args.waf?.requestsPer5Minutes ?? DEFAULT_WAF_REQUESTS_PER_5_MINUTES;
  requireRange("waf.requestsPer5Minutes", requestsPer5Minutes, WAF_RATE_LIMIT_MIN, WAF_RATE_LIMIT_MAX);
  const manageApiGatewayAccount = args.manageApiGatewayAccount ?? true;
  const ipv6 = args.ipv6 ?? false;
  requireOneOf("ipv6", ipv6, [true, false]);
  const releaseAlarmThresholds = {
    api5xxRatePercent:
      args.releaseAlarms?.api5xxRatePercent ?? DEFAULT_RELEASE_ALARM_THRESHOLDS.api5xxRatePercent,
    latencyP99Ms: args.releaseAlarms?.latencyP99Ms ?? DEFAULT_RELEASE_ALARM_THRESHOLDS.latencyP99Ms,
  };
  requireThat(
    releaseAlarmThresholds.api5xxRatePercent > 0 && releaseAlarmThresholds.api5xxRatePercent <= 100,
    "releaseAlarms.api5xxRatePercent",
    "must be a percentage above 0 and at most 100",
  );
  requireRange("releaseAlarms.latencyP99Ms", releaseAlarmThresholds.latencyP99Ms, 1, LATENCY_P99_MAX_MS);
  return {
    backend,
    auth,
    healthCheckPath,
    stageName,
    throttling,
    healthThrottling,
    accessLogRetentionDays,
    manageApiGatewayAccount,
    requestsPer5Minutes,
    ipv6,
    releaseAlarmThresholds,
  };
}
