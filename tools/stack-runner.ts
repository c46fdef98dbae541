import * as pulumi from "@pulumi/pulumi";
import { AwsMocks, type AwsMocksOptions, type MockRegistration, type StrictMockError } from "./aws-mocks";
import { recordEngineRegistrations, type EngineRegistration } from "./aws-mocks/engine-recorder";
import { refuseDuplicateUrns } from "./aws-mocks/urns";
import { waitForRPCs } from "./pulumi-internals";

/** The project name Pulumi.yaml declares; URNs and the users table's name derive from it. */
export const PROJECT_NAME = "multi-region-api";
/** The organization of a file or local backend, which is what the CLI reports there. */
export const MOCK_ORGANIZATION = "organization";

export interface StackRun<T> {
  readonly mocks: AwsMocks;
  readonly registrations: readonly MockRegistration[];
  /** The program's return value with every Output resolved (undefined where a preview leaves it unknown). */
  readonly outputs: T;
}

/**
 * Resolves every Output inside a value, deeply; an Output a preview leaves unknown becomes `unknown`.
 * `isKnown` and `promise()` are the runtime's own (internal) view of an Output: `apply` never runs on an
 * unknown value, so it cannot tell "unknown" from "still waiting", and unlike `apply`, `promise()` rejects
 * when the Output failed (a refused invoke, a rejected registration), so a failing program cannot hang.
 * Re-read in @pulumi/pulumi 3.270 (output.js): both unchanged since 3.248.
 */
async function resolveDeep(value: unknown, unknown: unknown = undefined): Promise<unknown> {
  if (pulumi.Output.isInstance(value)) {
    const output = value as unknown as { isKnown: Promise<boolean>; promise(): Promise<unknown> };
    return (await output.isKnown) ? resolveDeep(await output.promise(), unknown) : unknown;
  }
  if (Array.isArray(value)) {
    return Promise.all(value.map((item) => resolveDeep(item, unknown)));
  }
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = await Promise.all(
      Object.entries(value).map(async ([k, v]) => [k, await resolveDeep(v, unknown)] as const),
    );
    return Object.fromEntries(entries);
  }
  return value;
}

/**
 * Runs `body` with stack traces off. The SDK records `new Error().stack` on every promise it makes (runtime/
 * debuggable.js, for its promise-leak report) and on every resource (resource.js `callsites`, for the
 * source position the engine shows); a stack with source maps applied costs far more than the mock work,
 * about three quarters of a stack run. The mocks use neither, and errors keep their messages. Set
 * MULTIREGION_STACK_TRACES=1 to keep the stacks when debugging a program that throws.
 */
async function withoutStackTraces<T>(body: () => Promise<T>): Promise<T> {
  if (process.env.MULTIREGION_STACK_TRACES === "1") return body();
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return await body();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * Runs a program under the strict AWS mocks and waits for every registration. `program` builds the
 * resources (e.g. `() => createStack(config)`); anything the mocks rejected fails the run, with the
 * rejections' messages, as `pulumi up` would.
 */
export function runWithMocks<T>(
  program: () => T,
  options: AwsMocksOptions & { readonly stack?: string } = {},
): Promise<StackRun<Awaited<T>>> {
  return withoutStackTraces(() => runUnderMocks(program, options));
}

async function runUnderMocks<T>(
  program: () => T,
  options: AwsMocksOptions & { readonly stack?: string },
): Promise<StackRun<Awaited<T>>> {
  const mocks = new AwsMocks(options);
  await pulumi.runtime.setMocks(
    mocks,
    PROJECT_NAME,
    options.stack ?? "test",
    options.preview ?? false,
    MOCK_ORGANIZATION,
  );
  mocks.watchEngine();
  // Outermost: a duplicate URN is refused before the mocks hear of it, as the engine refuses it.
  refuseDuplicateUrns(mocks.rejections);
  const result = program();
  let outputs: unknown;
  let failure: unknown;
  try {
    outputs = options.preview ? await resolvePreview(result) : await resolveDeep(result);
    await waitForRPCs();
  } catch (error) {
    failure = error;
  }
  if (mocks.rejections.length > 0) {
    throw new AggregateError(mocks.rejections, mocks.rejections.map((r) => r.message).join("\n"));
  }
  if (failure !== undefined) {
    throw failure;
  }
  return { mocks, registrations: [...mocks.registrations], outputs: outputs as Awaited<T> };
}

/** In a preview unknown Outputs never resolve their apply: read what is known and leave the rest out. */
async function resolvePreview(value: unknown): Promise<unknown> {
  await waitForRPCs();
  return value;
}

/** A program's run inside a stack resource, as the CLI runs it, with the engine's view of every resource. */
export interface StackProgramRun {
  readonly mocks: AwsMocks;
  /** Every registration the engine answered, the stack resource first (see engine-recorder.ts). */
  readonly registrations: readonly EngineRegistration[];
  /** The stack outputs, every Output resolved; unknown values are the engine's sentinel string. */
  readonly outputs: Record<string, unknown>;
  /** What the mocks refused (as AWS would), in order. */
  readonly rejections: readonly StrictMockError[];
  /** Any other error the program raised, or undefined. */
  readonly failure?: unknown;
}

/**
 * Runs `program` the way `pulumi preview`/`up` runs index.ts: inside the `pulumi:pulumi:Stack` resource (so
 * every resource has the stack as root parent, and the program's return value becomes the stack outputs),
 * under the strict mocks, recording what the engine sees. Unlike `runWithMocks` it never throws for a
 * rejection: it reports them, so a caller can show the plan up to the failure and the reasons.
 */
export function runStackProgram(
  program: () => unknown,
  options: AwsMocksOptions & { readonly project?: string; readonly stack?: string } = {},
): Promise<StackProgramRun> {
  return withoutStackTraces(() => runInStackResource(program, options));
}

async function runInStackResource(
  program: () => unknown,
  options: AwsMocksOptions & { readonly project?: string; readonly stack?: string },
): Promise<StackProgramRun> {
  const mocks = new AwsMocks(options);
  await pulumi.runtime.setMocks(
    mocks,
    options.project ?? PROJECT_NAME,
    options.stack ?? "test",
    options.preview ?? false,
    MOCK_ORGANIZATION,
  );
  mocks.watchEngine();
  // Outermost: a duplicate URN is refused before the mocks hear of it, as the engine refuses it.
  refuseDuplicateUrns(mocks.rejections);
  const registrations = recordEngineRegistrations();
  // A rejected registration also rejects promises nobody awaits (a resource's urn, its outputs); during the
  // run they are the same failure as the rejection, not a reason to crash the process.
  const stray: unknown[] = [];
  const collect = (reason: unknown) => stray.push(reason);
  process.on("unhandledRejection", collect);
  let outputs: unknown = {};
  let failure: unknown;
  try {
    // The program's own return value, not the stack resource's massaged copy: in a preview that copy is
    // unknown as a whole as soon as one value inside it is.
    let returned: unknown;
    await pulumi.runtime.runInPulumiStack(async () => (returned = program()));
    await waitForRPCs();
    outputs = await resolveDeep(returned, pulumi.runtime.unknownValue);
  } catch (error) {
    failure = error;
  } finally {
    await new Promise((resolve) => setImmediate(resolve));
    process.off("unhandledRejection", collect);
  }
  // A rejection surfaces again as the failure of whatever awaited that resource: report it once.
  const isRejection = (error: unknown) => mocks.rejections.some((r) => String(error).includes(r.message));
  const otherFailure = [failure, ...stray].find((error) => error !== undefined && !isRejection(error));
  return {
    mocks,
    registrations: [...registrations],
    outputs: (outputs ?? {}) as Record<string, unknown>,
    rejections: [...mocks.rejections],
    failure: otherFailure,
  };
}
