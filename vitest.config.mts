import { globSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

const INCLUDE = ["tests/**/*.test.ts", "policy-pack/**/*.test.ts"];
// tests/engine runs the real Pulumi CLI: `npm run test:engine` (vitest.engine.config.mts), not `npm test`.
const EXCLUDE = ["**/node_modules/**", "tests/engine/**"];

/** Every test file with its text, read once: the projects and the order below are decided by what files say. */
const TEST_FILES = globSync(INCLUDE, { exclude: EXCLUDE }).map((file) => ({
  file,
  text: readFileSync(file, "utf8"),
}));
const filesSaying = (words: string) =>
  TEST_FILES.filter(({ text }) => text.includes(words)).map(({ file }) => file);

/**
 * Test files that replace a module with `vi.mock` (e.g. count esbuild builds, or ship "a new app bundle").
 * A replaced module must not leak into other files, nor can a module another file already cached be
 * replaced, so these run with a fresh module graph each. Found by reading the files, so a new one cannot be
 * forgotten.
 */
const MODULE_MOCKING = filesSaying("vi.mock(");

type ProjectSettings = Omit<
  NonNullable<TestProjectInlineConfiguration["test"]>,
  "name" | "include" | "exclude"
>;

/**
 * The two projects every run uses (`npm test` here, `npm run mutation` in vitest.stryker.config.mts): files
 * that share their worker's modules, and the files that mock a module. `settings` apply to both;
 * `leaveOut` lists files that run in neither.
 */
export function testProjects(settings: ProjectSettings = {}, leaveOut: string[] = []) {
  const common = {
    // Files run in forks, one per core, not vitest's default of one fewer: many files spend seconds waiting
    // on a child process (a policy pack starting, the preview CLI), and on two cores the default is one.
    pool: "forks",
    maxWorkers: availableParallelism(),
    testTimeout: 60_000,
    hookTimeout: 60_000,
    ...settings,
  } as const;
  return [
    {
      test: {
        ...common,
        name: "shared-modules",
        include: INCLUDE,
        exclude: [...EXCLUDE, ...MODULE_MOCKING, ...leaveOut],
        // A worker keeps its module cache from file to file instead of importing @pulumi/pulumi, @pulumi/aws
        // and the policy SDK again for each of ~80 files (about a third of the suite's time). Safe because
        // every stack run starts from `setMocks` (a fresh runtime state) and the policy tests reset the
        // worker's shared pack to a fresh pack's state (`usePolicyPack`): no file relies on module state
        // another left behind.
        isolate: false,
      },
    },
    { test: { ...common, name: "isolated", include: MODULE_MOCKING } },
  ] satisfies TestProjectInlineConfiguration[];
}

/**
 * Files that start child processes (the preview CLI and its policy pack, git, node scripts). The preview
 * CLI's file is the longest of the suite (seven previews: about 25 s of vitest's 40 s), so it must
 * start first, not last: vitest orders files by the last run's durations, but a fresh clone has none and
 * falls back to file size, which put it mid-queue and made it the run's tail.
 */
const STARTS_PROCESSES = new Set(filesSaying("node:child_process"));

class ChildProcessesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) =>
      STARTS_PROCESSES.has(path.relative(import.meta.dirname, file.moduleId)) ? 0 : 1;
    // Array.prototype.sort is stable: within each rank, vitest's own order stands.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    // The components read the code they deploy from files built beforehand (tools/build-assets.mjs).
    globalSetup: ["tools/build-assets.mjs"],
    sequence: { sequencer: ChildProcessesFirst },
    projects: testProjects(),
  },
});
