/**
 * Recording exchanges in the project's own fixture layout, so a recording is checked, replayed and turned into a
 * fixture with the tools that read fixtures:
 *
 *   <dir>/<vendor>/<Operation>/<case>/request.(json|xml)  response.(json|xml|txt)  meta.json
 *
 * `<case>` is `<UTC time>-<pid>-<sequence>-<outcome>`: unique across processes recording into one directory, and
 * sorted in the order they were recorded. A recorder only ever gets an exchange the caller has already scrubbed
 * (scrub.ts), so a recorder of one's own cannot see a secret either.
 *
 * Files are written synchronously, once the attempt's outcome is known: a CLI that exits right after its call
 * still leaves its recording, and a crash never leaves half an exchange, because each one is written into a
 * hidden folder that is renamed into place when complete. Recording is a test and diagnosis tool; its cost (a
 * few small files per call) is paid only when it is turned on.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ErrorKind } from "../errors.js";
import type { WireText } from "./scrub.js";

export type RecordedOutcome =
  | { readonly kind: "success" }
  | { readonly kind: "error"; readonly errorKind: ErrorKind; readonly code?: string | number | undefined };

/** One attempt, scrubbed. */
export interface RecordedExchange {
  /** The vendor's registry id (`moka`, `easysecure`, `eduix`). */
  readonly vendor: string;
  /** The contract's operation id, the fixture folder name (`GetCardList`, `syncMOCA`, `getKey`). */
  readonly operation: string;
  /** The client package and its version (`@integrations/moka-client@1.2.0`), where known. */
  readonly client?: string | undefined;
  /** The endpoint, scrubbed. */
  readonly url: string;
  readonly method: string;
  readonly soapAction?: string | undefined;
  readonly attempt: number;
  readonly request: WireText;
  /** Absent when no answer came back (network, timeout, abort). */
  readonly response?:
    | {
        readonly status: number;
        readonly contentType: string;
        /** `txt`: neither JSON nor XML (an HTML error page), kept as text. */
        readonly body: { readonly format: "json" | "xml" | "txt"; readonly text: string } | undefined;
      }
    | undefined;
  readonly outcome: RecordedOutcome;
  /** The secret paths a value was found at and replaced. */
  readonly scrubbed: readonly string[];
}

export interface Recorder {
  /**
   * Writes one exchange. It may throw: the client reports that through its logger (or a process warning when it
   * has none) and the call's outcome is unchanged.
   */
  record(exchange: RecordedExchange): void;
}

export interface RecorderOptions {
  /** The recording directory; created when missing. */
  dir: string;
  /** A label for where the recording was made (`sandbox`, `moka-test`). Default: the endpoint's host. */
  environment?: string | undefined;
  /** Told when an exchange could not be written. Default: `record` throws, and the client reports it. */
  onError?: ((error: unknown) => void) | undefined;
  /**
   * The client that made the calls, for `meta.json`. Default: the exchange's own (the client package and its
   * version), else `@integrations/<vendor>-client`.
   */
  client?: string | undefined;
}

/** The environment variables that turn recording on for every client created after they are set. */
export const RECORD_DIR_ENV = "INTEGRATIONS_RECORD";
export const RECORD_ENVIRONMENT_ENV = "INTEGRATIONS_RECORD_ENV";

const SAFE_NAME = /[^A-Za-z0-9._-]+/g;

/**
 * One sequence for the whole process: every client makes its own recorder from `INTEGRATIONS_RECORD`, and two of
 * them recording in the same millisecond must still get distinct cases.
 */
let sequence = 0;

/** A name that stays one folder inside the recording directory. */
function folderName(name: string): string {
  const safe = name.replace(SAFE_NAME, "_");
  return /^\.*$/.test(safe) ? `_${safe}` : safe;
}

function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(".", "");
}

function outcomeSlug(outcome: RecordedOutcome): string {
  if (outcome.kind === "success") return "success";
  // A vendor's result code reads `error-<code>`; our own kinds read as themselves (`network-ECONNREFUSED`).
  const vendorCode = outcome.errorKind === "service" || outcome.errorKind === "soap-fault";
  const tail =
    outcome.code === undefined
      ? outcome.errorKind
      : vendorCode
        ? `error-${outcome.code}`
        : `${outcome.errorKind}-${outcome.code}`;
  return tail.replace(SAFE_NAME, "_").slice(0, 60);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "unknown";
  }
}

export function createRecorder(options: RecorderOptions): Recorder {
  const { dir, environment } = options;
  const { onError } = options;
  return {
    record(exchange) {
      try {
        const now = new Date();
        sequence += 1;
        const name = `${timestamp(now)}-${process.pid}-${String(sequence).padStart(4, "0")}-${outcomeSlug(exchange.outcome)}`;
        const operationDir = join(dir, folderName(exchange.vendor), folderName(exchange.operation));
        const staging = join(operationDir, `.${name}.partial`);
        mkdirSync(staging, { recursive: true });
        try {
          writeFileSync(join(staging, `request.${exchange.request.format}`), exchange.request.text);
          const body = exchange.response?.body;
          if (body) writeFileSync(join(staging, `response.${body.format}`), body.text);
          writeFileSync(
            join(staging, "meta.json"),
            `${JSON.stringify(metaOf(exchange, now, environment, options.client), null, 2)}\n`,
          );
          renameSync(staging, join(operationDir, name));
        } catch (error) {
          rmSync(staging, { recursive: true, force: true });
          throw error;
        }
      } catch (error) {
        if (onError === undefined) throw error;
        onError(error);
      }
    },
  };
}

function metaOf(
  exchange: RecordedExchange,
  at: Date,
  environment: string | undefined,
  client: string | undefined,
) {
  const { outcome, response } = exchange;
  return {
    source: "recording",
    description: `${exchange.operation} recorded against ${environment ?? hostOf(exchange.url)} at ${exchange.url}`,
    recorded: {
      at: at.toISOString(),
      environment: environment ?? hostOf(exchange.url),
      endpoint: exchange.url,
      client: client ?? exchange.client ?? `@integrations/${exchange.vendor}-client`,
      attempt: exchange.attempt,
      http: {
        method: exchange.method,
        ...(response ? { status: response.status, contentType: response.contentType } : {}),
        ...(exchange.soapAction !== undefined ? { soapAction: exchange.soapAction } : {}),
      },
    },
    scrubbed: exchange.scrubbed,
    expect: {
      outcome:
        outcome.kind === "success"
          ? { kind: "success" }
          : {
              kind: "error",
              ...(outcome.code !== undefined ? { code: outcome.code } : {}),
              errorKind: outcome.errorKind,
            },
    },
  };
}

/** The recorder `INTEGRATIONS_RECORD` asks for, or undefined when it is not set. */
export function recorderFromEnvironment(env: NodeJS.ProcessEnv = process.env): Recorder | undefined {
  const dir = env[RECORD_DIR_ENV];
  if (dir === undefined || dir === "") return undefined;
  const environment = env[RECORD_ENVIRONMENT_ENV];
  return createRecorder({ dir, environment: environment === "" ? undefined : environment });
}

/** Whether `value` can be used as a recorder. */
export function isRecorder(value: unknown): value is Recorder {
  return typeof value === "object" && value !== null && typeof (value as Recorder).record === "function";
}
