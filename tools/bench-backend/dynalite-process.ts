/**
 * dynalite as a process of its own (its CLI, via dynalite-server.ts), on a LevelDB directory (`--path`), so that the faults are
 * the ones a real store has: SIGSTOP freezes it with its sockets open (a stalled replica), SIGKILL ends it
 * with nothing flushed by it, and a restart on the same port and directory reopens what it had written.
 */
import type { ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { killAndWait, startChild } from "./child";

export interface DynaliteProcess {
  readonly endpoint: string;
  pause(): void;
  resume(): void;
  kill(): Promise<void>;
  /** Starts it again (killing it first if it runs) on the same port and directory; resolves once it listens. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A port free now on loopback: dynalite's CLI takes `--port 0` as its default, 4567, so it cannot pick one. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startDynalite(dataPath: string): Promise<DynaliteProcess> {
  const port = await freePort();
  const args = [
    "--import",
    "tsx",
    require.resolve("./dynalite-server.ts"),
    ...["--host", "127.0.0.1", "--port", String(port), "--path", dataPath, "--createTableMs", "0"],
  ];
  const launch = async () =>
    (await startChild(args, process.env, (line) => line.startsWith("Dynalite listening"))).child;
  let child: ChildProcess = await launch();
  return {
    endpoint: `http://127.0.0.1:${port}/`,
    pause: () => child.kill("SIGSTOP"),
    resume: () => child.kill("SIGCONT"),
    kill: () => killAndWait(child, "SIGKILL"),
    restart: async () => {
      await killAndWait(child, "SIGKILL");
      child = await launch();
    },
    stop: () => killAndWait(child, "SIGTERM"),
  };
}
