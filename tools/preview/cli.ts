/**
 * `npm run preview -- [--stack prod] [--policy-pack-config FILE] [--json | --diagram] [--output FILE]`: the
 * offline preview.
 * See `--help` and tools/preview/preview.ts; this file only parses, prints and exits.
 */
import { parsePreviewArgs, USAGE, UsageError } from "./args";

async function main(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parsePreviewArgs(argv, process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`error: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // Imported only now: the program and the SDKs take over a second to load, which `--help` and bad usage
  // need not wait for. The policy pack, a process of its own that takes as long to boot, starts first so
  // that both load side by side; a config error found later ends it with this process.
  const { startPolicyPack } = await import("../policy-harness/index.js");
  const pack = startPolicyPack();
  pack.catch(() => undefined);
  const [{ runPreview }, { writeReport }] = await Promise.all([
    import("./preview.js"),
    import("./write-report.js"),
  ]);
  // --json and --diagram promise one document on stdout: anything a library logs goes to stderr instead.
  const stdoutLog = console.log;
  if (args.json || args.diagram) {
    console.log = console.error;
  }
  const report = await runPreview({ ...args, pack });
  console.log = stdoutLog;

  writeReport(report, args);
  return report.exitCode;
}

/** Exits once stdout is flushed: `process.exit` right after a large write to a pipe would cut it short. */
function exitAfterFlush(code: number): void {
  process.stdout.write("", () => process.exit(code));
}

main(process.argv.slice(2)).then(exitAfterFlush, (error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  exitAfterFlush(1);
});
