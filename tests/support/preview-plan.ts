/**
 * The offline preview's plan of the real program for a stack config given as values by key, run in-process
 * under the strict mocks the way `npm run preview` runs it (a refused request fails the test).
 */
import { expect } from "vitest";
import { buildPlan, type Plan } from "../../tools/preview/plan";
import { configText, type ProjectConfig } from "../../tools/preview/project-config";
import { loadConfigFor, runProgram } from "../../tools/preview/run-program";

export async function previewPlanOf(
  values: Readonly<Record<string, unknown>>,
  { preview = false }: { readonly preview?: boolean } = {},
): Promise<Plan> {
  const project: ProjectConfig = {
    projectName: "multi-region-api",
    stack: "test",
    config: Object.fromEntries(
      Object.entries(values).map(([key, value]) => [`multi-region-api:${key}`, configText(value)]),
    ),
    unknownSecrets: [],
  };
  const run = await runProgram(project, loadConfigFor(project), { preview });
  expect(run.rejections).toEqual([]);
  return buildPlan(project.projectName, project.stack, run.registrations, run.outputs);
}
