// The retry rule and token refresh, with a scripted fetch standing in for the network (no service needed).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PrimatomicClient, PrimatomicError } from "../dist/index.js";
import { SignInTokens } from "../dist/tokens.js";

const json = (status, body, headers = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
const problem = (status, code, headers = {}) =>
  new Response(JSON.stringify({ status, code, detail: code, trace_id: "t-1" }), {
    status, headers: { "content-type": "application/problem+json", ...headers },
  });

/** A client whose fetch answers from `script` in turn and records each request. */
function scripted(script, options = {}) {
  const requests = [];
  const fetch = async (url, init) => {
    const path = new URL(url).pathname;
    if (path === "/auth/token") {
      return json(200, { access_token: "tok", token_type: "Bearer", expires_in: 3600 });
    }
    requests.push({ url: String(url), ...init });
    const next = script.shift();
    if (next === undefined) {
      throw new Error("unexpected request");
    }
    return typeof next === "function" ? next() : next;
  };
  const client = new PrimatomicClient({
    baseUrl: "http://primatomic.test", apiKey: "pk_x", fetch, retry: { baseDelayMs: 1, maxDelayMs: 20 }, ...options,
  });
  return { client, requests };
}

const dropped = () => Promise.reject(new TypeError("fetch failed", { cause: new Error("other side closed") }));

describe("retries", () => {
  it("an append without a key gets one, and every retry sends that same key", async () => {
    const { client, requests } = scripted([dropped, problem(503, "SERVICE_UNAVAILABLE", { "retry-after": "0" }),
      problem(429, "RATE_LIMITED"), json(200, { success: true, sequence: 7 })]);
    assert.equal((await client.logs.append("log", "e")).sequence, 7);
    const keys = requests.map((r) => r.headers["idempotency-key"]);
    assert.equal(keys.length, 4);
    assert.match(keys[0], /^[0-9a-f-]{36}$/);
    assert.ok(keys.every((key) => key === keys[0]));
  });

  it("each logical append gets its own key; a caller's key is kept", async () => {
    const { client, requests } = scripted([json(200, { sequence: 1 }), json(200, { sequence: 2 }), json(200, { sequence: 3 })]);
    await client.logs.append("log", "a");
    await client.logs.append("log", "b");
    await client.logs.appendBatch("log", ["c"], { idempotencyKey: "mine" });
    const [a, b, c] = requests.map((r) => r.headers["idempotency-key"]);
    assert.notEqual(a, b);
    assert.equal(c, "mine");
  });

  it("gives up after maxAttempts and throws the last problem with its retryAfter", async () => {
    const { client, requests } = scripted(Array.from({ length: 3 }, () => problem(503, "SERVICE_UNAVAILABLE", { "retry-after": "0" })),
      { retry: { maxAttempts: 3, baseDelayMs: 1 } });
    const error = await client.logs.append("log", "e").catch((e) => e);
    assert.ok(error instanceof PrimatomicError);
    assert.deepEqual([error.code, error.status, error.retryAfter, error.traceId], ["SERVICE_UNAVAILABLE", 503, 0, "t-1"]);
    assert.equal(requests.length, 3);
  });

  it("a client error is never retried", async () => {
    const { client, requests } = scripted([problem(409, "SEQUENCE_MISMATCH")]);
    await assert.rejects(client.logs.append("log", "e", { expectedSequence: 3 }), { code: "SEQUENCE_MISMATCH" });
    assert.equal(requests.length, 1);
    assert.match(requests[0].url, /expected_sequence=3/);
  });

  it("a call a repeat could do twice is retried after 429 only, not after a dropped connection", async () => {
    const { client, requests } = scripted([problem(429, "RATE_LIMITED"), dropped]);
    await assert.rejects(client.keys.create("k", ["logs:read"]), TypeError);
    assert.equal(requests.length, 2);
  });

  it("aborting during the backoff stops at once", async () => {
    const controller = new AbortController();
    // onRetry runs as the 30 s pause begins: the abort lands inside the backoff, with no timer of the test's own.
    const { client } = scripted([problem(503, "SERVICE_UNAVAILABLE", { "retry-after": "30" })],
      { retry: { maxDelayMs: 60_000 }, onRetry: () => controller.abort(new Error("stop")) });
    await assert.rejects(client.logs.append("log", "e", { signal: controller.signal }), /stop/);
  });

  it("a 401 signs in again once and repeats the request", async () => {
    let signIns = 0;
    const fetch = async (url) => {
      if (new URL(url).pathname === "/auth/token") {
        signIns++;
        return json(200, { access_token: `tok-${signIns}`, token_type: "Bearer", expires_in: 3600 });
      }
      return signIns === 1 ? problem(401, "UNAUTHENTICATED") : json(200, { log_id: "l", name: "n", created_at: "", head_sequence: 0 });
    };
    const client = new PrimatomicClient({ baseUrl: "http://primatomic.test", apiKey: "pk_x", fetch });
    assert.equal((await client.logs.get("l")).log_id, "l");
    assert.equal(signIns, 2);
  });
});

describe("token refresh", () => {
  it("signs in again before the token expires, once for concurrent callers", async () => {
    let now = 0;
    let signIns = 0;
    const tokens = new SignInTokens(async () => {
      signIns++;
      return { access_token: `tok-${signIns}`, token_type: "Bearer", expires_in: 3600 };
    }, 60_000, () => now);
    assert.deepEqual(await Promise.all([tokens.get(), tokens.get()]), ["tok-1", "tok-1"]);
    now = 3_539_000; // 61 s before expiry: still fresh
    assert.equal(await tokens.get(), "tok-1");
    now = 3_541_000; // 59 s before expiry: refreshed
    assert.equal(await tokens.get(), "tok-2");
    assert.equal(signIns, 2);
  });
});
