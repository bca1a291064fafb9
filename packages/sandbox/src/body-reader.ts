/**
 * Reading a request body under a cap. A body over the cap is read to its end without being kept (so the
 * client gets its 413), unless it goes on far past the cap: then the connection is closed.
 */
import type { IncomingMessage } from "node:http";

/** Past this many times the cap, an oversized body is not even drained: the socket is closed. */
export const DRAIN_LIMIT_FACTOR = 16;

export type BodyResult =
  | { kind: "ok"; body: Buffer }
  | { kind: "too-large"; size: number }
  | { kind: "aborted" };

export function readBody(req: IncomingMessage, max: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const done = (result: BodyResult): void => {
      if (!settled) {
        settled = true;
        resolve(result);
      }
    };
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
      else if (size > max * DRAIN_LIMIT_FACTOR) {
        req.socket.destroy();
        done({ kind: "aborted" });
      }
    });
    req.on("end", () =>
      done(size > max ? { kind: "too-large", size } : { kind: "ok", body: Buffer.concat(chunks) }),
    );
    req.on("error", () => done({ kind: "aborted" }));
    req.on("close", () => done({ kind: "aborted" }));
  });
}
