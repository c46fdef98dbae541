import type * as pulumi from "@pulumi/pulumi";
import { API_GATEWAY_EDGE_ZONE_ID, API_GATEWAY_REGIONAL_ZONE_IDS } from "./api-gateway-zones";
import { canonicalDnsName, digest, uuidFrom } from "./ids";
import {
  AL2023_AMI_PARAMETER,
  StrictMockError,
  checkAliasTargetCreatedFirst,
  checkAutoScalingGroup,
  checkDashboard,
  checkLaunchTemplate,
  checkHealthCheck,
  checkRecordAgainstZone,
  checkRecordShape,
  checkRegionalDomain,
  checkUserData,
  recordKeyOf,
  sameRecordSet,
  type RecordKey,
} from "./rules";
import {
  checkAuthorizer,
  checkLambdaFunction,
  checkMethod,
  checkWebAcl,
  checkWebAclAssociation,
} from "./edge-rules";
import { autoNameOf, checkAgainstApiModels } from "../aws-models/validate";
import { interceptRegistrations } from "../pulumi-internals";

export { StrictMockError, EC2_USER_DATA_MAX_BYTES } from "./rules";
export { API_GATEWAY_REGIONAL_ZONE_IDS } from "./api-gateway-zones";
export { duplicateUrnMessage, refuseDuplicateUrns } from "./urns";

type Inputs = Record<string, unknown>;
type Outputs = Record<string, unknown>;

export interface AwsMocksOptions {
  /** Mirror `pulumi preview`: computed outputs (IDs, ARNs, DNS names) are left unknown. */
  readonly preview?: boolean;
  /** The AWS account the fake ARNs belong to. */
  readonly accountId?: string;
  /** Public hosted zones that exist in the account; `getZone` fails for any other, as AWS does. */
  readonly hostedZones?: readonly string[];
  /**
   * Whether those zones have Route 53 accelerated recovery on. Default off: a zone has it only after
   * `UpdateHostedZoneFeatures` turned it on (docs/aws-facts.md "Accelerated recovery").
   */
  readonly acceleratedRecovery?: boolean;
  /**
   * Instances in service in each Auto Scaling group now, as target tracking left them: the run is an update
   * of running groups. Unset: new groups, whose instances come up to their desired size.
   */
  readonly autoScalingInService?: number;
  /**
   * The outputs of the other stacks a `pulumi.StackReference` may read, by full name
   * (`<organization>/<project>/<stack>`). The engine reads them in a preview too; any other name fails, as a
   * stack that does not exist does.
   */
  readonly stackOutputs?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** One resource the program asked the engine for, with the region of the provider it used. */
export interface MockRegistration {
  readonly type: string;
  readonly name: string;
  readonly inputs: Inputs;
  readonly outputs: Outputs;
  readonly id: string | undefined;
  readonly custom: boolean;
  /** The region of the explicit provider, for AWS resources; undefined for components. */
  readonly region?: string;
}

const PROVIDER_TYPE = "pulumi:providers:aws";
const STACK_REFERENCE_TYPE = "pulumi:pulumi:StackReference";

/** The slice of a registration request `watchEngine` reads. */
interface WatchedRequest {
  getParent(): string;
  getType(): string;
  getName(): string;
  getDependenciesList(): string[];
}

/**
 * Pulumi mocks that answer like AWS where this project depends on it, and refuse what AWS refuses:
 * IDs and ARNs carry the region of the resource's explicit provider, API Gateway domains get their real
 * `d-…execute-api.<region>.amazonaws.com` name and regional hosted zone, an ACM validation record depends on
 * the domain only (never the region), data sources answer only for what exists, and every AWS resource must
 * name an explicit provider. Rejections are thrown and also kept in `rejections`.
 */
export class AwsMocks implements pulumi.runtime.Mocks {
  readonly registrations: MockRegistration[] = [];
  readonly rejections: StrictMockError[] = [];
  /** The token of every invoke (data source) the program ran, in order. */
  readonly invokes: string[] = [];
  /** Each invoke with the region of the provider it ran on (undefined: the default provider). */
  readonly invokeCalls: { readonly token: string; readonly region: string | undefined }[] = [];
  private readonly providerRegions = new Map<string, string>();
  private readonly records: RecordKey[] = [];
  private readonly healthCheckIds: string[] = [];
  /** Records by URN, to tell which records a registration depends on. */
  private readonly recordsByUrn = new Map<string, RecordKey>();
  /** The engine's view of the registration `newResource` is about to answer (see `expectRegistration`). */
  private next: { readonly urn: string; readonly dependencies: readonly string[] } | undefined;
  private readonly preview: boolean;
  private readonly accountId: string;
  private readonly hostedZones: readonly string[];
  private readonly acceleratedRecovery: boolean;
  private readonly autoScalingInService: number | undefined;
  private readonly stackOutputs: Readonly<Record<string, Readonly<Record<string, unknown>>>>;

  constructor(options: AwsMocksOptions = {}) {
    this.preview = options.preview ?? false;
    this.accountId = options.accountId ?? "123456789012";
    this.hostedZones = (options.hostedZones ?? ["example.com"]).map(canonicalDnsName);
    this.acceleratedRecovery = options.acceleratedRecovery ?? false;
    this.autoScalingInService = options.autoScalingInService;
    this.stackOutputs = options.stackOutputs ?? {};
  }

  /**
   * What `MockResourceArgs` leaves out, for the next `newResource`: the resource's URN and the URNs it
   * depends on. Pulumi creates resources in parallel unless a dependency orders them, so a rule about what
   * must exist first (an alias target) can only be judged with them; without them nothing counts as created
   * first. `watchEngine` calls this for every registration of a real program run.
   */
  expectRegistration(urn: string, dependencies: readonly string[]): void {
    this.next = { urn, dependencies };
  }

  /** Call right after `setMocks`: feeds every registration's URN and dependencies to `expectRegistration`. */
  watchEngine(): void {
    interceptRegistrations<WatchedRequest, unknown>("watchEngine", (request, callback, passOn, monitor) => {
      this.expectRegistration(
        monitor.newUrn(request.getParent(), request.getType(), request.getName()),
        request.getDependenciesList(),
      );
      // The mock monitor calls newResource synchronously, before its first await.
      passOn(request, callback);
    });
  }

  newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Outputs } {
    const engineView = this.next;
    this.next = undefined;
    const inputs = (args.inputs ?? {}) as Inputs;
    const reject = (detail: string): never => {
      const error = new StrictMockError(args.type, args.name, detail);
      this.rejections.push(error);
      throw error;
    };
    if (args.type === STACK_REFERENCE_TYPE) {
      return this.readStack(String(inputs.name ?? args.name), args.name, reject);
    }
    let region: string | undefined;
    let id: string;
    let computed: Outputs;
    if (args.type === PROVIDER_TYPE) {
      if (typeof inputs.region !== "string") {
        reject("an AWS provider must set region explicitly");
      }
      region = String(inputs.region);
      id = `${args.name}-${digest(args.name, 8)}`;
      this.providerRegions.set(id, region);
      computed = {};
    } else if (args.custom !== false && args.type.startsWith("aws:")) {
      region =
        this.regionOf(args.provider) ??
        reject("uses the default AWS provider; pass the region's explicit aws.Provider");
      checkAgainstApiModels(args.type, args.name, inputs, reject);
      ({ id, computed } = this.answer(args.type, args.name, inputs, region, reject, engineView));
    } else {
      ({ id, computed } = this.answerComponent(args.type, args.name));
    }
    const outputs = this.preview ? { ...inputs } : { ...inputs, ...computed };
    const resolvedId = this.preview && args.type !== PROVIDER_TYPE ? undefined : id;
    this.registrations.push({
      type: args.type,
      name: args.name,
      inputs,
      outputs,
      id: resolvedId,
      custom: args.custom !== false,
      region,
    });
    return { id: resolvedId, state: outputs };
  }

  call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
    this.invokes.push(args.token);
    const inputs = (args.inputs ?? {}) as Inputs;
    const region = this.regionOf(args.provider);
    this.invokeCalls.push({ token: args.token, region });
    switch (args.token) {
      case "aws:route53/getZone:getZone": {
        const name = canonicalDnsName(String(inputs.name ?? ""));
        if (!this.hostedZones.includes(name) || inputs.privateZone === true) {
          throw new Error(`no matching Route 53 Hosted Zone found: name=${name}`);
        }
        const zoneId = `Z${digest(`zone:${name}`, 12).toUpperCase()}`;
        return {
          id: zoneId,
          zoneId,
          name,
          privateZone: false,
          nameServers: [],
          enableAcceleratedRecovery: this.acceleratedRecovery,
        };
      }
      case "aws:ssm/getParameter:getParameter": {
        const name = String(inputs.name ?? "");
        const match = AL2023_AMI_PARAMETER.exec(name);
        if (!match || region === undefined) {
          throw new Error(`ParameterNotFound: ${name}${region ? "" : " (no explicit provider)"}`);
        }
        return {
          id: name,
          name,
          type: "String",
          value: `ami-${digest(`${region}:${match[1]}`, 17)}`,
          insecureValue: "",
        };
      }
      case "aws:ec2/getRouteTables:getRouteTables":
        return {
          id: String(inputs.vpcId),
          ids: [
            `rtb-${digest(`${String(inputs.vpcId)}:1`, 17)}`,
            `rtb-${digest(`${String(inputs.vpcId)}:2`, 17)}`,
          ],
        };
      case "aws:index/getCallerIdentity:getCallerIdentity":
        return {
          id: this.accountId,
          accountId: this.accountId,
          arn: `arn:aws:iam::${this.accountId}:root`,
          userId: "AIDAMOCK",
        };
      case "aws:index/getRegion:getRegion":
        return {
          id: region,
          name: region,
          region,
          endpoint: `ec2.${region}.amazonaws.com`,
          description: region,
        };
      default:
        throw new Error(`the mocks have no answer for invoke ${args.token}: add one that behaves like AWS`);
    }
  }

  /** The region of the provider a resource or invoke used; providers are referenced as `urn::id`. */
  private regionOf(providerRef: string | undefined): string | undefined {
    if (!providerRef) {
      return undefined;
    }
    return this.providerRegions.get(providerRef.slice(providerRef.lastIndexOf("::") + 2));
  }

  private arn(service: string, region: string, resource: string): string {
    return `arn:aws:${service}:${region}:${this.accountId}:${resource}`;
  }

  /** A StackReference: the named stack's outputs, known in a preview as in an update. */
  private readStack(
    stack: string,
    name: string,
    reject: (detail: string) => never,
  ): { id: string; state: Outputs } {
    const outputs =
      this.stackOutputs[stack] ??
      reject(
        `no stack named ${stack} exists (known: ${Object.keys(this.stackOutputs).join(", ") || "none"})`,
      );
    const state = { name: stack, outputs, secretOutputNames: [] };
    this.registrations.push({
      type: STACK_REFERENCE_TYPE,
      name,
      inputs: { name: stack },
      outputs: state,
      id: stack,
      custom: true,
    });
    return { id: stack, state };
  }

  private answerComponent(type: string, name: string): { id: string; computed: Outputs } {
    if (type === "awsx:ec2:Vpc") {
      // awsx v3 is a remote component: the engine sees one registration and its outputs, no children.
      const vpcId = `vpc-${digest(name, 17)}`;
      return {
        id: vpcId,
        computed: {
          vpcId,
          privateSubnetIds: [1, 2].map((i) => `subnet-${digest(`${name}:private:${i}`, 17)}`),
          publicSubnetIds: [],
          isolatedSubnetIds: [],
        },
      };
    }
    return { id: `${name}-id`, computed: {} };
  }

  private answer(
    type: string,
    name: string,
    inputs: Inputs,
    region: string,
    reject: (d: string) => never,
    engineView: { readonly urn: string; readonly dependencies: readonly string[] } | undefined,
  ): { id: string; computed: Outputs } {
    const key = `${region}:${type}:${name}`;
    const short = digest(key);
    switch (type) {
      case "aws:apigateway/restApi:RestApi":
        return {
          id: short,
          computed: {
            // The engine auto-names a REST API the program names not (the API model's `name`).
            name: String(inputs.name ?? autoNameOf(name)),
            rootResourceId: digest(`${key}:root`),
            executionArn: this.arn("execute-api", region, short),
            arn: `arn:aws:apigateway:${region}::/restapis/${short}`,
          },
        };
      case "aws:apigateway/domainName:DomainName": {
        checkRegionalDomain(inputs, region, reject);
        const zoneId =
          API_GATEWAY_REGIONAL_ZONE_IDS[region] ??
          reject(`the mocks know no API Gateway hosted zone for ${region}`);
        return {
          id: String(inputs.domainName),
          computed: {
            regionalDomainName: `d-${short}.execute-api.${region}.amazonaws.com`,
            regionalZoneId: zoneId,
            cloudfrontZoneId: API_GATEWAY_EDGE_ZONE_ID,
            arn: `arn:aws:apigateway:${region}::/domainnames/${String(inputs.domainName)}`,
          },
        };
      }
      case "aws:apigateway/stage:Stage":
        return {
          id: `ags-${short}`,
          computed: {
            invokeUrl: `https://${String(inputs.restApi)}.execute-api.${region}.amazonaws.com/${String(inputs.stageName)}`,
            arn: `arn:aws:apigateway:${region}::/restapis/${String(inputs.restApi)}/stages/${String(inputs.stageName)}`,
            executionArn: this.arn(
              "execute-api",
              region,
              `${String(inputs.restApi)}/${String(inputs.stageName)}`,
            ),
          },
        };
      case "aws:apigateway/authorizer:Authorizer":
        checkAuthorizer(inputs, reject);
        return { id: `auth-${digest(key, 6)}`, computed: {} };
      case "aws:apigateway/method:Method":
        checkMethod(inputs, reject);
        return { id: `agm-${short}`, computed: {} };
      case "aws:lambda/function:Function": {
        checkLambdaFunction(inputs, reject);
        const functionName = `${name.slice(0, 40)}-${digest(key, 7)}`;
        const arn = this.arn("lambda", region, `function:${functionName}`);
        return {
          id: functionName,
          computed: {
            arn,
            name: functionName,
            invokeArn: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${arn}/invocations`,
          },
        };
      }
      case "aws:wafv2/webAcl:WebAcl": {
        checkWebAcl(inputs, region, reject);
        const scope = inputs.scope === "CLOUDFRONT" ? "global" : "regional";
        return {
          id: uuidFrom(key),
          computed: { arn: this.arn("wafv2", region, `${scope}/webacl/${name}/${uuidFrom(key)}`) },
        };
      }
      case "aws:wafv2/webAclAssociation:WebAclAssociation":
        checkWebAclAssociation(inputs, region, reject);
        return { id: `${String(inputs.webAclArn)},${String(inputs.resourceArn)}`, computed: {} };
      case "aws:acm/certificate:Certificate": {
        const domains = [
          String(inputs.domainName),
          ...((inputs.subjectAlternativeNames as string[] | undefined) ?? []),
        ];
        return {
          id: this.arn("acm", region, `certificate/${uuidFrom(key)}`),
          computed: {
            arn: this.arn("acm", region, `certificate/${uuidFrom(key)}`),
            status: "PENDING_VALIDATION",
            // ACM: the validation CNAME depends on the domain and account only, in every region; a wildcard
            // validates with the same record as its base name.
            domainValidationOptions: domains.map((domain) => {
              const base = canonicalDnsName(domain).replace(/^\*\./, "");
              return {
                domainName: domain,
                resourceRecordName: `_${digest(`${this.accountId}:${base}`, 32)}.${base}.`,
                resourceRecordType: "CNAME",
                resourceRecordValue: `_${digest(`value:${this.accountId}:${base}`, 32)}.abcdefghij.acm-validations.aws.`,
              };
            }),
          },
        };
      }
      case "aws:acm/certificateValidation:CertificateValidation":
        return { id: String(inputs.certificateArn), computed: {} };
      case "aws:route53/record:Record": {
        checkRecordShape(inputs, reject);
        const record = recordKeyOf(inputs);
        if (inputs.allowOverwrite === true) {
          // allow_overwrite sends UPSERT instead of CREATE (docs/aws-facts.md, "A provider change is a
          // replacement"): a record set of the same name, type and set identifier is overwritten.
          const index = this.records.findIndex((r) => sameRecordSet(r, record));
          if (index >= 0) this.records.splice(index, 1);
        }
        checkRecordAgainstZone(record, this.records, reject);
        const dependencies = engineView?.dependencies ?? [];
        checkAliasTargetCreatedFirst(
          inputs,
          record,
          dependencies.flatMap((urn) => this.recordsByUrn.get(urn) ?? []),
          reject,
        );
        this.records.push(record);
        if (engineView) {
          this.recordsByUrn.set(engineView.urn, record);
        }
        return {
          id: `${record.zoneId}_${record.name}_${record.type}${record.setIdentifier ? `_${record.setIdentifier}` : ""}`,
          computed: { fqdn: record.name },
        };
      }
      case "aws:cloudwatch/dashboard:Dashboard":
        checkDashboard(inputs, reject);
        return {
          id: String(inputs.dashboardName),
          computed: {
            dashboardArn: `arn:aws:cloudwatch::${this.accountId}:dashboard/${String(inputs.dashboardName)}`,
          },
        };
      case "aws:route53/healthCheck:HealthCheck":
        checkHealthCheck(inputs, this.healthCheckIds, reject);
        this.healthCheckIds.push(uuidFrom(key));
        return { id: uuidFrom(key), computed: { arn: `arn:aws:route53:::healthcheck/${uuidFrom(key)}` } };
      case "aws:dynamodb/table:Table": {
        const table = `table/${String(inputs.name)}`;
        return {
          id: String(inputs.name),
          computed: {
            arn: this.arn("dynamodb", region, table),
            streamArn: this.arn("dynamodb", region, `${table}/stream/2026-01-01T00:00:00.000`),
            replicas: ((inputs.replicas as Inputs[] | undefined) ?? []).map((replica) => ({
              ...replica,
              arn: this.arn("dynamodb", String(replica.regionName), table),
            })),
          },
        };
      }
      case "aws:ec2/instance:Instance":
        checkUserData(inputs, reject);
        return {
          id: `i-${digest(key, 17)}`,
          computed: { privateIp: "10.0.1.10", arn: this.arn("ec2", region, `instance/i-${digest(key, 17)}`) },
        };
      case "aws:ec2/launchTemplate:LaunchTemplate":
        checkLaunchTemplate(inputs, reject);
        return {
          id: `lt-${digest(key, 17)}`,
          computed: {
            arn: this.arn("ec2", region, `launch-template/lt-${digest(key, 17)}`),
            // A new template is version 1; AWS adds a version on every update.
            latestVersion: 1,
            defaultVersion: 1,
          },
        };
      case "aws:autoscaling/group:Group":
        checkAutoScalingGroup(inputs, reject, this.autoScalingInService);
        return {
          id: `${name}-${short}`,
          computed: {
            name: `${name}-${short}`,
            arn: this.arn(
              "autoscaling",
              region,
              `autoScalingGroup:${uuidFrom(key)}:autoScalingGroupName/${name}-${short}`,
            ),
          },
        };
      case "aws:lb/loadBalancer:LoadBalancer":
        return {
          id: this.arn("elasticloadbalancing", region, `loadbalancer/net/${name.slice(0, 20)}/${short}`),
          computed: {
            arn: this.arn("elasticloadbalancing", region, `loadbalancer/net/${name.slice(0, 20)}/${short}`),
            dnsName: `${name.slice(0, 20)}-${short}.elb.${region}.amazonaws.com`,
          },
        };
      case "aws:iam/role:Role":
        return {
          id: `${name}-${short}`,
          computed: { arn: `arn:aws:iam::${this.accountId}:role/${name}-${short}`, name: `${name}-${short}` },
        };
      case "aws:iam/instanceProfile:InstanceProfile":
        return {
          id: `${name}-${short}`,
          computed: {
            arn: `arn:aws:iam::${this.accountId}:instance-profile/${name}-${short}`,
            name: `${name}-${short}`,
          },
        };
      case "aws:sns/topic:Topic":
        return {
          id: this.arn("sns", region, `${name}-${short}`),
          computed: { arn: this.arn("sns", region, `${name}-${short}`) },
        };
      case "aws:cloudwatch/logGroup:LogGroup":
        return {
          id: `${name}-${short}`,
          computed: {
            arn: this.arn("logs", region, `log-group:${name}-${short}`),
            name: inputs.name ?? `${name}-${short}`,
          },
        };
      default: {
        const service = type.split(/[:/]/)[1] ?? "unknown";
        return {
          id: `${service}-${short}`,
          computed: { arn: this.arn(service, region, `${name}-${short}`) },
        };
      }
    }
  }
}
