// Stryker's vitest runner (9.6.1) picks the tests of a mutant by a name pattern it builds from each test's
// suite and test names joined with spaces. vitest 5 matches that pattern against the names joined with
// " > " (task-utils.js, `interpretTaskModes` on `fullTestName`), so for a test inside a `describe` the
// pattern matched nothing, no test ran, and every covered mutant was reported Survived
// (stryker-mutator/stryker-js#6210, open). This test runner is Stryker's own, with one change: after the
// initial run it learns vitest's full name of every test, and gives the runner those names to filter on.
// Remove it once the vitest runner matches vitest 5's names itself.
//
// A second change: a mutant that makes a test file fail as a whole (its import throws, or a beforeAll hook
// fails) leaves that file with no test results, and the vitest runner counts only tests, so it reported
// Survived after 0 tests, though vitest itself fails the run. A zod schema built at import time with a
// mutated discriminator does that (config/schema.ts). Such a run is reported Killed here, as `npm test`
// would report it failed.
import { commonTokens, declareFactoryPlugin, PluginKind, tokens } from "@stryker-mutator/api/plugin";
import { MutantRunStatus } from "@stryker-mutator/api/test-runner";
import { strykerPlugins as vitestRunnerPlugins } from "@stryker-mutator/vitest-runner";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const [vitestRunner] = vitestRunnerPlugins;

/** Every test of a vitest task tree. */
function testsOf(task) {
  return task.type === "test" ? [task] : (task.tasks ?? []).flatMap(testsOf);
}

/** The ID Stryker gives a test: its file, relative to the sandbox, `#`, its names joined with spaces. */
function strykerIdOf(test) {
  const names = [test.name];
  for (let suite = test.suite; suite; suite = suite.suite) names.unshift(suite.name);
  const file = path.relative(process.cwd(), test.file.filepath).replace(/\\/g, "/");
  return `${file}#${names.join(" ").trim()}`;
}

/**
 * The mutant run's result, Killed instead of Survived when a test file failed as a whole: `files` are
 * vitest's file tasks of the run. Exported for its test.
 */
export function withFileFailures(result, files) {
  if (result.status !== MutantRunStatus.Survived) return result;
  const failed = files.filter((file) => file.result?.state === "fail");
  if (failed.length === 0) return result;
  const errors = failed.flatMap((file) => (file.result.errors ?? []).map((error) => error.message));
  return {
    status: MutantRunStatus.Killed,
    failureMessage: `test file failed as a whole: ${failed.map((file) => file.name).join(", ")}${errors.length > 0 ? `: ${errors[0]}` : ""}`,
    killedBy: [],
    nrOfTests: result.nrOfTests,
  };
}

/**
 * Where the runner that made the initial run leaves the names for the others: Stryker starts one runner
 * process per `concurrency` (and restarts them), all in the same sandbox, and only one makes that run.
 */
const NAMES_FILE = "stryker-vitest-names.json";

function createVitestNamesRunner(injector) {
  const runner = injector.injectFunction(vitestRunner.factory);
  /** Stryker's test ID → the same file `#` vitest's full name of the test. */
  let vitestIds = new Map();

  const dryRun = runner.dryRun.bind(runner);
  runner.dryRun = async (options) => {
    const result = await dryRun(options);
    for (const file of runner.ctx.state.getFiles()) {
      for (const test of testsOf(file)) {
        const id = strykerIdOf(test);
        if (test.fullTestName) vitestIds.set(id, `${id.slice(0, id.indexOf("#"))}#${test.fullTestName}`);
      }
    }
    writeFileSync(NAMES_FILE, JSON.stringify([...vitestIds]));
    return result;
  };

  const mutantRun = runner.mutantRun.bind(runner);
  runner.mutantRun = async (options) => {
    if (vitestIds.size === 0) vitestIds = new Map(JSON.parse(readFileSync(NAMES_FILE, "utf8")));
    const result = await mutantRun({
      ...options,
      testFilter: options.testFilter?.map((id) => vitestIds.get(id) ?? id),
    });
    return withFileFailures(result, runner.ctx.state.getFiles());
  };
  return runner;
}
createVitestNamesRunner.inject = tokens(commonTokens.injector);

export const strykerPlugins = [
  declareFactoryPlugin(PluginKind.TestRunner, "vitest-names", createVitestNamesRunner),
];
