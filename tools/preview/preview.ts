/**
 * The offline preview, end to end and without printing: read the stack's config, run the program twice
 * under the strict mocks (a preview with unknowns for the plan; a run with every value known for the
 * failover analysis), judge each run with the policy pack (./policy-check: what the engine sends in a
 * preview of a new stack, and in `pulumi up`), and decide the exit status.
 * The policy pack starts first, in its own process, so it boots while the program runs.
 */
import { ConfigError, type StackConfig } from "../../config";
import {
  readPolicyConfigFile,
  resolvePolicyConfig,
  startPolicyPack,
  type PolicyConfig,
  type PolicyConfigFile,
  type PolicyPackClient,
} from "../policy-harness";
import { AnalysisError, analyzeFailover, type FailoverAnalysis } from "./analysis";
import { judgeCapacity, type CapacityJudgement } from "./capacity";
import { estimateComputeCost, type ComputeCost } from "./compute-cost";
import { estimatePlanEdgeCost, type EdgeCostEstimate } from "./edge-cost";
import { estimateStackCost, type StackCost } from "./stack-cost";
import { UsageError } from "./args";
import { explainInConfigTerms } from "./config-terms";
import { buildPlan, type Plan } from "./plan";
import { checkPolicies, describeFailedJudgement, type Judgement, type PolicyResults } from "./policy-check";
import { ProjectConfigError, readProjectConfig, type ProjectConfig } from "./project-config";
import { loadConfigFor, runProgram } from "./run-program";

export interface PreviewOptions {
  readonly stack: string;
  readonly projectDir: string;
  readonly policyPackConfig?: string;
  readonly queriesPerMonth?: number;
  /** A pack that is already running (reused across runs, e.g. by the bench); started here otherwise. */
  readonly pack?: PolicyPackClient | Promise<PolicyPackClient>;
}

export type ExitCode = 0 | 1 | 2;

export interface PreviewReport {
  readonly exitCode: ExitCode;
  /** Bad usage or invalid configuration (exit 2): nothing else was done. */
  readonly error?: string;
  readonly plan?: Plan;
  /** The pack's judgement of the plan, every computed value unknown (a preview of a new stack). */
  readonly policies?: PolicyResults;
  /** Its judgement of the run with every value known (`pulumi up`); absent when that run failed. */
  readonly knownPolicies?: PolicyResults;
  /** Per judgement with a mandatory violation: what it stands for and the policies that failed. */
  readonly policyFailures?: readonly string[];
  /** Secret config of other namespaces, unknown to the preview and not read by the program. */
  readonly unknownSecrets?: readonly string[];
  /** Requests the strict mocks refused, as AWS would, in either run. */
  readonly rejections: readonly string[];
  /** Any other error the program raised. */
  readonly failure?: string;
  readonly analysis?: FailoverAnalysis;
  /** The EC2 instance-hours of the plan's Auto Scaling groups, priced where the type is known. */
  readonly compute?: ComputeCost;
  /** Whether the regions left carry the expected peak when each one fails (`--json`: `capacity`). */
  readonly capacity?: CapacityJudgement;
  /** The web ACLs' and authorizers' cost, apart from the failover analysis's. */
  readonly edgeCost?: EdgeCostEstimate;
  /** The whole stack's monthly estimate, line by line (`--json`: `cost.total`). */
  readonly cost?: StackCost;
}

/** The errors that mean "fix how you called it" (exit 2) rather than "fix the program" (exit 1). */
export function isUsageProblem(error: unknown): error is Error {
  return error instanceof UsageError || error instanceof ProjectConfigError || error instanceof ConfigError;
}

function readPolicyConfig(file: string | undefined): PolicyConfigFile {
  if (file === undefined) {
    return {};
  }
  try {
    return readPolicyConfigFile(file);
  } catch (error) {
    throw new UsageError(`--policy-pack-config ${file}: ${(error as Error).message}`);
  }
}

function resolvePolicies(
  pack: PolicyPackClient,
  file: PolicyConfigFile,
  path: string | undefined,
): PolicyConfig {
  try {
    return resolvePolicyConfig(pack.info(), file);
  } catch (error) {
    throw new UsageError(`--policy-pack-config ${path}: ${(error as Error).message}`);
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

interface Inputs {
  readonly policyFile: PolicyConfigFile;
  readonly project: ProjectConfig;
  readonly config: StackConfig;
}

/** The quick checks first (milliseconds): a usage or config error never starts the pack at all. */
function readInputs(options: PreviewOptions): Inputs {
  const policyFile = readPolicyConfig(options.policyPackConfig);
  const project = readProjectConfig(options.projectDir, options.stack);
  const config = loadConfigFor(project);
  if (config.part === "global") {
    throw new UsageError(
      `stack ${options.stack} holds part global (multi-region-api:part), which reads every regional stack ` +
        "through a StackReference; the offline preview has no other stack to read. Preview a regional part " +
        "or part all here, and the global part with the real CLI (pulumi preview)",
    );
  }
  return { policyFile, project, config };
}

async function runPreviewWith(
  options: PreviewOptions,
  { policyFile, project, config }: Inputs,
  pack: Promise<PolicyPackClient>,
): Promise<PreviewReport> {
  // A policy config file is checked against the pack's policies before the program runs, so that a
  // misspelt policy name is a usage error within the pack's start-up, not after two runs of the program.
  // Without a file there is nothing to check, and the pack boots while the program runs.
  const earlyPolicyConfig =
    options.policyPackConfig === undefined
      ? undefined
      : resolvePolicies(await pack, policyFile, options.policyPackConfig);
  const preview = await runProgram(project, config, { preview: true });
  const plan = buildPlan(project.projectName, project.stack, preview.registrations, preview.outputs);
  // One pack, configured per judgement: the two run one after the other. Each violation the config caused
  // is also said in config terms (the key the user wrote and the pack setting that would allow it).
  const configured = pack.then((client) => ({
    client,
    policyConfig: earlyPolicyConfig ?? resolvePolicies(client, policyFile, options.policyPackConfig),
  }));
  const judge = async (judged: Plan, judgement: Judgement): Promise<PolicyResults> => {
    const { client, policyConfig } = await configured;
    const results = await checkPolicies(client, judged, project.config, policyConfig, judgement);
    return { ...results, diagnostics: explainInConfigTerms(results.diagnostics, config, policyConfig) };
  };
  // The pack judges the plan in its own process while this one runs the program again.
  const planJudged = judge(plan, "plan");
  planJudged.catch(() => undefined);
  const known = await runProgram(project, config, { preview: false });
  const knownPlan = buildPlan(project.projectName, project.stack, known.registrations, known.outputs);
  // Both runs register the same resources: a request refused in one is usually refused in the other.
  const rejections = [...new Set([...preview.rejections, ...known.rejections].map((r) => r.message))];
  const failure = preview.failure ?? known.failure;
  const knownRunCompleted = known.rejections.length === 0 && known.failure === undefined;

  let analysis: FailoverAnalysis | undefined;
  let analysisFailure: string | undefined;
  let compute: ComputeCost | undefined;
  let edgeCost: EdgeCostEstimate | undefined;
  if (rejections.length === 0 && failure === undefined) {
    compute = estimateComputeCost(knownPlan);
    edgeCost = estimatePlanEdgeCost(knownPlan);
    // A regional part holds no failover layer: its records and checks are the global part's.
    if (config.part === "all") {
      try {
        analysis = analyzeFailover(knownPlan, { queriesPerMonth: options.queriesPerMonth });
      } catch (error) {
        if (!(error instanceof AnalysisError)) throw error;
        analysisFailure = `failover analysis: ${error.message}`;
      }
    }
  }

  const policies = await planJudged;
  const knownPolicies = knownRunCompleted ? await judge(knownPlan, "known") : undefined;
  const policyFailures = [policies, knownPolicies]
    .map((results) => results && describeFailedJudgement(results))
    .filter((line): line is string => line !== undefined);
  const failed =
    rejections.length > 0 ||
    failure !== undefined ||
    analysisFailure !== undefined ||
    policyFailures.length > 0;
  const cost =
    analysis && compute && edgeCost
      ? estimateStackCost(knownPlan, { failover: analysis.cost, compute, edge: edgeCost })
      : undefined;
  return {
    exitCode: failed ? 1 : 0,
    plan,
    policies,
    knownPolicies,
    policyFailures,
    unknownSecrets: project.unknownSecrets,
    rejections,
    failure: analysisFailure ?? (failure === undefined ? undefined : messageOf(failure)),
    analysis,
    capacity: analysis && judgeCapacity(knownPlan, analysis.regions, analysis.drainedRegions),
    compute,
    edgeCost,
    cost,
  };
}

export async function runPreview(options: PreviewOptions): Promise<PreviewReport> {
  let inputs: Inputs;
  try {
    inputs = readInputs(options);
  } catch (error) {
    if (isUsageProblem(error)) {
      return { exitCode: 2, error: error.message, rejections: [] };
    }
    throw error;
  }
  const ownPack = options.pack === undefined ? startPolicyPack() : undefined;
  const pack = Promise.resolve(options.pack ?? ownPack!);
  // Until it is awaited, a pack that fails to start must not crash the process as an unhandled rejection.
  pack.catch(() => undefined);
  try {
    return await runPreviewWith(options, inputs, pack);
  } catch (error) {
    if (isUsageProblem(error)) {
      return { exitCode: 2, error: error.message, rejections: [] };
    }
    throw error;
  } finally {
    if (ownPack) {
      await ownPack.then((client) => client.close()).catch(() => undefined);
    }
  }
}
