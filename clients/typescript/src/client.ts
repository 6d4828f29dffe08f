import { ApiKeysApi, AuthApi, UsersApi } from "./auth.js";
import { LogsApi } from "./logs.js";
import { defaultRetry, type RetryOptions } from "./retry.js";
import { CallerTokens, SignInTokens } from "./tokens.js";
import { Transport, type RetryInfo, type TokenProvider } from "./transport.js";
import { ViewsApi } from "./views.js";

export interface ClientOptions {
  /** The service, e.g. `http://127.0.0.1:7071` or the function app's URL. */
  baseUrl: string | URL;
  /** Sign in with an API key: exchanged for a token on first use and again before that token expires. */
  apiKey?: string;
  /** Or sign in with a password (both needed), refreshed the same way. */
  email?: string;
  password?: string;
  /** Or a token you manage: a string, or a function asked before each request. */
  token?: string | (() => string | Promise<string>);
  /** The admin acting inside another tenant (`X-Tenant-ID`). */
  tenantId?: string;
  /**
   * Sign in again this long before the token expires (default: a fifth of the token's lifetime, at most 300 s). A token
   * is used for at least one second whatever this says.
   */
  refreshBeforeSeconds?: number;
  /** How transient failures are retried; see the README's "Retries" for which calls and failures. */
  retry?: Partial<RetryOptions>;
  /** One attempt's time limit, on top of a long-poll's wait (default 30 s); past it the attempt counts as failed. */
  attemptTimeoutMs?: number;
  /** Another fetch (default: the global one). */
  fetch?: typeof fetch;
  /** Told about every retry. */
  onRetry?: (info: RetryInfo) => void;
}

/**
 * The Primatomic client: every route, grouped as the API is (auth, keys, users, logs, views). Holds no connection of
 * its own (fetch does), so one client per service and credential is enough.
 */
export class PrimatomicClient {
  readonly auth: AuthApi;
  readonly keys: ApiKeysApi;
  readonly users: UsersApi;
  readonly logs: LogsApi;
  readonly views: ViewsApi;

  constructor(options: ClientOptions) {
    const baseUrl = String(options.baseUrl);
    const transport = new Transport({
      baseUrl: baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`,
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      retry: { ...defaultRetry, ...options.retry },
      attemptTimeoutMs: options.attemptTimeoutMs ?? 30_000,
      tenantId: options.tenantId,
      onRetry: options.onRetry,
    });
    this.auth = new AuthApi(transport);
    this.keys = new ApiKeysApi(transport);
    this.users = new UsersApi(transport);
    this.logs = new LogsApi(transport);
    this.views = new ViewsApi(transport);
    transport.tokens = tokensFor(options, this.auth);
  }
}

function tokensFor(options: ClientOptions, auth: AuthApi): TokenProvider | undefined {
  const refreshBeforeMs = options.refreshBeforeSeconds === undefined ? undefined : options.refreshBeforeSeconds * 1000;
  const given = [options.apiKey, options.email ?? options.password, options.token].filter((value) => value !== undefined);
  if (given.length > 1) {
    throw new Error("Give one credential: apiKey, email and password, or token.");
  }
  if (options.apiKey !== undefined) {
    const apiKey = options.apiKey;
    return new SignInTokens(() => auth.token(apiKey), refreshBeforeMs);
  }
  if (options.email !== undefined || options.password !== undefined) {
    const { email, password } = options;
    if (email === undefined || password === undefined) {
      throw new Error("Signing in with a password needs both email and password.");
    }
    return new SignInTokens(() => auth.login(email, password), refreshBeforeMs);
  }
  return options.token === undefined ? undefined : new CallerTokens(options.token);
}
