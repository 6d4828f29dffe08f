// Checks, at compile time (`npm run build`), the client's types against the types generated from the service's
// OpenAPI document (src/generated/openapi.ts, itself checked against the live service by a test). A route the client
// calls that the document lacks, or an answer whose fields differ from the client's (a field added, removed, renamed
// or of another type), fails the build here, naming the operation.
import type { operations } from "../src/generated/openapi.js";
import type * as Client from "../src/types.js";

/** The JSON body of an operation's answer with this status. */
type Answer<Op extends keyof operations, Status extends keyof operations[Op]["responses"]> =
  operations[Op]["responses"][Status] extends { content: { "application/json": infer Body } } ? Body : never;

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

agree<Agrees<Client.RegisterResponse, Answer<"AuthRegister", 201>>>();
agree<Agrees<Client.TokenResponse, Answer<"AuthLogin", 200>>>();
agree<Agrees<Client.TokenResponse, Answer<"AuthToken", 200>>>();
agree<Agrees<Client.CreateApiKeyResponse, Answer<"AuthCreateApiKey", 201>>>();
agree<Agrees<Client.ApiKeyListResponse, Answer<"AuthListApiKeys", 200>>>();
agree<Agrees<Client.ApiKeyResponse, Answer<"AuthGetApiKey", 200>>>();
agree<Agrees<Client.MemberResponse, Answer<"AuthCreateUser", 201>>>();
agree<Agrees<Client.MemberListResponse, Answer<"AuthListUsers", 200>>>();
