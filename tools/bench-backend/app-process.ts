/**
 * The built server as on an instance (the environment user-data.ts gives it: PORT, AWS_REGION,
 * TABLE_NAME), in a process of its own, its AWS endpoints redirected to loopback. Its JSON log lines are
 * counted by event, so the report can say what the app itself logged under each fault.
 */
import { killAndWait, startChild } from "./child";
import { TARGETS_ENVIRONMENT, type LoopbackTargets } from "./redirect";

const BUNDLE = require.resolve("../../components/assets/users-api.js");

export interface AppProcess {
  readonly baseUrl: string;
  /** How many log lines of each event the app has written. */
  readonly logEvents: Readonly<Record<string, number>>;
  stop(): Promise<void>;
}

export async function startApp(targets: LoopbackTargets, tableName: string): Promise<AppProcess> {
  const logEvents: Record<string, number> = {};
  const countEvent = (line: string) => {
    try {
      const { event } = JSON.parse(line) as { event?: unknown };
      if (typeof event === "string") logEvents[event] = (logEvents[event] ?? 0) + 1;
    } catch {
      // Not a log line of the app's (nothing else writes to its stdout).
    }
  };
  const { child, line } = await startChild(
    ["--import", "tsx", "--import", require.resolve("./loopback-preload.ts"), BUNDLE],
    {
      ...process.env,
      PORT: "0",
      AWS_REGION: targets.region,
      TABLE_NAME: tableName,
      [TARGETS_ENVIRONMENT]: JSON.stringify(targets),
    },
    (text) => text.includes('"event":"listening"'),
    countEvent,
  );
  const { port } = JSON.parse(line) as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    logEvents,
    stop: () => killAndWait(child, "SIGTERM"),
  };
}
