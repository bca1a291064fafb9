/**
 * Secret redaction. Dependency-free, and exported on its own as `@integrations/runtime/redact` so that tools
 * (the CLI's output guard) can use it without loading the transport.
 * Every client registers its secrets (passwords, company security codes, CheckKeys,
 * session IDs) and passes any vendor-supplied text through the redactor before it reaches an error or a log.
 */
export const REDACTED = "[REDACTED]";

export interface Redactor {
  (text: string): string;
  /** Register a secret learned at run time (e.g. a new sessionID). Empty strings are ignored. */
  add(secret: string | undefined): void;
}

/**
 * Every non-empty secret is redacted, however short: a 3-character company code that leaks is still a leak.
 * The price, a mangled message for an absurdly short secret, is the right side to err on.
 */
const MIN_SECRET_LENGTH = 1;

export function createRedactor(secrets: Iterable<string | undefined> = []): Redactor {
  // Longest first, so that a secret containing another one is replaced whole.
  let known: string[] = [];
  const redact = ((text: string): string => {
    let out = text;
    for (const secret of known) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return out;
  }) as Redactor;
  redact.add = (secret) => {
    if (!secret || secret.length < MIN_SECRET_LENGTH) return;
    // Also the form a secret takes inside JSON text (a quote or backslash in it gets escaped), so that output
    // scrubbed after serialisation is covered too.
    const forms = [secret, JSON.stringify(secret).slice(1, -1)].filter((f) => !known.includes(f));
    if (forms.length === 0) return;
    known = [...new Set([...known, ...forms])].sort((a, b) => b.length - a.length);
  };
  for (const s of secrets) redact.add(s);
  return redact;
}

/**
 * Redacts an error in place: its message, its stack (which repeats the message), every own string property
 * (vendor texts, content types, codes) and the same for its `cause` chain. Clients run every error they throw
 * through this, so a secret echoed anywhere in a response cannot reach `String(error)`, `JSON.stringify(error)`
 * or `util.inspect(error)`.
 */
export function scrubError(error: unknown, redact: (text: string) => string, depth = 0): void {
  if (!(error instanceof Error) || depth > 4) return;
  const target = error as unknown as Record<string, unknown>;
  for (const key of ["message", "stack", ...Object.keys(error)]) {
    const value = target[key];
    if (typeof value === "string") {
      const clean = redact(value);
      if (clean !== value)
        Object.defineProperty(error, key, { value: clean, writable: true, configurable: true });
    }
  }
  scrubError(error.cause, redact, depth + 1);
}
