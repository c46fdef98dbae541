/**
 * Entry point of `npm run deploy -- --stack <name> [--dry-run] [--no-rollback]`. Wires the Automation API
 * (the Pulumi CLI on the PATH), git, the real clock and AWS clients in each region.
 */
import { AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import * as path from "node:path";
import { systemClock } from "../ops-kit/clock";
import { createRoute53Client, Route53Api } from "../ops-kit/route53";
import { checkoutCommit, releasedCommit } from "./git";
import type { RegionClients } from "./orchestrator";
import { writeReleaseConfig } from "./release";
import { runDeployCli } from "./run-cli";
import { automationStacks } from "./stacks";

const projectDir = path.resolve(__dirname, "../..");

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const clients = new Map<string, RegionClients>();
  process.exitCode = await runDeployCli(process.argv.slice(2), {
    projectDir,
    print: (line) => console.log(line),
    printError: (line) => console.error(line),
    createDeps: () => ({
      stacks: automationStacks(projectDir),
      workDir: projectDir,
      commit: releasedCommit(projectDir),
      checkout: (commit) => checkoutCommit(projectDir, commit),
      releaseConfig: writeReleaseConfig,
      clientsFor: (region) => {
        const known = clients.get(region) ?? {
          autoScaling: new AutoScalingClient({ region }),
          cloudWatch: new CloudWatchClient({ region }),
        };
        clients.set(region, known);
        return known;
      },
      route53: new Route53Api(createRoute53Client()),
      clock: systemClock,
      print: (line) => console.log(line),
    }),
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
