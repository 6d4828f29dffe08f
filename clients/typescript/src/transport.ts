import { errorFrom, PrimatomicError } from "./errors.js";
import { backoffMs, isRetryableStatus, sleep, type RetryClass, type RetryOptions } from "./retry.js";
import { AttemptSignal } from "./signals.js";

/** Supplies the bearer token for a request; `refresh` drops a token the service refused. */
export interface TokenProvider {
  get(signal?: AbortSignal): Promise<string>;
  /** Forgets `token` so the next get signs in again; false if this provider cannot get another one. */
  refresh(token: string): boolean;
}

export interface RequestSpec<T> {
  method: "GET" | "POST" | "DELETE";
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: Uint8Array | string;
  contentType?: string;
  headers?: Record<string, string>;
  /** Whether the route needs the bearer token. */
  auth: boolean;
  retry: RetryClass;
  signal?: AbortSignal | undefined;
  /** Overrides the client's attempt count (a tail retries without end). */
  maxAttempts?: number;
  /** Extra time this attempt may take on top of the client's attempt timeout (a long-poll's wait). */
  extraTimeMs?: number;
  /**
   * For a delete retried as safe: the answer when a retry finds nothing (404) after an attempt whose outcome is unknown
   * (no answer, or a 5xx), because that attempt did the deleting.
   */
  goneMeansDone?: () => T;
  /** Reads a successful answer; a failure while reading counts as a network failure. */
  read: (response: Response) => Promise<T>;
}

export interface TransportOptions {
  baseUrl: string;
  fetch: typeof fetch;
  retry: RetryOptions;
  attemptTimeoutMs: number;
  tenantId: string | undefined;
  /** Told about each retry, for logging or tests. */
  onRetry: ((info: RetryInfo) => void) | undefined;
}

export interface RetryInfo {
  method: string;
  path: string;
  attempt: number;
  delayMs: number;
  error: unknown;
}

/** Sends requests: bearer token, X-Tenant-ID, per-attempt time limit, retries by the request's retry class. */
export class Transport {
  tokens: TokenProvider | undefined;

  constructor(private readonly options: TransportOptions) {}

  async send<T>(spec: RequestSpec<T>): Promise<T> {
    const maxAttempts = spec.maxAttempts ?? this.options.retry.maxAttempts;
    let refreshedToken = false;
    let earlierOutcomeUnknown = false;
    for (let attempt = 1; ; attempt++) {
      spec.signal?.throwIfAborted();
      let failure: unknown;
      let retryAfter: number | undefined;
      const attemptSignal = new AttemptSignal(spec.signal, this.options.attemptTimeoutMs + (spec.extraTimeMs ?? 0));
      try {
        let headers: Record<string, string>;
        try {
          headers = await this.headers(spec, attemptSignal.signal);
        } catch (error) {
          // Signing in failed (its own attempts spent, say while the service restarts). The request was never sent,
          // so a transient failure counts as one failed attempt of it, retried by its own rule: a tail keeps going.
          const transient = error instanceof PrimatomicError
            ? isRetryableStatus(error.status, spec.retry)
            : spec.retry === "safe" && !spec.signal?.aborted && isNetworkFailure(error, attemptSignal);
          if (!transient || attempt >= maxAttempts) {
            throw error;
          }
          throw new SignInFailure(error);
        }
        const response = await this.options.fetch(this.url(spec), {
          method: spec.method,
          headers,
          body: spec.body as BodyInit | undefined, // TS 5.9 types Uint8Array<ArrayBufferLike> apart from BodyInit; fetch takes any
          signal: attemptSignal.signal,
        });
        if (response.ok) {
          return await spec.read(response);
        }
        const error = await errorFrom(response);
        if (error.status === 404 && spec.goneMeansDone !== undefined && earlierOutcomeUnknown) {
          // A retried delete that finds nothing: the attempt whose answer was lost did the deleting.
          return spec.goneMeansDone();
        }
        if (error.status === 401 && spec.auth && !refreshedToken && this.tokens?.refresh(bearer(headers))) {
          // The token expired early or its signing key rotated: sign in again once, without counting an attempt.
          refreshedToken = true;
          attempt--;
          continue;
        }
        if (!isRetryableStatus(error.status, spec.retry) || attempt >= maxAttempts) {
          throw error;
        }
        failure = error;
        retryAfter = error.retryAfter;
        earlierOutcomeUnknown ||= error.status >= 500;
      } catch (error) {
        if (error instanceof SignInFailure) {
          failure = error.cause;
          retryAfter = error.cause instanceof PrimatomicError ? error.cause.retryAfter : undefined;
        } else if (error instanceof PrimatomicError) {
          throw error;
        } else if (spec.signal?.aborted) {
          throw spec.signal.reason;
        } else if (spec.retry !== "safe" || attempt >= maxAttempts || !isNetworkFailure(error, attemptSignal)) {
          throw error;
        } else {
          failure = error;
          earlierOutcomeUnknown = true;
        }
      } finally {
        attemptSignal.dispose();
      }
      const delayMs = backoffMs(this.options.retry, attempt, retryAfter);
      this.options.onRetry?.({ method: spec.method, path: spec.path, attempt, delayMs, error: failure });
      await sleep(delayMs, spec.signal);
    }
  }

  private async headers(spec: RequestSpec<unknown>, signal: AbortSignal): Promise<Record<string, string>> {
    const headers: Record<string, string> = { accept: "application/json, application/problem+json", ...spec.headers };
    if (spec.contentType !== undefined) {
      headers["content-type"] = spec.contentType;
    }
    if (spec.auth) {
      if (this.tokens === undefined) {
        throw new Error("This route needs credentials: create the client with apiKey, email and password, or token.");
      }
      headers.authorization = `Bearer ${await this.tokens.get(signal)}`;
      if (this.options.tenantId !== undefined) {
        headers["x-tenant-id"] = this.options.tenantId;
      }
    }
    return headers;
  }

  private url(spec: RequestSpec<unknown>): string {
    const url = new URL(spec.path.replace(/^\//, ""), this.options.baseUrl);
    for (const [name, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined) {
        url.searchParams.set(name, String(value));
      }
    }
    return url.toString();
  }
}

/** A transient sign-in failure, carried out of the attempt to be retried like any other failed attempt. */
class SignInFailure extends Error {
  constructor(override readonly cause: unknown) {
    super("signing in failed");
  }
}

function bearer(headers: Record<string, string>): string {
  return (headers.authorization ?? "").replace(/^Bearer /, "");
}

/**
 * A failure with no answer from the service: fetch rejects with a TypeError when the connection is refused, reset or
 * dropped, a body read fails mid-answer, or our own attempt timer fired. Anything else is a bug worth surfacing.
 */
function isNetworkFailure(error: unknown, attempt: AttemptSignal): boolean {
  if (attempt.timedOut) {
    return true;
  }
  return error instanceof TypeError || (error instanceof Error && /socket|network|ECONN|terminated|fetch failed/i.test(error.message));
}
