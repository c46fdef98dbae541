/**
 * Runs the project's own program for one stack under the strict AWS mocks: what index.ts does
 * (`createProgram(loadStackConfig())`), with the stack's config set first, as the CLI sets it.
 */
import * as pulumi from "@pulumi/pulumi";
import { loadStackConfig, type StackConfig } from "../../config";
import { createProgram } from "../../parts";
import { runStackProgram, type StackProgramRun } from "../stack-runner";
import type { ProjectConfig } from "./project-config";

/** Sets the stack's config and parses it; throws the program's ConfigError (exit 2) when it is invalid. */
export function loadConfigFor(project: ProjectConfig): StackConfig {
  pulumi.runtime.setAllConfig({ ...project.config });
  return loadStackConfig();
}

/**
 * One run of the program. `preview: true` leaves computed outputs unknown, as `pulumi preview` does;
 * `preview: false` gives every value, as after `pulumi up`.
 */
export function runProgram(
  project: ProjectConfig,
  config: StackConfig,
  options: { readonly preview: boolean },
): Promise<StackProgramRun> {
  return runStackProgram(() => createProgram(config), {
    preview: options.preview,
    project: project.projectName,
    stack: project.stack,
    hostedZones: [config.hostedZoneName],
  });
}
