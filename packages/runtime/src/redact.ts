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
    if (!secret || secret.length < MIN_SECRET_LENGTH || known.includes(secret)) return;
    known = [...known, secret].sort((a, b) => b.length - a.length);
  };
  for (const s of secrets) redact.add(s);
  return redact;
}
