/** The Pulumi side of a deployment, through the Automation API (the Pulumi CLI on the PATH does the work). */
import * as path from "node:path";
import { LocalWorkspace, StackNotFoundError } from "@pulumi/pulumi/automation";

export interface UpRequest {
  /** The project directory to run the program from: the repository, or a worktree of an older commit. */
  readonly workDir: string;
  /** The stack's config with the release record (`writeReleaseConfig`). */
  readonly configFile: string;
  readonly print: (line: string) => void;
}

export interface StackOps {
  /** The stack's outputs; {} for a stack that does not exist yet. */
  outputs(stack: string): Promise<Record<string, unknown>>;
  /** `pulumi up` of the stack with the policy pack; throws when the update fails. */
  up(stack: string, request: UpRequest): Promise<void>;
}

export function automationStacks(workDir: string): StackOps {
  return {
    async outputs(stackName) {
      try {
        const stack = await LocalWorkspace.selectStack({ stackName, workDir });
        const outputs = await stack.outputs();
        return Object.fromEntries(Object.entries(outputs).map(([key, output]) => [key, output.value]));
      } catch (error) {
        if (error instanceof StackNotFoundError) return {};
        throw error;
      }
    },
    async up(stackName, request) {
      const stack = await LocalWorkspace.createOrSelectStack({ stackName, workDir: request.workDir });
      await stack.up({
        configFile: request.configFile,
        policyPacks: [path.join(request.workDir, "policy-pack")],
        onOutput: (text) => {
          for (const line of text.split("\n")) if (line.trim() !== "") request.print(`    ${line}`);
        },
      });
    },
  };
}
