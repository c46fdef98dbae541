/**
 * The drill's command line with every outside dependency injected (Route 53 client, Pulumi, DNS, HTTP,
 * clock, signals), so tests run the real command path without a network. `cli.ts` supplies the real ones.
 */
import { writeFileSync } from "node:fs";
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { Route53Client } from "@aws-sdk/client-route-53";
import { AuthoritativeDns, type CreateResolver } from "./authoritative-dns";
import { HELP, parseDrillArgs, UsageError } from "./args";
import type { Clock } from "../ops-kit/clock";
import { recogniserFor, type ResolveAddresses } from "./dns-answer";
import { runDrill } from "./drill";
import { HealthCheckStatusMetric } from "./health-metric";
import type { HttpProbe } from "./http-probe";
import { outputsFromFile, outputsFromPulumi, type RunProgram } from "./output-reader";
import { StackOutputsError } from "./outputs";
import { formatPlan } from "./plan";
import { DrillRecordError, readRecord, recordOf, writeRecord, type DrillRecord } from "./record";
import { exitCodeFor, formatReport } from "./report";
import { Route53Api } from "../ops-kit/route53";
import { timelineSvg } from "./timeline-svg";

export interface CliDeps {
  print: (line: string) => void;
  printError: (line: string) => void;
  /** Called only for a real drill: a dry run never creates an AWS client. */
  createRoute53Client: () => Route53Client;
  /** CloudWatch in us-east-1, for the HealthCheckStatus metric; only for a real drill. */
  createCloudWatchClient: () => CloudWatchClient;
  /** A resolver that asks only the given servers (the zone's name servers). */
  createResolver: CreateResolver;
  runProgram?: RunProgram;
  resolveAddresses: ResolveAddresses;
  probe: HttpProbe;
  clock: Clock;
  signal?: AbortSignal;
}

/** The outputs could not be read (exit 1, like a failed drill); bad usage exits 2, as for the preview. */
export const EXIT_BAD_INPUT = 1;
export const EXIT_USAGE = 2;

export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  try {
    const args = parseDrillArgs(argv);
    if (args.help) {
      deps.print(HELP);
      return 0;
    }
    if (args.fromRecordFile !== undefined) {
      const record = readRecord(args.fromRecordFile);
      for (const line of formatReport(record.report, record.failoverTime, record.pollSeconds))
        deps.print(line);
      return writeRunFiles(record, { timelineFile: args.timelineFile }, deps) ? 0 : EXIT_BAD_INPUT;
    }
    const readOutputs = args.outputsFile
      ? outputsFromFile(args.outputsFile)
      : outputsFromPulumi(args.stack, deps.runProgram);
    const outputs = await readOutputs();
    const options = { timeoutSeconds: args.timeoutSeconds, pollSeconds: args.pollSeconds };

    if (args.dryRun) {
      for (const line of formatPlan(args.stack, outputs, options)) deps.print(line);
      return 0;
    }

    const client = deps.createRoute53Client();
    const cloudWatch = deps.createCloudWatchClient();
    try {
      const route53 = new Route53Api(client, deps.signal);
      const dns = await AuthoritativeDns.forNameServers(
        await route53.getNameServers(outputs.hostedZoneId),
        deps.resolveAddresses,
        deps.createResolver,
      );
      const targets = new Map(
        outputs.failoverOrder.map((region) => [region, outputs.regions[region]?.regionalDomainName ?? ""]),
      );
      const report = await runDrill(outputs, options, {
        route53,
        dns,
        metric: new HealthCheckStatusMetric(cloudWatch, deps.signal),
        recogniser: recogniserFor(outputs.recordType, targets, deps.resolveAddresses),
        probe: deps.probe,
        clock: deps.clock,
        print: deps.print,
        signal: deps.signal,
      });
      for (const line of formatReport(report, outputs.failoverTime, args.pollSeconds)) deps.print(line);
      const written = writeRunFiles(recordOf(args.stack, outputs, options, report), args, deps);
      return written ? exitCodeFor(report) : worstOf(exitCodeFor(report), EXIT_BAD_INPUT);
    } finally {
      client.destroy();
      cloudWatch.destroy();
    }
  } catch (error) {
    if (error instanceof UsageError) {
      deps.printError(`drill: ${error.message}`);
      return EXIT_USAGE;
    }
    if (error instanceof StackOutputsError || error instanceof DrillRecordError) {
      deps.printError(`drill: ${error.message}`);
      return EXIT_BAD_INPUT;
    }
    throw error;
  }
}

/** A restore failure (4) or an interruption (130) must not be hidden by a file that could not be written. */
function worstOf(drillCode: number, writeCode: number): number {
  return drillCode === 0 ? writeCode : drillCode;
}

/**
 * Writes the recording and the timeline picture asked for; false when one could not be written (said on
 * stderr). After the report, so a full disk never hides how the drill went or whether the check was restored.
 */
function writeRunFiles(
  record: DrillRecord,
  files: { recordFile?: string; timelineFile?: string },
  deps: Pick<CliDeps, "print" | "printError">,
): boolean {
  const writes: [string | undefined, string, () => void][] = [
    [files.recordFile, "recording", () => writeRecord(files.recordFile!, record)],
    [files.timelineFile, "timeline", () => writeFileSync(files.timelineFile!, timelineSvg(record))],
  ];
  let ok = true;
  for (const [file, what, write] of writes) {
    if (file === undefined) continue;
    try {
      write();
      deps.print(`Wrote the ${what} to ${file}.`);
    } catch (error) {
      deps.printError(`drill: could not write the ${what} to ${file}: ${(error as Error).message}`);
      ok = false;
    }
  }
  return ok;
}
