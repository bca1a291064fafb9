/**
 * Stands in for an `AbortController` on the one call it guards: it stops the exchange for all three reasons
 * (the call's time limit, the caller's signal, and nothing else), and `timedOut` and the caller's signal tell
 * them apart afterwards, so a timeout never masquerades as an abort or a network error.
 *
 * A plain object costs a fraction of an `AbortSignal` (an EventTarget) per call. It is also the listener on
 * the caller's signal (`handleEvent`) and the argument of the call timer, so a call allocates no closures for
 * either. It has the `aborted`, `reason` and `addEventListener`/`removeEventListener` of a signal, so an undici
 * interceptor that watches `opts.signal` is told too; the transport itself is normally the only listener.
 */
/** A function, or an object whose `handleEvent` is called (as an EventTarget allows). */
export type AbortListener = (() => void) | { handleEvent(): void };

function notify(listener: AbortListener): void {
  if (typeof listener === "function") listener();
  else listener.handleEvent();
}

export class CallAbort {
  aborted = false;
  readonly reason = undefined;
  timedOut = false;
  private listener: AbortListener | undefined = undefined;
  private others: AbortListener[] | undefined = undefined;

  addEventListener(_type: "abort", listener: AbortListener): void {
    if (this.aborted || listener === this.listener) return;
    if (this.listener === undefined) this.listener = listener;
    else if (this.others === undefined) this.others = [listener];
    else if (!this.others.includes(listener)) this.others.push(listener);
  }

  removeEventListener(_type: "abort", listener: AbortListener): void {
    if (this.listener === listener) this.listener = undefined;
    else if (this.others !== undefined) {
      const i = this.others.indexOf(listener);
      if (i >= 0) this.others.splice(i, 1);
    }
  }

  /** The caller's signal fired. */
  handleEvent(): void {
    this.abort();
  }

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    const { listener, others } = this;
    this.listener = undefined;
    this.others = undefined;
    if (listener !== undefined) notify(listener);
    if (others !== undefined) for (const other of others) notify(other);
  }
}

/** The call timer's callback: `setTimeout(onCallTimeout, ms, abort)`. */
export function onCallTimeout(abort: CallAbort): void {
  abort.timedOut = true;
  abort.abort();
}
