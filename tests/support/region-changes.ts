import { parseStackConfig } from "../../config";
import { createStack } from "../../stack";
import type { EngineRegistration } from "../../tools/aws-mocks/engine-recorder";
import { runStackProgram } from "../../tools/stack-runner";

/** What the engine would keep of a resource across two runs: its URN and the provider it is managed by. */
export interface Registered {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** The provider's URN (the ID part of the reference is the provider's own, stable by name in the mocks). */
  readonly provider: string | undefined;
}

/** Runs the whole program for a raw config, as `pulumi up` would, and lists what it registered. */
export async function registrationsOf(raw: Record<string, unknown>): Promise<Registered[]> {
  const config = parseStackConfig(raw);
  const run = await runStackProgram(() => createStack(config));
  if (run.rejections.length > 0 || run.failure !== undefined) {
    throw new Error(`the program failed: ${[...run.rejections, run.failure].map(String).join("\n")}`);
  }
  return run.registrations.map((r: EngineRegistration) => ({
    urn: r.urn,
    type: r.type,
    name: r.name,
    provider: r.providerRef,
  }));
}

/**
 * What a config change would do to the resources that stay, judged as the engine judges it: a resource
 * whose URN disappears is deleted (and a new one created), and one whose provider changes is replaced.
 */
export function compareRuns(before: readonly Registered[], after: readonly Registered[]) {
  const afterByUrn = new Map(after.map((r) => [r.urn, r]));
  return {
    /** Resources of the first run whose URN the second run no longer registers. */
    gone: before.filter((r) => !afterByUrn.has(r.urn)),
    /** Resources registered by both runs, but on another provider in the second. */
    movedProvider: before.filter(
      (r) => afterByUrn.has(r.urn) && afterByUrn.get(r.urn)!.provider !== r.provider,
    ),
  };
}
