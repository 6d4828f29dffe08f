/** Every call takes a signal: aborting it stops the call at once, between retries too. */
export interface CallOptions {
  signal?: AbortSignal;
}

export interface AppendOptions extends CallOptions {
  /**
   * Names this logical append. Leave it out and the client makes a random one per call; either way every retry of
   * the call sends the same key, so a retried append is stored once.
   */
  idempotencyKey?: string;
  /** Append only if the log's head is this sequence (0 for an empty log); otherwise 409 SEQUENCE_MISMATCH. */
  expectedSequence?: number;
}

export interface CreateLogOptions extends CallOptions {
  /** Names this create; the client makes one per call when left out, so a retried create answers the same log. */
  idempotencyKey?: string;
}

export interface ListLogsOptions extends CallOptions {
  /** At most this many logs (1-1000, default 100). */
  limit?: number;
  /** The `continuation` of the previous page. */
  continuation?: string;
}

export interface ReadEventsOptions extends CallOptions {
  /** Events with a sequence above this (default 0). */
  after?: number;
  /** At most this many events (1-1000, default 100). */
  limit?: number;
  /** Seconds to hold the request while there is nothing after `after` (0-30, default 0): the long-poll. */
  wait?: number;
}

export interface TailOptions extends CallOptions {
  /** Start after this sequence (default 0: from the first event). Pass the last one you handled to resume. */
  after?: number;
  /** Events per request (1-1000, default 100). */
  limit?: number;
  /** Seconds each long-poll waits (1-30, default 20). */
  wait?: number;
}

export interface QueryOptions extends CallOptions {
  /** Answer only once the view has applied every event up to this sequence: pass your append's sequence. */
  after?: number;
  /** The view's query input (default empty). */
  input?: Uint8Array | string;
}
