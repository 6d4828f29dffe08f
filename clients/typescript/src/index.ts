export { PrimatomicClient, type ClientOptions } from "./client.js";
export { PrimatomicError } from "./errors.js";
export type { LogsApi, LogEvent, EventsPage, EventData } from "./logs.js";
export type { ViewsApi } from "./views.js";
export type { AuthApi, ApiKeysApi, UsersApi } from "./auth.js";
export type {
  AppendOptions,
  CallOptions,
  CreateLogOptions,
  ListLogsOptions,
  QueryOptions,
  ReadEventsOptions,
  TailOptions,
} from "./options.js";
export type { RetryClass, RetryOptions } from "./retry.js";
export type { RetryInfo } from "./transport.js";
export type * from "./types.js";
/** The service's whole contract, generated from its OpenAPI document: paths, operations and component schemas. */
export type { components, operations, paths } from "./generated/openapi.js";
