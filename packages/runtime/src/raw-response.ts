/** What either transport path hands back: the status, the headers and the whole body, within the size cap. */
export interface RawResponse {
  readonly status: number;
  /** Lower-case names; a repeated header may come as a list. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

/** What an exchange needs besides the request: the size cap and the operation, for its errors. */
export interface ExchangeLimits {
  readonly maxBytes: number;
  readonly operation: string;
}
