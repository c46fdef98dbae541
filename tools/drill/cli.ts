/**
 * Entry point of `npm run drill -- --stack <name> [--outputs FILE] [--dry-run] [--timeout S] [--poll S]
 * [--record FILE.json] [--timeline FILE.svg]` and of `npm run drill -- --from-record FILE.json [--timeline FILE.svg]`.
 * Wires the real clock, DNS, HTTPS and Route 53 client, and turns SIGINT/SIGTERM into an abort so the
 * drill restores the health check before the process ends.
 */
import { createNodeResolver } from "./authoritative-dns";
import { systemClock } from "../ops-kit/clock";
import { resolveWithSystemDns } from "./dns-answer";
import { createCloudWatchClient } from "./health-metric";
import { httpsProbe } from "./http-probe";
import { runProgram } from "./output-reader";
import { createRoute53Client } from "../ops-kit/route53";
import { runCli } from "./run-cli";

async function main(): Promise<void> {
  // The AWS SDK prints a Node-version notice when a client is built, i.e. between the drill's own lines;
  // the project's Node requirement is stated in the README instead (docs/aws-facts.md, AWS SDK notice).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const abort = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (abort.signal.aborted) {
      console.error(`${signal} again: still restoring the health check, please wait.`);
      return;
    }
    console.error(`${signal}: stopping the drill and restoring the health check before exiting...`);
    abort.abort(new Error(`interrupted by ${signal}`));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  process.exitCode = await runCli(process.argv.slice(2), {
    print: (line) => console.log(line),
    printError: (line) => console.error(line),
    createRoute53Client,
    createCloudWatchClient,
    createResolver: createNodeResolver,
    runProgram,
    resolveAddresses: resolveWithSystemDns,
    probe: httpsProbe,
    clock: systemClock,
    signal: abort.signal,
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
