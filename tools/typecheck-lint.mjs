// `npm test`'s type check and lint in one process, over one TypeScript program: `tsc --noEmit -p .` and
// `eslint .` each build the same program from tsconfig.json (4,500 files with the AWS provider's types) and
// type-check it, tsc for its errors and ESLint for its type-aware rules. Built once here and handed to
// ESLint (typescript-eslint's `parserOptions.programs`), the two cost about a third less CPU than apart,
// which on two cores is time that vitest gets. Same findings as `npm run typecheck` and `npm run lint`, which
// still run each alone. Exit code 1 if either finds a problem.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { ESLint } from "eslint";
import { treeKey } from "./tree-key.mjs";

const ROOT = join(import.meta.dirname, "..");

/** tsc's own reading of tsconfig.json: the same files, options and config errors. */
function createProgram() {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
      },
    },
  );
  const program = ts.createProgram({
    rootNames: parsed.fileNames,
    options: parsed.options,
    configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed),
    // typescript-eslint walks the AST from each node to its parent.
    host: ts.createCompilerHost(parsed.options, true),
  });
  return program;
}

function typecheck(program) {
  const diagnostics = ts.getPreEmitDiagnostics(program);
  if (diagnostics.length === 0) return "";
  return ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (name) => name,
    getCurrentDirectory: () => ROOT,
    getNewLine: () => "\n",
  });
}

async function lint(program) {
  const eslint = new ESLint({
    cwd: ROOT,
    // The config's type-aware block names tsconfig.json as its `project`; `programs` takes its place.
    overrideConfig: { files: ["**/*.ts"], languageOptions: { parserOptions: { programs: [program] } } },
  });
  const results = await eslint.lintFiles(["."]);
  const problems = results.reduce((sum, r) => sum + r.errorCount + r.warningCount, 0);
  if (problems === 0) return "";
  const formatter = await eslint.loadFormatter("stylish");
  return formatter.format(results);
}

/**
 * A marker per source tree that passed (./tree-key.mjs: every file git knows, the lock file among them, which
 * pins TypeScript, ESLint and the rules). A second `npm test` on an unchanged tree skips both checks; any
 * change to any file checks everything again, since a type error or a type-aware finding in one file can come
 * from a change in another.
 */
function passedMarker() {
  const key = treeKey(ROOT);
  return key && join(ROOT, "node_modules", ".cache", "typecheck-lint", key);
}

const marker = passedMarker();
if (marker && existsSync(marker)) {
  console.log("unchanged since the last passing run: type check and lint skipped");
} else {
  const program = createProgram();
  const typeErrors = typecheck(program);
  const lintProblems = await lint(program);
  if (typeErrors) console.log(`> tsc --noEmit -p .\n${typeErrors}`);
  if (lintProblems) console.log(`> eslint .\n${lintProblems}`);
  if (typeErrors || lintProblems) {
    process.exitCode = 1;
  } else if (marker) {
    mkdirSync(join(marker, ".."), { recursive: true });
    writeFileSync(marker, "");
  }
}
