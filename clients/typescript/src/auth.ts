import { json, nothing } from "./bytes.js";
import { segment } from "./logs.js";
import type { CallOptions } from "./options.js";
import type { Transport } from "./transport.js";
import type {
  ApiKeyList,
  ApiKey,
  CreatedApiKey,
  JsonWebKeySet,
  UserList,
  User,
  Registration,
  Role,
  Scope,
  SigningKeyRotation,
  Token,
} from "./types.js";

/** Sign-up and sign-in. These calls never use the client's own credentials. */
export class AuthApi {
  constructor(private readonly transport: Transport) {}

  /** Creates a tenant and its owner. Retried safely: a repeat within 15 minutes answers the same ids. */
  register(email: string, password: string, options: CallOptions = {}): Promise<Registration> {
    return this.anonymous("/auth/register", { email, password }, options, json<Registration>);
  }

  /** Email and password to an access token. */
  login(email: string, password: string, options: CallOptions = {}): Promise<Token> {
    return this.anonymous("/auth/login", { email, password }, options, json<Token>);
  }

  /** An API key to an access token (the client does this itself when created with `apiKey`). */
  token(apiKey: string, options: CallOptions = {}): Promise<Token> {
    return this.anonymous("/auth/token", { api_key: apiKey }, options, json<Token>);
  }

  /** The public keys that verify the service's tokens (RS256). */
  jwks(options: CallOptions = {}): Promise<JsonWebKeySet> {
    return this.transport.send({
      method: "GET", path: "/.well-known/jwks.json", auth: false, retry: "safe", signal: options.signal, read: json<JsonWebKeySet>,
    });
  }

  /** Platform admin, signed in with a password: starts signing with a new key. */
  rotateSigningKeys(options: CallOptions = {}): Promise<SigningKeyRotation> {
    return this.transport.send({
      method: "POST", path: "/auth/signing-keys/rotate", auth: true, retry: "refused", signal: options.signal,
      read: json<SigningKeyRotation>,
    });
  }

  private anonymous<T>(path: string, body: object, options: CallOptions, read: (response: Response) => Promise<T>): Promise<T> {
    return this.transport.send({
      method: "POST", path, body: JSON.stringify(body), contentType: "application/json",
      auth: false, retry: "safe", signal: options.signal, read,
    });
  }
}

/** /auth/keys: API keys of the tenant (needs keys:manage). */
export class ApiKeysApi {
  constructor(private readonly transport: Transport) {}

  /** Creates a key; its secret (`api_key`) is in this answer only. A repeat would make a second key: only 429 is retried. */
  create(name: string, scopes: readonly Scope[], options: CallOptions = {}): Promise<CreatedApiKey> {
    return this.transport.send({
      method: "POST", path: "/auth/keys", body: JSON.stringify({ name, scopes }), contentType: "application/json",
      auth: true, retry: "refused", signal: options.signal, read: json<CreatedApiKey>,
    });
  }

  list(options: CallOptions = {}): Promise<ApiKeyList> {
    return this.transport.send({
      method: "GET", path: "/auth/keys", auth: true, retry: "safe", signal: options.signal, read: json<ApiKeyList>,
    });
  }

  get(keyId: string, options: CallOptions = {}): Promise<ApiKey> {
    return this.transport.send({
      method: "GET", path: `/auth/keys/${segment(keyId)}`, auth: true, retry: "safe", signal: options.signal, read: json<ApiKey>,
    });
  }

  /**
   * Revokes the key and every key created through it. Retried safely: a retry that finds nothing (404) after an
   * attempt whose answer was lost counts as done.
   */
  revoke(keyId: string, options: CallOptions = {}): Promise<void> {
    return this.transport.send({
      method: "DELETE", path: `/auth/keys/${segment(keyId)}`, auth: true, retry: "safe", signal: options.signal, read: nothing,
      goneMeansDone: () => undefined,
    });
  }
}

/** /auth/users: the tenant's people (an owner signed in with a password). */
export class UsersApi {
  constructor(private readonly transport: Transport) {}

  create(email: string, password: string, role: Role = "member", options: CallOptions = {}): Promise<User> {
    return this.transport.send({
      method: "POST", path: "/auth/users", body: JSON.stringify({ email, password, role }), contentType: "application/json",
      auth: true, retry: "refused", signal: options.signal, read: json<User>,
    });
  }

  list(options: CallOptions = {}): Promise<UserList> {
    return this.transport.send({
      method: "GET", path: "/auth/users", auth: true, retry: "safe", signal: options.signal, read: json<UserList>,
    });
  }
}
