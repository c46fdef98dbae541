/**
 * A release in waves: each wave's stacks get their `up`, then every region of the wave passes its gates,
 * then each stack records the commit as passed, and only then does the next wave start. The first failure
 * stops every later wave and rolls the failed stack back to the last commit that passed there.
 */
import type { AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { Clock } from "../ops-kit/clock";
import type { Route53Api } from "../ops-kit/route53";
import { alarmsStayOk, healthCheckHealthy, instanceRefreshFinished, type GateResult } from "./gates";
import type { DeployPlan, StackStep, Wave } from "./plan";
import { releaseOf, type ReleaseRecord } from "./release";
import type { StackOps } from "./stacks";

/** A checked-out older commit to run the program from; `remove` deletes the checkout. */
export interface Checkout {
  readonly workDir: string;
  remove(): Promise<void>;
}

export interface RegionClients {
  readonly autoScaling: AutoScalingClient;
  readonly cloudWatch: CloudWatchClient;
}

export interface DeployDeps {
  readonly stacks: StackOps;
  /** The repository: the program of the commit being released. */
  readonly workDir: string;
  /** The commit being released (the repository's HEAD, with no uncommitted change). */
  readonly commit: string;
  /** A worktree of `commit` with its dependencies installed. */
  checkout(commit: string): Promise<Checkout>;
  /** The release record written into a copy of the stack's config file, for one `up`. */
  releaseConfig(workDir: string, stack: string, record: ReleaseRecord): string;
  clientsFor(region: string): RegionClients;
  readonly route53: Route53Api;
  readonly clock: Clock;
  print(line: string): void;
}

export interface DeployReport {
  readonly passed: boolean;
  readonly gates: readonly GateResult[];
  /** The failed gate, when one failed. */
  readonly failure?: GateResult;
  /** What happened to the failed stack: rolled back to a commit, left as it is, or why it could not be. */
  readonly rollback?: string;
  /** Stacks that were never touched because an earlier wave failed. */
  readonly skipped: readonly string[];
}

interface Gates {
  readonly autoScalingGroupName?: string;
  readonly alarmNames?: readonly string[];
}

const gatesOf = (outputs: Record<string, unknown>, region: string): Gates =>
  ((outputs.releaseGates as Record<string, Gates> | undefined) ?? {})[region] ?? {};

export async function runDeployment(
  plan: DeployPlan,
  options: { readonly rollback: boolean },
  deps: DeployDeps,
): Promise<DeployReport> {
  const results: GateResult[] = [];
  const minutes = (n: number) => n * 60_000;
  const poll = { clock: deps.clock, pollMs: plan.timings.pollSeconds * 1000 };
  const allSteps = [...plan.waves.flatMap((wave) => wave.steps), ...(plan.global ? [plan.global] : [])];
  const globalStack = plan.global?.stack ?? plan.stack;

  const up = async (step: StackStep, workDir: string, record: ReleaseRecord): Promise<GateResult> => {
    const region = step.part;
    deps.print(`pulumi up --stack ${step.stack} (commit ${record.commit.slice(0, 12)})`);
    try {
      await deps.stacks.up(step.stack, {
        workDir,
        configFile: deps.releaseConfig(workDir, step.stack, record),
        print: deps.print,
      });
      return { gate: "up", region, passed: true, detail: `${step.stack} updated` };
    } catch (error) {
      return {
        gate: "up",
        region,
        passed: false,
        detail: `${step.stack}: ${(error as Error).message.split("\n")[0]}`,
      };
    }
  };

  const regionGates = async (
    region: string,
    stackOutputs: Record<string, unknown>,
    healthCheckIds: Record<string, string>,
  ): Promise<GateResult[]> => {
    const gates = gatesOf(stackOutputs, region);
    const found: GateResult[] = [];
    if (gates.autoScalingGroupName !== undefined) {
      found.push(
        await instanceRefreshFinished(
          deps.clientsFor(region).autoScaling,
          region,
          gates.autoScalingGroupName,
          {
            ...poll,
            timeoutMs: minutes(plan.timings.instanceRefreshTimeoutMinutes),
          },
        ),
      );
    }
    const healthCheckId = healthCheckIds[region];
    if (plan.drainedRegions.includes(region)) {
      found.push({
        gate: "health check",
        region,
        passed: true,
        detail: "drained: not required to be healthy",
      });
    } else if (healthCheckId === undefined) {
      // The global part creates the health checks, after every region: on the first release there are none.
      found.push({ gate: "health check", region, passed: true, detail: "no health check yet: skipped" });
    } else {
      found.push(
        await healthCheckHealthy(deps.route53, region, healthCheckId, {
          ...poll,
          timeoutMs: minutes(plan.timings.healthCheckTimeoutMinutes),
        }),
      );
    }
    return found;
  };

  const bake = async (region: string, stackOutputs: Record<string, unknown>, wave: Wave) => {
    const alarmNames = gatesOf(stackOutputs, region).alarmNames ?? [];
    return alarmsStayOk(
      deps.clientsFor(region).cloudWatch,
      region,
      alarmNames,
      minutes(wave.bakeMinutes),
      poll,
    );
  };

  /** The gates of a step's regions, then (when they pass) the bake; the global stack has no fleet or bake. */
  const checkStep = async (
    step: StackStep,
    wave: Wave,
    healthCheckIds: Record<string, string>,
  ): Promise<GateResult[]> => {
    const isGlobal = step.part === "global";
    const outputs = isGlobal ? {} : await deps.stacks.outputs(step.stack);
    const gates = (
      await Promise.all(step.regions.map((region) => regionGates(region, outputs, healthCheckIds)))
    ).flat();
    if (isGlobal || gates.some((gate) => !gate.passed)) return gates;
    return [...gates, ...(await Promise.all(step.regions.map((region) => bake(region, outputs, wave))))];
  };

  const rollBack = async (step: StackStep, before: ReleaseRecord | undefined): Promise<string> => {
    if (!options.rollback) return `${step.stack} left as the failed up made it (--no-rollback)`;
    const target = before?.passed;
    if (target === undefined) {
      return `${step.stack} has no earlier release that passed its gates: nothing to roll back to, left as it is`;
    }
    deps.print(
      `rolling ${step.stack} back to ${target.slice(0, 12)}, the last commit that passed its gates there`,
    );
    const checkout = await deps.checkout(target);
    try {
      const result = await up(step, checkout.workDir, { commit: target, passed: target });
      return result.passed
        ? `${step.stack} rolled back to ${target}`
        : `${step.stack}: the rollback to ${target} failed too: ${result.detail}`;
    } finally {
      await checkout.remove();
    }
  };

  const failWith = async (
    failure: GateResult,
    step: StackStep,
    before: ReleaseRecord | undefined,
    done: number,
  ) => {
    deps.print(`FAILED: ${failure.gate} in ${failure.region}: ${failure.detail}`);
    const rollback = await rollBack(step, before);
    deps.print(rollback);
    const skipped = allSteps.slice(done).map((s) => s.stack);
    if (skipped.length > 0) deps.print(`not deployed: ${skipped.join(", ")}`);
    return { passed: false, gates: results, failure, rollback, skipped };
  };

  let done = 0;
  const waves: Wave[] = [...plan.waves, ...(plan.global ? [{ steps: [plan.global], bakeMinutes: 0 }] : [])];
  for (const [index, wave] of waves.entries()) {
    const isGlobal = plan.global !== undefined && index === waves.length - 1;
    deps.print(isGlobal ? "global stack:" : `wave ${index + 1} of ${plan.waves.length}:`);
    const before = await Promise.all(
      wave.steps.map(async (step) => releaseOf(await deps.stacks.outputs(step.stack))),
    );
    const ups = await Promise.all(
      wave.steps.map((step, i) => up(step, deps.workDir, { commit: deps.commit, ...passedOf(before[i]) })),
    );
    done += wave.steps.length;
    results.push(...ups);
    const failedUp = ups.findIndex((result) => !result.passed);
    if (failedUp >= 0) return failWith(ups[failedUp], wave.steps[failedUp], before[failedUp], done);

    const healthCheckIds = ((await deps.stacks.outputs(globalStack)).healthCheckIds ?? {}) as Record<
      string,
      string
    >;
    const checks = await Promise.all(wave.steps.map((step) => checkStep(step, wave, healthCheckIds)));
    for (const gates of checks)
      for (const gate of gates)
        deps.print(`  ${gate.passed ? "ok" : "FAILED"} ${gate.gate} ${gate.region}: ${gate.detail}`);
    results.push(...checks.flat());
    const failedStep = checks.findIndex((gates) => gates.some((gate) => !gate.passed));
    if (failedStep >= 0) {
      const failure = checks[failedStep].find((gate) => !gate.passed) as GateResult;
      return failWith(failure, wave.steps[failedStep], before[failedStep], done);
    }
    // Every region of the wave passed: each stack now records this commit as the one to roll back to.
    const stamps = await Promise.all(
      wave.steps.map((step) => up(step, deps.workDir, { commit: deps.commit, passed: deps.commit })),
    );
    results.push(...stamps);
    const failedStamp = stamps.findIndex((result) => !result.passed);
    if (failedStamp >= 0)
      return failWith(stamps[failedStamp], wave.steps[failedStamp], before[failedStamp], done);
  }
  deps.print(`deployed ${deps.commit} to ${allSteps.map((s) => s.stack).join(", ")}: every gate passed`);
  return { passed: true, gates: results, skipped: [] };
}

function passedOf(record: ReleaseRecord | undefined): { passed?: string } {
  return record?.passed === undefined ? {} : { passed: record.passed };
}
