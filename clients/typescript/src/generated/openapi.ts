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
        /**
         * Public signing keys
         * @description The keys that validate access tokens (RS256), for verifying tokens yourself; a rotated-out key stays until the tokens it signed expire.
         */
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
        /**
         * List API keys
         * @description The tenant's API keys, never their secrets.
         */
        get: operations["AuthListApiKeys"];
        put?: never;
        /**
         * Create an API key
         * @description Creates an API key with the given scopes, each of which the creating token must hold. The secret is in this answer only.
         */
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
        /**
         * Describe an API key
         * @description One API key, never its secret.
         */
        get: operations["AuthGetApiKey"];
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description Revokes the key and every key created through it, at once on this instance and within 10 s on others. A token from an API key may revoke only that key and the keys created through it.
         */
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
        /**
         * Sign in with a password
         * @description Exchanges an email and password for an access token carrying the role's scopes.
         */
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
        /**
         * Register a tenant
         * @description Creates a tenant and its owner (turned off by `ALLOW_SIGNUP=false`). The same email and password again within 15 minutes answer the same 201: a retry whose first answer was lost.
         */
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
        /**
         * Rotate the signing key
         * @description Makes a new key sign tokens from now on; tokens signed by the old one stay valid until they expire. Platform admin, signed in with a password.
         */
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
        /**
         * Exchange an API key for a token
         * @description Exchanges an API key for an access token carrying the key's scopes, narrowed to its creator's role.
         */
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
        /**
         * List users
         * @description The tenant's users. Needs an owner or the admin signed in with a password.
         */
        get: operations["AuthListUsers"];
        put?: never;
        /**
         * Add a user
         * @description Adds a member or owner to the tenant. Needs an owner or the admin signed in with a password.
         */
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
        /**
         * List logs, or find one by name
         * @description The tenant's logs in name order, a page at a time (`limit`, `continuation`; the next page's link is also in a `Link: <…>; rel="next"` header), each with its head sequence. With `name`, the log of that name or none.
         */
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
        /**
         * Describe a log
         * @description The log's id, name, creation time and head sequence.
         */
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
        /**
         * Append one event
         * @description Stores the raw body as one event and answers its sequence once it is durably committed. `Idempotency-Key` makes retries safe (the same key and body answer the original sequence, nothing is stored twice); `expected_sequence` appends only if the log's head is that sequence.
         */
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
        /**
         * Append a batch of events
         * @description Stores 1–100 base64 events atomically (one storage transaction) at consecutive sequences, or none. Honours `Idempotency-Key` (over the whole batch) and `expected_sequence` (the head before the batch).
         */
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
        /**
         * Read events
         * @description A page of events after `after`, in sequence order. With `wait`, an empty page is held back until an event arrives or the wait ends: the live tail. Continue with `after = next_after`.
         */
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
        /**
         * List a log's views
         * @description Every view deployed on the log, with its version and content hash.
         */
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
        /**
         * Deploy a view
         * @description Deploys (or replaces) a WebAssembly component implementing the published WIT (`GET /wit/primatomic-machine.wit`) as the view of this name on the log. The component is compiled, instantiated and its `init` run under the limits before anything is stored; the view then folds every event of the log, from the first.
         */
        post: operations["DeployView"];
        /**
         * Delete a view
         * @description Removes the view, its replica on this instance and all its checkpoints. Other instances drop theirs within a placement round.
         */
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
        /**
         * Query a view
         * @description Runs the view's `query` with the body as input and answers its output. With `after=N` the answer reflects every event up to N (read-after-write: pass the sequence your append answered); without it, the replica's current state.
         */
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
        /**
         * A view's stats
         * @description The view's progress and health: its lag (`head_sequence - processed_sequence`), apply rate, leader, status and last error. `processed_sequence` and the members after it describe the answering instance's replica.
         */
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
        /**
         * Create a log
         * @description Creates an empty log with this name in the caller's tenant, in one storage transaction. With `Idempotency-Key`, a retry (say after a 503) answers 201 with the log the first attempt made.
         */
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
        /**
         * The view interface (WIT)
         * @description The WebAssembly interface every view implements, `primatomic:machine@0.0.1`, exactly the file the service checks components against; cacheable (ETag, an hour).
         */
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
        ApiKey: {
            /**
             * Format: date-time
             * @description When the key was created (ISO 8601, UTC, milliseconds).
             */
            created_at: unknown;
            /** @description The key's id. */
            key_id: string;
            /** @description The key's name. */
            name: string;
            /** @description The key whose token created this one; null when a person did. */
            parent_key_id: null | string;
            /** @description The key's scopes. */
            scopes: string[];
        };
        ApiKeyExchange: {
            /** @description An API key, as POST /auth/keys answered it. */
            api_key: null | string;
        };
        ApiKeyList: {
            /** @description The tenant's keys, without their secrets. */
            keys: components["schemas"]["ApiKey"][];
        };
        AppendBatch: {
            /** @description 1–100 events, each non-empty base64 of at most 1 MiB decoded, together at most 2 MiB decoded. */
            events: null | string[];
        };
        AppendBatchResult: {
            /**
             * Format: int64
             * @description The first event's sequence.
             */
            first_sequence: number;
            /**
             * Format: int64
             * @description The last event's sequence.
             */
            last_sequence: number;
            /** @description Always true: every event of the batch is committed, at consecutive sequences. */
            success: boolean;
        };
        AppendResult: {
            /**
             * Format: int64
             * @description The event's sequence: gap-free and strictly increasing in the log, from 1.
             */
            sequence: number;
            /** @description Always true: the event is durably committed. */
            success: boolean;
        };
        CreatedApiKey: {
            /** @description The secret: shown only in this answer; exchange it at POST /auth/token. */
            api_key: string;
            /**
             * Format: date-time
             * @description When the key was created (ISO 8601, UTC, milliseconds).
             */
            created_at: unknown;
            /** @description The key's id. */
            key_id: string;
            /** @description The key's name. */
            name: string;
            /** @description The key whose token created this one; null when a person did. */
            parent_key_id: null | string;
            /** @description The key's scopes. */
            scopes: string[];
        };
        CreatedLog: {
            /** @description The new log's id: every other log route names the log by it. */
            log_id: string;
            /** @description Always true. */
            success: boolean;
        };
        Credentials: {
            /** @description The account's email (case-insensitive). */
            email: null | string;
            /** @description The password: 10–256 characters when registering. */
            password: null | string;
        };
        DeletedView: {
            /** @description Always true: the view and all its checkpoints are gone. */
            success: boolean;
        };
        DeployedView: {
            /** @description SHA-256 of the component's bytes, hex. */
            content_hash: string;
            /** @description Always true: the component compiled, started, and is stored. */
            success: boolean;
            /**
             * Format: int64
             * @description The deployment's version: 1 for a new view, one more on each redeploy.
             */
            version: number;
        };
        Event: {
            /**
             * Format: date-time
             * @description When the event was committed (ISO 8601, UTC, milliseconds).
             */
            appended_at: unknown;
            /**
             * Format: byte
             * @description The event's bytes, base64.
             */
            data: string;
            /**
             * Format: int64
             * @description The event's sequence in its log.
             */
            sequence: number;
        };
        EventPage: {
            /** @description Events in sequence order; empty when nothing follows `after` (after any wait). */
            events: components["schemas"]["Event"][];
            /**
             * Format: int64
             * @description Pass as `after` to read on: the last event's sequence, or `after` itself when the page is empty.
             */
            next_after: number;
        };
        JsonWebKey: {
            /** @description Always "RS256". */
            alg: string;
            /** @description The public exponent, base64url. */
            e: string;
            /** @description The key's id, as in a token's `kid` header. */
            kid: string;
            /** @description Always "RSA". */
            kty: string;
            /** @description The modulus, base64url. */
            n: string;
            /** @description Always "sig". */
            use: string;
        };
        JsonWebKeySet: {
            /** @description The public keys that validate access tokens (RFC 7517). */
            keys: components["schemas"]["JsonWebKey"][];
        };
        Log: {
            /**
             * Format: date-time
             * @description When the log was created (ISO 8601, UTC, milliseconds).
             */
            created_at: unknown;
            /**
             * Format: int64
             * @description The last committed sequence; 0 for an empty log.
             */
            head_sequence: number;
            /** @description The log's id. */
            log_id: string;
            /** @description The log's name, unique in its tenant. */
            name: string;
        };
        LogList: {
            /** @description The token for the next page; null on the last page. */
            continuation: null | string;
            /** @description This page of the tenant's logs, in name order (ordinal). */
            logs: components["schemas"]["Log"][];
        };
        NewApiKey: {
            /** @description A name for people: 1–100 printable characters. */
            name: null | string;
            /** @description The key's scopes, each held by the creating token: logs:read, logs:write, views:deploy, views:query, keys:manage. */
            scopes: null | string[];
        };
        NewUser: {
            /** @description The new user's email. */
            email: null | string;
            /** @description The new user's password: 10–256 characters. */
            password: null | string;
            /** @description "member" (the default) or "owner". */
            role: null | string;
        };
        /** @description An RFC 9457 problem document (`application/problem+json`). Branch on `code`, which is stable; `detail` is for people and may change. */
        Problem: {
            /**
             * @description The stable error code; never renamed.
             * @enum {string}
             */
            code: "VALIDATION_ERROR" | "UNAUTHENTICATED" | "PERMISSION_DENIED" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "SEQUENCE_MISMATCH" | "IDEMPOTENCY_KEY_REUSED" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "RATE_LIMITED" | "SIGNUP_DISABLED" | "SERVICE_UNAVAILABLE" | "INTERNAL" | "INVALID_VIEW" | "VIEW_FAILED" | "VIEW_QUERY_FAILED" | "VIEW_LIMIT_REACHED" | "AFTER_BEYOND_HEAD" | "VIEW_CATCH_UP_TIMEOUT" | "LOG_LIMIT_REACHED" | "URI_TOO_LONG" | "HEADERS_TOO_LARGE";
            /**
             * Format: int64
             * @description 409 `SEQUENCE_MISMATCH`: the log's head.
             */
            current_sequence?: number;
            /** @description What went wrong, for people. */
            detail: string;
            /** @description 409 `VIEW_FAILED`: why the view failed. */
            error?: string;
            /**
             * Format: int64
             * @description 409 `VIEW_FAILED`: the event the view failed at.
             */
            failed_sequence?: number;
            /**
             * Format: int64
             * @description 400 `AFTER_BEYOND_HEAD`: the log's head.
             */
            head_sequence?: number;
            /** @description The request path (cut at 256 characters). */
            instance?: string;
            /**
             * Format: int64
             * @description 409 `VIEW_LIMIT_REACHED` and `LOG_LIMIT_REACHED`: the cap.
             */
            limit?: number;
            /** @description 400: the unknown query parameter. */
            parameter?: string;
            /**
             * Format: int64
             * @description 503 `VIEW_CATCH_UP_TIMEOUT`: how far the view had got.
             */
            processed_sequence?: number;
            /**
             * Format: int64
             * @description 429: seconds to wait before retrying, as in `Retry-After`.
             */
            retry_after?: number;
            /** @description 409 `VIEW_LIMIT_REACHED`: which cap was reached, `log` or `tenant`. */
            scope?: string;
            /**
             * Format: int64
             * @description The HTTP status code, as on the response.
             */
            status: number;
            /** @description The HTTP reason phrase of `status`. */
            title: string;
            /** @description 500 and 503: the request's id, to find it in the service's logs. */
            trace_id?: string;
            /** @description Always `about:blank`: the status and `code` say what happened. */
            type: string;
        };
        Registration: {
            /** @description Always true. */
            success: boolean;
            /** @description The new tenant's id (32 hex digits). */
            tenant_id: string;
            /** @description The owner's user id. */
            user_id: string;
        };
        SigningKeyRotation: {
            /** @description The new active signing key's id. */
            kid: string;
            /** @description Always true. */
            success: boolean;
        };
        Token: {
            /** @description An RS256 JWT: send it as `Authorization: Bearer <access_token>`. */
            access_token: string;
            /**
             * Format: int32
             * @description Seconds until the token expires (ACCESS_TOKEN_LIFETIME_SECS).
             */
            expires_in: number;
            /** @description Always "Bearer". */
            token_type: string;
        };
        User: {
            /**
             * Format: date-time
             * @description When the user was added (ISO 8601, UTC, milliseconds).
             */
            created_at: unknown;
            /** @description The user's email. */
            email: string;
            /** @description "owner", "member" or "admin". */
            role: string;
            /** @description The user's id. */
            user_id: string;
        };
        UserList: {
            /** @description The tenant's users. */
            users: components["schemas"]["User"][];
        };
        View: {
            /** @description SHA-256 of the component's bytes, hex. */
            content_hash: string;
            /**
             * Format: date-time
             * @description When this version was deployed (ISO 8601, UTC, milliseconds).
             */
            created_at: unknown;
            /**
             * Format: int64
             * @description The deployment's version.
             */
            version: number;
            /** @description The view's name. */
            view_name: string;
        };
        ViewList: {
            /** @description The log's views. */
            views: components["schemas"]["View"][];
        };
        ViewStats: {
            /**
             * Format: double
             * @description Events applied per second of time spent inside `apply`.
             */
            apply_rate: number;
            /**
             * Format: int64
             * @description The sequence of this replica's latest checkpoint (0 before its first).
             */
            checkpoint_sequence: null | number;
            /**
             * Format: int64
             * @description When this version was deployed, in Unix seconds (the one timestamp not in ISO 8601, kept for Primatomic clients).
             */
            created_at: number;
            /**
             * Format: int64
             * @description Events applied by this replica since it started.
             */
            events_applied: number;
            /**
             * Format: int64
             * @description The event the view failed at; null while it runs.
             */
            failed_sequence: null | number;
            /**
             * Format: int64
             * @description The log's head sequence: the view's lag is head_sequence - processed_sequence.
             */
            head_sequence: number;
            /** @description Why the view failed; null while it runs. */
            last_error: null | string;
            /** @description The instance holding the lease of the view's shard; null when none does or the view failed. */
            leader_node_id: null | string;
            /** @description "ready" while some instance leads the view's shard and the view has not failed; null otherwise. */
            leader_status: null | string;
            /** @description The name of the view's log. */
            log_name: string;
            /**
             * Format: int64
             * @description The last sequence this replica has applied.
             */
            processed_sequence: number;
            /** @description "leading" where the view is led, "on_demand" where a query or stats loaded it. */
            replica_here: string;
            /**
             * Format: int64
             * @description The checkpoint this replica started from; 0 if none.
             */
            restored_from_sequence: number;
            /** @description The instance that answered. */
            serving_node_id: string;
            /** @description "running" or "failed". */
            status: string;
            /**
             * Format: int64
             * @description The deployment's version.
             */
            version: number;
            /** @description The view's name. */
            view_name: string;
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
                    /**
                     * @example {
                     *       "keys": [
                     *         {
                     *           "kty": "RSA",
                     *           "use": "sig",
                     *           "alg": "RS256",
                     *           "kid": "2026-11-30-1",
                     *           "n": "sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri",
                     *           "e": "AQAB"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["JsonWebKeySet"];
                };
            };
            /** @description Bad Request. `VALIDATION_ERROR`: An unknown or invalid query parameter or header, or a malformed request. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "code": "VALIDATION_ERROR",
                     *       "detail": "An unknown or invalid query parameter or header, or a malformed request.",
                     *       "instance": "/.well-known/jwks.json"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "VALIDATION_ERROR";
                        /** @enum {integer} */
                        status?: 400;
                    };
                };
            };
            /** @description URI Too Long. `URI_TOO_LONG`: The request target is over 8 KiB. */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "URI Too Long",
                     *       "status": 414,
                     *       "code": "URI_TOO_LONG",
                     *       "detail": "The request target is over 8 KiB.",
                     *       "instance": "/.well-known/jwks.json"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "URI_TOO_LONG";
                        /** @enum {integer} */
                        status?: 414;
                    };
                };
            };
            /** @description Too Many Requests. `RATE_LIMITED`: Over the client address's rate limit (or, with a token, the tenant's); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too Many Requests",
                     *       "status": 429,
                     *       "code": "RATE_LIMITED",
                     *       "detail": "Over the client address's rate limit (or, with a token, the tenant's); retry after Retry-After seconds.",
                     *       "instance": "/.well-known/jwks.json",
                     *       "retry_after": 1
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "RATE_LIMITED";
                        /** @enum {integer} */
                        status?: 429;
                    };
                };
            };
            /** @description Request Header Fields Too Large. `HEADERS_TOO_LARGE`: The request headers are over 32 KiB in total or more than 100. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Request Header Fields Too Large",
                     *       "status": 431,
                     *       "code": "HEADERS_TOO_LARGE",
                     *       "detail": "The request headers are over 32 KiB in total or more than 100.",
                     *       "instance": "/.well-known/jwks.json"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "HEADERS_TOO_LARGE";
                        /** @enum {integer} */
                        status?: 431;
                    };
                };
            };
            /** @description Internal Server Error. `INTERNAL`: A bug: the answer carries only a `trace_id` to find it in the service's logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Internal Server Error",
                     *       "status": 500,
                     *       "code": "INTERNAL",
                     *       "detail": "A bug: the answer carries only a trace_id to find it in the service's logs.",
                     *       "instance": "/.well-known/jwks.json",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                        /** @enum {integer} */
                        status?: 500;
                    };
                };
            };
            /** @description Service Unavailable. `SERVICE_UNAVAILABLE`: Storage is unreachable, throttling or failing, or the request ran past `REQUEST_TIMEOUT_SECS`; retry after `Retry-After`. */
            503: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "code": "SERVICE_UNAVAILABLE",
                     *       "detail": "Storage is unreachable, throttling or failing, or the request ran past REQUEST_TIMEOUT_SECS; retry after Retry-After.",
                     *       "instance": "/.well-known/jwks.json",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                        /** @enum {integer} */
                        status?: 503;
                    };
                };
            };
        };
    };
    AuthListApiKeys: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise).
                 * @example 9f8c2a4b1d3e4f5a8b7c6d5e4f3a2b1c
                 */
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
                    /**
                     * @example {
                     *       "keys": [
                     *         {
                     *           "key_id": "5b2e9c1f0a7d4e3b8c6f1a2d3e4b5c6d",
                     *           "name": "ingest",
                     *           "scopes": [
                     *             "logs:write"
                     *           ],
                     *           "created_at": "2026-11-30T13:35:00.123Z",
                     *           "parent_key_id": null
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ApiKeyList"];
                };
            };
            /** @description Bad Request. `VALIDATION_ERROR`: An unknown or invalid query parameter or header, or a malformed request. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "code": "VALIDATION_ERROR",
                     *       "detail": "An unknown or invalid query parameter or header, or a malformed request.",
                     *       "instance": "/auth/keys/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "VALIDATION_ERROR";
                        /** @enum {integer} */
                        status?: 400;
                    };
                };
            };
            /** @description Unauthorized. `UNAUTHENTICATED`: No bearer token, or an invalid, expired or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "code": "UNAUTHENTICATED",
                     *       "detail": "No bearer token, or an invalid, expired or revoked one.",
                     *       "instance": "/auth/keys/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                        /** @enum {integer} */
                        status?: 401;
                    };
                };
            };
            /** @description Forbidden. `PERMISSION_DENIED`: The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in `X-Tenant-ID`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "code": "PERMISSION_DENIED",
                     *       "detail": "The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in X-Tenant-ID.",
                     *       "instance": "/auth/keys/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PERMISSION_DENIED";
                        /** @enum {integer} */
                        status?: 403;
                    };
                };
            };
            /** @description Not Found. `NOT_FOUND`: `X-Tenant-ID` (platform admin) names no tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "code": "NOT_FOUND",
                     *       "detail": "X-Tenant-ID (platform admin) names no tenant.",
                     *       "instance": "/auth/keys/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                        /** @enum {integer} */
                        status?: 404;
                    };
                };
            };
            /** @description URI Too Long. `URI_TOO_LONG`: The request target is over 8 KiB. */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "URI Too Long",
                     *       "status": 414,
                     *       "code": "URI_TOO_LONG",
                     *       "detail": "The request target is over 8 KiB.",
                     *       "instance": "/auth/keys/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "URI_TOO_LONG";
                        /** @enum {integer} */
                        status?: 414;
                    };
                };
            };
            /** @description Too Many Requests. `RATE_LIMITED`: Over the client address's rate limit (or, with a token, the tenant's); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too Many Requests",
                     *       "status": 429,
                     *       "code": "RATE_LIMITED",
                     *       "detail": "Over the client address's rate limit (or, with a token, the tenant's); retry after Retry-After seconds.",
                     *       "instance": "/auth/keys/",
                     *       "retry_after": 1
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "RATE_LIMITED";
                        /** @enum {integer} */
                        status?: 429;
                    };
                };
            };
            /** @description Request Header Fields Too Large. `HEADERS_TOO_LARGE`: The request headers are over 32 KiB in total or more than 100. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Request Header Fields Too Large",
                     *       "status": 431,
                     *       "code": "HEADERS_TOO_LARGE",
                     *       "detail": "The request headers are over 32 KiB in total or more than 100.",
                     *       "instance": "/auth/keys/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "HEADERS_TOO_LARGE";
                        /** @enum {integer} */
                        status?: 431;
                    };
                };
            };
            /** @description Internal Server Error. `INTERNAL`: A bug: the answer carries only a `trace_id` to find it in the service's logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Internal Server Error",
                     *       "status": 500,
                     *       "code": "INTERNAL",
                     *       "detail": "A bug: the answer carries only a trace_id to find it in the service's logs.",
                     *       "instance": "/auth/keys/",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                        /** @enum {integer} */
                        status?: 500;
                    };
                };
            };
            /** @description Service Unavailable. `SERVICE_UNAVAILABLE`: Storage is unreachable, throttling or failing, or the request ran past `REQUEST_TIMEOUT_SECS`; retry after `Retry-After`. */
            503: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "code": "SERVICE_UNAVAILABLE",
                     *       "detail": "Storage is unreachable, throttling or failing, or the request ran past REQUEST_TIMEOUT_SECS; retry after Retry-After.",
                     *       "instance": "/auth/keys/",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                        /** @enum {integer} */
                        status?: 503;
                    };
                };
            };
        };
    };
    AuthCreateApiKey: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise).
                 * @example 9f8c2a4b1d3e4f5a8b7c6d5e4f3a2b1c
                 */
                "X-Tenant-ID"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "name": "ingest",
                 *       "scopes": [
                 *         "logs:write"
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["NewApiKey"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "key_id": "5b2e9c1f0a7d4e3b8c6f1a2d3e4b5c6d",
                     *       "name": "ingest",
                     *       "scopes": [
                     *         "logs:write"
                     *       ],
                     *       "created_at": "2026-11-30T13:35:00.123Z",
                     *       "parent_key_id": null,
                     *       "api_key": "pk_9f8c2a4b1d3e4f5a8b7c6d5e4f3a2b1c_5b2e9c1f0a7d4e3b8c6f1a2d3e4b5c6d_c2VjcmV0"
                     *     }
                     */
                    "application/json": components["schemas"]["CreatedApiKey"];
                };
            };
            /** @description Bad Request. `VALIDATION_ERROR`: An unknown or invalid query parameter or header, or a malformed request. The body is not valid JSON for this operation. A missing or invalid name, no scopes, or an unknown scope. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "code": "VALIDATION_ERROR",
                     *       "detail": "A missing or invalid name, no scopes, or an unknown scope.",
                     *       "instance": "/auth/keys/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "VALIDATION_ERROR";
                        /** @enum {integer} */
                        status?: 400;
                    };
                };
            };
            /** @description Unauthorized. `UNAUTHENTICATED`: No bearer token, or an invalid, expired or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "code": "UNAUTHENTICATED",
                     *       "detail": "No bearer token, or an invalid, expired or revoked one.",
                     *       "instance": "/auth/keys/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                        /** @enum {integer} */
                        status?: 401;
                    };
                };
            };
            /** @description Forbidden. `PERMISSION_DENIED`: The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in `X-Tenant-ID`. A scope the creating token does not hold, a member's token, or keys created through keys more than 8 deep. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "code": "PERMISSION_DENIED",
                     *       "detail": "A scope the creating token does not hold, a member's token, or keys created through keys more than 8 deep.",
                     *       "instance": "/auth/keys/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PERMISSION_DENIED";
                        /** @enum {integer} */
                        status?: 403;
                    };
                };
            };
            /** @description Not Found. `NOT_FOUND`: `X-Tenant-ID` (platform admin) names no tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "code": "NOT_FOUND",
                     *       "detail": "X-Tenant-ID (platform admin) names no tenant.",
                     *       "instance": "/auth/keys/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                        /** @enum {integer} */
                        status?: 404;
                    };
                };
            };
            /** @description Payload Too Large. `PAYLOAD_TOO_LARGE`: The request body is over 4 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Payload Too Large",
                     *       "status": 413,
                     *       "code": "PAYLOAD_TOO_LARGE",
                     *       "detail": "The request body is over 4 MiB.",
                     *       "instance": "/auth/keys/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                        /** @enum {integer} */
                        status?: 413;
                    };
                };
            };
            /** @description URI Too Long. `URI_TOO_LONG`: The request target is over 8 KiB. */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "URI Too Long",
                     *       "status": 414,
                     *       "code": "URI_TOO_LONG",
                     *       "detail": "The request target is over 8 KiB.",
                     *       "instance": "/auth/keys/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "URI_TOO_LONG";
                        /** @enum {integer} */
                        status?: 414;
                    };
                };
            };
            /** @description Unsupported Media Type. `UNSUPPORTED_MEDIA_TYPE`: A body sent with a content type other than `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Unsupported Media Type",
                     *       "status": 415,
                     *       "code": "UNSUPPORTED_MEDIA_TYPE",
                     *       "detail": "A body sent with a content type other than application/json.",
                     *       "instance": "/auth/keys/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                        /** @enum {integer} */
                        status?: 415;
                    };
                };
            };
            /** @description Too Many Requests. `RATE_LIMITED`: Over the client address's rate limit (or, with a token, the tenant's); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too Many Requests",
                     *       "status": 429,
                     *       "code": "RATE_LIMITED",
                     *       "detail": "Over the client address's rate limit (or, with a token, the tenant's); retry after Retry-After seconds.",
                     *       "instance": "/auth/keys/",
                     *       "retry_after": 1
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "RATE_LIMITED";
                        /** @enum {integer} */
                        status?: 429;
                    };
                };
            };
            /** @description Request Header Fields Too Large. `HEADERS_TOO_LARGE`: The request headers are over 32 KiB in total or more than 100. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Request Header Fields Too Large",
                     *       "status": 431,
                     *       "code": "HEADERS_TOO_LARGE",
                     *       "detail": "The request headers are over 32 KiB in total or more than 100.",
                     *       "instance": "/auth/keys/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "HEADERS_TOO_LARGE";
                        /** @enum {integer} */
                        status?: 431;
                    };
                };
            };
            /** @description Internal Server Error. `INTERNAL`: A bug: the answer carries only a `trace_id` to find it in the service's logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Internal Server Error",
                     *       "status": 500,
                     *       "code": "INTERNAL",
                     *       "detail": "A bug: the answer carries only a trace_id to find it in the service's logs.",
                     *       "instance": "/auth/keys/",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                        /** @enum {integer} */
                        status?: 500;
                    };
                };
            };
            /** @description Service Unavailable. `SERVICE_UNAVAILABLE`: Storage is unreachable, throttling or failing, or the request ran past `REQUEST_TIMEOUT_SECS`; retry after `Retry-After`. */
            503: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "code": "SERVICE_UNAVAILABLE",
                     *       "detail": "Storage is unreachable, throttling or failing, or the request ran past REQUEST_TIMEOUT_SECS; retry after Retry-After.",
                     *       "instance": "/auth/keys/",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                        /** @enum {integer} */
                        status?: 503;
                    };
                };
            };
        };
    };
    AuthGetApiKey: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise).
                 * @example 9f8c2a4b1d3e4f5a8b7c6d5e4f3a2b1c
                 */
                "X-Tenant-ID"?: string;
            };
            path: {
                /**
                 * @description The API key's id, as its create answered.
                 * @example 5b2e9c1f0a7d4e3b8c6f1a2d3e4b5c6d
                 */
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
                    /**
                     * @example {
                     *       "key_id": "5b2e9c1f0a7d4e3b8c6f1a2d3e4b5c6d",
                     *       "name": "ingest",
                     *       "scopes": [
                     *         "logs:write"
                     *       ],
                     *       "created_at": "2026-11-30T13:35:00.123Z",
                     *       "parent_key_id": null
                     *     }
                     */
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            /** @description Bad Request. `VALIDATION_ERROR`: An unknown or invalid query parameter or header, or a malformed request. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "code": "VALIDATION_ERROR",
                     *       "detail": "An unknown or invalid query parameter or header, or a malformed request.",
                     *       "instance": "/auth/keys/{key_id}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "VALIDATION_ERROR";
                        /** @enum {integer} */
                        status?: 400;
                    };
                };
            };
            /** @description Unauthorized. `UNAUTHENTICATED`: No bearer token, or an invalid, expired or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "code": "UNAUTHENTICATED",
                     *       "detail": "No bearer token, or an invalid, expired or revoked one.",
                     *       "instance": "/auth/keys/{key_id}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                        /** @enum {integer} */
                        status?: 401;
                    };
                };
            };
            /** @description Forbidden. `PERMISSION_DENIED`: The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in `X-Tenant-ID`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "code": "PERMISSION_DENIED",
                     *       "detail": "The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in X-Tenant-ID.",
                     *       "instance": "/auth/keys/{key_id}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PERMISSION_DENIED";
                        /** @enum {integer} */
                        status?: 403;
                    };
                };
            };
            /** @description Not Found. `NOT_FOUND`: `X-Tenant-ID` (platform admin) names no tenant. The tenant has no API key with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "code": "NOT_FOUND",
                     *       "detail": "The tenant has no API key with this id.",
                     *       "instance": "/auth/keys/{key_id}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                        /** @enum {integer} */
                        status?: 404;
                    };
                };
            };
            /** @description URI Too Long. `URI_TOO_LONG`: The request target is over 8 KiB. */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "URI Too Long",
                     *       "status": 414,
                     *       "code": "URI_TOO_LONG",
                     *       "detail": "The request target is over 8 KiB.",
                     *       "instance": "/auth/keys/{key_id}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "URI_TOO_LONG";
                        /** @enum {integer} */
                        status?: 414;
                    };
                };
            };
            /** @description Too Many Requests. `RATE_LIMITED`: Over the client address's rate limit (or, with a token, the tenant's); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too Many Requests",
                     *       "status": 429,
                     *       "code": "RATE_LIMITED",
                     *       "detail": "Over the client address's rate limit (or, with a token, the tenant's); retry after Retry-After seconds.",
                     *       "instance": "/auth/keys/{key_id}",
                     *       "retry_after": 1
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "RATE_LIMITED";
                        /** @enum {integer} */
                        status?: 429;
                    };
                };
            };
            /** @description Request Header Fields Too Large. `HEADERS_TOO_LARGE`: The request headers are over 32 KiB in total or more than 100. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Request Header Fields Too Large",
                     *       "status": 431,
                     *       "code": "HEADERS_TOO_LARGE",
                     *       "detail": "The request headers are over 32 KiB in total or more than 100.",
                     *       "instance": "/auth/keys/{key_id}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "HEADERS_TOO_LARGE";
                        /** @enum {integer} */
                        status?: 431;
                    };
                };
            };
            /** @description Internal Server Error. `INTERNAL`: A bug: the answer carries only a `trace_id` to find it in the service's logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Internal Server Error",
                     *       "status": 500,
                     *       "code": "INTERNAL",
                     *       "detail": "A bug: the answer carries only a trace_id to find it in the service's logs.",
                     *       "instance": "/auth/keys/{key_id}",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                        /** @enum {integer} */
                        status?: 500;
                    };
                };
            };
            /** @description Service Unavailable. `SERVICE_UNAVAILABLE`: Storage is unreachable, throttling or failing, or the request ran past `REQUEST_TIMEOUT_SECS`; retry after `Retry-After`. */
            503: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "code": "SERVICE_UNAVAILABLE",
                     *       "detail": "Storage is unreachable, throttling or failing, or the request ran past REQUEST_TIMEOUT_SECS; retry after Retry-After.",
                     *       "instance": "/auth/keys/{key_id}",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                        /** @enum {integer} */
                        status?: 503;
                    };
                };
            };
        };
    };
    AuthRevokeApiKey: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise).
                 * @example 9f8c2a4b1d3e4f5a8b7c6d5e4f3a2b1c
                 */
                "X-Tenant-ID"?: string;
            };
            path: {
                /**
                 * @description The API key's id, as its create answered.
                 * @example 5b2e9c1f0a7d4e3b8c6f1a2d3e4b5c6d
                 */
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
            /** @description Bad Request. `VALIDATION_ERROR`: An unknown or invalid query parameter or header, or a malformed request. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "code": "VALIDATION_ERROR",
                     *       "detail": "An unknown or invalid query parameter or header, or a malformed request.",
                     *       "instance": "/auth/keys/{key_id}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "VALIDATION_ERROR";
                        /** @enum {integer} */
                        status?: 400;
                    };
                };
            };
            /** @description Unauthorized. `UNAUTHENTICATED`: No bearer token, or an invalid, expired or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "code": "UNAUTHENTICATED",
                     *       "detail": "No bearer token, or an invalid, expired or revoked one.",
                     *       "instance": "/auth/keys/{key_id}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                        /** @enum {integer} */
                        status?: 401;
                    };
                };
            };
            /** @description Forbidden. `PERMISSION_DENIED`: The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in `X-Tenant-ID`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "code": "PERMISSION_DENIED",
                     *       "detail": "The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in X-Tenant-ID.",
                     *       "instance": "/auth/keys/{key_id}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PERMISSION_DENIED";
                        /** @enum {integer} */
                        status?: 403;
                    };
                };
            };
            /** @description Not Found. `NOT_FOUND`: `X-Tenant-ID` (platform admin) names no tenant. The tenant has no API key with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "code": "NOT_FOUND",
                     *       "detail": "The tenant has no API key with this id.",
                     *       "instance": "/auth/keys/{key_id}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                        /** @enum {integer} */
                        status?: 404;
                    };
                };
            };
            /** @description URI Too Long. `URI_TOO_LONG`: The request target is over 8 KiB. */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "URI Too Long",
                     *       "status": 414,
                     *       "code": "URI_TOO_LONG",
                     *       "detail": "The request target is over 8 KiB.",
                     *       "instance": "/auth/keys/{key_id}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "URI_TOO_LONG";
                        /** @enum {integer} */
                        status?: 414;
                    };
                };
            };
            /** @description Too Many Requests. `RATE_LIMITED`: Over the client address's rate limit (or, with a token, the tenant's); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too Many Requests",
                     *       "status": 429,
                     *       "code": "RATE_LIMITED",
                     *       "detail": "Over the client address's rate limit (or, with a token, the tenant's); retry after Retry-After seconds.",
                     *       "instance": "/auth/keys/{key_id}",
                     *       "retry_after": 1
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "RATE_LIMITED";
                        /** @enum {integer} */
                        status?: 429;
                    };
                };
            };
            /** @description Request Header Fields Too Large. `HEADERS_TOO_LARGE`: The request headers are over 32 KiB in total or more than 100. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Request Header Fields Too Large",
                     *       "status": 431,
                     *       "code": "HEADERS_TOO_LARGE",
                     *       "detail": "The request headers are over 32 KiB in total or more than 100.",
                     *       "instance": "/auth/keys/{key_id}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "HEADERS_TOO_LARGE";
                        /** @enum {integer} */
                        status?: 431;
                    };
                };
            };
            /** @description Internal Server Error. `INTERNAL`: A bug: the answer carries only a `trace_id` to find it in the service's logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Internal Server Error",
                     *       "status": 500,
                     *       "code": "INTERNAL",
                     *       "detail": "A bug: the answer carries only a trace_id to find it in the service's logs.",
                     *       "instance": "/auth/keys/{key_id}",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                        /** @enum {integer} */
                        status?: 500;
                    };
                };
            };
            /** @description Service Unavailable. `SERVICE_UNAVAILABLE`: Storage is unreachable, throttling or failing, or the request ran past `REQUEST_TIMEOUT_SECS`; retry after `Retry-After`. */
            503: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "code": "SERVICE_UNAVAILABLE",
                     *       "detail": "Storage is unreachable, throttling or failing, or the request ran past REQUEST_TIMEOUT_SECS; retry after Retry-After.",
                     *       "instance": "/auth/keys/{key_id}",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                        /** @enum {integer} */
                        status?: 503;
                    };
                };
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
                /**
                 * @example {
                 *       "email": "ada@example.com",
                 *       "password": "correct horse battery staple"
                 *     }
                 */
                "application/json": components["schemas"]["Credentials"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "access_token": "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwZDZlIn0.c2lnbmF0dXJl",
                     *       "token_type": "Bearer",
                     *       "expires_in": 3600
                     *     }
                     */
                    "application/json": components["schemas"]["Token"];
                };
            };
            /** @description Bad Request. `VALIDATION_ERROR`: An unknown or invalid query parameter or header, or a malformed request. The body is not valid JSON for this operation. A missing body, email or password. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "code": "VALIDATION_ERROR",
                     *       "detail": "A missing body, email or password.",
                     *       "instance": "/auth/login"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "VALIDATION_ERROR";
                        /** @enum {integer} */
                        status?: 400;
                    };
                };
            };
            /** @description Unauthorized. `UNAUTHENTICATED`: Wrong email or password (one answer for both). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "code": "UNAUTHENTICATED",
                     *       "detail": "Wrong email or password (one answer for both).",
                     *       "instance": "/auth/login"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                        /** @enum {integer} */
                        status?: 401;
                    };
                };
            };
            /** @description Payload Too Large. `PAYLOAD_TOO_LARGE`: The request body is over 4 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Payload Too Large",
                     *       "status": 413,
                     *       "code": "PAYLOAD_TOO_LARGE",
                     *       "detail": "The request body is over 4 MiB.",
                     *       "instance": "/auth/login"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                        /** @enum {integer} */
                        status?: 413;
                    };
                };
            };
            /** @description URI Too Long. `URI_TOO_LONG`: The request target is over 8 KiB. */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "URI Too Long",
                     *       "status": 414,
                     *       "code": "URI_TOO_LONG",
                     *       "detail": "The request target is over 8 KiB.",
                     *       "instance": "/auth/login"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "URI_TOO_LONG";
                        /** @enum {integer} */
                        status?: 414;
                    };
                };
            };
            /** @description Unsupported Media Type. `UNSUPPORTED_MEDIA_TYPE`: A body sent with a content type other than `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Unsupported Media Type",
                     *       "status": 415,
                     *       "code": "UNSUPPORTED_MEDIA_TYPE",
                     *       "detail": "A body sent with a content type other than application/json.",
                     *       "instance": "/auth/login"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                        /** @enum {integer} */
                        status?: 415;
                    };
                };
            };
            /** @description Too Many Requests. `RATE_LIMITED`: Over the client address's rate limit (or, with a token, the tenant's); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too Many Requests",
                     *       "status": 429,
                     *       "code": "RATE_LIMITED",
                     *       "detail": "Over the client address's rate limit (or, with a token, the tenant's); retry after Retry-After seconds.",
                     *       "instance": "/auth/login",
                     *       "retry_after": 1
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "RATE_LIMITED";
                        /** @enum {integer} */
                        status?: 429;
                    };
                };
            };
            /** @description Request Header Fields Too Large. `HEADERS_TOO_LARGE`: The request headers are over 32 KiB in total or more than 100. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Request Header Fields Too Large",
                     *       "status": 431,
                     *       "code": "HEADERS_TOO_LARGE",
                     *       "detail": "The request headers are over 32 KiB in total or more than 100.",
                     *       "instance": "/auth/login"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "HEADERS_TOO_LARGE";
                        /** @enum {integer} */
                        status?: 431;
                    };
                };
            };
            /** @description Internal Server Error. `INTERNAL`: A bug: the answer carries only a `trace_id` to find it in the service's logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Internal Server Error",
                     *       "status": 500,
                     *       "code": "INTERNAL",
                     *       "detail": "A bug: the answer carries only a trace_id to find it in the service's logs.",
                     *       "instance": "/auth/login",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                        /** @enum {integer} */
                        status?: 500;
                    };
                };
            };
            /** @description Service Unavailable. `SERVICE_UNAVAILABLE`: Storage is unreachable, throttling or failing, or the request ran past `REQUEST_TIMEOUT_SECS`; retry after `Retry-After`. Too many passwords are being hashed at once (`AUTH_MAX_CONCURRENT_HASHES`). */
            503: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "code": "SERVICE_UNAVAILABLE",
                     *       "detail": "Too many passwords are being hashed at once (AUTH_MAX_CONCURRENT_HASHES).",
                     *       "instance": "/auth/login"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                        /** @enum {integer} */
                        status?: 503;
                    };
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
                /**
                 * @example {
                 *       "email": "ada@example.com",
                 *       "password": "correct horse battery staple"
                 *     }
                 */
                "application/json": components["schemas"]["Credentials"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "tenant_id": "9f8c2a4b1d3e4f5a8b7c6d5e4f3a2b1c",
                     *       "user_id": "0d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a"
                     *     }
                     */
                    "application/json": components["schemas"]["Registration"];
                };
            };
            /** @description Bad Request. `VALIDATION_ERROR`: An unknown or invalid query parameter or header, or a malformed request. The body is not valid JSON for this operation. A missing body or field, an invalid email, or a password outside 10–256 characters. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "code": "VALIDATION_ERROR",
                     *       "detail": "A missing body or field, an invalid email, or a password outside 10–256 characters.",
                     *       "instance": "/auth/register"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "VALIDATION_ERROR";
                        /** @enum {integer} */
                        status?: 400;
                    };
                };
            };
            /** @description Forbidden. `SIGNUP_DISABLED`: Sign-up is disabled (`ALLOW_SIGNUP=false`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "code": "SIGNUP_DISABLED",
                     *       "detail": "Sign-up is disabled (ALLOW_SIGNUP=false).",
                     *       "instance": "/auth/register"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SIGNUP_DISABLED";
                        /** @enum {integer} */
                        status?: 403;
                    };
                };
            };
            /** @description Conflict. `CONFLICT`: An account with this email exists. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "code": "CONFLICT",
                     *       "detail": "An account with this email exists.",
                     *       "instance": "/auth/register"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "CONFLICT";
                        /** @enum {integer} */
                        status?: 409;
                    };
                };
            };
            /** @description Payload Too Large. `PAYLOAD_TOO_LARGE`: The request body is over 4 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Payload Too Large",
                     *       "status": 413,
                     *       "code": "PAYLOAD_TOO_LARGE",
                     *       "detail": "The request body is over 4 MiB.",
                     *       "instance": "/auth/register"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                        /** @enum {integer} */
                        status?: 413;
                    };
                };
            };
            /** @description URI Too Long. `URI_TOO_LONG`: The request target is over 8 KiB. */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "URI Too Long",
                     *       "status": 414,
                     *       "code": "URI_TOO_LONG",
                     *       "detail": "The request target is over 8 KiB.",
                     *       "instance": "/auth/register"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "URI_TOO_LONG";
                        /** @enum {integer} */
                        status?: 414;
                    };
                };
            };
            /** @description Unsupported Media Type. `UNSUPPORTED_MEDIA_TYPE`: A body sent with a content type other than `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Unsupported Media Type",
                     *       "status": 415,
                     *       "code": "UNSUPPORTED_MEDIA_TYPE",
                     *       "detail": "A body sent with a content type other than application/json.",
                     *       "instance": "/auth/register"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                        /** @enum {integer} */
                        status?: 415;
                    };
                };
            };
            /** @description Too Many Requests. `RATE_LIMITED`: Over the client address's rate limit (or, with a token, the tenant's); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too Many Requests",
                     *       "status": 429,
                     *       "code": "RATE_LIMITED",
                     *       "detail": "Over the client address's rate limit (or, with a token, the tenant's); retry after Retry-After seconds.",
                     *       "instance": "/auth/register",
                     *       "retry_after": 1
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "RATE_LIMITED";
                        /** @enum {integer} */
                        status?: 429;
                    };
                };
            };
            /** @description Request Header Fields Too Large. `HEADERS_TOO_LARGE`: The request headers are over 32 KiB in total or more than 100. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Request Header Fields Too Large",
                     *       "status": 431,
                     *       "code": "HEADERS_TOO_LARGE",
                     *       "detail": "The request headers are over 32 KiB in total or more than 100.",
                     *       "instance": "/auth/register"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "HEADERS_TOO_LARGE";
                        /** @enum {integer} */
                        status?: 431;
                    };
                };
            };
            /** @description Internal Server Error. `INTERNAL`: A bug: the answer carries only a `trace_id` to find it in the service's logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Internal Server Error",
                     *       "status": 500,
                     *       "code": "INTERNAL",
                     *       "detail": "A bug: the answer carries only a trace_id to find it in the service's logs.",
                     *       "instance": "/auth/register",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                        /** @enum {integer} */
                        status?: 500;
                    };
                };
            };
            /** @description Service Unavailable. `SERVICE_UNAVAILABLE`: Storage is unreachable, throttling or failing, or the request ran past `REQUEST_TIMEOUT_SECS`; retry after `Retry-After`. Too many passwords are being hashed at once (`AUTH_MAX_CONCURRENT_HASHES`). */
            503: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "code": "SERVICE_UNAVAILABLE",
                     *       "detail": "Too many passwords are being hashed at once (AUTH_MAX_CONCURRENT_HASHES).",
                     *       "instance": "/auth/register"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                        /** @enum {integer} */
                        status?: 503;
                    };
                };
            };
        };
    };
    AuthRotateSigningKeys: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise).
                 * @example 9f8c2a4b1d3e4f5a8b7c6d5e4f3a2b1c
                 */
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
                    /**
                     * @example {
                     *       "success": true,
                     *       "kid": "2026-12-01-1"
                     *     }
                     */
                    "application/json": components["schemas"]["SigningKeyRotation"];
                };
            };
            /** @description Bad Request. `VALIDATION_ERROR`: An unknown or invalid query parameter or header, or a malformed request. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "code": "VALIDATION_ERROR",
                     *       "detail": "An unknown or invalid query parameter or header, or a malformed request.",
                     *       "instance": "/auth/signing-keys/rotate"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "VALIDATION_ERROR";
                        /** @enum {integer} */
                        status?: 400;
                    };
                };
            };
            /** @description Unauthorized. `UNAUTHENTICATED`: No bearer token, or an invalid, expired or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "code": "UNAUTHENTICATED",
                     *       "detail": "No bearer token, or an invalid, expired or revoked one.",
                     *       "instance": "/auth/signing-keys/rotate"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                        /** @enum {integer} */
                        status?: 401;
                    };
                };
            };
            /** @description Forbidden. `PERMISSION_DENIED`: The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in `X-Tenant-ID`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "code": "PERMISSION_DENIED",
                     *       "detail": "The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in X-Tenant-ID.",
                     *       "instance": "/auth/signing-keys/rotate"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PERMISSION_DENIED";
                        /** @enum {integer} */
                        status?: 403;
                    };
                };
            };
            /** @description Not Found. `NOT_FOUND`: `X-Tenant-ID` (platform admin) names no tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "code": "NOT_FOUND",
                     *       "detail": "X-Tenant-ID (platform admin) names no tenant.",
                     *       "instance": "/auth/signing-keys/rotate"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                        /** @enum {integer} */
                        status?: 404;
                    };
                };
            };
            /** @description URI Too Long. `URI_TOO_LONG`: The request target is over 8 KiB. */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "URI Too Long",
                     *       "status": 414,
                     *       "code": "URI_TOO_LONG",
                     *       "detail": "The request target is over 8 KiB.",
                     *       "instance": "/auth/signing-keys/rotate"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "URI_TOO_LONG";
                        /** @enum {integer} */
                        status?: 414;
                    };
                };
            };
            /** @description Too Many Requests. `RATE_LIMITED`: Over the client address's rate limit (or, with a token, the tenant's); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too Many Requests",
                     *       "status": 429,
                     *       "code": "RATE_LIMITED",
                     *       "detail": "Over the client address's rate limit (or, with a token, the tenant's); retry after Retry-After seconds.",
                     *       "instance": "/auth/signing-keys/rotate",
                     *       "retry_after": 1
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "RATE_LIMITED";
                        /** @enum {integer} */
                        status?: 429;
                    };
                };
            };
            /** @description Request Header Fields Too Large. `HEADERS_TOO_LARGE`: The request headers are over 32 KiB in total or more than 100. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Request Header Fields Too Large",
                     *       "status": 431,
                     *       "code": "HEADERS_TOO_LARGE",
                     *       "detail": "The request headers are over 32 KiB in total or more than 100.",
                     *       "instance": "/auth/signing-keys/rotate"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "HEADERS_TOO_LARGE";
                        /** @enum {integer} */
                        status?: 431;
                    };
                };
            };
            /** @description Internal Server Error. `INTERNAL`: A bug: the answer carries only a `trace_id` to find it in the service's logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Internal Server Error",
                     *       "status": 500,
                     *       "code": "INTERNAL",
                     *       "detail": "A bug: the answer carries only a trace_id to find it in the service's logs.",
                     *       "instance": "/auth/signing-keys/rotate",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                        /** @enum {integer} */
                        status?: 500;
                    };
                };
            };
            /** @description Service Unavailable. `SERVICE_UNAVAILABLE`: Storage is unreachable, throttling or failing, or the request ran past `REQUEST_TIMEOUT_SECS`; retry after `Retry-After`. */
            503: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "code": "SERVICE_UNAVAILABLE",
                     *       "detail": "Storage is unreachable, throttling or failing, or the request ran past REQUEST_TIMEOUT_SECS; retry after Retry-After.",
                     *       "instance": "/auth/signing-keys/rotate",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                        /** @enum {integer} */
                        status?: 503;
                    };
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
                /**
                 * @example {
                 *       "api_key": "pk_9f8c2a4b1d3e4f5a8b7c6d5e4f3a2b1c_5b2e9c1f0a7d4e3b8c6f1a2d3e4b5c6d_c2VjcmV0"
                 *     }
                 */
                "application/json": components["schemas"]["ApiKeyExchange"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "access_token": "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwZDZlIn0.c2lnbmF0dXJl",
                     *       "token_type": "Bearer",
                     *       "expires_in": 3600
                     *     }
                     */
                    "application/json": components["schemas"]["Token"];
                };
            };
            /** @description Bad Request. `VALIDATION_ERROR`: An unknown or invalid query parameter or header, or a malformed request. The body is not valid JSON for this operation. A missing body or `api_key`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "code": "VALIDATION_ERROR",
                     *       "detail": "A missing body or api_key.",
                     *       "instance": "/auth/token"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "VALIDATION_ERROR";
                        /** @enum {integer} */
                        status?: 400;
                    };
                };
            };
            /** @description Unauthorized. `UNAUTHENTICATED`: An unknown, malformed or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "code": "UNAUTHENTICATED",
                     *       "detail": "An unknown, malformed or revoked key.",
                     *       "instance": "/auth/token"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                        /** @enum {integer} */
                        status?: 401;
                    };
                };
            };
            /** @description Payload Too Large. `PAYLOAD_TOO_LARGE`: The request body is over 4 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Payload Too Large",
                     *       "status": 413,
                     *       "code": "PAYLOAD_TOO_LARGE",
                     *       "detail": "The request body is over 4 MiB.",
                     *       "instance": "/auth/token"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                        /** @enum {integer} */
                        status?: 413;
                    };
                };
            };
            /** @description URI Too Long. `URI_TOO_LONG`: The request target is over 8 KiB. */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "URI Too Long",
                     *       "status": 414,
                     *       "code": "URI_TOO_LONG",
                     *       "detail": "The request target is over 8 KiB.",
                     *       "instance": "/auth/token"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "URI_TOO_LONG";
                        /** @enum {integer} */
                        status?: 414;
                    };
                };
            };
            /** @description Unsupported Media Type. `UNSUPPORTED_MEDIA_TYPE`: A body sent with a content type other than `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Unsupported Media Type",
                     *       "status": 415,
                     *       "code": "UNSUPPORTED_MEDIA_TYPE",
                     *       "detail": "A body sent with a content type other than application/json.",
                     *       "instance": "/auth/token"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                        /** @enum {integer} */
                        status?: 415;
                    };
                };
            };
            /** @description Too Many Requests. `RATE_LIMITED`: Over the client address's rate limit (or, with a token, the tenant's); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too Many Requests",
                     *       "status": 429,
                     *       "code": "RATE_LIMITED",
                     *       "detail": "Over the client address's rate limit (or, with a token, the tenant's); retry after Retry-After seconds.",
                     *       "instance": "/auth/token",
                     *       "retry_after": 1
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "RATE_LIMITED";
                        /** @enum {integer} */
                        status?: 429;
                    };
                };
            };
            /** @description Request Header Fields Too Large. `HEADERS_TOO_LARGE`: The request headers are over 32 KiB in total or more than 100. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Request Header Fields Too Large",
                     *       "status": 431,
                     *       "code": "HEADERS_TOO_LARGE",
                     *       "detail": "The request headers are over 32 KiB in total or more than 100.",
                     *       "instance": "/auth/token"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "HEADERS_TOO_LARGE";
                        /** @enum {integer} */
                        status?: 431;
                    };
                };
            };
            /** @description Internal Server Error. `INTERNAL`: A bug: the answer carries only a `trace_id` to find it in the service's logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Internal Server Error",
                     *       "status": 500,
                     *       "code": "INTERNAL",
                     *       "detail": "A bug: the answer carries only a trace_id to find it in the service's logs.",
                     *       "instance": "/auth/token",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                        /** @enum {integer} */
                        status?: 500;
                    };
                };
            };
            /** @description Service Unavailable. `SERVICE_UNAVAILABLE`: Storage is unreachable, throttling or failing, or the request ran past `REQUEST_TIMEOUT_SECS`; retry after `Retry-After`. */
            503: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "code": "SERVICE_UNAVAILABLE",
                     *       "detail": "Storage is unreachable, throttling or failing, or the request ran past REQUEST_TIMEOUT_SECS; retry after Retry-After.",
                     *       "instance": "/auth/token",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                        /** @enum {integer} */
                        status?: 503;
                    };
                };
            };
        };
    };
    AuthListUsers: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise).
                 * @example 9f8c2a4b1d3e4f5a8b7c6d5e4f3a2b1c
                 */
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
                    /**
                     * @example {
                     *       "users": [
                     *         {
                     *           "user_id": "0d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a",
                     *           "email": "ada@example.com",
                     *           "role": "owner",
                     *           "created_at": "2026-11-30T13:35:00.123Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["UserList"];
                };
            };
            /** @description Bad Request. `VALIDATION_ERROR`: An unknown or invalid query parameter or header, or a malformed request. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "code": "VALIDATION_ERROR",
                     *       "detail": "An unknown or invalid query parameter or header, or a malformed request.",
                     *       "instance": "/auth/users/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "VALIDATION_ERROR";
                        /** @enum {integer} */
                        status?: 400;
                    };
                };
            };
            /** @description Unauthorized. `UNAUTHENTICATED`: No bearer token, or an invalid, expired or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "code": "UNAUTHENTICATED",
                     *       "detail": "No bearer token, or an invalid, expired or revoked one.",
                     *       "instance": "/auth/users/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                        /** @enum {integer} */
                        status?: 401;
                    };
                };
            };
            /** @description Forbidden. `PERMISSION_DENIED`: The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in `X-Tenant-ID`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "code": "PERMISSION_DENIED",
                     *       "detail": "The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in X-Tenant-ID.",
                     *       "instance": "/auth/users/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PERMISSION_DENIED";
                        /** @enum {integer} */
                        status?: 403;
                    };
                };
            };
            /** @description Not Found. `NOT_FOUND`: `X-Tenant-ID` (platform admin) names no tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "code": "NOT_FOUND",
                     *       "detail": "X-Tenant-ID (platform admin) names no tenant.",
                     *       "instance": "/auth/users/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                        /** @enum {integer} */
                        status?: 404;
                    };
                };
            };
            /** @description URI Too Long. `URI_TOO_LONG`: The request target is over 8 KiB. */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "URI Too Long",
                     *       "status": 414,
                     *       "code": "URI_TOO_LONG",
                     *       "detail": "The request target is over 8 KiB.",
                     *       "instance": "/auth/users/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "URI_TOO_LONG";
                        /** @enum {integer} */
                        status?: 414;
                    };
                };
            };
            /** @description Too Many Requests. `RATE_LIMITED`: Over the client address's rate limit (or, with a token, the tenant's); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too Many Requests",
                     *       "status": 429,
                     *       "code": "RATE_LIMITED",
                     *       "detail": "Over the client address's rate limit (or, with a token, the tenant's); retry after Retry-After seconds.",
                     *       "instance": "/auth/users/",
                     *       "retry_after": 1
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "RATE_LIMITED";
                        /** @enum {integer} */
                        status?: 429;
                    };
                };
            };
            /** @description Request Header Fields Too Large. `HEADERS_TOO_LARGE`: The request headers are over 32 KiB in total or more than 100. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Request Header Fields Too Large",
                     *       "status": 431,
                     *       "code": "HEADERS_TOO_LARGE",
                     *       "detail": "The request headers are over 32 KiB in total or more than 100.",
                     *       "instance": "/auth/users/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "HEADERS_TOO_LARGE";
                        /** @enum {integer} */
                        status?: 431;
                    };
                };
            };
            /** @description Internal Server Error. `INTERNAL`: A bug: the answer carries only a `trace_id` to find it in the service's logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Internal Server Error",
                     *       "status": 500,
                     *       "code": "INTERNAL",
                     *       "detail": "A bug: the answer carries only a trace_id to find it in the service's logs.",
                     *       "instance": "/auth/users/",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                        /** @enum {integer} */
                        status?: 500;
                    };
                };
            };
            /** @description Service Unavailable. `SERVICE_UNAVAILABLE`: Storage is unreachable, throttling or failing, or the request ran past `REQUEST_TIMEOUT_SECS`; retry after `Retry-After`. */
            503: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "code": "SERVICE_UNAVAILABLE",
                     *       "detail": "Storage is unreachable, throttling or failing, or the request ran past REQUEST_TIMEOUT_SECS; retry after Retry-After.",
                     *       "instance": "/auth/users/",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                        /** @enum {integer} */
                        status?: 503;
                    };
                };
            };
        };
    };
    AuthCreateUser: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise).
                 * @example 9f8c2a4b1d3e4f5a8b7c6d5e4f3a2b1c
                 */
                "X-Tenant-ID"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "email": "grace@example.com",
                 *       "password": "another long password",
                 *       "role": "member"
                 *     }
                 */
                "application/json": components["schemas"]["NewUser"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "user_id": "0d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a",
                     *       "email": "grace@example.com",
                     *       "role": "member",
                     *       "created_at": "2026-11-30T13:35:00.123Z"
                     *     }
                     */
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description Bad Request. `VALIDATION_ERROR`: An unknown or invalid query parameter or header, or a malformed request. The body is not valid JSON for this operation. A missing body or field, an invalid email, or a password outside 10–256 characters. A role other than "member" or "owner". */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "code": "VALIDATION_ERROR",
                     *       "detail": "A role other than \"member\" or \"owner\".",
                     *       "instance": "/auth/users/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "VALIDATION_ERROR";
                        /** @enum {integer} */
                        status?: 400;
                    };
                };
            };
            /** @description Unauthorized. `UNAUTHENTICATED`: No bearer token, or an invalid, expired or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "code": "UNAUTHENTICATED",
                     *       "detail": "No bearer token, or an invalid, expired or revoked one.",
                     *       "instance": "/auth/users/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                        /** @enum {integer} */
                        status?: 401;
                    };
                };
            };
            /** @description Forbidden. `PERMISSION_DENIED`: The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in `X-Tenant-ID`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "code": "PERMISSION_DENIED",
                     *       "detail": "The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in X-Tenant-ID.",
                     *       "instance": "/auth/users/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PERMISSION_DENIED";
                        /** @enum {integer} */
                        status?: 403;
                    };
                };
            };
            /** @description Not Found. `NOT_FOUND`: `X-Tenant-ID` (platform admin) names no tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "code": "NOT_FOUND",
                     *       "detail": "X-Tenant-ID (platform admin) names no tenant.",
                     *       "instance": "/auth/users/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                        /** @enum {integer} */
                        status?: 404;
                    };
                };
            };
            /** @description Conflict. `CONFLICT`: An account with this email exists. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "code": "CONFLICT",
                     *       "detail": "An account with this email exists.",
                     *       "instance": "/auth/users/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "CONFLICT";
                        /** @enum {integer} */
                        status?: 409;
                    };
                };
            };
            /** @description Payload Too Large. `PAYLOAD_TOO_LARGE`: The request body is over 4 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Payload Too Large",
                     *       "status": 413,
                     *       "code": "PAYLOAD_TOO_LARGE",
                     *       "detail": "The request body is over 4 MiB.",
                     *       "instance": "/auth/users/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                        /** @enum {integer} */
                        status?: 413;
                    };
                };
            };
            /** @description URI Too Long. `URI_TOO_LONG`: The request target is over 8 KiB. */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "URI Too Long",
                     *       "status": 414,
                     *       "code": "URI_TOO_LONG",
                     *       "detail": "The request target is over 8 KiB.",
                     *       "instance": "/auth/users/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "URI_TOO_LONG";
                        /** @enum {integer} */
                        status?: 414;
                    };
                };
            };
            /** @description Unsupported Media Type. `UNSUPPORTED_MEDIA_TYPE`: A body sent with a content type other than `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Unsupported Media Type",
                     *       "status": 415,
                     *       "code": "UNSUPPORTED_MEDIA_TYPE",
                     *       "detail": "A body sent with a content type other than application/json.",
                     *       "instance": "/auth/users/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                        /** @enum {integer} */
                        status?: 415;
                    };
                };
            };
            /** @description Too Many Requests. `RATE_LIMITED`: Over the client address's rate limit (or, with a token, the tenant's); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too Many Requests",
                     *       "status": 429,
                     *       "code": "RATE_LIMITED",
                     *       "detail": "Over the client address's rate limit (or, with a token, the tenant's); retry after Retry-After seconds.",
                     *       "instance": "/auth/users/",
                     *       "retry_after": 1
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "RATE_LIMITED";
                        /** @enum {integer} */
                        status?: 429;
                    };
                };
            };
            /** @description Request Header Fields Too Large. `HEADERS_TOO_LARGE`: The request headers are over 32 KiB in total or more than 100. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Request Header Fields Too Large",
                     *       "status": 431,
                     *       "code": "HEADERS_TOO_LARGE",
                     *       "detail": "The request headers are over 32 KiB in total or more than 100.",
                     *       "instance": "/auth/users/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "HEADERS_TOO_LARGE";
                        /** @enum {integer} */
                        status?: 431;
                    };
                };
            };
            /** @description Internal Server Error. `INTERNAL`: A bug: the answer carries only a `trace_id` to find it in the service's logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Internal Server Error",
                     *       "status": 500,
                     *       "code": "INTERNAL",
                     *       "detail": "A bug: the answer carries only a trace_id to find it in the service's logs.",
                     *       "instance": "/auth/users/",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                        /** @enum {integer} */
                        status?: 500;
                    };
                };
            };
            /** @description Service Unavailable. `SERVICE_UNAVAILABLE`: Storage is unreachable, throttling or failing, or the request ran past `REQUEST_TIMEOUT_SECS`; retry after `Retry-After`. Too many passwords are being hashed at once (`AUTH_MAX_CONCURRENT_HASHES`). */
            503: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "code": "SERVICE_UNAVAILABLE",
                     *       "detail": "Too many passwords are being hashed at once (AUTH_MAX_CONCURRENT_HASHES).",
                     *       "instance": "/auth/users/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                        /** @enum {integer} */
                        status?: 503;
                    };
                };
            };
        };
    };
    ListLogs: {
        parameters: {
            query?: {
                /**
                 * @description The opaque token from the previous page (also in its Link header); absent for the first page.
                 * @example MTpvcmRlcnM
                 */
                continuation?: string;
                /**
                 * @description At most this many logs (default 100, 1–1000).
                 * @example 100
                 */
                limit?: number;
                /**
                 * @description Look a log up by its name instead of listing: the answer holds that log or none. Takes neither limit nor continuation.
                 * @example orders
                 */
                name?: string;
            };
            header?: {
                /**
                 * @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise).
                 * @example 9f8c2a4b1d3e4f5a8b7c6d5e4f3a2b1c
                 */
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
                    /**
                     * @example {
                     *       "logs": [
                     *         {
                     *           "log_id": "3f0c5b9e-6a1d-4c2b-9e8f-7a6b5c4d3e2f",
                     *           "name": "orders",
                     *           "created_at": "2026-11-23T12:00:00.000Z",
                     *           "head_sequence": 42
                     *         }
                     *       ],
                     *       "continuation": "MTpvcmRlcnM"
                     *     }
                     */
                    "application/json": components["schemas"]["LogList"];
                };
            };
            /** @description Bad Request. `VALIDATION_ERROR`: An unknown or invalid query parameter or header, or a malformed request. An invalid `limit`, a `continuation` this API did not issue, an invalid `name`, or `name` with `limit` or `continuation`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "code": "VALIDATION_ERROR",
                     *       "detail": "An invalid limit, a continuation this API did not issue, an invalid name, or name with limit or continuation.",
                     *       "instance": "/logs/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "VALIDATION_ERROR";
                        /** @enum {integer} */
                        status?: 400;
                    };
                };
            };
            /** @description Unauthorized. `UNAUTHENTICATED`: No bearer token, or an invalid, expired or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "code": "UNAUTHENTICATED",
                     *       "detail": "No bearer token, or an invalid, expired or revoked one.",
                     *       "instance": "/logs/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                        /** @enum {integer} */
                        status?: 401;
                    };
                };
            };
            /** @description Forbidden. `PERMISSION_DENIED`: The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in `X-Tenant-ID`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "code": "PERMISSION_DENIED",
                     *       "detail": "The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in X-Tenant-ID.",
                     *       "instance": "/logs/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PERMISSION_DENIED";
                        /** @enum {integer} */
                        status?: 403;
                    };
                };
            };
            /** @description Not Found. `NOT_FOUND`: `X-Tenant-ID` (platform admin) names no tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "code": "NOT_FOUND",
                     *       "detail": "X-Tenant-ID (platform admin) names no tenant.",
                     *       "instance": "/logs/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                        /** @enum {integer} */
                        status?: 404;
                    };
                };
            };
            /** @description URI Too Long. `URI_TOO_LONG`: The request target is over 8 KiB. */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "URI Too Long",
                     *       "status": 414,
                     *       "code": "URI_TOO_LONG",
                     *       "detail": "The request target is over 8 KiB.",
                     *       "instance": "/logs/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "URI_TOO_LONG";
                        /** @enum {integer} */
                        status?: 414;
                    };
                };
            };
            /** @description Too Many Requests. `RATE_LIMITED`: Over the client address's rate limit (or, with a token, the tenant's); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too Many Requests",
                     *       "status": 429,
                     *       "code": "RATE_LIMITED",
                     *       "detail": "Over the client address's rate limit (or, with a token, the tenant's); retry after Retry-After seconds.",
                     *       "instance": "/logs/",
                     *       "retry_after": 1
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "RATE_LIMITED";
                        /** @enum {integer} */
                        status?: 429;
                    };
                };
            };
            /** @description Request Header Fields Too Large. `HEADERS_TOO_LARGE`: The request headers are over 32 KiB in total or more than 100. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Request Header Fields Too Large",
                     *       "status": 431,
                     *       "code": "HEADERS_TOO_LARGE",
                     *       "detail": "The request headers are over 32 KiB in total or more than 100.",
                     *       "instance": "/logs/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "HEADERS_TOO_LARGE";
                        /** @enum {integer} */
                        status?: 431;
                    };
                };
            };
            /** @description Internal Server Error. `INTERNAL`: A bug: the answer carries only a `trace_id` to find it in the service's logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Internal Server Error",
                     *       "status": 500,
                     *       "code": "INTERNAL",
                     *       "detail": "A bug: the answer carries only a trace_id to find it in the service's logs.",
                     *       "instance": "/logs/",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                        /** @enum {integer} */
                        status?: 500;
                    };
                };
            };
            /** @description Service Unavailable. `SERVICE_UNAVAILABLE`: Storage is unreachable, throttling or failing, or the request ran past `REQUEST_TIMEOUT_SECS`; retry after `Retry-After`. */
            503: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "code": "SERVICE_UNAVAILABLE",
                     *       "detail": "Storage is unreachable, throttling or failing, or the request ran past REQUEST_TIMEOUT_SECS; retry after Retry-After.",
                     *       "instance": "/logs/",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                        /** @enum {integer} */
                        status?: 503;
                    };
                };
            };
        };
    };
    GetLog: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise).
                 * @example 9f8c2a4b1d3e4f5a8b7c6d5e4f3a2b1c
                 */
                "X-Tenant-ID"?: string;
            };
            path: {
                /**
                 * @description The log's id, as its create answered (another tenant's log is 404, as if it did not exist).
                 * @example 3f0c5b9e-6a1d-4c2b-9e8f-7a6b5c4d3e2f
                 */
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
                content: {
                    /**
                     * @example {
                     *       "log_id": "3f0c5b9e-6a1d-4c2b-9e8f-7a6b5c4d3e2f",
                     *       "name": "orders",
                     *       "created_at": "2026-11-23T12:00:00.000Z",
                     *       "head_sequence": 42
                     *     }
                     */
                    "application/json": components["schemas"]["Log"];
                };
            };
            /** @description Bad Request. `VALIDATION_ERROR`: An unknown or invalid query parameter or header, or a malformed request. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "code": "VALIDATION_ERROR",
                     *       "detail": "An unknown or invalid query parameter or header, or a malformed request.",
                     *       "instance": "/logs/{log_id}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "VALIDATION_ERROR";
                        /** @enum {integer} */
                        status?: 400;
                    };
                };
            };
            /** @description Unauthorized. `UNAUTHENTICATED`: No bearer token, or an invalid, expired or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "code": "UNAUTHENTICATED",
                     *       "detail": "No bearer token, or an invalid, expired or revoked one.",
                     *       "instance": "/logs/{log_id}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                        /** @enum {integer} */
                        status?: 401;
                    };
                };
            };
            /** @description Forbidden. `PERMISSION_DENIED`: The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in `X-Tenant-ID`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "code": "PERMISSION_DENIED",
                     *       "detail": "The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in X-Tenant-ID.",
                     *       "instance": "/logs/{log_id}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PERMISSION_DENIED";
                        /** @enum {integer} */
                        status?: 403;
                    };
                };
            };
            /** @description Not Found. `NOT_FOUND`: `X-Tenant-ID` (platform admin) names no tenant. The log does not exist, or belongs to another tenant (the same answer). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "code": "NOT_FOUND",
                     *       "detail": "The log does not exist, or belongs to another tenant (the same answer).",
                     *       "instance": "/logs/{log_id}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                        /** @enum {integer} */
                        status?: 404;
                    };
                };
            };
            /** @description URI Too Long. `URI_TOO_LONG`: The request target is over 8 KiB. */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "URI Too Long",
                     *       "status": 414,
                     *       "code": "URI_TOO_LONG",
                     *       "detail": "The request target is over 8 KiB.",
                     *       "instance": "/logs/{log_id}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "URI_TOO_LONG";
                        /** @enum {integer} */
                        status?: 414;
                    };
                };
            };
            /** @description Too Many Requests. `RATE_LIMITED`: Over the client address's rate limit (or, with a token, the tenant's); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too Many Requests",
                     *       "status": 429,
                     *       "code": "RATE_LIMITED",
                     *       "detail": "Over the client address's rate limit (or, with a token, the tenant's); retry after Retry-After seconds.",
                     *       "instance": "/logs/{log_id}",
                     *       "retry_after": 1
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "RATE_LIMITED";
                        /** @enum {integer} */
                        status?: 429;
                    };
                };
            };
            /** @description Request Header Fields Too Large. `HEADERS_TOO_LARGE`: The request headers are over 32 KiB in total or more than 100. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Request Header Fields Too Large",
                     *       "status": 431,
                     *       "code": "HEADERS_TOO_LARGE",
                     *       "detail": "The request headers are over 32 KiB in total or more than 100.",
                     *       "instance": "/logs/{log_id}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "HEADERS_TOO_LARGE";
                        /** @enum {integer} */
                        status?: 431;
                    };
                };
            };
            /** @description Internal Server Error. `INTERNAL`: A bug: the answer carries only a `trace_id` to find it in the service's logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Internal Server Error",
                     *       "status": 500,
                     *       "code": "INTERNAL",
                     *       "detail": "A bug: the answer carries only a trace_id to find it in the service's logs.",
                     *       "instance": "/logs/{log_id}",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                        /** @enum {integer} */
                        status?: 500;
                    };
                };
            };
            /** @description Service Unavailable. `SERVICE_UNAVAILABLE`: Storage is unreachable, throttling or failing, or the request ran past `REQUEST_TIMEOUT_SECS`; retry after `Retry-After`. */
            503: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "code": "SERVICE_UNAVAILABLE",
                     *       "detail": "Storage is unreachable, throttling or failing, or the request ran past REQUEST_TIMEOUT_SECS; retry after Retry-After.",
                     *       "instance": "/logs/{log_id}",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                        /** @enum {integer} */
                        status?: 503;
                    };
                };
            };
        };
    };
    AppendEvent: {
        parameters: {
            query?: {
                /**
                 * @description Append only if the log's head is this sequence (0 for an empty log); otherwise 409 SEQUENCE_MISMATCH.
                 * @example 42
                 */
                expected_sequence?: number;
            };
            header?: {
                /**
                 * @description 1–200 printable ASCII characters naming this append: a retry with the same key and body answers the original sequence and stores nothing new, across restarts and instances, within Logs__IdempotencyWindow (15 min and the log's last 1,000,000 keyed appends); the same key with a different body is 422 IDEMPOTENCY_KEY_REUSED.
                 * @example order-17
                 */
                "Idempotency-Key"?: string;
                /**
                 * @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise).
                 * @example 9f8c2a4b1d3e4f5a8b7c6d5e4f3a2b1c
                 */
                "X-Tenant-ID"?: string;
            };
            path: {
                /**
                 * @description The log's id, as its create answered (another tenant's log is 404, as if it did not exist).
                 * @example 3f0c5b9e-6a1d-4c2b-9e8f-7a6b5c4d3e2f
                 */
                log_id: string;
            };
            cookie?: never;
        };
        /** @description The event: 1 byte to 1 MiB, any bytes (the content type is not checked). */
        requestBody: {
            content: {
                /** @example {"order":17} */
                "application/octet-stream": string;
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "sequence": 43
                     *     }
                     */
                    "application/json": components["schemas"]["AppendResult"];
                };
            };
            /** @description Bad Request. `VALIDATION_ERROR`: An unknown or invalid query parameter or header, or a malformed request. An empty body, or an invalid `expected_sequence`. An `Idempotency-Key` that is not 1–200 printable ASCII characters. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "code": "VALIDATION_ERROR",
                     *       "detail": "An Idempotency-Key that is not 1–200 printable ASCII characters.",
                     *       "instance": "/logs/{log_id}/append"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "VALIDATION_ERROR";
                        /** @enum {integer} */
                        status?: 400;
                    };
                };
            };
            /** @description Unauthorized. `UNAUTHENTICATED`: No bearer token, or an invalid, expired or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "code": "UNAUTHENTICATED",
                     *       "detail": "No bearer token, or an invalid, expired or revoked one.",
                     *       "instance": "/logs/{log_id}/append"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                        /** @enum {integer} */
                        status?: 401;
                    };
                };
            };
            /** @description Forbidden. `PERMISSION_DENIED`: The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in `X-Tenant-ID`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "code": "PERMISSION_DENIED",
                     *       "detail": "The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in X-Tenant-ID.",
                     *       "instance": "/logs/{log_id}/append"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PERMISSION_DENIED";
                        /** @enum {integer} */
                        status?: 403;
                    };
                };
            };
            /** @description Not Found. `NOT_FOUND`: `X-Tenant-ID` (platform admin) names no tenant. The log does not exist, or belongs to another tenant (the same answer). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "code": "NOT_FOUND",
                     *       "detail": "The log does not exist, or belongs to another tenant (the same answer).",
                     *       "instance": "/logs/{log_id}/append"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                        /** @enum {integer} */
                        status?: 404;
                    };
                };
            };
            /** @description Conflict. `SEQUENCE_MISMATCH`: `expected_sequence` is not the log's head, which is in `current_sequence`. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "code": "SEQUENCE_MISMATCH",
                     *       "detail": "expected_sequence is not the log's head, which is in current_sequence.",
                     *       "instance": "/logs/{log_id}/append",
                     *       "current_sequence": 42
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SEQUENCE_MISMATCH";
                        /** @enum {integer} */
                        status?: 409;
                    };
                };
            };
            /** @description Payload Too Large. `PAYLOAD_TOO_LARGE`: The request body is over 4 MiB. An event over 1 MiB, or a batch over 2 MiB decoded. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Payload Too Large",
                     *       "status": 413,
                     *       "code": "PAYLOAD_TOO_LARGE",
                     *       "detail": "An event over 1 MiB, or a batch over 2 MiB decoded.",
                     *       "instance": "/logs/{log_id}/append"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                        /** @enum {integer} */
                        status?: 413;
                    };
                };
            };
            /** @description URI Too Long. `URI_TOO_LONG`: The request target is over 8 KiB. */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "URI Too Long",
                     *       "status": 414,
                     *       "code": "URI_TOO_LONG",
                     *       "detail": "The request target is over 8 KiB.",
                     *       "instance": "/logs/{log_id}/append"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "URI_TOO_LONG";
                        /** @enum {integer} */
                        status?: 414;
                    };
                };
            };
            /** @description Unprocessable Entity. `IDEMPOTENCY_KEY_REUSED`: The `Idempotency-Key` was used before with a different body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "code": "IDEMPOTENCY_KEY_REUSED",
                     *       "detail": "The Idempotency-Key was used before with a different body.",
                     *       "instance": "/logs/{log_id}/append"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "IDEMPOTENCY_KEY_REUSED";
                        /** @enum {integer} */
                        status?: 422;
                    };
                };
            };
            /** @description Too Many Requests. `RATE_LIMITED`: Over the client address's rate limit (or, with a token, the tenant's); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too Many Requests",
                     *       "status": 429,
                     *       "code": "RATE_LIMITED",
                     *       "detail": "Over the client address's rate limit (or, with a token, the tenant's); retry after Retry-After seconds.",
                     *       "instance": "/logs/{log_id}/append",
                     *       "retry_after": 1
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "RATE_LIMITED";
                        /** @enum {integer} */
                        status?: 429;
                    };
                };
            };
            /** @description Request Header Fields Too Large. `HEADERS_TOO_LARGE`: The request headers are over 32 KiB in total or more than 100. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Request Header Fields Too Large",
                     *       "status": 431,
                     *       "code": "HEADERS_TOO_LARGE",
                     *       "detail": "The request headers are over 32 KiB in total or more than 100.",
                     *       "instance": "/logs/{log_id}/append"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "HEADERS_TOO_LARGE";
                        /** @enum {integer} */
                        status?: 431;
                    };
                };
            };
            /** @description Internal Server Error. `INTERNAL`: A bug: the answer carries only a `trace_id` to find it in the service's logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Internal Server Error",
                     *       "status": 500,
                     *       "code": "INTERNAL",
                     *       "detail": "A bug: the answer carries only a trace_id to find it in the service's logs.",
                     *       "instance": "/logs/{log_id}/append",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                        /** @enum {integer} */
                        status?: 500;
                    };
                };
            };
            /** @description Service Unavailable. `SERVICE_UNAVAILABLE`: Storage is unreachable, throttling or failing, or the request ran past `REQUEST_TIMEOUT_SECS`; retry after `Retry-After`. Storage did not confirm the append in time: retry with the same `Idempotency-Key`, which answers the original sequence if it was committed after all. */
            503: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "code": "SERVICE_UNAVAILABLE",
                     *       "detail": "Storage did not confirm the append in time: retry with the same Idempotency-Key, which answers the original sequence if it was committed after all.",
                     *       "instance": "/logs/{log_id}/append"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                        /** @enum {integer} */
                        status?: 503;
                    };
                };
            };
        };
    };
    AppendBatch: {
        parameters: {
            query?: {
                /**
                 * @description Append only if the log's head is this sequence (0 for an empty log); otherwise 409 SEQUENCE_MISMATCH.
                 * @example 42
                 */
                expected_sequence?: number;
            };
            header?: {
                /**
                 * @description 1–200 printable ASCII characters naming this append: a retry with the same key and body answers the original sequence and stores nothing new, across restarts and instances, within Logs__IdempotencyWindow (15 min and the log's last 1,000,000 keyed appends); the same key with a different body is 422 IDEMPOTENCY_KEY_REUSED.
                 * @example order-17
                 */
                "Idempotency-Key"?: string;
                /**
                 * @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise).
                 * @example 9f8c2a4b1d3e4f5a8b7c6d5e4f3a2b1c
                 */
                "X-Tenant-ID"?: string;
            };
            path: {
                /**
                 * @description The log's id, as its create answered (another tenant's log is 404, as if it did not exist).
                 * @example 3f0c5b9e-6a1d-4c2b-9e8f-7a6b5c4d3e2f
                 */
                log_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "events": [
                 *         "eyJvcmRlciI6MTd9",
                 *         "eyJvcmRlciI6MTh9"
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["AppendBatch"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "first_sequence": 44,
                     *       "last_sequence": 45
                     *     }
                     */
                    "application/json": components["schemas"]["AppendBatchResult"];
                };
            };
            /** @description Bad Request. `VALIDATION_ERROR`: An unknown or invalid query parameter or header, or a malformed request. The body is not valid JSON for this operation. No events or more than 100, an empty or null entry, invalid base64, or an invalid `expected_sequence`. An `Idempotency-Key` that is not 1–200 printable ASCII characters. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "code": "VALIDATION_ERROR",
                     *       "detail": "An Idempotency-Key that is not 1–200 printable ASCII characters.",
                     *       "instance": "/logs/{log_id}/append-batch"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "VALIDATION_ERROR";
                        /** @enum {integer} */
                        status?: 400;
                    };
                };
            };
            /** @description Unauthorized. `UNAUTHENTICATED`: No bearer token, or an invalid, expired or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "code": "UNAUTHENTICATED",
                     *       "detail": "No bearer token, or an invalid, expired or revoked one.",
                     *       "instance": "/logs/{log_id}/append-batch"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                        /** @enum {integer} */
                        status?: 401;
                    };
                };
            };
            /** @description Forbidden. `PERMISSION_DENIED`: The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in `X-Tenant-ID`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "code": "PERMISSION_DENIED",
                     *       "detail": "The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in X-Tenant-ID.",
                     *       "instance": "/logs/{log_id}/append-batch"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PERMISSION_DENIED";
                        /** @enum {integer} */
                        status?: 403;
                    };
                };
            };
            /** @description Not Found. `NOT_FOUND`: `X-Tenant-ID` (platform admin) names no tenant. The log does not exist, or belongs to another tenant (the same answer). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "code": "NOT_FOUND",
                     *       "detail": "The log does not exist, or belongs to another tenant (the same answer).",
                     *       "instance": "/logs/{log_id}/append-batch"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                        /** @enum {integer} */
                        status?: 404;
                    };
                };
            };
            /** @description Conflict. `SEQUENCE_MISMATCH`: `expected_sequence` is not the log's head, which is in `current_sequence`. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "code": "SEQUENCE_MISMATCH",
                     *       "detail": "expected_sequence is not the log's head, which is in current_sequence.",
                     *       "instance": "/logs/{log_id}/append-batch",
                     *       "current_sequence": 42
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SEQUENCE_MISMATCH";
                        /** @enum {integer} */
                        status?: 409;
                    };
                };
            };
            /** @description Payload Too Large. `PAYLOAD_TOO_LARGE`: The request body is over 4 MiB. An event over 1 MiB, or a batch over 2 MiB decoded. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Payload Too Large",
                     *       "status": 413,
                     *       "code": "PAYLOAD_TOO_LARGE",
                     *       "detail": "An event over 1 MiB, or a batch over 2 MiB decoded.",
                     *       "instance": "/logs/{log_id}/append-batch"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                        /** @enum {integer} */
                        status?: 413;
                    };
                };
            };
            /** @description URI Too Long. `URI_TOO_LONG`: The request target is over 8 KiB. */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "URI Too Long",
                     *       "status": 414,
                     *       "code": "URI_TOO_LONG",
                     *       "detail": "The request target is over 8 KiB.",
                     *       "instance": "/logs/{log_id}/append-batch"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "URI_TOO_LONG";
                        /** @enum {integer} */
                        status?: 414;
                    };
                };
            };
            /** @description Unsupported Media Type. `UNSUPPORTED_MEDIA_TYPE`: A body sent with a content type other than `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Unsupported Media Type",
                     *       "status": 415,
                     *       "code": "UNSUPPORTED_MEDIA_TYPE",
                     *       "detail": "A body sent with a content type other than application/json.",
                     *       "instance": "/logs/{log_id}/append-batch"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                        /** @enum {integer} */
                        status?: 415;
                    };
                };
            };
            /** @description Unprocessable Entity. `IDEMPOTENCY_KEY_REUSED`: The `Idempotency-Key` was used before with a different body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "code": "IDEMPOTENCY_KEY_REUSED",
                     *       "detail": "The Idempotency-Key was used before with a different body.",
                     *       "instance": "/logs/{log_id}/append-batch"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "IDEMPOTENCY_KEY_REUSED";
                        /** @enum {integer} */
                        status?: 422;
                    };
                };
            };
            /** @description Too Many Requests. `RATE_LIMITED`: Over the client address's rate limit (or, with a token, the tenant's); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too Many Requests",
                     *       "status": 429,
                     *       "code": "RATE_LIMITED",
                     *       "detail": "Over the client address's rate limit (or, with a token, the tenant's); retry after Retry-After seconds.",
                     *       "instance": "/logs/{log_id}/append-batch",
                     *       "retry_after": 1
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "RATE_LIMITED";
                        /** @enum {integer} */
                        status?: 429;
                    };
                };
            };
            /** @description Request Header Fields Too Large. `HEADERS_TOO_LARGE`: The request headers are over 32 KiB in total or more than 100. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Request Header Fields Too Large",
                     *       "status": 431,
                     *       "code": "HEADERS_TOO_LARGE",
                     *       "detail": "The request headers are over 32 KiB in total or more than 100.",
                     *       "instance": "/logs/{log_id}/append-batch"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "HEADERS_TOO_LARGE";
                        /** @enum {integer} */
                        status?: 431;
                    };
                };
            };
            /** @description Internal Server Error. `INTERNAL`: A bug: the answer carries only a `trace_id` to find it in the service's logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Internal Server Error",
                     *       "status": 500,
                     *       "code": "INTERNAL",
                     *       "detail": "A bug: the answer carries only a trace_id to find it in the service's logs.",
                     *       "instance": "/logs/{log_id}/append-batch",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                        /** @enum {integer} */
                        status?: 500;
                    };
                };
            };
            /** @description Service Unavailable. `SERVICE_UNAVAILABLE`: Storage is unreachable, throttling or failing, or the request ran past `REQUEST_TIMEOUT_SECS`; retry after `Retry-After`. Storage did not confirm the append in time: retry with the same `Idempotency-Key`, which answers the original sequence if it was committed after all. */
            503: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "code": "SERVICE_UNAVAILABLE",
                     *       "detail": "Storage did not confirm the append in time: retry with the same Idempotency-Key, which answers the original sequence if it was committed after all.",
                     *       "instance": "/logs/{log_id}/append-batch"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                        /** @enum {integer} */
                        status?: 503;
                    };
                };
            };
        };
    };
    ReadEvents: {
        parameters: {
            query?: {
                /**
                 * @description Return events with a sequence above this one (default 0).
                 * @example 41
                 */
                after?: number;
                /**
                 * @description At most this many events (default 100, 1–1000); a page also stops at 4 MiB of event data.
                 * @example 100
                 */
                limit?: number;
                /**
                 * @description Seconds to hold the request when nothing follows after (default 0, at most 30): the long-poll tail.
                 * @example 20
                 */
                wait?: number;
            };
            header?: {
                /**
                 * @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise).
                 * @example 9f8c2a4b1d3e4f5a8b7c6d5e4f3a2b1c
                 */
                "X-Tenant-ID"?: string;
            };
            path: {
                /**
                 * @description The log's id, as its create answered (another tenant's log is 404, as if it did not exist).
                 * @example 3f0c5b9e-6a1d-4c2b-9e8f-7a6b5c4d3e2f
                 */
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
                content: {
                    /**
                     * @example {
                     *       "events": [
                     *         {
                     *           "sequence": 42,
                     *           "data": "eyJvcmRlciI6MTd9",
                     *           "appended_at": "2026-11-23T12:00:00.000Z"
                     *         }
                     *       ],
                     *       "next_after": 42
                     *     }
                     */
                    "application/json": components["schemas"]["EventPage"];
                };
            };
            /** @description Bad Request. `VALIDATION_ERROR`: An unknown or invalid query parameter or header, or a malformed request. An invalid `after`, `limit` or `wait`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "code": "VALIDATION_ERROR",
                     *       "detail": "An invalid after, limit or wait.",
                     *       "instance": "/logs/{log_id}/events"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "VALIDATION_ERROR";
                        /** @enum {integer} */
                        status?: 400;
                    };
                };
            };
            /** @description Unauthorized. `UNAUTHENTICATED`: No bearer token, or an invalid, expired or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "code": "UNAUTHENTICATED",
                     *       "detail": "No bearer token, or an invalid, expired or revoked one.",
                     *       "instance": "/logs/{log_id}/events"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                        /** @enum {integer} */
                        status?: 401;
                    };
                };
            };
            /** @description Forbidden. `PERMISSION_DENIED`: The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in `X-Tenant-ID`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "code": "PERMISSION_DENIED",
                     *       "detail": "The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in X-Tenant-ID.",
                     *       "instance": "/logs/{log_id}/events"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PERMISSION_DENIED";
                        /** @enum {integer} */
                        status?: 403;
                    };
                };
            };
            /** @description Not Found. `NOT_FOUND`: `X-Tenant-ID` (platform admin) names no tenant. The log does not exist, or belongs to another tenant (the same answer). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "code": "NOT_FOUND",
                     *       "detail": "The log does not exist, or belongs to another tenant (the same answer).",
                     *       "instance": "/logs/{log_id}/events"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                        /** @enum {integer} */
                        status?: 404;
                    };
                };
            };
            /** @description URI Too Long. `URI_TOO_LONG`: The request target is over 8 KiB. */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "URI Too Long",
                     *       "status": 414,
                     *       "code": "URI_TOO_LONG",
                     *       "detail": "The request target is over 8 KiB.",
                     *       "instance": "/logs/{log_id}/events"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "URI_TOO_LONG";
                        /** @enum {integer} */
                        status?: 414;
                    };
                };
            };
            /** @description Too Many Requests. `RATE_LIMITED`: Over the client address's rate limit (or, with a token, the tenant's); retry after `Retry-After` seconds. A `wait` while the tenant or the instance already holds as many long-polls as allowed (`Logs__MaxWaitsPerTenant`, `Logs__MaxWaitsPerInstance`). */
            429: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too Many Requests",
                     *       "status": 429,
                     *       "code": "RATE_LIMITED",
                     *       "detail": "A wait while the tenant or the instance already holds as many long-polls as allowed (Logs__MaxWaitsPerTenant, Logs__MaxWaitsPerInstance).",
                     *       "instance": "/logs/{log_id}/events"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "RATE_LIMITED";
                        /** @enum {integer} */
                        status?: 429;
                    };
                };
            };
            /** @description Request Header Fields Too Large. `HEADERS_TOO_LARGE`: The request headers are over 32 KiB in total or more than 100. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Request Header Fields Too Large",
                     *       "status": 431,
                     *       "code": "HEADERS_TOO_LARGE",
                     *       "detail": "The request headers are over 32 KiB in total or more than 100.",
                     *       "instance": "/logs/{log_id}/events"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "HEADERS_TOO_LARGE";
                        /** @enum {integer} */
                        status?: 431;
                    };
                };
            };
            /** @description Internal Server Error. `INTERNAL`: A bug: the answer carries only a `trace_id` to find it in the service's logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Internal Server Error",
                     *       "status": 500,
                     *       "code": "INTERNAL",
                     *       "detail": "A bug: the answer carries only a trace_id to find it in the service's logs.",
                     *       "instance": "/logs/{log_id}/events",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                        /** @enum {integer} */
                        status?: 500;
                    };
                };
            };
            /** @description Service Unavailable. `SERVICE_UNAVAILABLE`: Storage is unreachable, throttling or failing, or the request ran past `REQUEST_TIMEOUT_SECS`; retry after `Retry-After`. */
            503: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "code": "SERVICE_UNAVAILABLE",
                     *       "detail": "Storage is unreachable, throttling or failing, or the request ran past REQUEST_TIMEOUT_SECS; retry after Retry-After.",
                     *       "instance": "/logs/{log_id}/events",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                        /** @enum {integer} */
                        status?: 503;
                    };
                };
            };
        };
    };
    ListViews: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise).
                 * @example 9f8c2a4b1d3e4f5a8b7c6d5e4f3a2b1c
                 */
                "X-Tenant-ID"?: string;
            };
            path: {
                /**
                 * @description The log's id, as its create answered (another tenant's log is 404, as if it did not exist).
                 * @example 3f0c5b9e-6a1d-4c2b-9e8f-7a6b5c4d3e2f
                 */
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
                content: {
                    /**
                     * @example {
                     *       "views": [
                     *         {
                     *           "view_name": "counter",
                     *           "version": 1,
                     *           "content_hash": "9b74c9897bac770ffc029102a200c5de4b0e6a5c0a1e3c6b9f8e7d6c5b4a3f2e",
                     *           "created_at": "2026-11-30T13:35:00.123Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ViewList"];
                };
            };
            /** @description Bad Request. `VALIDATION_ERROR`: An unknown or invalid query parameter or header, or a malformed request. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "code": "VALIDATION_ERROR",
                     *       "detail": "An unknown or invalid query parameter or header, or a malformed request.",
                     *       "instance": "/logs/{log_id}/views/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "VALIDATION_ERROR";
                        /** @enum {integer} */
                        status?: 400;
                    };
                };
            };
            /** @description Unauthorized. `UNAUTHENTICATED`: No bearer token, or an invalid, expired or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "code": "UNAUTHENTICATED",
                     *       "detail": "No bearer token, or an invalid, expired or revoked one.",
                     *       "instance": "/logs/{log_id}/views/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                        /** @enum {integer} */
                        status?: 401;
                    };
                };
            };
            /** @description Forbidden. `PERMISSION_DENIED`: The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in `X-Tenant-ID`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "code": "PERMISSION_DENIED",
                     *       "detail": "The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in X-Tenant-ID.",
                     *       "instance": "/logs/{log_id}/views/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PERMISSION_DENIED";
                        /** @enum {integer} */
                        status?: 403;
                    };
                };
            };
            /** @description Not Found. `NOT_FOUND`: `X-Tenant-ID` (platform admin) names no tenant. The log does not exist, or belongs to another tenant (the same answer). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "code": "NOT_FOUND",
                     *       "detail": "The log does not exist, or belongs to another tenant (the same answer).",
                     *       "instance": "/logs/{log_id}/views/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                        /** @enum {integer} */
                        status?: 404;
                    };
                };
            };
            /** @description URI Too Long. `URI_TOO_LONG`: The request target is over 8 KiB. */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "URI Too Long",
                     *       "status": 414,
                     *       "code": "URI_TOO_LONG",
                     *       "detail": "The request target is over 8 KiB.",
                     *       "instance": "/logs/{log_id}/views/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "URI_TOO_LONG";
                        /** @enum {integer} */
                        status?: 414;
                    };
                };
            };
            /** @description Too Many Requests. `RATE_LIMITED`: Over the client address's rate limit (or, with a token, the tenant's); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too Many Requests",
                     *       "status": 429,
                     *       "code": "RATE_LIMITED",
                     *       "detail": "Over the client address's rate limit (or, with a token, the tenant's); retry after Retry-After seconds.",
                     *       "instance": "/logs/{log_id}/views/",
                     *       "retry_after": 1
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "RATE_LIMITED";
                        /** @enum {integer} */
                        status?: 429;
                    };
                };
            };
            /** @description Request Header Fields Too Large. `HEADERS_TOO_LARGE`: The request headers are over 32 KiB in total or more than 100. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Request Header Fields Too Large",
                     *       "status": 431,
                     *       "code": "HEADERS_TOO_LARGE",
                     *       "detail": "The request headers are over 32 KiB in total or more than 100.",
                     *       "instance": "/logs/{log_id}/views/"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "HEADERS_TOO_LARGE";
                        /** @enum {integer} */
                        status?: 431;
                    };
                };
            };
            /** @description Internal Server Error. `INTERNAL`: A bug: the answer carries only a `trace_id` to find it in the service's logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Internal Server Error",
                     *       "status": 500,
                     *       "code": "INTERNAL",
                     *       "detail": "A bug: the answer carries only a trace_id to find it in the service's logs.",
                     *       "instance": "/logs/{log_id}/views/",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                        /** @enum {integer} */
                        status?: 500;
                    };
                };
            };
            /** @description Service Unavailable. `SERVICE_UNAVAILABLE`: Storage is unreachable, throttling or failing, or the request ran past `REQUEST_TIMEOUT_SECS`; retry after `Retry-After`. */
            503: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "code": "SERVICE_UNAVAILABLE",
                     *       "detail": "Storage is unreachable, throttling or failing, or the request ran past REQUEST_TIMEOUT_SECS; retry after Retry-After.",
                     *       "instance": "/logs/{log_id}/views/",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                        /** @enum {integer} */
                        status?: 503;
                    };
                };
            };
        };
    };
    DeployView: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise).
                 * @example 9f8c2a4b1d3e4f5a8b7c6d5e4f3a2b1c
                 */
                "X-Tenant-ID"?: string;
            };
            path: {
                /**
                 * @description The log's id, as its create answered (another tenant's log is 404, as if it did not exist).
                 * @example 3f0c5b9e-6a1d-4c2b-9e8f-7a6b5c4d3e2f
                 */
                log_id: string;
                /**
                 * @description The view's name: 1–64 characters of A-Z, a-z, 0-9, '.', '_' and '-'.
                 * @example counter
                 */
                view_name: string;
            };
            cookie?: never;
        };
        /** @description The component's bytes (a WebAssembly component, at most `Views__MaxComponentBytes`, 16 MiB). */
        requestBody: {
            content: {
                /** @example <the bytes of a component, e.g. examples/views/counter built> */
                "application/octet-stream": string;
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "version": 1,
                     *       "content_hash": "9b74c9897bac770ffc029102a200c5de4b0e6a5c0a1e3c6b9f8e7d6c5b4a3f2e"
                     *     }
                     */
                    "application/json": components["schemas"]["DeployedView"];
                };
            };
            /** @description Bad Request. `VALIDATION_ERROR`: An unknown or invalid query parameter or header, or a malformed request. An invalid view name. `INVALID_VIEW`: An empty or oversized body, not a component of the published WIT, or one that fails compiling, instantiating or `init` within the limits; `detail` says why. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "code": "INVALID_VIEW",
                     *       "detail": "An empty or oversized body, not a component of the published WIT, or one that fails compiling, instantiating or init within the limits; detail says why.",
                     *       "instance": "/logs/{log_id}/views/{view_name}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "VALIDATION_ERROR" | "INVALID_VIEW";
                        /** @enum {integer} */
                        status?: 400;
                    };
                };
            };
            /** @description Unauthorized. `UNAUTHENTICATED`: No bearer token, or an invalid, expired or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "code": "UNAUTHENTICATED",
                     *       "detail": "No bearer token, or an invalid, expired or revoked one.",
                     *       "instance": "/logs/{log_id}/views/{view_name}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                        /** @enum {integer} */
                        status?: 401;
                    };
                };
            };
            /** @description Forbidden. `PERMISSION_DENIED`: The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in `X-Tenant-ID`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "code": "PERMISSION_DENIED",
                     *       "detail": "The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in X-Tenant-ID.",
                     *       "instance": "/logs/{log_id}/views/{view_name}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PERMISSION_DENIED";
                        /** @enum {integer} */
                        status?: 403;
                    };
                };
            };
            /** @description Not Found. `NOT_FOUND`: `X-Tenant-ID` (platform admin) names no tenant. The log does not exist, or belongs to another tenant (the same answer). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "code": "NOT_FOUND",
                     *       "detail": "The log does not exist, or belongs to another tenant (the same answer).",
                     *       "instance": "/logs/{log_id}/views/{view_name}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                        /** @enum {integer} */
                        status?: 404;
                    };
                };
            };
            /** @description Conflict. `VIEW_LIMIT_REACHED`: A new view past the log's or the tenant's cap; `scope` (`log` or `tenant`) and `limit` say which. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "code": "VIEW_LIMIT_REACHED",
                     *       "detail": "A new view past the log's or the tenant's cap; scope (log or tenant) and limit say which.",
                     *       "instance": "/logs/{log_id}/views/{view_name}",
                     *       "scope": "log",
                     *       "limit": 20
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "VIEW_LIMIT_REACHED";
                        /** @enum {integer} */
                        status?: 409;
                    };
                };
            };
            /** @description Payload Too Large. `PAYLOAD_TOO_LARGE`: The request body is over 4 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Payload Too Large",
                     *       "status": 413,
                     *       "code": "PAYLOAD_TOO_LARGE",
                     *       "detail": "The request body is over 4 MiB.",
                     *       "instance": "/logs/{log_id}/views/{view_name}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                        /** @enum {integer} */
                        status?: 413;
                    };
                };
            };
            /** @description URI Too Long. `URI_TOO_LONG`: The request target is over 8 KiB. */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "URI Too Long",
                     *       "status": 414,
                     *       "code": "URI_TOO_LONG",
                     *       "detail": "The request target is over 8 KiB.",
                     *       "instance": "/logs/{log_id}/views/{view_name}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "URI_TOO_LONG";
                        /** @enum {integer} */
                        status?: 414;
                    };
                };
            };
            /** @description Too Many Requests. `RATE_LIMITED`: Over the client address's rate limit (or, with a token, the tenant's); retry after `Retry-After` seconds. The tenant already compiles a view on this instance (`Views__MaxConcurrentCompilesPerTenant`). */
            429: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too Many Requests",
                     *       "status": 429,
                     *       "code": "RATE_LIMITED",
                     *       "detail": "The tenant already compiles a view on this instance (Views__MaxConcurrentCompilesPerTenant).",
                     *       "instance": "/logs/{log_id}/views/{view_name}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "RATE_LIMITED";
                        /** @enum {integer} */
                        status?: 429;
                    };
                };
            };
            /** @description Request Header Fields Too Large. `HEADERS_TOO_LARGE`: The request headers are over 32 KiB in total or more than 100. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Request Header Fields Too Large",
                     *       "status": 431,
                     *       "code": "HEADERS_TOO_LARGE",
                     *       "detail": "The request headers are over 32 KiB in total or more than 100.",
                     *       "instance": "/logs/{log_id}/views/{view_name}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "HEADERS_TOO_LARGE";
                        /** @enum {integer} */
                        status?: 431;
                    };
                };
            };
            /** @description Internal Server Error. `INTERNAL`: A bug: the answer carries only a `trace_id` to find it in the service's logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Internal Server Error",
                     *       "status": 500,
                     *       "code": "INTERNAL",
                     *       "detail": "A bug: the answer carries only a trace_id to find it in the service's logs.",
                     *       "instance": "/logs/{log_id}/views/{view_name}",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                        /** @enum {integer} */
                        status?: 500;
                    };
                };
            };
            /** @description Service Unavailable. `SERVICE_UNAVAILABLE`: Storage is unreachable, throttling or failing, or the request ran past `REQUEST_TIMEOUT_SECS`; retry after `Retry-After`. Every view compiler of this instance stayed busy for `Views__CompileQueueTimeout`. */
            503: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "code": "SERVICE_UNAVAILABLE",
                     *       "detail": "Every view compiler of this instance stayed busy for Views__CompileQueueTimeout.",
                     *       "instance": "/logs/{log_id}/views/{view_name}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                        /** @enum {integer} */
                        status?: 503;
                    };
                };
            };
        };
    };
    DeleteView: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise).
                 * @example 9f8c2a4b1d3e4f5a8b7c6d5e4f3a2b1c
                 */
                "X-Tenant-ID"?: string;
            };
            path: {
                /**
                 * @description The log's id, as its create answered (another tenant's log is 404, as if it did not exist).
                 * @example 3f0c5b9e-6a1d-4c2b-9e8f-7a6b5c4d3e2f
                 */
                log_id: string;
                /**
                 * @description The view's name: 1–64 characters of A-Z, a-z, 0-9, '.', '_' and '-'.
                 * @example counter
                 */
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
                content: {
                    /**
                     * @example {
                     *       "success": true
                     *     }
                     */
                    "application/json": components["schemas"]["DeletedView"];
                };
            };
            /** @description Bad Request. `VALIDATION_ERROR`: An unknown or invalid query parameter or header, or a malformed request. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "code": "VALIDATION_ERROR",
                     *       "detail": "An unknown or invalid query parameter or header, or a malformed request.",
                     *       "instance": "/logs/{log_id}/views/{view_name}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "VALIDATION_ERROR";
                        /** @enum {integer} */
                        status?: 400;
                    };
                };
            };
            /** @description Unauthorized. `UNAUTHENTICATED`: No bearer token, or an invalid, expired or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "code": "UNAUTHENTICATED",
                     *       "detail": "No bearer token, or an invalid, expired or revoked one.",
                     *       "instance": "/logs/{log_id}/views/{view_name}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                        /** @enum {integer} */
                        status?: 401;
                    };
                };
            };
            /** @description Forbidden. `PERMISSION_DENIED`: The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in `X-Tenant-ID`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "code": "PERMISSION_DENIED",
                     *       "detail": "The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in X-Tenant-ID.",
                     *       "instance": "/logs/{log_id}/views/{view_name}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PERMISSION_DENIED";
                        /** @enum {integer} */
                        status?: 403;
                    };
                };
            };
            /** @description Not Found. `NOT_FOUND`: `X-Tenant-ID` (platform admin) names no tenant. The log does not exist or belongs to another tenant, or it has no view of this name. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "code": "NOT_FOUND",
                     *       "detail": "The log does not exist or belongs to another tenant, or it has no view of this name.",
                     *       "instance": "/logs/{log_id}/views/{view_name}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                        /** @enum {integer} */
                        status?: 404;
                    };
                };
            };
            /** @description URI Too Long. `URI_TOO_LONG`: The request target is over 8 KiB. */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "URI Too Long",
                     *       "status": 414,
                     *       "code": "URI_TOO_LONG",
                     *       "detail": "The request target is over 8 KiB.",
                     *       "instance": "/logs/{log_id}/views/{view_name}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "URI_TOO_LONG";
                        /** @enum {integer} */
                        status?: 414;
                    };
                };
            };
            /** @description Too Many Requests. `RATE_LIMITED`: Over the client address's rate limit (or, with a token, the tenant's); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too Many Requests",
                     *       "status": 429,
                     *       "code": "RATE_LIMITED",
                     *       "detail": "Over the client address's rate limit (or, with a token, the tenant's); retry after Retry-After seconds.",
                     *       "instance": "/logs/{log_id}/views/{view_name}",
                     *       "retry_after": 1
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "RATE_LIMITED";
                        /** @enum {integer} */
                        status?: 429;
                    };
                };
            };
            /** @description Request Header Fields Too Large. `HEADERS_TOO_LARGE`: The request headers are over 32 KiB in total or more than 100. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Request Header Fields Too Large",
                     *       "status": 431,
                     *       "code": "HEADERS_TOO_LARGE",
                     *       "detail": "The request headers are over 32 KiB in total or more than 100.",
                     *       "instance": "/logs/{log_id}/views/{view_name}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "HEADERS_TOO_LARGE";
                        /** @enum {integer} */
                        status?: 431;
                    };
                };
            };
            /** @description Internal Server Error. `INTERNAL`: A bug: the answer carries only a `trace_id` to find it in the service's logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Internal Server Error",
                     *       "status": 500,
                     *       "code": "INTERNAL",
                     *       "detail": "A bug: the answer carries only a trace_id to find it in the service's logs.",
                     *       "instance": "/logs/{log_id}/views/{view_name}",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                        /** @enum {integer} */
                        status?: 500;
                    };
                };
            };
            /** @description Service Unavailable. `SERVICE_UNAVAILABLE`: Storage is unreachable, throttling or failing, or the request ran past `REQUEST_TIMEOUT_SECS`; retry after `Retry-After`. */
            503: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "code": "SERVICE_UNAVAILABLE",
                     *       "detail": "Storage is unreachable, throttling or failing, or the request ran past REQUEST_TIMEOUT_SECS; retry after Retry-After.",
                     *       "instance": "/logs/{log_id}/views/{view_name}",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                        /** @enum {integer} */
                        status?: 503;
                    };
                };
            };
        };
    };
    QueryView: {
        parameters: {
            query?: {
                /**
                 * @description Answer only once the view has applied every event up to this sequence (read-after-write); waits up to Views__QueryWaitTimeout, then 503.
                 * @example 42
                 */
                after?: number;
            };
            header?: {
                /**
                 * @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise).
                 * @example 9f8c2a4b1d3e4f5a8b7c6d5e4f3a2b1c
                 */
                "X-Tenant-ID"?: string;
            };
            path: {
                /**
                 * @description The log's id, as its create answered (another tenant's log is 404, as if it did not exist).
                 * @example 3f0c5b9e-6a1d-4c2b-9e8f-7a6b5c4d3e2f
                 */
                log_id: string;
                /**
                 * @description The view's name: 1–64 characters of A-Z, a-z, 0-9, '.', '_' and '-'.
                 * @example counter
                 */
                view_name: string;
            };
            cookie?: never;
        };
        /** @description The view's input, as the view defines it; may be empty; at most 1 MiB. */
        requestBody?: {
            content: {
                /** @example  */
                "application/octet-stream": string;
            };
        };
        responses: {
            /** @description The view's output, as the view defines it (the counter example answers JSON). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example {"count":42} */
                    "application/octet-stream": string;
                };
            };
            /** @description Bad Request. `VALIDATION_ERROR`: An unknown or invalid query parameter or header, or a malformed request. An invalid `after`. `AFTER_BEYOND_HEAD`: `after` is beyond the log's head, which is in `head_sequence`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "code": "AFTER_BEYOND_HEAD",
                     *       "detail": "after is beyond the log's head, which is in head_sequence.",
                     *       "instance": "/logs/{log_id}/views/{view_name}/query",
                     *       "head_sequence": 41
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "VALIDATION_ERROR" | "AFTER_BEYOND_HEAD";
                        /** @enum {integer} */
                        status?: 400;
                    };
                };
            };
            /** @description Unauthorized. `UNAUTHENTICATED`: No bearer token, or an invalid, expired or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "code": "UNAUTHENTICATED",
                     *       "detail": "No bearer token, or an invalid, expired or revoked one.",
                     *       "instance": "/logs/{log_id}/views/{view_name}/query"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                        /** @enum {integer} */
                        status?: 401;
                    };
                };
            };
            /** @description Forbidden. `PERMISSION_DENIED`: The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in `X-Tenant-ID`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "code": "PERMISSION_DENIED",
                     *       "detail": "The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in X-Tenant-ID.",
                     *       "instance": "/logs/{log_id}/views/{view_name}/query"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PERMISSION_DENIED";
                        /** @enum {integer} */
                        status?: 403;
                    };
                };
            };
            /** @description Not Found. `NOT_FOUND`: `X-Tenant-ID` (platform admin) names no tenant. The log does not exist or belongs to another tenant, or it has no view of this name. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "code": "NOT_FOUND",
                     *       "detail": "The log does not exist or belongs to another tenant, or it has no view of this name.",
                     *       "instance": "/logs/{log_id}/views/{view_name}/query"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                        /** @enum {integer} */
                        status?: 404;
                    };
                };
            };
            /** @description Conflict. `VIEW_FAILED`: The view failed at an event, for good; `failed_sequence` and `error` say where and why. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "code": "VIEW_FAILED",
                     *       "detail": "The view failed at an event, for good; failed_sequence and error say where and why.",
                     *       "instance": "/logs/{log_id}/views/{view_name}/query",
                     *       "failed_sequence": 17,
                     *       "error": "apply trapped: unreachable"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "VIEW_FAILED";
                        /** @enum {integer} */
                        status?: 409;
                    };
                };
            };
            /** @description Payload Too Large. `PAYLOAD_TOO_LARGE`: The request body is over 4 MiB. An input over 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Payload Too Large",
                     *       "status": 413,
                     *       "code": "PAYLOAD_TOO_LARGE",
                     *       "detail": "An input over 1 MiB.",
                     *       "instance": "/logs/{log_id}/views/{view_name}/query"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                        /** @enum {integer} */
                        status?: 413;
                    };
                };
            };
            /** @description URI Too Long. `URI_TOO_LONG`: The request target is over 8 KiB. */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "URI Too Long",
                     *       "status": 414,
                     *       "code": "URI_TOO_LONG",
                     *       "detail": "The request target is over 8 KiB.",
                     *       "instance": "/logs/{log_id}/views/{view_name}/query"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "URI_TOO_LONG";
                        /** @enum {integer} */
                        status?: 414;
                    };
                };
            };
            /** @description Unprocessable Entity. `VIEW_QUERY_FAILED`: The view's `query` trapped, ran out of its work budget or answered too much; only this request failed. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Unprocessable Entity",
                     *       "status": 422,
                     *       "code": "VIEW_QUERY_FAILED",
                     *       "detail": "The view's query trapped, ran out of its work budget or answered too much; only this request failed.",
                     *       "instance": "/logs/{log_id}/views/{view_name}/query"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "VIEW_QUERY_FAILED";
                        /** @enum {integer} */
                        status?: 422;
                    };
                };
            };
            /** @description Too Many Requests. `RATE_LIMITED`: Over the client address's rate limit (or, with a token, the tenant's); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too Many Requests",
                     *       "status": 429,
                     *       "code": "RATE_LIMITED",
                     *       "detail": "Over the client address's rate limit (or, with a token, the tenant's); retry after Retry-After seconds.",
                     *       "instance": "/logs/{log_id}/views/{view_name}/query",
                     *       "retry_after": 1
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "RATE_LIMITED";
                        /** @enum {integer} */
                        status?: 429;
                    };
                };
            };
            /** @description Request Header Fields Too Large. `HEADERS_TOO_LARGE`: The request headers are over 32 KiB in total or more than 100. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Request Header Fields Too Large",
                     *       "status": 431,
                     *       "code": "HEADERS_TOO_LARGE",
                     *       "detail": "The request headers are over 32 KiB in total or more than 100.",
                     *       "instance": "/logs/{log_id}/views/{view_name}/query"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "HEADERS_TOO_LARGE";
                        /** @enum {integer} */
                        status?: 431;
                    };
                };
            };
            /** @description Internal Server Error. `INTERNAL`: A bug: the answer carries only a `trace_id` to find it in the service's logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Internal Server Error",
                     *       "status": 500,
                     *       "code": "INTERNAL",
                     *       "detail": "A bug: the answer carries only a trace_id to find it in the service's logs.",
                     *       "instance": "/logs/{log_id}/views/{view_name}/query",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                        /** @enum {integer} */
                        status?: 500;
                    };
                };
            };
            /** @description Service Unavailable. `SERVICE_UNAVAILABLE`: Storage is unreachable, throttling or failing, or the request ran past `REQUEST_TIMEOUT_SECS`; retry after `Retry-After`. The view was being replaced on this instance. `VIEW_CATCH_UP_TIMEOUT`: `after`: the view did not reach it within `Views__QueryWaitTimeout`; it is at `processed_sequence`. */
            503: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "code": "VIEW_CATCH_UP_TIMEOUT",
                     *       "detail": "after: the view did not reach it within Views__QueryWaitTimeout; it is at processed_sequence.",
                     *       "instance": "/logs/{log_id}/views/{view_name}/query",
                     *       "processed_sequence": 40
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE" | "VIEW_CATCH_UP_TIMEOUT";
                        /** @enum {integer} */
                        status?: 503;
                    };
                };
            };
        };
    };
    ViewStats: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise).
                 * @example 9f8c2a4b1d3e4f5a8b7c6d5e4f3a2b1c
                 */
                "X-Tenant-ID"?: string;
            };
            path: {
                /**
                 * @description The log's id, as its create answered (another tenant's log is 404, as if it did not exist).
                 * @example 3f0c5b9e-6a1d-4c2b-9e8f-7a6b5c4d3e2f
                 */
                log_id: string;
                /**
                 * @description The view's name: 1–64 characters of A-Z, a-z, 0-9, '.', '_' and '-'.
                 * @example counter
                 */
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
                content: {
                    /**
                     * @example {
                     *       "view_name": "counter",
                     *       "log_name": "orders",
                     *       "leader_status": "ready",
                     *       "leader_node_id": "node-7f3a",
                     *       "serving_node_id": "node-7f3a",
                     *       "processed_sequence": 42,
                     *       "created_at": 1796045700,
                     *       "head_sequence": 42,
                     *       "status": "running",
                     *       "last_error": null,
                     *       "failed_sequence": null,
                     *       "checkpoint_sequence": 40,
                     *       "apply_rate": 1250,
                     *       "events_applied": 42,
                     *       "restored_from_sequence": 0,
                     *       "version": 1,
                     *       "replica_here": "leading"
                     *     }
                     */
                    "application/json": components["schemas"]["ViewStats"];
                };
            };
            /** @description Bad Request. `VALIDATION_ERROR`: An unknown or invalid query parameter or header, or a malformed request. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "code": "VALIDATION_ERROR",
                     *       "detail": "An unknown or invalid query parameter or header, or a malformed request.",
                     *       "instance": "/logs/{log_id}/views/{view_name}/stats"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "VALIDATION_ERROR";
                        /** @enum {integer} */
                        status?: 400;
                    };
                };
            };
            /** @description Unauthorized. `UNAUTHENTICATED`: No bearer token, or an invalid, expired or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "code": "UNAUTHENTICATED",
                     *       "detail": "No bearer token, or an invalid, expired or revoked one.",
                     *       "instance": "/logs/{log_id}/views/{view_name}/stats"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                        /** @enum {integer} */
                        status?: 401;
                    };
                };
            };
            /** @description Forbidden. `PERMISSION_DENIED`: The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in `X-Tenant-ID`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "code": "PERMISSION_DENIED",
                     *       "detail": "The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in X-Tenant-ID.",
                     *       "instance": "/logs/{log_id}/views/{view_name}/stats"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PERMISSION_DENIED";
                        /** @enum {integer} */
                        status?: 403;
                    };
                };
            };
            /** @description Not Found. `NOT_FOUND`: `X-Tenant-ID` (platform admin) names no tenant. The log does not exist or belongs to another tenant, or it has no view of this name. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "code": "NOT_FOUND",
                     *       "detail": "The log does not exist or belongs to another tenant, or it has no view of this name.",
                     *       "instance": "/logs/{log_id}/views/{view_name}/stats"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                        /** @enum {integer} */
                        status?: 404;
                    };
                };
            };
            /** @description URI Too Long. `URI_TOO_LONG`: The request target is over 8 KiB. */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "URI Too Long",
                     *       "status": 414,
                     *       "code": "URI_TOO_LONG",
                     *       "detail": "The request target is over 8 KiB.",
                     *       "instance": "/logs/{log_id}/views/{view_name}/stats"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "URI_TOO_LONG";
                        /** @enum {integer} */
                        status?: 414;
                    };
                };
            };
            /** @description Too Many Requests. `RATE_LIMITED`: Over the client address's rate limit (or, with a token, the tenant's); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too Many Requests",
                     *       "status": 429,
                     *       "code": "RATE_LIMITED",
                     *       "detail": "Over the client address's rate limit (or, with a token, the tenant's); retry after Retry-After seconds.",
                     *       "instance": "/logs/{log_id}/views/{view_name}/stats",
                     *       "retry_after": 1
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "RATE_LIMITED";
                        /** @enum {integer} */
                        status?: 429;
                    };
                };
            };
            /** @description Request Header Fields Too Large. `HEADERS_TOO_LARGE`: The request headers are over 32 KiB in total or more than 100. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Request Header Fields Too Large",
                     *       "status": 431,
                     *       "code": "HEADERS_TOO_LARGE",
                     *       "detail": "The request headers are over 32 KiB in total or more than 100.",
                     *       "instance": "/logs/{log_id}/views/{view_name}/stats"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "HEADERS_TOO_LARGE";
                        /** @enum {integer} */
                        status?: 431;
                    };
                };
            };
            /** @description Internal Server Error. `INTERNAL`: A bug: the answer carries only a `trace_id` to find it in the service's logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Internal Server Error",
                     *       "status": 500,
                     *       "code": "INTERNAL",
                     *       "detail": "A bug: the answer carries only a trace_id to find it in the service's logs.",
                     *       "instance": "/logs/{log_id}/views/{view_name}/stats",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                        /** @enum {integer} */
                        status?: 500;
                    };
                };
            };
            /** @description Service Unavailable. `SERVICE_UNAVAILABLE`: Storage is unreachable, throttling or failing, or the request ran past `REQUEST_TIMEOUT_SECS`; retry after `Retry-After`. */
            503: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "code": "SERVICE_UNAVAILABLE",
                     *       "detail": "Storage is unreachable, throttling or failing, or the request ran past REQUEST_TIMEOUT_SECS; retry after Retry-After.",
                     *       "instance": "/logs/{log_id}/views/{view_name}/stats",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                        /** @enum {integer} */
                        status?: 503;
                    };
                };
            };
        };
    };
    CreateLog: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description 1–200 printable ASCII characters naming this create: a retry with the same key and name answers 201 with the log the first attempt made; a 409 CONFLICT then means someone else has the name.
                 * @example create-orders-1
                 */
                "Idempotency-Key"?: string;
                /**
                 * @description Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise).
                 * @example 9f8c2a4b1d3e4f5a8b7c6d5e4f3a2b1c
                 */
                "X-Tenant-ID"?: string;
            };
            path: {
                /**
                 * @description The new log's name: 1–64 characters of A-Z, a-z, 0-9, '.', '_' and '-', unique in the tenant.
                 * @example orders
                 */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "log_id": "3f0c5b9e-6a1d-4c2b-9e8f-7a6b5c4d3e2f"
                     *     }
                     */
                    "application/json": components["schemas"]["CreatedLog"];
                };
            };
            /** @description Bad Request. `VALIDATION_ERROR`: An unknown or invalid query parameter or header, or a malformed request. An invalid log name. An `Idempotency-Key` that is not 1–200 printable ASCII characters. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "code": "VALIDATION_ERROR",
                     *       "detail": "An Idempotency-Key that is not 1–200 printable ASCII characters.",
                     *       "instance": "/logs/{name}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "VALIDATION_ERROR";
                        /** @enum {integer} */
                        status?: 400;
                    };
                };
            };
            /** @description Unauthorized. `UNAUTHENTICATED`: No bearer token, or an invalid, expired or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Unauthorized",
                     *       "status": 401,
                     *       "code": "UNAUTHENTICATED",
                     *       "detail": "No bearer token, or an invalid, expired or revoked one.",
                     *       "instance": "/logs/{name}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                        /** @enum {integer} */
                        status?: 401;
                    };
                };
            };
            /** @description Forbidden. `PERMISSION_DENIED`: The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in `X-Tenant-ID`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Forbidden",
                     *       "status": 403,
                     *       "code": "PERMISSION_DENIED",
                     *       "detail": "The token lacks the route's scope or role, or a caller other than the platform admin names another tenant in X-Tenant-ID.",
                     *       "instance": "/logs/{name}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PERMISSION_DENIED";
                        /** @enum {integer} */
                        status?: 403;
                    };
                };
            };
            /** @description Not Found. `NOT_FOUND`: `X-Tenant-ID` (platform admin) names no tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Not Found",
                     *       "status": 404,
                     *       "code": "NOT_FOUND",
                     *       "detail": "X-Tenant-ID (platform admin) names no tenant.",
                     *       "instance": "/logs/{name}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "NOT_FOUND";
                        /** @enum {integer} */
                        status?: 404;
                    };
                };
            };
            /** @description Conflict. `CONFLICT`: The tenant already has a log with this name. `LOG_LIMIT_REACHED`: The tenant has `Logs__MaxLogsPerTenant` logs; `limit` says how many. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Conflict",
                     *       "status": 409,
                     *       "code": "LOG_LIMIT_REACHED",
                     *       "detail": "The tenant has Logs__MaxLogsPerTenant logs; limit says how many.",
                     *       "instance": "/logs/{name}",
                     *       "limit": 10000
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "CONFLICT" | "LOG_LIMIT_REACHED";
                        /** @enum {integer} */
                        status?: 409;
                    };
                };
            };
            /** @description URI Too Long. `URI_TOO_LONG`: The request target is over 8 KiB. */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "URI Too Long",
                     *       "status": 414,
                     *       "code": "URI_TOO_LONG",
                     *       "detail": "The request target is over 8 KiB.",
                     *       "instance": "/logs/{name}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "URI_TOO_LONG";
                        /** @enum {integer} */
                        status?: 414;
                    };
                };
            };
            /** @description Too Many Requests. `RATE_LIMITED`: Over the client address's rate limit (or, with a token, the tenant's); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too Many Requests",
                     *       "status": 429,
                     *       "code": "RATE_LIMITED",
                     *       "detail": "Over the client address's rate limit (or, with a token, the tenant's); retry after Retry-After seconds.",
                     *       "instance": "/logs/{name}",
                     *       "retry_after": 1
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "RATE_LIMITED";
                        /** @enum {integer} */
                        status?: 429;
                    };
                };
            };
            /** @description Request Header Fields Too Large. `HEADERS_TOO_LARGE`: The request headers are over 32 KiB in total or more than 100. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Request Header Fields Too Large",
                     *       "status": 431,
                     *       "code": "HEADERS_TOO_LARGE",
                     *       "detail": "The request headers are over 32 KiB in total or more than 100.",
                     *       "instance": "/logs/{name}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "HEADERS_TOO_LARGE";
                        /** @enum {integer} */
                        status?: 431;
                    };
                };
            };
            /** @description Internal Server Error. `INTERNAL`: A bug: the answer carries only a `trace_id` to find it in the service's logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Internal Server Error",
                     *       "status": 500,
                     *       "code": "INTERNAL",
                     *       "detail": "A bug: the answer carries only a trace_id to find it in the service's logs.",
                     *       "instance": "/logs/{name}",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                        /** @enum {integer} */
                        status?: 500;
                    };
                };
            };
            /** @description Service Unavailable. `SERVICE_UNAVAILABLE`: Storage is unreachable, throttling or failing, or the request ran past `REQUEST_TIMEOUT_SECS`; retry after `Retry-After`. Storage did not confirm the create, or too many logs are being created in the tenant at once: retry with the same `Idempotency-Key`. */
            503: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "code": "SERVICE_UNAVAILABLE",
                     *       "detail": "Storage did not confirm the create, or too many logs are being created in the tenant at once: retry with the same Idempotency-Key.",
                     *       "instance": "/logs/{name}"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                        /** @enum {integer} */
                        status?: 503;
                    };
                };
            };
        };
    };
    ViewsWit: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The ETag of a copy you hold: 304 Not Modified, no body, when it is still current.
                 * @example "3c9a1f0e7b2d4c6a"
                 */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The WIT text. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example package primatomic:machine@0.0.1; */
                    "text/plain; charset=utf-8": string;
                };
            };
            /** @description Not Modified */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request. `VALIDATION_ERROR`: An unknown or invalid query parameter or header, or a malformed request. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Bad Request",
                     *       "status": 400,
                     *       "code": "VALIDATION_ERROR",
                     *       "detail": "An unknown or invalid query parameter or header, or a malformed request.",
                     *       "instance": "/wit/primatomic-machine.wit"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "VALIDATION_ERROR";
                        /** @enum {integer} */
                        status?: 400;
                    };
                };
            };
            /** @description URI Too Long. `URI_TOO_LONG`: The request target is over 8 KiB. */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "URI Too Long",
                     *       "status": 414,
                     *       "code": "URI_TOO_LONG",
                     *       "detail": "The request target is over 8 KiB.",
                     *       "instance": "/wit/primatomic-machine.wit"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "URI_TOO_LONG";
                        /** @enum {integer} */
                        status?: 414;
                    };
                };
            };
            /** @description Too Many Requests. `RATE_LIMITED`: Over the client address's rate limit (or, with a token, the tenant's); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Too Many Requests",
                     *       "status": 429,
                     *       "code": "RATE_LIMITED",
                     *       "detail": "Over the client address's rate limit (or, with a token, the tenant's); retry after Retry-After seconds.",
                     *       "instance": "/wit/primatomic-machine.wit",
                     *       "retry_after": 1
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "RATE_LIMITED";
                        /** @enum {integer} */
                        status?: 429;
                    };
                };
            };
            /** @description Request Header Fields Too Large. `HEADERS_TOO_LARGE`: The request headers are over 32 KiB in total or more than 100. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Request Header Fields Too Large",
                     *       "status": 431,
                     *       "code": "HEADERS_TOO_LARGE",
                     *       "detail": "The request headers are over 32 KiB in total or more than 100.",
                     *       "instance": "/wit/primatomic-machine.wit"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "HEADERS_TOO_LARGE";
                        /** @enum {integer} */
                        status?: 431;
                    };
                };
            };
            /** @description Internal Server Error. `INTERNAL`: A bug: the answer carries only a `trace_id` to find it in the service's logs. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Internal Server Error",
                     *       "status": 500,
                     *       "code": "INTERNAL",
                     *       "detail": "A bug: the answer carries only a trace_id to find it in the service's logs.",
                     *       "instance": "/wit/primatomic-machine.wit",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INTERNAL";
                        /** @enum {integer} */
                        status?: 500;
                    };
                };
            };
            /** @description Service Unavailable. `SERVICE_UNAVAILABLE`: Storage is unreachable, throttling or failing, or the request ran past `REQUEST_TIMEOUT_SECS`; retry after `Retry-After`. */
            503: {
                headers: {
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 1
                     */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Service Unavailable",
                     *       "status": 503,
                     *       "code": "SERVICE_UNAVAILABLE",
                     *       "detail": "Storage is unreachable, throttling or failing, or the request ran past REQUEST_TIMEOUT_SECS; retry after Retry-After.",
                     *       "instance": "/wit/primatomic-machine.wit",
                     *       "trace_id": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                        /** @enum {integer} */
                        status?: 503;
                    };
                };
            };
        };
    };
}
