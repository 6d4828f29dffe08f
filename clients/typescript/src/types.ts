// The service's JSON shapes, exactly as on the wire (snake_case), named as its OpenAPI document names them
// (components.schemas; WireEvent and WireEventPage are its Event and EventPage, which the client hands out decoded).
// Written out rather than aliased where the client knows more (timestamps are ISO 8601 strings): contract/contract-check.ts
// fails the build when one of them differs from src/generated/openapi.ts, which a test regenerates from the service.
import type { components } from "./generated/openapi.js";

/** Every `code` a problem answer may carry, from the document; `UNEXPECTED_RESPONSE` is the client's own. */
export type ErrorCode = components["schemas"]["Problem"]["code"] | "UNEXPECTED_RESPONSE";

export type Scope = "logs:read" | "logs:write" | "views:deploy" | "views:query" | "keys:manage";

export type Role = "member" | "owner";

export interface Registration {
  success: boolean;
  tenant_id: string;
  user_id: string;
}

export interface Token {
  access_token: string;
  token_type: string;
  /** Seconds from issue until the token expires. */
  expires_in: number;
}

export interface ApiKey {
  key_id: string;
  name: string;
  scopes: string[];
  created_at: string;
  parent_key_id: string | null;
}

export interface CreatedApiKey extends ApiKey {
  /** The secret, shown only in this answer. */
  api_key: string;
}

export interface ApiKeyList {
  keys: ApiKey[];
}

export interface User {
  user_id: string;
  email: string;
  role: string;
  created_at: string;
}

export interface UserList {
  users: User[];
}

export interface JsonWebKey {
  kty: string;
  use: string;
  alg: string;
  kid: string;
  n: string;
  e: string;
}

export interface JsonWebKeySet {
  keys: JsonWebKey[];
}

export interface CreatedLog {
  success: boolean;
  log_id: string;
}

export interface Log {
  log_id: string;
  name: string;
  created_at: string;
  /** The last committed sequence, 0 for an empty log. */
  head_sequence: number;
}

export interface LogList {
  logs: Log[];
  /** Pass to the next list call; null on the last page. */
  continuation: string | null;
}

export interface AppendResult {
  success: boolean;
  sequence: number;
}

export interface AppendBatchResult {
  success: boolean;
  first_sequence: number;
  last_sequence: number;
}

/** An event as the service sends it: data is base64. */
export interface WireEvent {
  sequence: number;
  data: string;
  appended_at: string;
}

export interface WireEventPage {
  events: WireEvent[];
  next_after: number;
}

export interface DeployedView {
  success: boolean;
  version: number;
  content_hash: string;
}

export interface View {
  view_name: string;
  version: number;
  content_hash: string;
  created_at: string;
}

export interface ViewList {
  views: View[];
}

export interface DeletedView {
  success: boolean;
}

export interface ViewStats {
  view_name: string;
  log_name: string;
  leader_status: string | null;
  leader_node_id: string | null;
  serving_node_id: string;
  processed_sequence: number;
  /** Unix seconds (the one timestamp not in ISO 8601). */
  created_at: number;
  head_sequence: number;
  status: string;
  last_error: string | null;
  failed_sequence: number | null;
  checkpoint_sequence: number | null;
  apply_rate: number;
  events_applied: number;
  restored_from_sequence: number;
  version: number;
  replica_here: string;
}

export interface SigningKeyRotation {
  success: boolean;
  kid: string;
}

/**
 * An RFC 9457 problem document (the document's Problem), loosened for answers that did not come from the service
 * itself, such as a proxy's: every member may be missing.
 */
export type ProblemDetails = Partial<components["schemas"]["Problem"]> & { [extension: string]: unknown };
