/**
 * Which AWS API request each Pulumi input of this program ends up in, so that the inputs can be checked
 * against AWS's own service models (botocore's `service-2.json`; see `generate.ts` and `constraints.json`).
 *
 * Each resource type names the operation that creates it. An input path is resolved against that
 * operation's request shape by matching each key to a member name, ignoring case and underscores (the
 * provider's `cloudwatchMetricsEnabled` is the API's `CloudWatchMetricsEnabled`); `members` lists the
 * inputs whose path differs, mapped to `Operation:Member.Path` (the operation may be another call the
 * provider makes for that input, e.g. `AttachRolePolicy` for a role's managed policies). `[]` marks a list
 * item. An input that resolves to no member fails `unmappedInputs`, so a new property cannot slip past
 * unchecked; inputs the provider never sends to AWS are listed in `providerOnly` with the reason. A
 * `*` as the last segment stands for any key of that object.
 *
 * The provider sources behind the non-obvious mappings are terraform-provider-aws's resource files
 * (`internal/service/<service>/<resource>.go`, the create function's request).
 */

export interface InputMapping {
  /** The API member path, `Operation:Member.Sub[].Leaf`; the operation defaults to the type's. */
  readonly to: string;
  /** How the provider turns the input's value into the member's (e.g. a boolean into an enum word). */
  readonly value?: (input: unknown) => unknown;
}

export interface RequestMapping {
  /** botocore's service folder, e.g. `wafv2`. */
  readonly service: string;
  /** The operation whose request carries the inputs. */
  readonly operation: string;
  /**
   * The member Pulumi fills with an auto-name (the resource's name, `-`, 7 random hex digits: Pulumi's
   * auto-naming) when the program sets none; checked like any other value.
   */
  readonly autoName?: string;
  readonly members?: Readonly<Record<string, string | InputMapping>>;
  readonly providerOnly?: Readonly<Record<string, string>>;
}

/** A type that no AWS request carries: the provider implements it alone. */
export interface ProviderOnlyType {
  readonly providerOnlyType: string;
}

export const REQUEST_MAP: Readonly<Record<string, RequestMapping | ProviderOnlyType>> = {
  "aws:acm/certificate:Certificate": { service: "acm", operation: "RequestCertificate" },
  "aws:acm/certificateValidation:CertificateValidation": {
    providerOnlyType:
      "the provider waits for the certificate to be ISSUED (acm/certificate_validation.go); no request carries its inputs",
  },
  "aws:apigateway/account:Account": {
    service: "apigateway",
    operation: "UpdateAccount",
    members: { cloudwatchRoleArn: "patchOperations[].value" },
  },
  "aws:apigateway/authorizer:Authorizer": {
    service: "apigateway",
    operation: "CreateAuthorizer",
    autoName: "name",
    members: { restApi: "restApiId" },
  },
  "aws:apigateway/basePathMapping:BasePathMapping": {
    service: "apigateway",
    operation: "CreateBasePathMapping",
    members: { restApi: "restApiId", stageName: "stage" },
  },
  "aws:apigateway/deployment:Deployment": {
    service: "apigateway",
    operation: "CreateDeployment",
    members: { restApi: "restApiId" },
    providerOnly: {
      triggers: "a map the provider stores to decide on replacement (apigateway/deployment.go)",
    },
  },
  "aws:apigateway/domainName:DomainName": { service: "apigateway", operation: "CreateDomainName" },
  "aws:apigateway/integration:Integration": {
    service: "apigateway",
    operation: "PutIntegration",
    members: { restApi: "restApiId", timeoutMilliseconds: "timeoutInMillis" },
  },
  "aws:apigateway/method:Method": {
    service: "apigateway",
    operation: "PutMethod",
    members: { restApi: "restApiId", authorization: "authorizationType" },
  },
  "aws:apigateway/methodSettings:MethodSettings": {
    service: "apigateway",
    operation: "UpdateStage",
    members: {
      restApi: "restApiId",
      stageName: "stageName",
      // The provider sends each setting as a patch operation on `/{methodPath}/{setting}`
      // (apigateway/method_settings.go), and the patch value is a string.
      methodPath: "patchOperations[].path",
      settings: "patchOperations[]",
      "settings.*": { to: "patchOperations[].value", value: String },
    },
  },
  "aws:apigateway/resource:Resource": {
    service: "apigateway",
    operation: "CreateResource",
    members: { restApi: "restApiId" },
  },
  "aws:apigateway/restApi:RestApi": { service: "apigateway", operation: "CreateRestApi", autoName: "name" },
  "aws:apigateway/stage:Stage": {
    service: "apigateway",
    operation: "CreateStage",
    members: {
      restApi: "restApiId",
      deployment: "deploymentId",
      // Sent after the create as patch operations on /accessLogSettings/* (apigateway/stage.go).
      accessLogSettings: "UpdateStage:patchOperations[]",
      "accessLogSettings.*": "UpdateStage:patchOperations[].value",
    },
  },
  "aws:apigateway/vpcLink:VpcLink": {
    service: "apigateway",
    operation: "CreateVpcLink",
    autoName: "name",
    members: { targetArn: "targetArns[]" },
  },
  "aws:autoscaling/group:Group": {
    service: "autoscaling",
    operation: "CreateAutoScalingGroup",
    autoName: "AutoScalingGroupName",
    members: {
      "launchTemplate.id": "LaunchTemplate.LaunchTemplateId",
      // The provider joins the subnet list with commas, and sends nothing for an empty list
      // (autoscaling/group.go, expandVPCZoneIdentifiers).
      vpcZoneIdentifiers: {
        to: "VPCZoneIdentifier",
        value: (ids) => (Array.isArray(ids) ? (ids.length > 0 ? ids.join(",") : undefined) : ids),
      },
      instanceRefresh: "StartInstanceRefresh:",
      // Sent after the create as EnableMetricsCollection (autoscaling/group.go, enableASGMetricsCollection).
      enabledMetrics: "EnableMetricsCollection:Metrics",
      metricsGranularity: "EnableMetricsCollection:Granularity",
    },
    providerOnly: {
      waitForCapacityTimeout: "how long the provider waits for healthy instances (autoscaling/group.go)",
    },
  },
  "aws:autoscaling/policy:Policy": {
    service: "autoscaling",
    operation: "PutScalingPolicy",
    autoName: "PolicyName",
  },
  "aws:cloudwatch/dashboard:Dashboard": { service: "cloudwatch", operation: "PutDashboard" },
  "aws:cloudwatch/logGroup:LogGroup": {
    service: "logs",
    operation: "CreateLogGroup",
    autoName: "logGroupName",
    members: { retentionInDays: "PutRetentionPolicy:retentionInDays" },
  },
  "aws:cloudwatch/metricAlarm:MetricAlarm": {
    service: "cloudwatch",
    operation: "PutMetricAlarm",
    autoName: "AlarmName",
    members: {
      // metric_query becomes Metrics, its metric block a MetricStat around a Metric
      // (cloudwatch/metric_alarm.go, expandMetricAlarmMetrics).
      metricQueries: "Metrics",
      "metricQueries[].metric": "Metrics[].MetricStat",
      "metricQueries[].metric.metricName": "Metrics[].MetricStat.Metric.MetricName",
      "metricQueries[].metric.namespace": "Metrics[].MetricStat.Metric.Namespace",
      "metricQueries[].metric.dimensions": "Metrics[].MetricStat.Metric.Dimensions",
    },
  },
  "aws:dynamodb/table:Table": {
    service: "dynamodb",
    operation: "CreateTable",
    members: {
      name: "TableName",
      hashKey: "KeySchema[].AttributeName",
      rangeKey: "KeySchema[].AttributeName",
      attributes: "AttributeDefinitions",
      "attributes[].name": "AttributeDefinitions[].AttributeName",
      "attributes[].type": "AttributeDefinitions[].AttributeType",
      streamEnabled: "StreamSpecification.StreamEnabled",
      streamViewType: "StreamSpecification.StreamViewType",
      serverSideEncryption: "SSESpecification",
      pointInTimeRecovery: "UpdateContinuousBackups:PointInTimeRecoverySpecification",
      "pointInTimeRecovery.enabled":
        "UpdateContinuousBackups:PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled",
      // Replicas are added by UpdateTable after the create (dynamodb/table.go, createReplicas).
      replicas: "UpdateTable:ReplicaUpdates[].Create",
      "replicas[].pointInTimeRecovery":
        "UpdateContinuousBackups:PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled",
      "replicas[].deletionProtectionEnabled": "UpdateTable:DeletionProtectionEnabled",
    },
    providerOnly: {
      "replicas[].propagateTags":
        "whether the provider copies the table's tags to the replica (dynamodb/table.go)",
    },
  },
  "aws:ec2/launchTemplate:LaunchTemplate": {
    service: "ec2",
    operation: "CreateLaunchTemplate",
    autoName: "LaunchTemplateName",
    members: {
      // Everything but the name and description goes into LaunchTemplateData (ec2/launch_template.go).
      blockDeviceMappings: "LaunchTemplateData.BlockDeviceMappings",
      iamInstanceProfile: "LaunchTemplateData.IamInstanceProfile",
      imageId: "LaunchTemplateData.ImageId",
      instanceType: "LaunchTemplateData.InstanceType",
      metadataOptions: "LaunchTemplateData.MetadataOptions",
      monitoring: "LaunchTemplateData.Monitoring",
      tagSpecifications: "LaunchTemplateData.TagSpecifications",
      userData: "LaunchTemplateData.UserData",
      vpcSecurityGroupIds: "LaunchTemplateData.SecurityGroupIds",
    },
    providerOnly: {
      updateDefaultVersion:
        "the provider then calls ModifyLaunchTemplate with the new version (ec2/launch_template.go)",
    },
  },
  "aws:ec2/securityGroup:SecurityGroup": {
    service: "ec2",
    operation: "CreateSecurityGroup",
    autoName: "GroupName",
    members: {
      // Rules go to AuthorizeSecurityGroupIngress/Egress as IpPermissions (ec2/vpc_security_group.go).
      ingress: "AuthorizeSecurityGroupIngress:IpPermissions",
      "ingress[].protocol": "AuthorizeSecurityGroupIngress:IpPermissions[].IpProtocol",
      "ingress[].cidrBlocks": "AuthorizeSecurityGroupIngress:IpPermissions[].IpRanges[].CidrIp",
      "ingress[].securityGroups": "AuthorizeSecurityGroupIngress:IpPermissions[].UserIdGroupPairs[].GroupId",
      egress: "AuthorizeSecurityGroupEgress:IpPermissions",
      "egress[].protocol": "AuthorizeSecurityGroupEgress:IpPermissions[].IpProtocol",
      "egress[].cidrBlocks": "AuthorizeSecurityGroupEgress:IpPermissions[].IpRanges[].CidrIp",
      "egress[].securityGroups": "AuthorizeSecurityGroupEgress:IpPermissions[].UserIdGroupPairs[].GroupId",
    },
  },
  "aws:ec2/vpcEndpoint:VpcEndpoint": { service: "ec2", operation: "CreateVpcEndpoint" },
  "aws:ec2/instance:Instance": {
    service: "ec2",
    operation: "RunInstances",
    members: { vpcSecurityGroupIds: "SecurityGroupIds", ami: "ImageId" },
  },
  "aws:iam/instanceProfile:InstanceProfile": {
    service: "iam",
    operation: "CreateInstanceProfile",
    autoName: "InstanceProfileName",
    members: { role: "AddRoleToInstanceProfile:RoleName" },
  },
  "aws:iam/role:Role": {
    service: "iam",
    operation: "CreateRole",
    autoName: "RoleName",
    members: {
      assumeRolePolicy: "AssumeRolePolicyDocument",
      managedPolicyArns: "AttachRolePolicy:PolicyArn",
    },
  },
  "aws:iam/rolePolicy:RolePolicy": {
    service: "iam",
    operation: "PutRolePolicy",
    autoName: "PolicyName",
    members: { policy: "PolicyDocument", role: "RoleName" },
  },
  "aws:lambda/function:Function": {
    service: "lambda",
    operation: "CreateFunction",
    autoName: "FunctionName",
    members: {
      environment: "Environment",
      loggingConfig: "LoggingConfig",
    },
    providerOnly: {
      code: "an archive the provider zips and uploads as Code.ZipFile (lambda/function.go); its bytes are not checked here",
    },
  },
  "aws:lambda/permission:Permission": {
    service: "lambda",
    operation: "AddPermission",
    autoName: "StatementId",
    members: { function: "FunctionName" },
  },
  "aws:lb/listener:Listener": { service: "elbv2", operation: "CreateListener" },
  "aws:lb/loadBalancer:LoadBalancer": {
    service: "elbv2",
    operation: "CreateLoadBalancer",
    autoName: "Name",
    members: {
      internal: { to: "Scheme", value: (internal) => (internal ? "internal" : "internet-facing") },
      loadBalancerType: "Type",
      enforceSecurityGroupInboundRulesOnPrivateLinkTraffic:
        "SetSecurityGroups:EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic",
      // Sent as the attribute load_balancing.cross_zone.enabled (lb/load_balancer.go).
      enableCrossZoneLoadBalancing: {
        to: "ModifyLoadBalancerAttributes:Attributes[].Value",
        value: String,
      },
    },
  },
  "aws:lb/targetGroup:TargetGroup": {
    service: "elbv2",
    operation: "CreateTargetGroup",
    autoName: "Name",
    members: {
      healthCheck: "CreateTargetGroup:",
      "healthCheck.matcher": "Matcher.HttpCode",
      "healthCheck.path": "HealthCheckPath",
      "healthCheck.port": "HealthCheckPort",
      "healthCheck.protocol": "HealthCheckProtocol",
      "healthCheck.enabled": "HealthCheckEnabled",
      "healthCheck.interval": "HealthCheckIntervalSeconds",
      "healthCheck.timeout": "HealthCheckTimeoutSeconds",
      "healthCheck.healthyThreshold": "HealthyThresholdCount",
      "healthCheck.unhealthyThreshold": "UnhealthyThresholdCount",
      // Sent as the attribute deregistration_delay.timeout_seconds (lb/target_group.go).
      deregistrationDelay: { to: "ModifyTargetGroupAttributes:Attributes[].Value", value: String },
    },
  },
  "aws:route53/healthCheck:HealthCheck": {
    service: "route53",
    operation: "CreateHealthCheck",
    members: {
      enableSni: "HealthCheckConfig.EnableSNI",
      failureThreshold: "HealthCheckConfig.FailureThreshold",
      fqdn: "HealthCheckConfig.FullyQualifiedDomainName",
      invertHealthcheck: "HealthCheckConfig.Inverted",
      port: "HealthCheckConfig.Port",
      requestInterval: "HealthCheckConfig.RequestInterval",
      resourcePath: "HealthCheckConfig.ResourcePath",
      searchString: "HealthCheckConfig.SearchString",
      type: "HealthCheckConfig.Type",
      measureLatency: "HealthCheckConfig.MeasureLatency",
      disabled: "HealthCheckConfig.Disabled",
      regions: "HealthCheckConfig.Regions",
      childHealthchecks: "HealthCheckConfig.ChildHealthChecks",
      childHealthThreshold: "HealthCheckConfig.HealthThreshold",
      cloudwatchAlarmName: "HealthCheckConfig.AlarmIdentifier.Name",
      cloudwatchAlarmRegion: "HealthCheckConfig.AlarmIdentifier.Region",
      insufficientDataHealthStatus: "HealthCheckConfig.InsufficientDataHealthStatus",
      tags: "ChangeTagsForResource:AddTags",
    },
  },
  "aws:route53/record:Record": {
    service: "route53",
    operation: "ChangeResourceRecordSets",
    members: {
      zoneId: "HostedZoneId",
      name: "ChangeBatch.Changes[].ResourceRecordSet.Name",
      type: "ChangeBatch.Changes[].ResourceRecordSet.Type",
      ttl: "ChangeBatch.Changes[].ResourceRecordSet.TTL",
      records: "ChangeBatch.Changes[].ResourceRecordSet.ResourceRecords[].Value",
      setIdentifier: "ChangeBatch.Changes[].ResourceRecordSet.SetIdentifier",
      healthCheckId: "ChangeBatch.Changes[].ResourceRecordSet.HealthCheckId",
      // The provider's one-item blocks are single structures in the request (route53/record.go).
      aliases: "ChangeBatch.Changes[].ResourceRecordSet.AliasTarget",
      "aliases[].name": "ChangeBatch.Changes[].ResourceRecordSet.AliasTarget.DNSName",
      "aliases[].zoneId": "ChangeBatch.Changes[].ResourceRecordSet.AliasTarget.HostedZoneId",
      failoverRoutingPolicies: "ChangeBatch.Changes[].ResourceRecordSet",
      "failoverRoutingPolicies[].type": "ChangeBatch.Changes[].ResourceRecordSet.Failover",
      latencyRoutingPolicies: "ChangeBatch.Changes[].ResourceRecordSet",
      "latencyRoutingPolicies[].region": "ChangeBatch.Changes[].ResourceRecordSet.Region",
    },
    providerOnly: {
      allowOverwrite: "whether the provider sends UPSERT instead of CREATE (route53/record.go)",
    },
  },
  "aws:sns/topic:Topic": { service: "sns", operation: "CreateTopic", autoName: "Name" },
  "aws:sns/topicSubscription:TopicSubscription": {
    service: "sns",
    operation: "Subscribe",
    members: { topic: "TopicArn" },
  },
  "aws:sqs/queue:Queue": {
    service: "sqs",
    operation: "CreateQueue",
    autoName: "QueueName",
  },
  "aws:wafv2/webAcl:WebAcl": { service: "wafv2", operation: "CreateWebACL", autoName: "Name" },
  "aws:wafv2/webAclAssociation:WebAclAssociation": {
    service: "wafv2",
    operation: "AssociateWebACL",
    members: { webAclArn: "WebACLArn" },
  },
};

/**
 * The requests the users app sends itself (backend/dynamodb-store.ts, DynamoDB's JSON API with no SDK to
 * shape them): their bodies are judged whole by `requestViolations` (model.ts) in tests/backend.
 */
export const APP_REQUESTS: Readonly<Record<string, readonly string[]>> = {
  dynamodb: ["GetItem", "PutItem", "Scan"],
};

/** Every operation the map and the app name, per service: what `generate.ts` extracts from botocore. */
export function operationsByService(): Map<string, Set<string>> {
  const byService = new Map<string, Set<string>>(
    Object.entries(APP_REQUESTS).map(([service, operations]) => [service, new Set(operations)]),
  );
  for (const mapping of Object.values(REQUEST_MAP)) {
    if ("providerOnlyType" in mapping) continue;
    const operations = byService.get(mapping.service) ?? new Set<string>();
    operations.add(mapping.operation);
    for (const target of Object.values(mapping.members ?? {})) {
      const to = typeof target === "string" ? target : target.to;
      const colon = to.indexOf(":");
      if (colon > 0) operations.add(to.slice(0, colon));
    }
    byService.set(mapping.service, operations);
  }
  return byService;
}
