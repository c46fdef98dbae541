/**
 * The waves a release goes through, worked out from the stack's parsed config alone: which stack each `up`
 * is for, which regions' gates follow it, and how long each wave bakes.
 */
import type { StackConfig } from "../../config";
import { UsageError } from "./args";

/** One `pulumi up`: the stack and the regions whose gates follow it. */
export interface StackStep {
  /** The stack name as `pulumi --stack` takes it. */
  readonly stack: string;
  /** What the stack holds: all, global or a region. */
  readonly part: string;
  readonly regions: readonly string[];
}

export interface Wave {
  readonly steps: readonly StackStep[];
  readonly bakeMinutes: number;
}

/** How long the gates wait before they count as failed, and how often they look. */
export interface GateTimings {
  /** An instance refresh replaces instances one share at a time, each waiting for its warm-up. */
  readonly instanceRefreshTimeoutMinutes: number;
  /** Route 53 needs `failureThreshold` passing checks per checker, 30 s apart by default. */
  readonly healthCheckTimeoutMinutes: number;
  /** GetHealthCheckStatus, DescribeInstanceRefreshes and DescribeAlarms are polled, not pushed. */
  readonly pollSeconds: number;
}

export const GATE_TIMINGS: GateTimings = {
  instanceRefreshTimeoutMinutes: 60,
  healthCheckTimeoutMinutes: 10,
  pollSeconds: 30,
};

export interface DeployPlan {
  /** The stack named on the command line. */
  readonly stack: string;
  /** The regional waves, then the global stack as the last wave (absent for part all). */
  readonly waves: readonly Wave[];
  readonly global?: StackStep;
  /** The regions drained in the config: their health checks are expected to fail. */
  readonly drainedRegions: readonly string[];
  readonly timings: GateTimings;
}

/** The stack a region's part lives in, as `pulumi --stack` names it (the same default as the global part). */
export function regionalStackOf(config: StackConfig, stack: string, region: string): string {
  return config.regionalStacks[region] ?? `${stack}-${region}`;
}

/** The waves for `--stack <stack>`; a stack that holds one region is refused (it is deployed by its global stack). */
export function planDeployment(config: StackConfig, stack: string): DeployPlan {
  const regions = config.regions.map((r) => r.name);
  const common = { stack, drainedRegions: config.drainedRegions, timings: GATE_TIMINGS };
  const bakeMinutes = config.deploy.bakeMinutes;
  if (config.part === "all") {
    return { ...common, waves: [{ steps: [{ stack, part: "all", regions }], bakeMinutes }] };
  }
  if (config.part !== "global") {
    throw new UsageError(
      `--stack ${stack} holds part ${config.part} (multi-region-api:part); deploy its global stack ` +
        `${config.globalStack ?? "(multi-region-api:globalStack)"}, which delivers every region in waves`,
    );
  }
  const waves = config.deploy.waves ?? regions.map((region) => [region]);
  return {
    ...common,
    waves: waves.map((wave) => ({
      steps: wave.map((region) => ({
        stack: regionalStackOf(config, stack, region),
        part: region,
        regions: [region],
      })),
      bakeMinutes,
    })),
    global: { stack, part: "global", regions },
  };
}

/** What `--dry-run` prints: every up, gate and bake in order, and what a failure does. */
export function formatPlan(plan: DeployPlan, rollback: boolean): string[] {
  const { timings } = plan;
  const lines = [`Deploy plan for ${plan.stack} (nothing is called in a dry run):`];
  plan.waves.forEach((wave, index) => {
    lines.push(`wave ${index + 1}:`);
    for (const step of wave.steps) {
      lines.push(`  pulumi up --stack ${step.stack}   (part ${step.part})`);
    }
    for (const region of wave.steps.flatMap((step) => step.regions)) {
      lines.push(
        `  gates for ${region}: instance refresh finished (up to ${timings.instanceRefreshTimeoutMinutes} min), ` +
          `health check healthy (up to ${timings.healthCheckTimeoutMinutes} min)` +
          (plan.drainedRegions.includes(region) ? " [drained: not required]" : ""),
      );
    }
    lines.push(
      `  bake ${wave.bakeMinutes} min: the 5XX-rate and p99-latency alarms of ${wave.steps
        .flatMap((step) => step.regions)
        .join(", ")} stay OK, polled every ${timings.pollSeconds} s`,
    );
    lines.push("  then each stack records this commit as passed (pulumi up, release output)");
  });
  if (plan.global !== undefined) {
    lines.push(`last: pulumi up --stack ${plan.global.stack}   (part global: the Route 53 layer)`);
    lines.push("  gates: the health check of every region in service is healthy");
  }
  lines.push(
    rollback
      ? "A failed gate stops the later waves and rolls the failed stack back to the last commit that passed there."
      : "A failed gate stops the later waves; --no-rollback leaves the failed stack as it is.",
  );
  return lines;
}
