// `npm test`: the static checks (types and lint in one process, format) and vitest, started together rather
// than one after the other. Each static check is single-threaded and vitest's workers spend much of their
// time waiting on the policy pack's processes, so on two cores they overlap. vitest streams its output as it
// runs; each check's output is printed whole at the end (logs never interleave), then a summary. Exit code 1
// if any failed. `npm run typecheck`, `lint`, `format:check` and `vitest` still run one alone.
import { spawn } from "node:child_process";
import { join } from "node:path";
import "./compile-cache.mjs";

const ROOT = join(import.meta.dirname, "..");

const COMMANDS = [
  // tsc and ESLint over one shared TypeScript program (see the script).
  { name: "types+lint", command: "node tools/typecheck-lint.mjs", buffered: true },
  { name: "format:check", command: "prettier --check --cache .", buffered: true },
  { name: "vitest", command: "vitest run", buffered: false },
];

function run({ name, command, buffered }) {
  const started = Date.now();
  return new Promise((resolve) => {
    // `npm test` put node_modules/.bin first on PATH, so the names resolve as in package.json's scripts.
    const child = spawn(command, {
      cwd: ROOT,
      shell: true,
      stdio: buffered ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    let output = "";
    if (buffered) {
      child.stdout.on("data", (chunk) => (output += chunk));
      child.stderr.on("data", (chunk) => (output += chunk));
    }
    const done = (code) => resolve({ name, command, code, output, seconds: (Date.now() - started) / 1000 });
    child.on("error", (error) => done(`error ${error.message}`));
    child.on("close", (code, signal) => done(code ?? signal));
  });
}

const results = await Promise.all(COMMANDS.map(run));
for (const { command, output } of results) {
  if (output.trim()) console.log(`\n> ${command}\n${output.trimEnd()}`);
}
console.log("");
for (const { name, code, seconds } of results) {
  const status = code === 0 ? "ok    " : "FAILED";
  console.log(
    `${status} ${name.padEnd(12)} ${seconds.toFixed(1).padStart(5)} s${code === 0 ? "" : ` (${code})`}`,
  );
}
process.exitCode = results.every(({ code }) => code === 0) ? 0 : 1;
