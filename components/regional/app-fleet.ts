import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PEAK_RPS_TAG, RPS_PER_INSTANCE_TAG } from "@multi-region-api/model/capacity";

/**
 * How a region's app instances are launched, kept healthy, scaled and rolled. Each value is a contract the
 * tests read, so a change here is a deliberate one.
 */
export const FLEET_SETTINGS = {
  /**
   * Seconds Auto Scaling ignores a new instance's failing load-balancer health check. First boot installs
   * Node.js from the AL2023 repositories with up to 6 tries 10 s apart (components/regional/user-data.ts), so it can
   * take several minutes; 10 minutes covers it with room, and a dead instance is still replaced after that.
   */
  healthCheckGracePeriodSeconds: 600,
  /** Seconds a new instance is given before its CPU counts towards scaling, and before a refresh moves on. */
  instanceWarmupSeconds: 300,
  /** Average CPU the target-tracking policy holds the group at (percent). */
  targetCpuPercent: 50,
  /**
   * A refresh keeps every desired instance in service (100 %) and launches at most half as many again
   * (150 %) at a time, so a new template replaces instances a few at a time while the rest serve.
   * Auto Scaling takes min 0-100 and max 100-200, at most 100 apart (docs/aws-facts.md: Auto Scaling).
   */
  refreshMinHealthyPercentage: 100,
  refreshMaxHealthyPercentage: 150,
} as const;

/** AL2023's public SSM parameter for an architecture: it names the newest AL2023 AMI of the region. */
export function al2023ImageParameter(architecture: "arm64" | "x86_64"): string {
  return `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${architecture}`;
}

/** Graviton families (t4g, m7g, c6gn, …) need the arm64 image. */
export function architectureOf(instanceType: string): "arm64" | "x86_64" {
  return /^[a-z]+\d+[a-z]*g[a-z]*\./.test(instanceType) ? "arm64" : "x86_64";
}

/** The figures the capacity judgement reads from the group's tags (model/capacity.ts). */
export interface FleetCapacity {
  readonly peakRequestsPerSecond: number;
  readonly requestsPerInstance: number;
}

export interface AppFleetArgs {
  readonly instanceType: string;
  /** min = desired. */
  readonly instanceCount: number;
  /** max: what the scaling policy may grow to. */
  readonly maxInstanceCount: number;
  /** Stated as tags on the group, not on the instances; undefined: no capacity tags. */
  readonly capacity?: FleetCapacity;
  /** A pinned AMI; undefined: the newest AL2023 AMI when the template is created, kept after that. */
  readonly amiId?: string;
  /** The plain user data (EC2 checks its size before base64; the template takes it base64-encoded). */
  readonly userData: string;
  readonly instanceProfileArn: pulumi.Input<string>;
  readonly securityGroupId: pulumi.Input<string>;
  /** The private subnets, one per availability zone. */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  readonly targetGroupArn: pulumi.Input<string>;
  /** What must exist before the first instance boots (the gateway endpoints its user data needs). */
  readonly dependsOn: readonly pulumi.Resource[];
}

export interface AppFleet {
  readonly launchTemplate: aws.ec2.LaunchTemplate;
  readonly group: aws.autoscaling.Group;
}

/**
 * The image the instances run. A pinned AMI is used as it is. Otherwise the program reads AL2023's SSM
 * parameter when it runs, so the plan shows the AMI ID, and the template keeps the AMI it was created with:
 * `resolve:ssm:` in the template would take the newest AMI at every launch, heal and refresh, so an app
 * release would roll whatever AMI came out since, and an instance refresh cannot roll back to an image it
 * never named (docs/aws-facts.md, "AMI changes are deliberate"). A new image is taken by pinning it.
 */
function fleetImage(args: AppFleetArgs, parent: pulumi.Resource) {
  if (args.amiId !== undefined) {
    return { imageId: args.amiId, ignoreChanges: [] };
  }
  const parameter = aws.ssm.getParameterOutput(
    { name: al2023ImageParameter(architectureOf(args.instanceType)) },
    { parent },
  );
  return { imageId: parameter.value, ignoreChanges: ["imageId"] };
}

/**
 * The app's instances: a launch template (a deliberate AL2023 AMI: see `fleetImage`; IMDSv2 only, encrypted
 * gp3 root, detailed monitoring) and an Auto Scaling group over the private subnets that registers them
 * with the NLB, replaces any the NLB finds unhealthy, tracks average CPU, and rolls a new template out
 * with an instance refresh instead of replacing everything at once.
 */
export function createAppFleet(name: string, args: AppFleetArgs, parent: pulumi.Resource): AppFleet {
  const opts = { parent };
  const image = fleetImage(args, parent);
  const launchTemplate = new aws.ec2.LaunchTemplate(
    name,
    {
      imageId: image.imageId,
      instanceType: args.instanceType,
      iamInstanceProfile: { arn: args.instanceProfileArn },
      vpcSecurityGroupIds: [args.securityGroupId],
      metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
      monitoring: { enabled: true },
      blockDeviceMappings: [
        {
          // AL2023's root device.
          deviceName: "/dev/xvda",
          ebs: { volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" },
        },
      ],
      userData: Buffer.from(args.userData, "utf8").toString("base64"),
      updateDefaultVersion: true,
      tagSpecifications: ["instance", "volume"].map((resourceType) => ({
        resourceType,
        tags: { Name: name },
      })),
    },
    { ...opts, ignoreChanges: image.ignoreChanges },
  );

  const group = new aws.autoscaling.Group(
    name,
    {
      vpcZoneIdentifiers: args.subnetIds,
      // The version number, not "$Latest": only a changed version starts an instance refresh (TF docs).
      launchTemplate: { id: launchTemplate.id, version: pulumi.interpolate`${launchTemplate.latestVersion}` },
      minSize: args.instanceCount,
      desiredCapacity: args.instanceCount,
      maxSize: args.maxInstanceCount,
      targetGroupArns: [args.targetGroupArn],
      healthCheckType: "ELB",
      // Auto Scaling publishes group metrics only when collection is on; the dashboard shows this one.
      enabledMetrics: ["GroupInServiceInstances"],
      metricsGranularity: "1Minute",
      // No wait for an exact instance count after a size change: target tracking moves the real desired
      // capacity, so the provider's count would seldom match and `up` would hang 10 minutes, then fail.
      waitForCapacityTimeout: "0",
      healthCheckGracePeriod: FLEET_SETTINGS.healthCheckGracePeriodSeconds,
      defaultInstanceWarmup: FLEET_SETTINGS.instanceWarmupSeconds,
      instanceRefresh: {
        strategy: "Rolling",
        preferences: {
          minHealthyPercentage: FLEET_SETTINGS.refreshMinHealthyPercentage,
          maxHealthyPercentage: FLEET_SETTINGS.refreshMaxHealthyPercentage,
        },
      },
      tags: [
        { key: "Name", value: name, propagateAtLaunch: true },
        ...(args.capacity === undefined
          ? []
          : [
              {
                key: PEAK_RPS_TAG,
                value: String(args.capacity.peakRequestsPerSecond),
                propagateAtLaunch: false,
              },
              {
                key: RPS_PER_INSTANCE_TAG,
                value: String(args.capacity.requestsPerInstance),
                propagateAtLaunch: false,
              },
            ]),
      ],
    },
    {
      ...opts,
      dependsOn: [...args.dependsOn],
      // The CPU policy moves the desired size; an `up --refresh` must not scale a busy group back in.
      // Raising instanceCount still takes effect: Auto Scaling lifts desired to a new, higher min.
      ignoreChanges: ["desiredCapacity"],
    },
  );

  new aws.autoscaling.Policy(
    `${name}-cpu`,
    {
      autoscalingGroupName: group.name,
      policyType: "TargetTrackingScaling",
      estimatedInstanceWarmup: FLEET_SETTINGS.instanceWarmupSeconds,
      targetTrackingConfiguration: {
        predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
        targetValue: FLEET_SETTINGS.targetCpuPercent,
      },
    },
    opts,
  );
  return { launchTemplate, group };
}
