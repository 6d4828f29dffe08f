import type { ErrorCode, ProblemDetails } from "./types.js";

/**
 * A problem response from the service (RFC 9457), or an answer that was not one at all. Branch on `code`, which is
 * stable (`SEQUENCE_MISMATCH`, `NOT_FOUND`, ...); `detail` is for people and may change.
 */
export class PrimatomicError extends Error {
  /** The service's stable error code, or `UNEXPECTED_RESPONSE` for an answer that was not a problem document. */
  readonly code: ErrorCode;
  readonly status: number;
  /** The trace id the service put in the answer, to find the request in its logs. */
  readonly traceId: string | undefined;
  /** Seconds the service asked the caller to wait (`Retry-After`), when it said. */
  readonly retryAfter: number | undefined;
  /** The whole problem document, with extension members such as `current_sequence` or `head_sequence`. */
  readonly problem: ProblemDetails;

  constructor(status: number, problem: ProblemDetails, retryAfter?: number) {
    const code: ErrorCode = typeof problem.code === "string" ? problem.code : "UNEXPECTED_RESPONSE";
    super(`${status} ${code}: ${problem.detail ?? problem.title ?? "the service answered an error"}`);
    this.name = "PrimatomicError";
    this.code = code;
    this.status = status;
    this.traceId = typeof problem.trace_id === "string" ? problem.trace_id : undefined;
    this.retryAfter = retryAfter;
    this.problem = problem;
  }

  /** The log's head, on a `SEQUENCE_MISMATCH`. */
  get currentSequence(): number | undefined {
    return numberMember(this.problem, "current_sequence");
  }

  /** The log's head, on an `AFTER_BEYOND_HEAD`. */
  get headSequence(): number | undefined {
    return numberMember(this.problem, "head_sequence");
  }

  /** How far the view got, on a `VIEW_CATCH_UP_TIMEOUT`. */
  get processedSequence(): number | undefined {
    return numberMember(this.problem, "processed_sequence");
  }
}

function numberMember(problem: ProblemDetails, name: string): number | undefined {
  const value = problem[name];
  return typeof value === "number" ? value : undefined;
}

/** Reads an error answer into a PrimatomicError, whether or not its body is a problem document. */
export async function errorFrom(response: Response): Promise<PrimatomicError> {
  const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
  const text = await response.text().catch(() => "");
  let problem: ProblemDetails = { status: response.status, title: response.statusText };
  if (text.length > 0) {
    try {
      const parsed: unknown = JSON.parse(text);
      problem = typeof parsed === "object" && parsed !== null ? (parsed as ProblemDetails) : { ...problem, detail: text };
    } catch {
      problem = { ...problem, detail: text.slice(0, 500) };
    }
  }
  return new PrimatomicError(response.status, problem, retryAfter);
}

/** `Retry-After` as seconds: either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === "") {
    return undefined;
  }
  const seconds = Number(value);
  if (Number.isFinite(seconds)) {
    return Math.max(0, seconds);
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}
