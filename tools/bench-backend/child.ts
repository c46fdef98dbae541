/** A Node child process that says on stdout when it is ready: started, awaited, and its exit awaited. */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";

// Ends the child when this process dies without stopping it (a crash, a kill): nothing is left listening.
const EXIT_WITH_PARENT = path.join(__dirname, "../policy-harness/exit-with-parent.cjs");

export interface Started {
  readonly child: ChildProcess;
  /** The first stdout line `ready` accepted. */
  readonly line: string;
}

const READY_WITHIN_MS = 20_000;

export function startChild(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  ready: (line: string) => boolean,
  onLine: (line: string) => void = () => undefined,
): Promise<Started> {
  const child = spawn(process.execPath, ["--require", EXIT_WITH_PARENT, ...args], {
    env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  return new Promise<Started>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${args.join(" ")} did not start within ${READY_WITHIN_MS} ms:\n${stderr}`));
    }, READY_WITHIN_MS);
    let pending = "";
    let started = false;
    // stdout is read to its end, not just to the ready line: a pipe nobody drains blocks the child's logging.
    child.stdout!.on("data", (chunk: Buffer) => {
      pending += chunk.toString("utf8");
      const lines = pending.split("\n");
      pending = lines.pop()!;
      for (const line of lines) {
        onLine(line);
        if (!started && ready(line)) {
          started = true;
          clearTimeout(timer);
          resolve({ child, line });
        }
      }
    });
    child.once("exit", (code, signal) => {
      if (started) return;
      clearTimeout(timer);
      reject(new Error(`${args.join(" ")} exited (${code ?? signal}) before it was ready:\n${stderr}`));
    });
  });
}

/** Kills with `signal` and waits until the process is gone (at once if it already is). */
export function killAndWait(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    // A stopped process cannot act on SIGTERM until it runs again.
    child.kill("SIGCONT");
    child.kill(signal);
  });
}
