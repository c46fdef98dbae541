/**
 * The deploy's command line with every outside dependency injected (Pulumi, git, AWS clients, clock), so
 * tests run the real command path without a network. `cli.ts` supplies the real ones.
 */
import { ConfigError } from "../../config";
import { parseConfigTexts } from "../../config";
import { ProjectConfigError, readProjectConfig } from "../preview/project-config";
import { HELP, parseDeployArgs, UsageError } from "./args";
import { runDeployment, type DeployDeps } from "./orchestrator";
import { formatPlan, planDeployment } from "./plan";

export interface DeployCliDeps {
  readonly projectDir: string;
  print(line: string): void;
  printError(line: string): void;
  /** Built only for a real deployment: a dry run calls neither git, Pulumi nor AWS. */
  createDeps(): DeployDeps;
}

export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export async function runDeployCli(argv: readonly string[], deps: DeployCliDeps): Promise<number> {
  try {
    const args = parseDeployArgs(argv);
    if (args.help) {
      deps.print(HELP);
      return 0;
    }
    const config = parseConfigTexts(readProjectConfig(deps.projectDir, args.stack).config);
    const plan = planDeployment(config, args.stack);
    if (args.dryRun) {
      for (const line of formatPlan(plan, args.rollback)) deps.print(line);
      return 0;
    }
    const report = await runDeployment(plan, { rollback: args.rollback }, deps.createDeps());
    return report.passed ? 0 : EXIT_FAILED;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ProjectConfigError || error instanceof ConfigError) {
      deps.printError(`deploy: ${error.message}`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
