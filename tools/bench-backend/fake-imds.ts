/**
 * IMDSv2 on loopback (tools/stand-ins/imds.ts answers), handing out credentials that live
 * `lifetimeMs`: seconds rather than EC2's hours, so that the app refreshes them, and runs out of them
 * while IMDS fails, within a phase of the bench. `failing` makes every answer a 500.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { imdsAnswer } from "../stand-ins/imds";

export interface FakeImds {
  readonly endpoint: string;
  failing: boolean;
  /** Credentials handed out so far. */
  readonly issued: number;
  close(): Promise<void>;
}

export async function startFakeImds(lifetimeMs: number): Promise<FakeImds> {
  let issued = 0;
  const state = { failing: false };
  const server = createServer((request, response) => {
    request.resume();
    if (state.failing) {
      response.writeHead(500).end();
      return;
    }
    const token = request.headers["x-aws-ec2-metadata-token"];
    const { status = 200, body } = imdsAnswer(
      {
        method: request.method ?? "GET",
        path: new URL(request.url ?? "/", "http://imds").pathname,
        token: typeof token === "string" ? token : undefined,
      },
      () => ({
        accessKeyId: `ASIABENCH${++issued}`,
        expiration: new Date(Date.now() + lifetimeMs).toISOString(),
      }),
    );
    response.writeHead(status).end(typeof body === "string" ? body : JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get failing() {
      return state.failing;
    },
    set failing(value: boolean) {
      state.failing = value;
    },
    get issued() {
      return issued;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
