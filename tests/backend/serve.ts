/** Runs the app on 127.0.0.1 with a random port for a test, and closes it afterwards. */
import type { AddressInfo } from "node:net";
import { createAppServer, type AppOptions } from "../../backend/app";

export interface RunningApp {
  readonly baseUrl: string;
  close(): Promise<void>;
}

export async function serve(options: AppOptions): Promise<RunningApp> {
  const server = createAppServer(options);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
