// Calls the service's public API through URLs relative to the page's folder (so the page works at /console under any
// route prefix), with the signed-in user's token. Failures become ApiError carrying the problem document's `code`.

/** The API's root: the folder the console page is served from. */
export const apiRoot = new URL('.', document.baseURI);

export class ApiError extends Error {
  constructor(status, code, detail, problem, retryAfter) {
    super(detail || `HTTP ${status}`);
    this.status = status;
    this.retryAfter = retryAfter;
    this.code = code || `HTTP_${status}`;
    this.problem = problem;
  }
}

/**
 * One request. `query` is an object of query parameters (undefined values left out); `body` is a string, bytes or
 * an object (sent as JSON); `token` adds the bearer header; `headers` adds others. Resolves to the Response of a 2xx answer.
 */
export async function call(method, path, { query, body, contentType, token, signal, headers: extra } = {}) {
  const url = new URL(path, apiRoot);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, String(value));
  }
  const headers = { ...extra };
  if (token) headers.Authorization = `Bearer ${token}`;
  let payload = body;
  if (body !== undefined && !(body instanceof Uint8Array) && !(body instanceof ArrayBuffer) && typeof body !== 'string') {
    payload = JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
  } else if (body !== undefined) {
    headers['Content-Type'] = contentType ?? 'application/octet-stream';
  }
  const response = await fetch(url, { method, headers, body: payload, signal, cache: 'no-store' });
  if (!response.ok) throw await problemOf(response);
  return response;
}

/** The same, answering the parsed JSON body. */
export async function callJson(method, path, options) {
  return (await call(method, path, options)).json();
}

async function problemOf(response) {
  let problem = null;
  try {
    problem = await response.json();
  } catch {
    // not a problem document (a proxy's page, say): the status alone must do
  }
  const retryAfter = Number(response.headers.get('Retry-After')) || 1;
  return new ApiError(response.status, problem?.code, problem?.detail ?? problem?.title ?? response.statusText, problem, retryAfter);
}
