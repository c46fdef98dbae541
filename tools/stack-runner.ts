import * as pulumi from "@pulumi/pulumi";
import { AwsMocks, type AwsMocksOptions, type MockRegistration } from "./aws-mocks";

/** The project name Pulumi.yaml declares; URNs and the users table's name derive from it. */
export const PROJECT_NAME = "multi-region-api";

export interface StackRun<T> {
  readonly mocks: AwsMocks;
  readonly registrations: readonly MockRegistration[];
  /** The program's return value with every Output resolved (undefined where a preview leaves it unknown). */
  readonly outputs: T;
}

/** Resolves every Output inside a value, deeply. */
async function resolveDeep(value: unknown): Promise<unknown> {
  if (pulumi.Output.isInstance(value)) {
    return resolveDeep(await new Promise((resolve) => (value as pulumi.Output<unknown>).apply(resolve)));
  }
  if (Array.isArray(value)) {
    return Promise.all(value.map(resolveDeep));
  }
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = await Promise.all(
      Object.entries(value).map(async ([k, v]) => [k, await resolveDeep(v)] as const),
    );
    return Object.fromEntries(entries);
  }
  return value;
}

// The runtime's own "wait until every registration has been answered". Internal, but it is exactly what
// `pulumi up` waits for before it reports; without it a test would race the last registrations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };

/**
 * Runs a program under the strict AWS mocks and waits for every registration. `program` builds the
 * resources (e.g. `() => createStack(config)`); anything the mocks rejected fails the run, with the
 * rejections' messages, as `pulumi up` would.
 */
export async function runWithMocks<T>(
  program: () => T,
  options: AwsMocksOptions & { readonly stack?: string } = {},
): Promise<StackRun<Awaited<T>>> {
  const mocks = new AwsMocks(options);
  await pulumi.runtime.setMocks(mocks, PROJECT_NAME, options.stack ?? "test", options.preview ?? false);
  const result = program();
  let outputs: unknown;
  let failure: unknown;
  try {
    outputs = options.preview ? await resolvePreview(result) : await resolveDeep(result);
    await settings.waitForRPCs();
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
  await settings.waitForRPCs();
  return value;
}
