import { bytes, json, toBytes } from "./bytes.js";
import { segment } from "./logs.js";
import type { CallOptions, QueryOptions } from "./options.js";
import type { Transport } from "./transport.js";
import type { DeletedView, DeployedView, ViewList, ViewStats } from "./types.js";

/** /logs/{log_id}/views: deploy, list, delete, stats and read-after-write queries. */
export class ViewsApi {
  constructor(private readonly transport: Transport) {}

  /**
   * Deploys (or replaces) a view: a WebAssembly component. A repeat would deploy a new version, so only a 429 (refused
   * before any work) is retried.
   */
  deploy(logId: string, viewName: string, component: Uint8Array | ArrayBuffer, options: CallOptions = {}): Promise<DeployedView> {
    return this.transport.send({
      method: "POST", path: viewPath(logId, viewName), body: toBytes(component), contentType: "application/octet-stream",
      auth: true, retry: "refused", signal: options.signal, read: json<DeployedView>,
    });
  }

  list(logId: string, options: CallOptions = {}): Promise<ViewList> {
    return this.transport.send({
      method: "GET", path: `/logs/${segment(logId)}/views`,
      auth: true, retry: "safe", signal: options.signal, read: json<ViewList>,
    });
  }

  /**
   * Deletes the view and its state. Retried safely: a retry that finds nothing (404) after an attempt whose answer was
   * lost counts as done, since that attempt did the deleting.
   */
  delete(logId: string, viewName: string, options: CallOptions = {}): Promise<DeletedView> {
    return this.transport.send({
      method: "DELETE", path: viewPath(logId, viewName),
      auth: true, retry: "safe", signal: options.signal, read: json<DeletedView>, goneMeansDone: () => ({ success: true }),
    });
  }

  stats(logId: string, viewName: string, options: CallOptions = {}): Promise<ViewStats> {
    return this.transport.send({
      method: "GET", path: `${viewPath(logId, viewName)}/stats`,
      auth: true, retry: "safe", signal: options.signal, read: json<ViewStats>,
    });
  }

  /**
   * Queries the view and answers its output bytes. With `after`, the answer reflects every event up to that sequence
   * (read-after-write: pass the sequence your append answered). A query changes nothing, so it is retried safely.
   */
  query(logId: string, viewName: string, options: QueryOptions = {}): Promise<Uint8Array> {
    return this.transport.send({
      method: "POST", path: `${viewPath(logId, viewName)}/query`, query: { after: options.after },
      body: toBytes(options.input ?? new Uint8Array()), contentType: "application/octet-stream",
      auth: true, retry: "safe", signal: options.signal, read: bytes,
    });
  }

  /** The WIT interface every view implements, to build your own. */
  wit(options: CallOptions = {}): Promise<string> {
    return this.transport.send({
      method: "GET", path: "/wit/primatomic-machine.wit", auth: false, retry: "safe", signal: options.signal,
      read: (response) => response.text(),
    });
  }

  /** query, with the output parsed as UTF-8 JSON (the example counter answers `{"count":N}`). */
  async queryJson<T = unknown>(logId: string, viewName: string, options: QueryOptions = {}): Promise<T> {
    return JSON.parse(new TextDecoder().decode(await this.query(logId, viewName, options))) as T;
  }
}

function viewPath(logId: string, viewName: string): string {
  return `/logs/${segment(logId)}/views/${segment(viewName)}`;
}
