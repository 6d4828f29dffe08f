/**
 * An abort signal for one attempt: aborted when the caller's signal is, or when the attempt runs past its time
 * (then `timedOut` is true and the failure counts as a network failure, not the caller's cancellation).
 * AbortSignal.any would do this on Node 20+, but the package supports Node 18.
 */
export class AttemptSignal {
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onCallerAbort = (): void => this.controller.abort(this.caller?.reason);
  timedOut = false;

  constructor(private readonly caller: AbortSignal | undefined, timeoutMs: number) {
    if (caller?.aborted) {
      this.controller.abort(caller.reason);
    } else {
      caller?.addEventListener("abort", this.onCallerAbort, { once: true });
    }
    if (Number.isFinite(timeoutMs)) {
      this.timer = setTimeout(() => {
        this.timedOut = true;
        this.controller.abort(new Error(`The attempt took longer than ${timeoutMs} ms.`));
      }, timeoutMs);
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.caller?.removeEventListener("abort", this.onCallerAbort);
  }
}
