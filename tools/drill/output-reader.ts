/**
 * Where the stack outputs come from: a JSON file (`--outputs FILE`, handy for dry runs and CI) or the
 * Pulumi CLI. Both return the validated outputs or throw an error that says what to fix.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { parseStackOutputs, StackOutputsError, type StackOutputs } from "./outputs";

export type OutputReader = () => Promise<StackOutputs>;

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new StackOutputsError(`${source} is not valid JSON: ${(error as Error).message}`);
  }
}

export function outputsFromFile(path: string): OutputReader {
  return async () => {
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      throw new StackOutputsError(`could not read stack outputs file ${path}: ${(error as Error).message}`);
    }
    try {
      return parseStackOutputs(parseJson(text, `stack outputs file ${path}`));
    } catch (error) {
      if (error instanceof StackOutputsError) {
        throw new StackOutputsError(`${path}:\n${error.message}`);
      }
      throw error;
    }
  };
}

/** Runs a program and returns its standard output; injectable so tests need no Pulumi CLI. */
export type RunProgram = (file: string, args: readonly string[]) => Promise<string>;

const execFileAsync = promisify(execFile);

export const runProgram: RunProgram = async (file, args) => {
  const { stdout } = await execFileAsync(file, [...args], { maxBuffer: 16 * 1024 * 1024 });
  return stdout;
};

export function outputsFromPulumi(stack: string, run: RunProgram = runProgram): OutputReader {
  return async () => {
    const args = ["stack", "output", "--json", "--stack", stack];
    let stdout: string;
    try {
      stdout = await run("pulumi", args);
    } catch (error) {
      throw new StackOutputsError(
        `could not run \`pulumi ${args.join(" ")}\`: ${(error as Error).message.trim()}\n` +
          "Log in with the Pulumi CLI, or pass --outputs FILE with the saved output of that command.",
      );
    }
    return parseStackOutputs(parseJson(stdout, `\`pulumi ${args.join(" ")}\` output`));
  };
}
