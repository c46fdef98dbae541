// Runs one program file under the strict mocks in a process of its own, where Node resolves its imports as
// it would for any program (vitest resolves modules its own way), and prints what it registered as JSON.
// Usage: node --import tsx tests/packaging/run-example.ts PROGRAM.ts
import { runStackProgram } from "../../tools/stack-runner";

async function main(file: string): Promise<void> {
  const run = await runStackProgram(async () => ({ ...((await import(file)) as Record<string, unknown>) }), {
    stack: "example",
  });
  const registrations = run.registrations.map((r) => ({
    urn: r.urn,
    provider: r.providerRef,
    parent: r.parent,
    inputs: r.inputs,
    dependencies: r.dependencies,
    options: r.options,
  }));
  process.stdout.write(
    JSON.stringify({
      registrations,
      outputs: run.outputs,
      rejections: run.rejections.map((rejection) => rejection.message),
      failure: run.failure === undefined ? undefined : String(run.failure),
      loadedFrom: require.resolve("@multi-region-api/components", { paths: [file] }),
    }),
  );
}

void main(process.argv[2]!);
