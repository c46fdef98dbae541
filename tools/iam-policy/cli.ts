/**
 * `npm run iam-policy -- [--stack prod] [--project-dir DIR]`: prints the IAM policy document that deploying
 * the stack needs (`pulumi up`, `refresh`, `destroy`), from the resource types and lookups the program
 * registers for it under the strict mocks. Exit 0 printed, 1 a type has no known actions, 2 bad usage.
 */
import * as path from "node:path";
import { parseArgs } from "node:util";
import { readProjectConfig } from "../preview/project-config";
import { loadConfigFor, runProgram } from "../preview/run-program";
import { deployPolicy } from "./policy";

const USAGE = `Usage: npm run iam-policy -- [--stack NAME] [--project-dir DIR]

Prints a least-privilege IAM policy (JSON) for deploying the stack: the actions of every resource type and
lookup the program registers for Pulumi.NAME.yaml (default: prod), limited to the stack's regions.`;

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        stack: { type: "string", default: "prod" },
        "project-dir": { type: "string", default: path.resolve(__dirname, "../..") },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const project = readProjectConfig(path.resolve(values["project-dir"]), values.stack);
  const config = loadConfigFor(project);
  const run = await runProgram(project, config, { preview: false });
  if (run.rejections.length > 0 || run.failure !== undefined) {
    process.stderr.write(
      `error: the program did not run: ${String(run.rejections[0]?.message ?? run.failure)}\n`,
    );
    return 1;
  }
  const policy = deployPolicy(
    { types: [...new Set(run.registrations.map((r) => r.type))], invokes: [...new Set(run.mocks.invokes)] },
    config.regions.map((region) => region.name),
  );
  process.stdout.write(`${JSON.stringify(policy, null, 2)}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.stdout.write("", () => process.exit(code)),
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
