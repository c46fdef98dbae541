import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { CONFIG_NAMESPACE, ConfigError, parseStackConfig } from "../../config";
import { createStack, type StackOutputs } from "../../stack";
import type { AwsMocksOptions, MockRegistration } from "../../tools/aws-mocks";
import { runWithMocks, type StackRun } from "../../tools/stack-runner";

export const REPO_ROOT = join(__dirname, "..", "..");

/** The smallest valid config: two regions, JWT auth (required), everything else defaulted. */
export const MINIMAL_CONFIG = {
  domainName: "api.example.com",
  hostedZoneName: "example.com",
  regions: ["us-east-1", "eu-west-1"],
  auth: { mode: "jwt", issuer: "https://login.example.com/", audience: "https://api.example.com" },
} as const;

/** The problems the ConfigError lists for raw config values; fails the test when they parse or throw otherwise. */
export function configProblems(raw: Readonly<Record<string, unknown>>): readonly string[] {
  try {
    parseStackConfig(raw);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(raw)}`);
}

/** The raw namespace values of a committed stack file, e.g. Pulumi.prod.yaml, without the namespace prefix. */
export function stackFileConfig(stack: string): Record<string, unknown> {
  const file = parse(readFileSync(join(REPO_ROOT, `Pulumi.${stack}.yaml`), "utf8")) as {
    config: Record<string, unknown>;
  };
  const prefix = `${CONFIG_NAMESPACE}:`;
  return Object.fromEntries(
    Object.entries(file.config)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, value]) => [key.slice(prefix.length), value]),
  );
}

/** Parses a raw config and runs the whole stack under the strict mocks. */
export function runStack(
  raw: Record<string, unknown>,
  options: AwsMocksOptions & { stack?: string } = {},
): Promise<StackRun<StackOutputs>> {
  const config = parseStackConfig(raw);
  return runWithMocks(() => createStack(config), options) as Promise<StackRun<StackOutputs>>;
}

export function ofType(
  run: { registrations: readonly MockRegistration[] },
  type: string,
): MockRegistration[] {
  return run.registrations.filter((r) => r.type === type);
}

/** The alarms on Route 53 health checks (the regions' release alarms watch API Gateway instead). */
export function healthCheckAlarms(run: { registrations: readonly MockRegistration[] }): MockRegistration[] {
  return ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm").filter(
    (alarm) => alarm.inputs.namespace === "AWS/Route53",
  );
}

/** The region an ARN names: arn:aws:<service>:<region>:… */
export function regionOfArn(arn: unknown): string {
  return String(arn).split(":")[3];
}
