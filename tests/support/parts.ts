import { parseStackConfig } from "../../config";
import { createProgram } from "../../parts";
import type { MockRegistration } from "../../tools/aws-mocks";
import { MOCK_ORGANIZATION, PROJECT_NAME, runWithMocks } from "../../tools/stack-runner";

/** The global part's stack name in these tests; regional parts are `<GLOBAL_STACK>-<region>`. */
export const GLOBAL_STACK = "prod";

export const regionalStackOf = (region: string) => `${GLOBAL_STACK}-${region}`;
const qualified = (stack: string) => `${MOCK_ORGANIZATION}/${PROJECT_NAME}/${stack}`;

export interface PartRun {
  readonly part: string;
  readonly registrations: readonly MockRegistration[];
  readonly outputs: Record<string, unknown>;
  readonly invokes: readonly { readonly token: string; readonly region: string | undefined }[];
}

/** Runs the program for one part of `raw` (a whole-stack config), as `pulumi up` of that part's stack would. */
export async function runPart(
  raw: Record<string, unknown>,
  part: string,
  stackOutputs: Record<string, Record<string, unknown>> = {},
): Promise<PartRun> {
  const isRegion = part !== "all" && part !== "global";
  const config = parseStackConfig({ ...raw, part, ...(isRegion ? { globalStack: GLOBAL_STACK } : {}) });
  const run = await runWithMocks(() => createProgram(config), {
    stack: isRegion ? regionalStackOf(part) : GLOBAL_STACK,
    stackOutputs,
  });
  return {
    part,
    registrations: run.registrations,
    outputs: run.outputs as Record<string, unknown>,
    invokes: run.mocks.invokeCalls,
  };
}

/** Every regional part of `raw`, then the global part over their outputs, read as StackReferences read them. */
export async function runSplit(
  raw: Record<string, unknown>,
): Promise<{ regional: PartRun[]; global: PartRun }> {
  const regions = parseStackConfig(raw).regions.map((r) => r.name);
  const regional: PartRun[] = [];
  for (const region of regions) regional.push(await runPart(raw, region));
  const global = await runPart(raw, "global", regionalOutputs(regional));
  return { regional, global };
}

/** The regional runs' stack outputs by the full stack name the global part reads them from. */
export function regionalOutputs(regional: readonly PartRun[]): Record<string, Record<string, unknown>> {
  return Object.fromEntries(regional.map((run) => [qualified(regionalStackOf(run.part)), run.outputs]));
}

/** A resource as the split must keep it: its type, name, inputs and the region of its provider. */
export function resourceKey(r: MockRegistration): string {
  return `${r.type}::${r.name}`;
}
