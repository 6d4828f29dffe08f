/** How the client retries transient failures. */
export interface RetryOptions {
  /** Attempts per call, the first included (default 6). 1 turns retries off. */
  maxAttempts: number;
  /** Backoff before the second attempt, doubled each time with jitter (default 200 ms). */
  baseDelayMs: number;
  /** The longest pause between attempts, also for a longer `Retry-After` (default 10000 ms). */
  maxDelayMs: number;
}

export const defaultRetry: RetryOptions = { maxAttempts: 6, baseDelayMs: 200, maxDelayMs: 10_000 };

/**
 * Which failures a call may retry.
 * - `safe`: the call changes nothing, carries an Idempotency-Key, or is a delete (a repeat finding nothing counts as
 *   done), so a repeat cannot act twice: retried after a network failure (no answer, or a connection dropped
 *   mid-answer) and after 429, 502, 503 and 504.
 * - `refused`: a repeat could act twice (a new API key, a redeploy): retried only after 429, which the service answers
 *   before doing anything.
 */
export type RetryClass = "safe" | "refused";

const transientStatuses = new Set([429, 502, 503, 504]);

export function isRetryableStatus(status: number, retry: RetryClass): boolean {
  return retry === "safe" ? transientStatuses.has(status) : status === 429;
}

/** The pause before attempt `attempt + 1`: `Retry-After` when the service gave one, else jittered exponential backoff. */
export function backoffMs(options: RetryOptions, attempt: number, retryAfterSeconds?: number): number {
  if (retryAfterSeconds !== undefined) {
    return Math.min(options.maxDelayMs, retryAfterSeconds * 1000);
  }
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return exponential / 2 + Math.random() * (exponential / 2);
}

/** Waits `ms`, or rejects with the signal's reason as soon as it is aborted. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
