/**
 * The checks a region must pass after its `up` before the next wave starts. Each one polls an AWS API with
 * the injected clock, so tests run an hour's bake in milliseconds.
 */
import {
  type AutoScalingClient,
  DescribeInstanceRefreshesCommand,
  type InstanceRefresh,
} from "@aws-sdk/client-auto-scaling";
import { type CloudWatchClient, DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import type { Clock } from "../ops-kit/clock";
import { describeVerdict } from "@multi-region-api/model/route53/health-rule";
import type { Route53Api } from "../ops-kit/route53";

export type GateName = "up" | "instance refresh" | "health check" | "bake";

export interface GateResult {
  readonly gate: GateName;
  readonly region: string;
  readonly passed: boolean;
  readonly detail: string;
}

interface Polling {
  readonly clock: Clock;
  readonly timeoutMs: number;
  readonly pollMs: number;
}

// Auto Scaling API reference, InstanceRefresh Status: the values that mean the refresh is over.
const REFRESH_DONE = new Set(["Successful"]);
const REFRESH_FAILED = new Set(["Failed", "Cancelled", "RollbackSuccessful", "RollbackFailed"]);

function latest(refreshes: readonly InstanceRefresh[]): InstanceRefresh | undefined {
  return [...refreshes].sort((a, b) => (b.StartTime?.getTime() ?? 0) - (a.StartTime?.getTime() ?? 0))[0];
}

/** What one look at a gate found: a verdict, or what it is still waiting for. */
type Look = { readonly passed: boolean; readonly detail: string } | { readonly waiting: string };

/**
 * Looks until a look gives a verdict, every `pollMs`; a gate still waiting after `timeoutMs` has failed, and
 * says what it was waiting for.
 */
async function untilDecided(
  gate: GateName,
  region: string,
  polling: Polling,
  look: () => Promise<Look>,
): Promise<GateResult> {
  const start = polling.clock.now();
  for (;;) {
    const found = await look();
    if (!("waiting" in found)) return { gate, region, ...found };
    if (polling.clock.now() - start >= polling.timeoutMs) {
      return {
        gate,
        region,
        passed: false,
        detail: `${found.waiting} after ${polling.timeoutMs / 60_000} min`,
      };
    }
    await polling.clock.sleep(polling.pollMs);
  }
}

/**
 * The group's newest instance refresh has succeeded. The provider returns from an `up` once a refresh has
 * started (docs/aws-facts.md "Release gates"), so the new launch template is only proven when it finishes.
 * A group with no refresh at all rolled nothing, which passes.
 */
export function instanceRefreshFinished(
  client: AutoScalingClient,
  region: string,
  groupName: string,
  polling: Polling,
): Promise<GateResult> {
  return untilDecided("instance refresh", region, polling, async () => {
    const answer = await client.send(
      new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: groupName }),
    );
    const refresh = latest(answer.InstanceRefreshes ?? []);
    if (refresh === undefined) {
      return { passed: true, detail: `${groupName} has no instance refresh: nothing was rolled` };
    }
    const status = refresh.Status;
    const named = `${groupName}: refresh ${refresh.InstanceRefreshId}`;
    if (status !== undefined && REFRESH_DONE.has(status)) {
      return { passed: true, detail: `${named} ${status}` };
    }
    if (status !== undefined && REFRESH_FAILED.has(status)) {
      return {
        passed: false,
        detail: `${named} ${status}${refresh.StatusReason ? `: ${refresh.StatusReason}` : ""}`,
      };
    }
    return { waiting: `${named} still ${status ?? "unknown"}` };
  });
}

/** The region's Route 53 health check is healthy by Route 53's own rule (more than 18 % of checkers). */
export function healthCheckHealthy(
  route53: Route53Api,
  region: string,
  healthCheckId: string,
  polling: Polling,
): Promise<GateResult> {
  return untilDecided("health check", region, polling, async () => {
    const verdict = await route53.getCheckerVerdict(healthCheckId);
    return verdict.healthy
      ? { passed: true, detail: `${healthCheckId} ${describeVerdict(verdict)}` }
      : { waiting: `${healthCheckId} still ${describeVerdict(verdict)}` };
  });
}

/**
 * Every alarm stays out of ALARM from now until `bakeMs` has passed, looked at every `pollMs` and once at
 * the end. INSUFFICIENT_DATA passes: a new alarm starts there, and a quiet minute publishes no datapoint.
 * An alarm that does not exist fails: a bake must not pass on nothing.
 */
export async function alarmsStayOk(
  client: CloudWatchClient,
  region: string,
  alarmNames: readonly string[],
  bakeMs: number,
  polling: Omit<Polling, "timeoutMs">,
): Promise<GateResult> {
  const gate = "bake";
  if (alarmNames.length === 0) {
    return { gate, region, passed: false, detail: "the stack exports no release alarms (releaseGates)" };
  }
  const start = polling.clock.now();
  for (;;) {
    const answer = await client.send(new DescribeAlarmsCommand({ AlarmNames: [...alarmNames] }));
    const alarms = answer.MetricAlarms ?? [];
    const missing = alarmNames.filter((name) => !alarms.some((alarm) => alarm.AlarmName === name));
    if (missing.length > 0) {
      return { gate, region, passed: false, detail: `alarm(s) not found: ${missing.join(", ")}` };
    }
    const firing = alarms.find((alarm) => alarm.StateValue === "ALARM");
    const elapsed = polling.clock.now() - start;
    if (firing !== undefined) {
      return {
        gate,
        region,
        passed: false,
        detail:
          `${firing.AlarmName} in ALARM after ${Math.floor(elapsed / 1000)} s of the bake: ${firing.StateReason ?? ""}`.trim(),
      };
    }
    if (elapsed >= bakeMs) {
      return {
        gate,
        region,
        passed: true,
        detail: `${alarmNames.join(", ")} stayed out of ALARM for ${bakeMs / 60_000} min`,
      };
    }
    await polling.clock.sleep(Math.min(polling.pollMs, bakeMs - elapsed));
  }
}
