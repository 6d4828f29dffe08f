// Checks, at compile time (`npm run build`), the client's types against the types generated from the service's
// OpenAPI document (src/generated/openapi.ts, itself checked against the live service by a test). A route the client
// calls that the document lacks, or an answer whose fields differ from the client's (a field added, removed, renamed
// or of another type), fails the build here, naming the operation.
import type { components, operations } from "../src/generated/openapi.js";
import type * as Client from "../src/types.js";

/** The JSON body of an operation's answer with this status. */
type Answer<Op extends keyof operations, Status extends keyof operations[Op]["responses"]> =
  operations[Op]["responses"][Status] extends { content: { "application/json": infer Body } } ? Body : never;

/** The JSON body an operation takes. */
type RequestBody<Op extends keyof operations> =
  operations[Op] extends { requestBody?: { content: { "application/json": infer Body } } } ? NonNullable<Body> : never;

/**
 * True when the client's type has exactly the document's fields and each is assignable to the document's type: the
 * client may be more precise (a sequence the document allows as number or numeric string is a number here), never
 * different.
 */
type Agrees<Mine, Theirs> = [Theirs] extends [never]
  ? false
  : [Exclude<keyof Mine, keyof Theirs> | Exclude<keyof Theirs, keyof Mine>] extends [never]
    ? { [K in keyof Mine & keyof Theirs]-?: [Mine[K]] extends [Theirs[K]] ? true : false }[keyof Mine & keyof Theirs] extends true
      ? true
      : false
    : false;

declare function agree<T extends true>(): void;

agree<Agrees<Client.Registration, Answer<"AuthRegister", 201>>>();
agree<Agrees<Client.Token, Answer<"AuthLogin", 200>>>();
agree<Agrees<Client.Token, Answer<"AuthToken", 200>>>();
agree<Agrees<Client.JsonWebKeySet, Answer<"AuthJwks", 200>>>();
agree<Agrees<Client.SigningKeyRotation, Answer<"AuthRotateSigningKeys", 200>>>();
agree<Agrees<Client.CreatedApiKey, Answer<"AuthCreateApiKey", 201>>>();
agree<Agrees<Client.ApiKeyList, Answer<"AuthListApiKeys", 200>>>();
agree<Agrees<Client.ApiKey, Answer<"AuthGetApiKey", 200>>>();
agree<Agrees<Client.User, Answer<"AuthCreateUser", 201>>>();
agree<Agrees<Client.UserList, Answer<"AuthListUsers", 200>>>();
agree<Agrees<Client.CreatedLog, Answer<"CreateLog", 201>>>();
agree<Agrees<Client.LogList, Answer<"ListLogs", 200>>>();
agree<Agrees<Client.Log, Answer<"GetLog", 200>>>();
agree<Agrees<Client.AppendResult, Answer<"AppendEvent", 200>>>();
agree<Agrees<Client.AppendBatchResult, Answer<"AppendBatch", 200>>>();
agree<Agrees<Client.WireEventPage, Answer<"ReadEvents", 200>>>();
agree<Agrees<Client.DeployedView, Answer<"DeployView", 200>>>();
agree<Agrees<Client.ViewList, Answer<"ListViews", 200>>>();
agree<Agrees<Client.DeletedView, Answer<"DeleteView", 200>>>();
agree<Agrees<Client.ViewStats, Answer<"ViewStats", 200>>>();

// The request bodies the client builds.
agree<Agrees<{ email: string; password: string }, RequestBody<"AuthLogin">>>();
agree<Agrees<{ email: string; password: string }, RequestBody<"AuthRegister">>>();
agree<Agrees<{ api_key: string }, RequestBody<"AuthToken">>>();
agree<Agrees<{ name: string; scopes: Client.Scope[] }, RequestBody<"AuthCreateApiKey">>>();
agree<Agrees<{ email: string; password: string; role: Client.Role }, RequestBody<"AuthCreateUser">>>();
agree<Agrees<{ events: string[] }, RequestBody<"AppendBatch">>>();

// Every code a problem may carry is one the client's ErrorCode names, and the other way round.
agree<Agrees<{ [C in Client.ErrorCode]: true }, { [C in components["schemas"]["Problem"]["code"] | "UNEXPECTED_RESPONSE"]: true }>>();
