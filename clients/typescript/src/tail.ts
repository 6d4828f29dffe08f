import { json } from "./bytes.js";
import { decodePage, type LogEvent } from "./logs.js";
import type { TailOptions } from "./options.js";
import type { Transport } from "./transport.js";
import type { WireEventPage } from "./types.js";

/**
 * The live tail: long-polls `events?after=` from the last event it yielded. Each request is retried without end on
 * transient failures (the transport's "safe" class), always from that same position, so a dropped connection or a
 * restarting service costs time, never an event, and no event comes twice. It ends only when the consumer stops
 * iterating (the open long-poll is aborted then) or the caller's signal aborts (the loop throws its reason).
 */
export async function* tail(transport: Transport, path: string, options: TailOptions): AsyncGenerator<LogEvent, void, undefined> {
  let after = options.after ?? 0;
  const wait = options.wait ?? 20;
  const stop = new AbortController();
  const onAbort = (): void => stop.abort(options.signal?.reason);
  options.signal?.throwIfAborted();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    while (true) {
      const page = await transport.send({
        method: "GET", path, query: { after, limit: options.limit, wait },
        auth: true, retry: "safe", maxAttempts: Number.POSITIVE_INFINITY, signal: stop.signal, extraTimeMs: wait * 1000,
        read: json<WireEventPage>,
      });
      for (const event of decodePage(page).events) {
        if (event.sequence <= after) {
          continue; // never again what was already yielded
        }
        after = event.sequence;
        yield event;
      }
    }
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
    stop.abort();
  }
}
