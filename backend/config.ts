/**
 * The app's settings, from the environment the systemd unit sets (see user-data.ts). Read once at start;
 * a missing or bad value stops the process with a message naming the variable, so systemd's journal
 * says exactly what is wrong instead of the app failing later on its first request.
 */

export interface ServerConfig {
  readonly port: number;
  readonly region: string;
  readonly tableName: string;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

export const REQUIRED_ENVIRONMENT = ["PORT", "AWS_REGION", "TABLE_NAME"] as const;

export function readServerConfig(environment: Readonly<Record<string, string | undefined>>): ServerConfig {
  const missing = REQUIRED_ENVIRONMENT.filter((name) => (environment[name] ?? "").trim() === "");
  if (missing.length > 0) {
    throw new ConfigError(
      `missing environment variable${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}`,
    );
  }
  const portText = environment.PORT!.trim();
  const port = Number(portText);
  // 0 asks the OS for a free port: tests use it; production sets APP_PORT.
  if (!/^\d+$/.test(portText) || port > 65_535) {
    throw new ConfigError(`PORT must be an integer from 0 to 65535, got "${portText}"`);
  }
  return { port, region: environment.AWS_REGION!.trim(), tableName: environment.TABLE_NAME!.trim() };
}
