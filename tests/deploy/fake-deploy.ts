/**
 * A deployment with Pulumi, git and AWS faked: stacks whose `up` records what it was given and exports what
 * the program would (release gates, health checks, the release record), and AWS answers chosen per test.
 */
import {
  AutoScalingClient,
  DescribeInstanceRefreshesCommand,
  type InstanceRefresh,
} from "@aws-sdk/client-auto-scaling";
import { CloudWatchClient, DescribeAlarmsCommand, type StateValue } from "@aws-sdk/client-cloudwatch";
import { GetHealthCheckStatusCommand, Route53Client } from "@aws-sdk/client-route-53";
import { mockClient } from "aws-sdk-client-mock";
import { Route53Api } from "../../tools/ops-kit/route53";
import type { DeployDeps } from "../../tools/deploy/orchestrator";
import type { ReleaseRecord } from "../../tools/deploy/release";
import type { StackOps, UpRequest } from "../../tools/deploy/stacks";
import { FakeClock } from "../drill/fake-world";

export const REPO = "/repo";
export const COMMIT = "c".repeat(40);
export const PASSED = "b".repeat(40);
export const REGIONS = ["us-east-1", "eu-west-1"];
export const healthCheckOf = (region: string) => `hc-${region}`;
export const groupOf = (region: string) => `asg-${region}`;
export const alarmsOf = (region: string) => [`${region}-5xx-rate`, `${region}-latency-p99`];

export interface UpCall {
  readonly stack: string;
  readonly workDir: string;
  readonly release: ReleaseRecord;
  readonly atMs: number;
}

export class FakeDeployment {
  readonly clock = new FakeClock();
  readonly autoScaling = mockClient(AutoScalingClient);
  readonly cloudWatch = mockClient(CloudWatchClient);
  readonly route53 = mockClient(Route53Client);
  readonly ups: UpCall[] = [];
  readonly checkouts: string[] = [];
  readonly removed: string[] = [];
  readonly printed: string[] = [];
  /** The outputs of each stack, as `pulumi stack output` would show them. */
  readonly outputs = new Map<string, Record<string, unknown>>();
  /** Makes the `up` of a stack fail when it returns true. */
  failUp: (stack: string, release: ReleaseRecord) => boolean = () => false;
  /** The refresh status DescribeInstanceRefreshes reports for a group, at the n-th call for it. */
  refreshStatus: (region: string, call: number) => InstanceRefresh["Status"] = () => "Successful";
  /** What the checkers report for a region's health check. */
  healthy: (region: string, call: number) => boolean = () => true;
  /** The state of an alarm, given how long the deployment has run. */
  alarmState: (alarm: string, elapsedMs: number) => StateValue = () => "OK";
  /** Alarms DescribeAlarms does not know. */
  readonly missingAlarms = new Set<string>();
  private readonly startMs = this.clock.nowMs;
  private readonly calls = new Map<string, number>();

  constructor(private readonly exported: (stack: string) => Record<string, unknown>) {
    this.autoScaling
      .on(DescribeInstanceRefreshesCommand)
      .callsFake((input: { AutoScalingGroupName: string }) => {
        const region = input.AutoScalingGroupName.replace(/^asg-/, "");
        const status = this.refreshStatus(region, this.count(`refresh ${region}`));
        return {
          InstanceRefreshes: [{ InstanceRefreshId: `ir-${region}`, Status: status, StartTime: new Date(0) }],
        };
      });
    this.route53.on(GetHealthCheckStatusCommand).callsFake((input: { HealthCheckId: string }) => {
      const region = input.HealthCheckId.replace(/^hc-/, "");
      const ok = this.healthy(region, this.count(`health ${region}`));
      const Status = ok ? "Success: HTTP Status Code 200, OK" : "Failure: HTTP Status Code 503";
      return { HealthCheckObservations: Array.from({ length: 8 }, () => ({ StatusReport: { Status } })) };
    });
    this.cloudWatch.on(DescribeAlarmsCommand).callsFake((input: { AlarmNames: string[] }) => ({
      MetricAlarms: input.AlarmNames.filter((name) => !this.missingAlarms.has(name)).map((AlarmName) => ({
        AlarmName,
        StateValue: this.alarmState(AlarmName, this.clock.nowMs - this.startMs),
      })),
    }));
  }

  /** Counts a call to a faked AWS API ("refresh <region>", "health <region>") and returns its number. */
  count(key: string): number {
    const n = (this.calls.get(key) ?? 0) + 1;
    this.calls.set(key, n);
    return n;
  }

  callsOf(key: string): number {
    return this.calls.get(key) ?? 0;
  }

  elapsedMs(): number {
    return this.clock.nowMs - this.startMs;
  }

  /** Stacks already deployed with `release` (and the program's other outputs). */
  deployed(stacks: readonly string[], release: ReleaseRecord): this {
    for (const stack of stacks) this.outputs.set(stack, { ...this.exported(stack), release });
    return this;
  }

  readonly stacks: StackOps = {
    outputs: (stack) => Promise.resolve(structuredClone(this.outputs.get(stack) ?? {})),
    up: (stack: string, request: UpRequest) => {
      const release = JSON.parse(request.configFile) as ReleaseRecord;
      this.ups.push({ stack, workDir: request.workDir, release, atMs: this.elapsedMs() });
      if (this.failUp(stack, release)) return Promise.reject(new Error(`update failed\nmore detail`));
      this.outputs.set(stack, { ...this.exported(stack), release });
      return Promise.resolve();
    },
  };

  deps(): DeployDeps {
    return {
      stacks: this.stacks,
      workDir: REPO,
      commit: COMMIT,
      checkout: (commit) => {
        this.checkouts.push(commit);
        const workDir = `/worktrees/${commit.slice(0, 7)}`;
        return Promise.resolve({
          workDir,
          remove: () => {
            this.removed.push(workDir);
            return Promise.resolve();
          },
        });
      },
      // The fake `up` reads the record back from the "file" name.
      releaseConfig: (_workDir, _stack, record) => JSON.stringify(record),
      clientsFor: (region) => ({
        autoScaling: new AutoScalingClient({ region }),
        cloudWatch: new CloudWatchClient({ region }),
      }),
      route53: new Route53Api(new Route53Client({ region: "us-east-1" })),
      clock: this.clock,
      print: (line) => this.printed.push(line),
    };
  }

  restore(): void {
    this.autoScaling.restore();
    this.cloudWatch.restore();
    this.route53.restore();
  }
}

/** What the program exports for the `waves` stacks: regional gates, and the global part's health checks. */
export function wavesOutputs(stack: string): Record<string, unknown> {
  const region = /^waves-(.+)$/.exec(stack)?.[1];
  if (region !== undefined) {
    return {
      part: region,
      releaseGates: { [region]: { autoScalingGroupName: groupOf(region), alarmNames: alarmsOf(region) } },
    };
  }
  return { part: "global", healthCheckIds: Object.fromEntries(REGIONS.map((r) => [r, healthCheckOf(r)])) };
}

/** What the program exports for a stack that holds every region. */
export function allOutputs(): Record<string, unknown> {
  return {
    healthCheckIds: Object.fromEntries(REGIONS.map((r) => [r, healthCheckOf(r)])),
    releaseGates: Object.fromEntries(
      REGIONS.map((r) => [r, { autoScalingGroupName: groupOf(r), alarmNames: alarmsOf(r) }]),
    ),
  };
}
