/**
 * Reading a request body under two caps: its own (`max`: a body over it is read to its end without being
 * kept, so the client gets its 413, unless it goes on far past the cap, and then the connection is closed),
 * and the shared budget of all bodies held at once (a body that finds no room in it is refused: 503).
 */
import type { IncomingMessage } from "node:http";
import type { BodyBudget } from "./body-budget.js";

/** Past this many times the cap, an oversized body is not even drained: the socket is closed. */
export const DRAIN_LIMIT_FACTOR = 16;

export type BodyResult =
  /** `release` gives the body's bytes back to the budget once the request is answered. */
  | { kind: "ok"; body: Buffer; release: () => void }
  | { kind: "too-large"; size: number }
  /** The shared budget had no room; nothing of the body is held any more. */
  | { kind: "over-budget"; size: number }
  | { kind: "aborted" };

export function readBody(req: IncomingMessage, max: number, budget: BodyBudget): Promise<BodyResult> {
  return new Promise((resolve) => {
    let chunks: Buffer[] = [];
    let size = 0;
    let held = 0;
    let settled = false;
    const drop = (): void => {
      budget.give(held);
      held = 0;
      chunks = [];
    };
    const done = (result: BodyResult): void => {
      if (settled) return;
      settled = true;
      if (result.kind !== "ok") drop();
      resolve(result);
    };
    req.on("data", (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size <= max) {
        if (!budget.take(chunk.length, held)) {
          req.pause();
          done({ kind: "over-budget", size });
          return;
        }
        held += chunk.length;
        chunks.push(chunk);
      } else if (size > max * DRAIN_LIMIT_FACTOR) {
        req.socket.destroy();
        done({ kind: "aborted" });
      } else if (held > 0) {
        drop(); // over the cap: what was kept is no use any more
      }
    });
    req.on("end", () => {
      if (size > max) {
        done({ kind: "too-large", size });
        return;
      }
      const body = Buffer.concat(chunks);
      const bytes = held;
      let released = false;
      chunks = [];
      done({
        kind: "ok",
        body,
        release: () => {
          if (!released) budget.give(bytes);
          released = true;
        },
      });
    });
    req.on("error", () => done({ kind: "aborted" }));
    req.on("close", () => done({ kind: "aborted" }));
  });
}
