/**
 * A request body the sandbox cannot read: not decodable in its declared charset, not XML or JSON, over a
 * shape limit (request-limits.ts), a reserved member name (reserved-names.ts), or not a SOAP 1.1 envelope. Each vendor turns it into its own answer
 * (ESWS: a NuSOAP Client fault; Moka: InvalidRequest; Edu-iX: fault 1). The runtime's MalformedResponseError
 * is about what a vendor sends back; this is about what a client sent.
 */
export type RequestProblem =
  | "charset"
  | "not-xml"
  | "not-json"
  | "dtd-forbidden"
  | "truncated"
  | "too-deep"
  | "too-many-children"
  | "reserved-name"
  | "envelope";

export class SandboxRequestError extends Error {
  override readonly name = "SandboxRequestError";

  constructor(
    readonly problem: RequestProblem,
    readonly detail: string,
  ) {
    super(`${problem}: ${detail}`);
  }
}
