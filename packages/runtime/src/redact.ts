/**
 * Secret redaction. Every client registers its secrets (passwords, company security codes, CheckKeys,
 * session IDs) and passes any vendor-supplied text through the redactor before it reaches an error or a log.
 */
export const REDACTED = "[REDACTED]";

export interface Redactor {
  (text: string): string;
  /** Register a secret learned at run time (e.g. a new sessionID). Empty and very short strings are ignored. */
  add(secret: string | undefined): void;
}

/** Secrets shorter than this are not redacted: replacing every "1" in a message would destroy it. */
const MIN_SECRET_LENGTH = 4;

export function createRedactor(secrets: ReadonlyArray<string | undefined> = []): Redactor {
  const known = new Set<string>();
  const redact = ((text: string): string => {
    let out = text;
    for (const secret of known) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return out;
  }) as Redactor;
  redact.add = (secret) => {
    if (secret && secret.length >= MIN_SECRET_LENGTH) known.add(secret);
  };
  for (const s of secrets) redact.add(s);
  return redact;
}
