/**
 * The Edu-iX session: one sessionID shared by every call of a client, obtained lazily and at most once at
 * a time.
 *
 * Doc "login": "The login function provides you with a sessionID after execution. This sessionID can be
 * used to execute consecutive operations with the sessionIDHeader." Doc "General errors", 12: "The session
 * has expired, a new session must be aquired by the login operation." The doc gives no lifetime, so the
 * session is kept until the server says it expired.
 */
export class Session {
  readonly #login: () => Promise<string>;
  #sessionID: string | undefined;
  #inflight: Promise<string> | undefined;

  constructor(login: () => Promise<string>) {
    this.#login = login;
  }

  /** The current sessionID, logging in first when there is none (lazily, on the first call). */
  current(): Promise<string> {
    return this.#sessionID === undefined ? this.refresh() : Promise.resolve(this.#sessionID);
  }

  /**
   * A new login, shared by every caller that asks while it is running (single flight): 100 concurrent calls
   * on a fresh client make exactly one login. The shared promise is dropped as soon as it settles, so a
   * failed login (wrong password, network) is not cached and the next call tries again.
   */
  refresh(): Promise<string> {
    if (this.#inflight === undefined) {
      const flight = this.#login().then((sessionID) => {
        this.#sessionID = sessionID;
        return sessionID;
      });
      this.#inflight = flight;
      // Registered before any caller's continuation, so the flight is cleared before anyone reacts to it.
      const clear = () => {
        if (this.#inflight === flight) this.#inflight = undefined;
      };
      flight.then(clear, clear);
    }
    return this.#inflight;
  }

  /**
   * Forgets `stale` after the server said it expired, unless another caller has already replaced it: with
   * many calls failing on the same expired session, only the first invalidation counts and all of them
   * share the one new login.
   */
  invalidate(stale: string): void {
    if (this.#sessionID === stale) this.#sessionID = undefined;
  }
}
