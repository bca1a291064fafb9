/** The request log: one line per request (and per event), and the latest requests kept for the admin API. */
import { VENDOR_WIDTH, type Vendor } from "./vendors.js";

export interface RequestRecord {
  time: string;
  vendor: Vendor;
  method: string;
  path: string;
  operation: string | undefined;
  /** The code the sandbox answered with, a fault number, or what happened (`dropped`, `html-500`, …). */
  outcome: string;
  status: number | undefined;
  ms: number;
  faults: string;
}

/** How many requests the log keeps. */
export const HISTORY_LIMIT = 500;

export type LogLine = (line: string) => void;

/** `HH:MM:SS.mmm`, the time column of every log line. */
export function timestamp(): string {
  return new Date().toISOString().slice(11, 23);
}

export interface RequestLog {
  /** The latest requests, oldest first (at most HISTORY_LIMIT). */
  readonly history: readonly RequestRecord[];
  record(entry: RequestRecord): void;
  /** A line about something other than a request (`[sandbox] <time> <text>`). */
  event(text: string): void;
}

export function createRequestLog(log: LogLine): RequestLog {
  const history: RequestRecord[] = [];
  return {
    history,
    record(entry) {
      history.push(entry);
      if (history.length > HISTORY_LIMIT) history.splice(0, history.length - HISTORY_LIMIT);
      const op = entry.operation === undefined ? "" : ` ${entry.operation}`;
      const status = entry.status === undefined ? "no answer" : String(entry.status);
      const faults = entry.faults === "" ? "" : ` [faults: ${entry.faults}]`;
      log(
        `[sandbox] ${entry.time} ${entry.vendor.padEnd(VENDOR_WIDTH)} ${entry.method} ${entry.path.slice(0, 80)}${op} -> ${entry.outcome.slice(0, 120)} (${status}, ${entry.ms} ms)${faults}`,
      );
    },
    event(text) {
      log(`[sandbox] ${timestamp()} ${text}`);
    },
  };
}
