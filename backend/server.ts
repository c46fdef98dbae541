/**
 * Entry point on the instances (bundled into one file by user-data.ts): reads the environment, wires the
 * DynamoDB store to the instance role's credentials and serves the app. Logs are JSON lines on stdout,
 * which systemd sends to the journal.
 */
import { createAppServer, describe, stopGracefully, type Logger } from "./app";
import { ConfigError, readServerConfig } from "./config";
import { APP_SHUTDOWN_DEADLINE_MS } from "@multi-region-api/model/contracts/backend";
import { DynamoDbUserStore } from "./dynamodb-store";
import { imdsCredentialProvider } from "./imds-credentials";

const log: Logger = (event, fields) =>
  console.log(JSON.stringify({ time: new Date().toISOString(), event, ...fields }));

function main(): void {
  const config = readServerConfig(process.env);
  const store = new DynamoDbUserStore({
    region: config.region,
    tableName: config.tableName,
    credentials: imdsCredentialProvider({
      fetch,
      onRefreshError: (error) =>
        log("credential refresh failed; serving the cached credentials", { error: describe(error) }),
    }),
    fetch,
  });
  const server = createAppServer({ region: config.region, store, log });
  server.listen(config.port, () => {
    const address = server.address();
    const port = typeof address === "object" && address !== null ? address.port : config.port;
    log("listening", { port, region: config.region, tableName: config.tableName });
  });
  // systemd stops the service with SIGTERM: finish the requests in flight, within the deadline, then exit.
  process.once("SIGTERM", () => {
    log("stopping", { deadlineMs: APP_SHUTDOWN_DEADLINE_MS });
    void stopGracefully(server, APP_SHUTDOWN_DEADLINE_MS).then(() => process.exit(0));
  });
}

try {
  main();
} catch (error) {
  const message = error instanceof ConfigError ? error.message : String(error);
  console.error(`users app cannot start: ${message}`);
  process.exit(1);
}
