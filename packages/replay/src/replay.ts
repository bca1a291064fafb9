/**
 * The replay: an object with undici's public `dispatch(options, handler)`, which every client accepts as its
 * `dispatcher` option, answering from recordings instead of the network. No undici is needed, and nothing
 * leaves the process.
 *
 * A request is matched by its operation and its canonical form (canonical.ts). Among the recordings of the same
 * request, each is served once in the order they were recorded, and the last one again after that (a list read
 * before and after a write gets both of its answers, in order). A recording without a request (a contract
 * fixture that only has a response) answers any request of its operation, after the exact ones. A miss fails the
 * call with the client's NetworkError (code `REPLAY_MISS`), whose message names the closest recording and the
 * first difference; it is also kept in `misses`.
 */
import type { DispatchController, Dispatcher, DispatchHandler, DispatchOptions } from "@integrations/runtime";
import { type Canonical, canonicalRequest, distance, firstDifference } from "./canonical.js";
import { type LoadedExchange, loadSource, type ReplaySource } from "./load.js";
import { operationOf } from "./operations.js";

export interface ReplayOptions {
  /** Recording directories (`INTEGRATIONS_RECORD`'s layout) and vendors' fixture folders, searched in order. */
  from: ReplaySource | readonly ReplaySource[];
}

/** One request the replay answered. */
export interface ReplayCall {
  readonly vendor: string;
  readonly operation: string;
  /** The recording that answered: `<Operation>/<case>`. */
  readonly recording: string;
}

/** One request no recording matched. */
export interface ReplayMiss {
  readonly operation: string | undefined;
  readonly message: string;
}

export interface Replay {
  /** Pass it to a client as its `dispatcher` option. */
  readonly dispatcher: Dispatcher;
  /** The requests answered, in order. */
  readonly calls: readonly ReplayCall[];
  /** The requests nothing matched, in order. */
  readonly misses: readonly ReplayMiss[];
  /** How many exchanges were loaded. */
  readonly size: number;
}

/** The error a miss fails the transport with; the client turns it into its NetworkError (`code`: REPLAY_MISS). */
export class ReplayMissError extends Error {
  override readonly name = "ReplayMissError";
  readonly code = "REPLAY_MISS";
  constructor(
    message: string,
    /** The operation the request is, when it is one of ours. */
    readonly operation?: string | undefined,
  ) {
    super(message);
  }
}

class Controller implements DispatchController {
  aborted = false;
  abort(): void {
    this.aborted = true;
  }
}

export function createReplay(options: ReplayOptions): Replay {
  const sources: readonly ReplaySource[] =
    typeof options.from === "string" || !Array.isArray(options.from)
      ? [options.from as ReplaySource]
      : (options.from as readonly ReplaySource[]);
  const exchanges = sources.flatMap((source) => loadSource(source));
  const served = new Map<LoadedExchange, number>();
  const calls: ReplayCall[] = [];
  const misses: ReplayMiss[] = [];

  function pick(candidates: readonly LoadedExchange[]): LoadedExchange | undefined {
    return candidates.find((c) => !served.has(c)) ?? candidates.at(-1);
  }

  function answer(opts: DispatchOptions): LoadedExchange | ReplayMissError {
    const op = operationOf(opts.path, opts.headers);
    if (op === undefined) {
      return new ReplayMissError(
        `no operation of ours is ${opts.method} ${opts.path} (by its path and SOAPAction)`,
      );
    }
    const operation = op.descriptor.operationId;
    const name = `${op.vendor} ${operation}`;
    const body = typeof opts.body === "string" ? opts.body : "";
    const sent = canonicalRequest(op, body);
    const own = exchanges.filter((e) => e.vendor === op.vendor && e.operation === op.descriptor.operationId);
    const exact = own.filter(
      (e) => e.request !== undefined && firstDifference(e.request, sent) === undefined,
    );
    const chosen = pick(exact) ?? pick(own.filter((e) => e.request === undefined));
    if (chosen !== undefined) return chosen;
    if (own.length === 0) {
      return new ReplayMissError(`${name}: no recording of this operation was loaded`, operation);
    }
    const closest = own
      .map((e) => ({ e, d: distance(e.request as Canonical, sent) }))
      .sort((a, b) => a.d - b.d)[0]!.e;
    const diff = firstDifference(closest.request, sent);
    return new ReplayMissError(
      `${name}: no recording matches this request; the closest is ${closest.id} (${closest.dir})${
        diff ? `, first difference at ${diff.path}: recorded ${diff.recorded}, sent ${diff.sent}` : ""
      }`,
      operation,
    );
  }

  const dispatcher: Dispatcher = {
    dispatch(opts: DispatchOptions, handler: DispatchHandler): boolean {
      const controller = new Controller();
      handler.onRequestStart?.(controller, {});
      const result = answer(opts);
      // Answered on a later turn, as a network would: the caller's own code after dispatch runs first.
      setImmediate(() => {
        if (controller.aborted) return;
        if (result instanceof ReplayMissError) {
          misses.push({ operation: result.operation, message: result.message });
          handler.onResponseError?.(controller, result);
          return;
        }
        served.set(result, (served.get(result) ?? 0) + 1);
        calls.push({ vendor: result.vendor, operation: result.operation, recording: result.id });
        handler.onResponseStart?.(controller, result.status, {
          "content-type": result.contentType,
          "content-length": String(result.body.length),
        });
        if (controller.aborted) return;
        if (result.body.length > 0) handler.onResponseData?.(controller, result.body);
        if (controller.aborted) return;
        handler.onResponseEnd?.(controller, {});
      });
      return true;
    },
  };

  return { dispatcher, calls, misses, size: exchanges.length };
}
