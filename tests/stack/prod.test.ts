import { beforeAll, describe, expect, it } from "vitest";
import { APP_PORT, HEALTHY_MARKER } from "@multi-region-api/model/contracts/backend";
import type { StackOutputs } from "../../stack";
import { EC2_USER_DATA_MAX_BYTES, API_GATEWAY_REGIONAL_ZONE_IDS } from "../../tools/aws-mocks";
import type { StackRun } from "../../tools/stack-runner";
import { healthCheckAlarms, ofType, regionOfArn, runStack, stackFileConfig } from "../support/stacks";

type Inputs = Record<string, unknown>;

describe("the prod stack (Pulumi.prod.yaml) under strict mocks", () => {
  let run: StackRun<StackOutputs>;
  beforeAll(async () => {
    run = await runStack(stackFileConfig("prod"), { stack: "prod" });
  });

  it("has one explicit provider per region, named after it, carrying the config tags as defaultTags", () => {
    const providers = ofType(run, "pulumi:providers:aws");
    expect(providers.map((p) => [p.name, p.inputs.region])).toEqual([
      ["us-east-1", "us-east-1"],
      ["eu-west-1", "eu-west-1"],
    ]);
    for (const provider of providers) {
      expect(JSON.parse(String(provider.inputs.defaultTags))).toEqual({
        tags: { project: "multi-region-api", environment: "prod" },
      });
    }
  });

  it("puts every AWS resource on an explicit regional provider", () => {
    const aws = run.registrations.filter((r) => r.type.startsWith("aws:"));
    expect(aws.length).toBeGreaterThan(50);
    expect(aws.filter((r) => r.region === undefined)).toEqual([]);
  });

  it("creates a RegionalApi per region", () => {
    expect(ofType(run, "multiregion:index:RegionalApi").map((r) => r.name)).toEqual([
      "api-us-east-1",
      "api-eu-west-1",
    ]);
  });

  it("creates 4 REGIONAL TLS_1_2 custom domains, each with a certificate of its own region", () => {
    const domains = ofType(run, "aws:apigateway/domainName:DomainName");
    expect(domains.map((d) => d.inputs.domainName).sort()).toEqual([
      "api.example.com",
      "api.example.com",
      "eu-west-1.api.example.com",
      "us-east-1.api.example.com",
    ]);
    for (const domain of domains) {
      expect(domain.inputs.endpointConfiguration).toEqual({ types: "REGIONAL" });
      expect(domain.inputs.securityPolicy).toBe("TLS_1_2");
      expect(regionOfArn(domain.inputs.regionalCertificateArn)).toBe(domain.region);
    }
  });

  it("creates one users global table with a replica in eu-west-1", () => {
    const tables = ofType(run, "aws:dynamodb/table:Table");
    expect(tables).toHaveLength(1);
    const [table] = tables;
    expect(table.region).toBe("us-east-1");
    expect(table.inputs).toMatchObject({
      name: "multi-region-api-prod-users",
      billingMode: "PAY_PER_REQUEST",
      pointInTimeRecovery: { enabled: true },
      deletionProtectionEnabled: true,
      streamEnabled: true,
    });
    expect(table.inputs.replicas).toEqual([
      {
        regionName: "eu-west-1",
        pointInTimeRecovery: true,
        deletionProtectionEnabled: true,
        propagateTags: true,
      },
    ]);
  });

  it("never registers two records with the same name, type and set identifier", () => {
    const keys = ofType(run, "aws:route53/record:Record").map(
      (r) => `${r.inputs.name}|${r.inputs.type}|${r.inputs.setIdentifier ?? ""}`,
    );
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("creates exactly one PRIMARY and one SECONDARY alias for api.example.com, with health checks and no TTL", () => {
    const role = (r: { inputs: Inputs }) => String((r.inputs.failoverRoutingPolicies as Inputs[])[0].type);
    const records = ofType(run, "aws:route53/record:Record")
      .filter((r) => r.inputs.name === "api.example.com")
      .sort((a, b) => role(a).localeCompare(role(b)));
    expect(records.map((r) => (r.inputs.failoverRoutingPolicies as Inputs[])[0].type)).toEqual([
      "PRIMARY",
      "SECONDARY",
    ]);
    const checks = ofType(run, "aws:route53/healthCheck:HealthCheck");
    const domains = ofType(run, "aws:apigateway/domainName:DomainName").filter(
      (d) => d.inputs.domainName === "api.example.com",
    );
    records.forEach((record, index) => {
      const region = index === 0 ? "us-east-1" : "eu-west-1";
      const domain = domains.find((d) => d.region === region);
      expect(record.inputs.ttl).toBeUndefined();
      expect(record.inputs.type).toBe("A");
      expect(record.inputs.setIdentifier).toBeTruthy();
      // docs/aws-facts.md#evaluate-target-health-sees-only-api-gateway: evaluate target health and a health check, both.
      expect(record.inputs.aliases).toEqual([
        {
          name: domain?.outputs.regionalDomainName,
          zoneId: API_GATEWAY_REGIONAL_ZONE_IDS[region],
          evaluateTargetHealth: true,
        },
      ]);
      expect(record.inputs.healthCheckId).toBe(
        checks.find((c) => (c.inputs.tags as Inputs).Region === region)?.id,
      );
    });
  });

  it("checks each region over HTTPS with a string match on its own hostname, never the failover name", () => {
    const checks = ofType(run, "aws:route53/healthCheck:HealthCheck");
    expect(checks.map((c) => c.inputs.fqdn)).toEqual([
      "us-east-1.api.example.com",
      "eu-west-1.api.example.com",
    ]);
    for (const check of checks) {
      expect(check.inputs).toMatchObject({
        type: "HTTPS_STR_MATCH",
        port: 443,
        resourcePath: "/health",
        failureThreshold: 3,
        requestInterval: 30,
        enableSni: true,
        searchString: HEALTHY_MARKER,
        invertHealthcheck: false,
      });
    }
  });

  it("serves each region's health-check hostname from that region's own custom domain", () => {
    const domains = ofType(run, "aws:apigateway/domainName:DomainName");
    for (const region of ["us-east-1", "eu-west-1"]) {
      const host = `${region}.api.example.com`;
      const record = ofType(run, "aws:route53/record:Record").find((r) => r.inputs.name === host);
      const domain = domains.find((d) => d.inputs.domainName === host);
      expect(domain?.region).toBe(region);
      expect((record?.inputs.aliases as Inputs[])[0].name).toBe(domain?.outputs.regionalDomainName);
    }
  });

  it("alarms on each health check from us-east-1, where Route 53 publishes the metric", () => {
    const alarms = healthCheckAlarms(run);
    expect(alarms).toHaveLength(2);
    const checkIds = ofType(run, "aws:route53/healthCheck:HealthCheck").map((c) => c.id);
    for (const alarm of alarms) {
      expect(alarm.region).toBe("us-east-1");
      expect(alarm.inputs).toMatchObject({
        namespace: "AWS/Route53",
        metricName: "HealthCheckStatus",
        threshold: 1,
        comparisonOperator: "LessThanThreshold",
      });
      expect(checkIds).toContain((alarm.inputs.dimensions as Inputs).HealthCheckId);
    }
    const topic = ofType(run, "aws:sns/topic:Topic").filter((t) => t.name === "failover-alarms");
    expect(topic.map((t) => t.region)).toEqual(["us-east-1"]);
    for (const alarm of alarms) {
      expect(alarm.inputs.alarmActions).toEqual([topic[0].outputs.arn]);
      expect(alarm.inputs.okActions).toEqual([topic[0].outputs.arn]);
    }
  });

  it("gives each region a 5XX-rate and a p99-latency alarm on its own API, and exports them for the deploy", () => {
    const release = ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((alarm) =>
      alarm.name.includes("-release-"),
    );
    const apis = ofType(run, "aws:apigateway/restApi:RestApi");
    const gates = run.outputs.releaseGates as unknown as Record<
      string,
      { alarmNames: string[]; autoScalingGroupName: string }
    >;
    for (const region of ["us-east-1", "eu-west-1"]) {
      const apiName = apis.find((api) => api.region === region)?.outputs.name;
      const own = release.filter((alarm) => alarm.region === region);
      expect(own.map((alarm) => alarm.inputs)).toEqual([
        expect.objectContaining({ metricName: "5XXError", statistic: "Average", threshold: 0.01 }),
        expect.objectContaining({ metricName: "Latency", extendedStatistic: "p99", threshold: 2000 }),
      ]);
      for (const alarm of own) {
        expect(alarm.inputs).toMatchObject({
          dimensions: { ApiName: apiName, Stage: "live" },
          comparisonOperator: "GreaterThanThreshold",
          treatMissingData: "notBreaching",
        });
      }
      expect(gates[region].alarmNames).toEqual(own.map((alarm) => alarm.outputs.name));
      expect(gates[region].autoScalingGroupName).toBe(
        ofType(run, "aws:autoscaling/group:Group").find((group) => group.region === region)?.outputs.name,
      );
    }
  });

  it("creates the ACM validation record once and validates both regions' certificates against it", () => {
    const certificates = ofType(run, "aws:acm/certificate:Certificate");
    expect(certificates.map((c) => [c.region, regionOfArn(c.outputs.arn)])).toEqual([
      ["us-east-1", "us-east-1"],
      ["eu-west-1", "eu-west-1"],
    ]);
    for (const certificate of certificates) {
      expect(certificate.inputs).toMatchObject({
        domainName: "api.example.com",
        subjectAlternativeNames: ["*.api.example.com"],
        validationMethod: "DNS",
      });
    }
    // ACM: the validation CNAME depends on the domain only, so both regions ask for the same record.
    const askedFor = certificates.map(
      (c) => (c.outputs.domainValidationOptions as Inputs[])[0].resourceRecordName,
    );
    expect(new Set(askedFor).size).toBe(1);
    const validationRecords = ofType(run, "aws:route53/record:Record").filter(
      (r) => r.inputs.type === "CNAME",
    );
    expect(validationRecords).toHaveLength(1);
    expect(validationRecords[0].inputs.name).toBe(askedFor[0]);
    const validations = ofType(run, "aws:acm/certificateValidation:CertificateValidation");
    expect(validations.map((v) => v.inputs.validationRecordFqdns)).toEqual([
      [validationRecords[0].outputs.fqdn],
      [validationRecords[0].outputs.fqdn],
    ]);
  });

  it("runs a REGIONAL REST API per region with the execute-api endpoint off, access logs and throttling", () => {
    for (const api of ofType(run, "aws:apigateway/restApi:RestApi")) {
      expect(api.inputs).toMatchObject({
        endpointConfiguration: { types: "REGIONAL" },
        disableExecuteApiEndpoint: true,
      });
    }
    const paths = ofType(run, "aws:apigateway/resource:Resource")
      .filter((r) => r.region === "us-east-1")
      .map((r) => r.inputs.pathPart);
    expect(paths.sort()).toEqual(["health", "users", "v1", "{id}"]);
    for (const stage of ofType(run, "aws:apigateway/stage:Stage")) {
      expect((stage.inputs.accessLogSettings as Inputs).destinationArn).toMatch(/^arn:aws:logs:/);
    }
    // Per region: the stage's limits, and the health route's own (Route 53's checks, never throttled by /v1).
    const settings = ofType(run, "aws:apigateway/methodSettings:MethodSettings");
    expect(settings.map((m) => `${m.region} ${String(m.inputs.methodPath)}`).sort()).toEqual([
      "eu-west-1 */*",
      "eu-west-1 ~1health/GET",
      "us-east-1 */*",
      "us-east-1 ~1health/GET",
    ]);
    for (const setting of settings) {
      expect(setting.inputs.settings).toMatchObject({ throttlingRateLimit: 100, throttlingBurstLimit: 200 });
    }
  });

  it("runs the app from a hardened launch template behind an internal cross-zone NLB, reachable only from it", () => {
    expect(ofType(run, "aws:ec2/instance:Instance")).toEqual([]);
    const templates = ofType(run, "aws:ec2/launchTemplate:LaunchTemplate");
    expect(templates.map((t) => t.region)).toEqual(["us-east-1", "eu-west-1"]);
    for (const template of templates) {
      expect(template.inputs).toMatchObject({
        instanceType: "t4g.small",
        metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
        blockDeviceMappings: [{ ebs: { encrypted: "true", volumeType: "gp3" } }],
        monitoring: { enabled: true },
      });
      const userData = Buffer.from(String(template.inputs.userData), "base64");
      expect(userData.length).toBeLessThanOrEqual(EC2_USER_DATA_MAX_BYTES);
      expect(userData.toString("utf8")).toContain(`AWS_REGION=${template.region}`);
    }
    for (const nlb of ofType(run, "aws:lb/loadBalancer:LoadBalancer")) {
      expect(nlb.inputs).toMatchObject({
        internal: true,
        loadBalancerType: "network",
        enableCrossZoneLoadBalancing: true,
      });
    }
    const groups = ofType(run, "aws:ec2/securityGroup:SecurityGroup").filter((g) => g.name.endsWith("-app"));
    for (const group of groups) {
      const [rule] = group.inputs.ingress as Inputs[];
      expect(rule).toMatchObject({ fromPort: APP_PORT, toPort: APP_PORT });
      expect(rule.cidrBlocks).toBeUndefined();
      expect(rule.securityGroups).toHaveLength(1);
    }
    for (const vpc of ofType(run, "awsx:ec2:Vpc")) {
      expect(vpc.inputs).toMatchObject({
        natGateways: { strategy: "None" },
        subnetSpecs: [{ type: "Private" }],
      });
    }
    const endpoints = ofType(run, "aws:ec2/vpcEndpoint:VpcEndpoint").map((e) => e.inputs.serviceName);
    expect(endpoints.sort()).toEqual([
      "com.amazonaws.eu-west-1.dynamodb",
      "com.amazonaws.eu-west-1.s3",
      "com.amazonaws.us-east-1.dynamodb",
      "com.amazonaws.us-east-1.s3",
    ]);
  });

  it("lets each region's instances use only their local replica of the users table", () => {
    const instancePolicies = ofType(run, "aws:iam/rolePolicy:RolePolicy").filter(
      (policy) => !policy.name.includes("-authorizer-"),
    );
    expect(instancePolicies).toHaveLength(2);
    for (const policy of instancePolicies) {
      const document = JSON.parse(String(policy.inputs.policy));
      expect(document.Statement).toHaveLength(1);
      expect(regionOfArn(document.Statement[0].Resource)).toBe(policy.region);
      expect(document.Statement[0].Resource).toMatch(/:table\/multi-region-api-prod-users$/);
    }
  });

  it("exports the url, failover order, health check IDs and the modelled failover time", () => {
    const checks = ofType(run, "aws:route53/healthCheck:HealthCheck");
    expect(run.outputs).toMatchObject({
      recordName: "api.example.com",
      recordType: "A",
      url: "https://api.example.com",
      failoverOrder: ["us-east-1", "eu-west-1"],
      healthCheckIds: { "us-east-1": checks[0].id, "eu-west-1": checks[1].id },
      // 30 s × 3 + 6 s + 60 s alias TTL.
      failoverTimeSeconds: 156,
      drainedRegions: [],
    });
    expect(run.outputs.regions["eu-west-1"]).toMatchObject({
      url: "https://eu-west-1.api.example.com",
      healthCheckFqdn: "eu-west-1.api.example.com",
      regionalZoneId: "ZLY8HYME6SFDD",
    });
  });
});
