import type { TokenProvider } from "./transport.js";
import type { Token } from "./types.js";

const longestAutomaticMarginMs = 5 * 60_000;
const shortestUseMs = 1000;

/**
 * Signs in (API key exchange or password login), keeps the token, and signs in again before it expires: a token
 * counts as fresh until `refreshBeforeMs` before its expiry (by default a fifth of its lifetime, at most five minutes),
 * measured from when the sign-in was sent, and is used for at least one second. Concurrent callers share one sign-in.
 */
export class SignInTokens implements TokenProvider {
  private current: { token: string; refreshAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly signIn: () => Promise<Token>,
    private readonly refreshBeforeMs: number | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  get(signal?: AbortSignal): Promise<string> {
    if (this.current !== undefined && this.now() < this.current.refreshAt) {
      return Promise.resolve(this.current.token);
    }
    // One sign-in for everyone waiting, not bound to any one caller's signal: each caller may stop waiting alone.
    this.pending ??= this.signInNow().finally(() => {
      this.pending = undefined;
    });
    return abortable(this.pending, signal);
  }

  refresh(token: string): boolean {
    if (this.current?.token === token) {
      this.current = undefined;
    }
    return true;
  }

  private async signInNow(): Promise<string> {
    const sentAt = this.now();
    const answer = await this.signIn();
    const lifetimeMs = answer.expires_in * 1000;
    const marginMs = this.refreshBeforeMs ?? Math.min(lifetimeMs / 5, longestAutomaticMarginMs);
    this.current = { token: answer.access_token, refreshAt: sentAt + Math.max(lifetimeMs - marginMs, shortestUseMs) };
    return answer.access_token;
  }
}

/** A token the caller manages: a fixed string, or a function asked before every request. */
export class CallerTokens implements TokenProvider {
  constructor(private readonly token: string | (() => string | Promise<string>)) {}

  async get(): Promise<string> {
    return typeof this.token === "string" ? this.token : await this.token();
  }

  refresh(): boolean {
    // A function may hand out a new token next time; a fixed string cannot change.
    return typeof this.token === "function";
  }
}

function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (signal === undefined) {
    return promise;
  }
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
