import { fromBase64, json, toBase64, toBytes } from "./bytes.js";
import { newIdempotencyKey } from "./keys.js";
import type { AppendOptions, CallOptions, CreateLogOptions, ListLogsOptions, ReadEventsOptions, TailOptions } from "./options.js";
import { tail } from "./tail.js";
import type { Transport } from "./transport.js";
import type {
  AppendBatchResult,
  AppendResult,
  CreatedLog,
  WireEventPage,
  LogList,
  Log,
} from "./types.js";

/** Event data to append: bytes as they are, strings as UTF-8. */
export type EventData = Uint8Array | ArrayBuffer | string;

/** An event read back, its data decoded from base64. */
export interface LogEvent {
  sequence: number;
  data: Uint8Array;
  appended_at: string;
}

export interface EventsPage {
  events: LogEvent[];
  /** Pass as `after` to read on. */
  next_after: number;
}

/** /logs: create, list, describe, append, read and tail. */
export class LogsApi {
  constructor(private readonly transport: Transport) {}

  /** Creates a log; retried safely with an Idempotency-Key, so a lost answer never turns into a 409 for your own log. */
  async create(name: string, options: CreateLogOptions = {}): Promise<CreatedLog> {
    const key = options.idempotencyKey ?? (await newIdempotencyKey());
    return this.transport.send({
      method: "POST", path: `/logs/${segment(name)}`, headers: { "idempotency-key": key },
      auth: true, retry: "safe", signal: options.signal, read: json<CreatedLog>,
    });
  }

  /** One page of the tenant's logs in name order. */
  list(options: ListLogsOptions = {}): Promise<LogList> {
    return this.transport.send({
      method: "GET", path: "/logs", query: { limit: options.limit, continuation: options.continuation },
      auth: true, retry: "safe", signal: options.signal, read: json<LogList>,
    });
  }

  /** Every log of the tenant in name order, a page at a time (each page read as you iterate). */
  async *listAll(options: Omit<ListLogsOptions, "continuation"> = {}): AsyncGenerator<Log, void, undefined> {
    let continuation: string | undefined;
    do {
      const page = await this.list({ ...options, continuation });
      yield* page.logs;
      continuation = page.continuation ?? undefined;
    } while (continuation !== undefined);
  }

  /** The log with this name, or undefined when the tenant has none. */
  async findByName(name: string, options: CallOptions = {}): Promise<Log | undefined> {
    const page = await this.transport.send({
      method: "GET", path: "/logs", query: { name },
      auth: true, retry: "safe", signal: options.signal, read: json<LogList>,
    });
    return page.logs[0];
  }

  get(logId: string, options: CallOptions = {}): Promise<Log> {
    return this.transport.send({
      method: "GET", path: `/logs/${segment(logId)}`,
      auth: true, retry: "safe", signal: options.signal, read: json<Log>,
    });
  }

  /**
   * Appends one event, answered once it is durably committed. Safe to retry: the same Idempotency-Key (yours, or
   * one made for this call) goes with every attempt, so the event is stored once however often it is sent.
   */
  async append(logId: string, data: EventData, options: AppendOptions = {}): Promise<AppendResult> {
    const key = options.idempotencyKey ?? (await newIdempotencyKey());
    return this.transport.send({
      method: "POST", path: `/logs/${segment(logId)}/append`, query: { expected_sequence: options.expectedSequence },
      body: toBytes(data), contentType: "application/octet-stream", headers: { "idempotency-key": key },
      auth: true, retry: "safe", signal: options.signal, read: json<AppendResult>,
    });
  }

  /** Appends 1-100 events atomically at consecutive sequences, with the same retry safety as append. */
  async appendBatch(logId: string, events: readonly EventData[], options: AppendOptions = {}): Promise<AppendBatchResult> {
    const key = options.idempotencyKey ?? (await newIdempotencyKey());
    const body = JSON.stringify({ events: events.map((event) => toBase64(toBytes(event))) });
    return this.transport.send({
      method: "POST", path: `/logs/${segment(logId)}/append-batch`, query: { expected_sequence: options.expectedSequence },
      body, contentType: "application/json", headers: { "idempotency-key": key },
      auth: true, retry: "safe", signal: options.signal, read: json<AppendBatchResult>,
    });
  }

  /** One page of events after `after`; with `wait`, held until an event arrives or the wait ends. */
  async read(logId: string, options: ReadEventsOptions = {}): Promise<EventsPage> {
    const page = await this.transport.send({
      method: "GET", path: `/logs/${segment(logId)}/events`,
      query: { after: options.after, limit: options.limit, wait: options.wait },
      auth: true, retry: "safe", signal: options.signal, read: json<WireEventPage>,
      extraTimeMs: (options.wait ?? 0) * 1000,
    });
    return decodePage(page);
  }

  /**
   * Every event after `after`, in order, then each new one as it is committed (long-poll), until you break out of the
   * loop or abort the signal. Transient failures (network, 429, 503, a restarting service) are retried without end,
   * resuming after the last event yielded: nothing is skipped or repeated.
   */
  tail(logId: string, options: TailOptions = {}): AsyncIterableIterator<LogEvent> {
    return tail(this.transport, `/logs/${segment(logId)}/events`, options);
  }
}

export function decodePage(page: WireEventPage): EventsPage {
  return {
    events: page.events.map((event) => ({ sequence: event.sequence, data: fromBase64(event.data), appended_at: event.appended_at })),
    next_after: page.next_after,
  };
}

export function segment(value: string): string {
  return encodeURIComponent(value);
}
