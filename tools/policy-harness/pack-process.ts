/**
 * Runs a policy pack the way the Pulumi CLI does: a child process running the pack's `index.ts` in the pack
 * directory (so `new PolicyPack` reads that directory's package.json version), which prints the port of its
 * analyzer gRPC server on stdout. TypeScript runs through tsx, in-process (no extra child to leak).
 */
import { ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import { pathToFileURL } from "node:url";

export interface PackProcess {
  readonly port: number;
  readonly pid: number;
  /** Everything the pack wrote to stderr so far. */
  stderr(): string;
  /** Ends the process and waits for it; safe to call more than once. */
  stop(): Promise<void>;
}

const EXIT_WITH_PARENT = path.join(__dirname, "exit-with-parent.cjs");
/** tsx's loader, resolved from here: a pack directory need not have tsx in its own node_modules. */
const TSX_LOADER = pathToFileURL(require.resolve("tsx")).href;
const STOP_GRACE_MS = 2_000;

/** Children still running, killed when this process exits however it exits. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) {
    return;
  }
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const child of running) {
      child.kill("SIGKILL");
    }
  });
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
    await waitForExit(child);
    clearTimeout(timer);
  }
  running.delete(child);
}

export async function startPackProcess(packDir: string, startupTimeoutMs: number): Promise<PackProcess> {
  installExitHook();
  const child = spawn(process.execPath, ["--require", EXIT_WITH_PARENT, "--import", TSX_LOADER, "index.ts"], {
    cwd: packDir,
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  running.add(child);
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));

  const port = await new Promise<number>((resolve, reject) => {
    let stdout = "";
    let settled = false;
    const fail = (reason: string) => {
      if (settled) {
        return;
      }
      settled = true;
      clearTimeout(timer);
      void stopChild(child).then(() =>
        reject(
          new Error(
            `Policy pack in ${packDir} did not start: ${reason}\n--- pack stderr ---\n${stderr.trim()}`,
          ),
        ),
      );
    };
    const timer = setTimeout(() => fail(`no port printed within ${startupTimeoutMs} ms`), startupTimeoutMs);
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      // The pack prints its port alone on a line, as the CLI expects.
      const portLine = stdout
        .split("\n")
        .find((line, index, lines) => index < lines.length - 1 && /^\d+$/.test(line.trim()));
      if (portLine && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve(Number(portLine.trim()));
      }
    });
    child.once("error", (error) => fail(error.message));
    child.once("exit", (code, signal) => fail(`process exited (code ${code}, signal ${signal})`));
  });

  return {
    port,
    pid: child.pid!,
    stderr: () => stderr,
    stop: () => stopChild(child),
  };
}
