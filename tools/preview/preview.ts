/**
 * The offline preview, end to end and without printing: read the stack's config, run the program twice
 * under the strict mocks (a preview with unknowns for the plan and the policy pack; a run with every value
 * known for the failover analysis), check the plan with the policy pack, and decide the exit status.
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
import { UsageError } from "./args";
import { explainInConfigTerms } from "./config-terms";
import { buildPlan, type Plan } from "./plan";
import { checkPolicies, mandatoryViolations, type PolicyResults } from "./policy-check";
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
  readonly policies?: PolicyResults;
  /** Requests the strict mocks refused, as AWS would, in either run. */
  readonly rejections: readonly string[];
  /** Any other error the program raised. */
  readonly failure?: string;
  readonly analysis?: FailoverAnalysis;
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
  return { policyFile, project, config: loadConfigFor(project) };
}

async function runPreviewWith(
  options: PreviewOptions,
  { policyFile, project, config }: Inputs,
  pack: Promise<PolicyPackClient>,
): Promise<PreviewReport> {
  const preview = await runProgram(project, config, { preview: true });
  const plan = buildPlan(project.projectName, project.stack, preview.registrations, preview.outputs);
  const known = await runProgram(project, config, { preview: false });
  // Both runs register the same resources: a request refused in one is usually refused in the other.
  const rejections = [...new Set([...preview.rejections, ...known.rejections].map((r) => r.message))];
  const failure = preview.failure ?? known.failure;

  let analysis: FailoverAnalysis | undefined;
  let analysisFailure: string | undefined;
  if (rejections.length === 0 && failure === undefined) {
    try {
      analysis = analyzeFailover(
        buildPlan(project.projectName, project.stack, known.registrations, known.outputs),
        {
          queriesPerMonth: options.queriesPerMonth,
        },
      );
    } catch (error) {
      if (!(error instanceof AnalysisError)) throw error;
      analysisFailure = `failover analysis: ${error.message}`;
    }
  }

  const client = await pack;
  const policyConfig = resolvePolicies(client, policyFile, options.policyPackConfig);
  const results = await checkPolicies(client, plan, project.config, policyConfig);
  const policies = {
    ...results,
    diagnostics: explainInConfigTerms(results.diagnostics, config, policyConfig),
  };
  const failed =
    rejections.length > 0 ||
    failure !== undefined ||
    analysisFailure !== undefined ||
    mandatoryViolations(policies).length > 0;
  return {
    exitCode: failed ? 1 : 0,
    plan,
    policies,
    rejections,
    failure: analysisFailure ?? (failure === undefined ? undefined : messageOf(failure)),
    analysis,
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
