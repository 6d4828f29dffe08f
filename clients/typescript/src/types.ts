// The service's JSON shapes, exactly as on the wire (snake_case), named as the service names them in its OpenAPI
// document (components.schemas). contract-check.ts fails the build when one of them drifts from the document.

export type Scope = "logs:read" | "logs:write" | "views:deploy" | "views:query" | "keys:manage";

export type Role = "member" | "owner";

export interface RegisterResponse {
  success: boolean;
  tenant_id: string;
  user_id: string;
}

export interface TokenResponse {
  access_token: string;
  token_type: string;
  /** Seconds from issue until the token expires. */
  expires_in: number;
}

export interface ApiKeyResponse {
  key_id: string;
  name: string;
  scopes: string[];
  created_at: string;
  parent_key_id: string | null;
}

export interface CreateApiKeyResponse extends ApiKeyResponse {
  /** The secret, shown only in this answer. */
  api_key: string;
}

export interface ApiKeyListResponse {
  keys: ApiKeyResponse[];
}

export interface MemberResponse {
  user_id: string;
  email: string;
  role: string;
  created_at: string;
}

export interface MemberListResponse {
  users: MemberResponse[];
}

export interface Jwk {
  kty: string;
  use: string;
  alg: string;
  kid: string;
  n: string;
  e: string;
}

export interface JwksResponse {
  keys: Jwk[];
}

export interface CreateLogResponse {
  success: boolean;
  log_id: string;
}

export interface LogResponse {
  log_id: string;
  name: string;
  created_at: string;
  /** The last committed sequence, 0 for an empty log. */
  head_sequence: number;
}

export interface LogListResponse {
  logs: LogResponse[];
  /** Pass to the next list call; null on the last page. */
  continuation: string | null;
}

export interface AppendResponse {
  success: boolean;
  sequence: number;
}

export interface AppendBatchResponse {
  success: boolean;
  first_sequence: number;
  last_sequence: number;
}

/** An event as the service sends it: data is base64. */
export interface EventResponse {
  sequence: number;
  data: string;
  appended_at: string;
}

export interface EventsResponse {
  events: EventResponse[];
  next_after: number;
}

export interface DeployViewResponse {
  success: boolean;
  version: number;
  content_hash: string;
}

export interface ViewSummary {
  view_name: string;
  version: number;
  content_hash: string;
  created_at: string;
}

export interface ViewListResponse {
  views: ViewSummary[];
}

export interface DeleteViewResponse {
  success: boolean;
}

export interface ViewStatsResponse {
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

/** An RFC 9457 problem document with the service's stable code and any extension members. */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  code?: string;
  detail?: string;
  instance?: string;
  trace_id?: string;
  [extension: string]: unknown;
}
