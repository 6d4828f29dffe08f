// Generated from the service's GET /openapi/v1.json by scripts/generate-types.mjs (npm run generate -- <url>).
// Do not edit: regenerate. A test regenerates it from the running service and fails on any difference.

export interface paths {
    "/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AuthJwks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AuthListApiKeys"];
        put?: never;
        post: operations["AuthCreateApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/keys/{key_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AuthGetApiKey"];
        put?: never;
        post?: never;
        delete: operations["AuthRevokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AuthLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AuthRegister"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/signing-keys/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AuthRotateSigningKeys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AuthToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AuthListUsers"];
        put?: never;
        post: operations["AuthCreateUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ListLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/logs/{log_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["GetLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/logs/{log_id}/append": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AppendEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/logs/{log_id}/append-batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AppendBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/logs/{log_id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ReadEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/logs/{log_id}/views": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ListViews"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/logs/{log_id}/views/{view_name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["DeployView"];
        delete: operations["DeleteView"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/logs/{log_id}/views/{view_name}/query": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["QueryView"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/logs/{log_id}/views/{view_name}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ViewStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/logs/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["CreateLog"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/wit/primatomic-machine.wit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ViewsWit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ApiKeyListResponse: {
            keys: components["schemas"]["ApiKeyResponse"][];
        };
        ApiKeyResponse: {
            /** Format: date-time */
            created_at: unknown;
            key_id: string;
            name: string;
            parent_key_id: null | string;
            scopes: string[];
        };
        AppendBatchRequest: {
            events: null | string[];
        };
        CreateApiKeyRequest: {
            name: null | string;
            scopes: null | string[];
        };
        CreateApiKeyResponse: {
            api_key: string;
            /** Format: date-time */
            created_at: unknown;
            key_id: string;
            name: string;
            parent_key_id: null | string;
            scopes: string[];
        };
        CreateUserRequest: {
            email: null | string;
            password: null | string;
            role: null | string;
        };
        CredentialsRequest: {
            email: null | string;
            password: null | string;
        };
        MemberListResponse: {
            users: components["schemas"]["MemberResponse"][];
        };
        MemberResponse: {
            /** Format: date-time */
            created_at: unknown;
            email: string;
            role: string;
            user_id: string;
        };
        RegisterResponse: {
            success: boolean;
            tenant_id: string;
            user_id: string;
        };
        TokenRequest: {
            api_key: null | string;
        };
        TokenResponse: {
            access_token: string;
            /** Format: int32 */
            expires_in: number | string;
            token_type: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    AuthJwks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
        };
    };
    AuthListApiKeys: {
        parameters: {
            query?: never;
            header?: {
                /** @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise). */
                "X-Tenant-ID"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyListResponse"];
                };
            };
        };
    };
    AuthCreateApiKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise). */
                "X-Tenant-ID"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": null | components["schemas"]["CreateApiKeyRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateApiKeyResponse"];
                };
            };
        };
    };
    AuthGetApiKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise). */
                "X-Tenant-ID"?: string;
            };
            path: {
                key_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyResponse"];
                };
            };
        };
    };
    AuthRevokeApiKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise). */
                "X-Tenant-ID"?: string;
            };
            path: {
                key_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuthLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": null | components["schemas"]["CredentialsRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
        };
    };
    AuthRegister: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": null | components["schemas"]["CredentialsRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegisterResponse"];
                };
            };
        };
    };
    AuthRotateSigningKeys: {
        parameters: {
            query?: never;
            header?: {
                /** @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise). */
                "X-Tenant-ID"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
        };
    };
    AuthToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": null | components["schemas"]["TokenRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
        };
    };
    AuthListUsers: {
        parameters: {
            query?: never;
            header?: {
                /** @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise). */
                "X-Tenant-ID"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberListResponse"];
                };
            };
        };
    };
    AuthCreateUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise). */
                "X-Tenant-ID"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": null | components["schemas"]["CreateUserRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberResponse"];
                };
            };
        };
    };
    ListLogs: {
        parameters: {
            query?: {
                /** @description The opaque token from the previous page (also in its Link header); absent for the first page. */
                continuation?: string;
                /** @description At most this many logs (default 100, 1–1000). */
                limit?: number;
                /** @description Look a log up by its name instead of listing: the answer holds that log or none. Takes neither limit nor continuation. */
                name?: string;
            };
            header?: {
                /** @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise). */
                "X-Tenant-ID"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    GetLog: {
        parameters: {
            query?: never;
            header?: {
                /** @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise). */
                "X-Tenant-ID"?: string;
            };
            path: {
                log_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AppendEvent: {
        parameters: {
            query?: {
                /** @description Append only if the log's head is this sequence (0 for an empty log); otherwise 409 SEQUENCE_MISMATCH. */
                expected_sequence?: number;
            };
            header?: {
                /** @description 1–200 printable ASCII characters naming this append: a retry with the same key and body answers the original sequence and stores nothing new, across restarts and instances, within Logs__IdempotencyWindow (15 min and the log's last 1,000,000 keyed appends); the same key with a different body is 422 IDEMPOTENCY_KEY_REUSED. */
                "Idempotency-Key"?: string;
                /** @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise). */
                "X-Tenant-ID"?: string;
            };
            path: {
                log_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AppendBatch: {
        parameters: {
            query?: {
                /** @description Append only if the log's head is this sequence (0 for an empty log); otherwise 409 SEQUENCE_MISMATCH. */
                expected_sequence?: number;
            };
            header?: {
                /** @description 1–200 printable ASCII characters naming this append: a retry with the same key and body answers the original sequence and stores nothing new, across restarts and instances, within Logs__IdempotencyWindow (15 min and the log's last 1,000,000 keyed appends); the same key with a different body is 422 IDEMPOTENCY_KEY_REUSED. */
                "Idempotency-Key"?: string;
                /** @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise). */
                "X-Tenant-ID"?: string;
            };
            path: {
                log_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": null | components["schemas"]["AppendBatchRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ReadEvents: {
        parameters: {
            query?: {
                /** @description Return events with a sequence above this one (default 0). */
                after?: number;
                /** @description At most this many events (default 100, 1–1000); a page also stops at 4 MiB of event data. */
                limit?: number;
                /** @description Seconds to hold the request when nothing follows after (default 0, at most 30): the long-poll tail. */
                wait?: number;
            };
            header?: {
                /** @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise). */
                "X-Tenant-ID"?: string;
            };
            path: {
                log_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ListViews: {
        parameters: {
            query?: never;
            header?: {
                /** @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise). */
                "X-Tenant-ID"?: string;
            };
            path: {
                log_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DeployView: {
        parameters: {
            query?: never;
            header?: {
                /** @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise). */
                "X-Tenant-ID"?: string;
            };
            path: {
                log_id: string;
                view_name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DeleteView: {
        parameters: {
            query?: never;
            header?: {
                /** @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise). */
                "X-Tenant-ID"?: string;
            };
            path: {
                log_id: string;
                view_name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    QueryView: {
        parameters: {
            query?: {
                /** @description Answer only once the view has applied every event up to this sequence (read-after-write); waits up to Views__QueryWaitTimeout, then 503. */
                after?: number;
            };
            header?: {
                /** @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise). */
                "X-Tenant-ID"?: string;
            };
            path: {
                log_id: string;
                view_name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ViewStats: {
        parameters: {
            query?: never;
            header?: {
                /** @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise). */
                "X-Tenant-ID"?: string;
            };
            path: {
                log_id: string;
                view_name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    CreateLog: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–200 printable ASCII characters naming this create: a retry with the same key and name answers 201 with the log the first attempt made; a 409 CONFLICT then means someone else has the name. */
                "Idempotency-Key"?: string;
                /** @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise). */
                "X-Tenant-ID"?: string;
            };
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ViewsWit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
