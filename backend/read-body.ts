/** Reads a request body into memory, refusing bodies above a limit before buffering them whole. */
import type { IncomingMessage } from "node:http";

export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`the body must be at most ${limitBytes} bytes`);
    this.name = "BodyTooLargeError";
  }
}

export function readBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // A declared length over the limit is refused without reading a byte of it.
    const declaredLength = Number(request.headers["content-length"] ?? "0");
    if (declaredLength > limitBytes) {
      discardRest(request);
      reject(new BodyTooLargeError(limitBytes));
      return;
    }

    const chunks: Buffer[] = [];
    let receivedBytes = 0;
    const onData = (chunk: Buffer): void => {
      receivedBytes += chunk.length;
      if (receivedBytes > limitBytes) {
        // Chunked bodies have no declared length: stop buffering as soon as the limit is crossed.
        request.off("data", onData);
        request.off("end", onEnd);
        discardRest(request);
        reject(new BodyTooLargeError(limitBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => resolve(Buffer.concat(chunks));
    request.on("data", onData);
    request.on("end", onEnd);
    request.on("error", reject);
  });
}

/** Lets the rest of a refused body flow into the void, so the socket is not left half-read. */
function discardRest(request: IncomingMessage): void {
  request.on("error", () => undefined);
  request.resume();
}
