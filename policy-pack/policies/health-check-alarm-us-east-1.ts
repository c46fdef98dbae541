import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { regionOf } from "../lib/regions";
import { isPlainObject, stringProperty, toPlain } from "../lib/values";

const HEALTH_CHECK_METRICS_REGION = "us-east-1";

/**
 * Route 53 publishes HealthCheckStatus only in us-east-1 (docs/aws-facts.md#health-check-metrics-live-in-us-east-1). An alarm on it
 * anywhere else never sees a data point: it sits in INSUFFICIENT_DATA and nobody hears that a region failed.
 */
export const healthCheckAlarmUsEast1: ResourceValidationPolicy = {
  name: "health-check-alarm-us-east-1",
  description:
    "CloudWatch alarms on the Route 53 HealthCheckStatus metric are created in us-east-1, the only region that has it.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.cloudwatch.MetricAlarm, (props, args, reportViolation) => {
    const plain = toPlain(props);
    if (!isPlainObject(plain)) {
      return;
    }
    if (
      stringProperty(plain, "namespace") !== "AWS/Route53" ||
      stringProperty(plain, "metricName") !== "HealthCheckStatus"
    ) {
      return;
    }
    const region = regionOf(props, args.provider);
    if (typeof region === "string" && region !== HEALTH_CHECK_METRICS_REGION) {
      reportViolation(
        `The alarm on AWS/Route53 HealthCheckStatus is in ${region}; create it with a ${HEALTH_CHECK_METRICS_REGION} provider.`,
      );
    }
  }),
};
