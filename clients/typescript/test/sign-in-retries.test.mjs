// Retries around signing in and deletes, with a scripted fetch standing in for the network (no service needed).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PrimatomicClient } from "../dist/index.js";
import { SignInTokens } from "../dist/tokens.js";

const json = (status, body) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const problem = (status, code) =>
  new Response(JSON.stringify({ status, code, detail: code, trace_id: "t-1" }), {
    status, headers: { "content-type": "application/problem+json", "retry-after": "0" },
  });
const token = (n) => json(200, { access_token: `tok-${n}`, token_type: "Bearer", expires_in: 3600 });
const dropped = () => Promise.reject(new TypeError("fetch failed", { cause: new Error("other side closed") }));
const page = (sequence) => json(200, { events: [{ sequence, data: btoa(`e${sequence}`), appended_at: "" }], next_after: sequence });

/** A client whose fetch answers sign-ins from `signIns` and other requests from `script`, each in turn. */
function scripted({ signIns, script, maxAttempts }) {
  const seen = [];
  const fetch = async (url, init) => {
    const path = new URL(url).pathname;
    seen.push(`${init.method} ${path}`);
    const next = (path === "/auth/token" ? signIns : script).shift();
    if (next === undefined) {
      throw new Error(`unexpected request ${path}`);
    }
    return typeof next === "function" ? next() : next;
  };
  const client = new PrimatomicClient({
    baseUrl: "http://primatomic.test", apiKey: "pk_x", fetch, retry: { maxAttempts, baseDelayMs: 1, maxDelayMs: 5 },
  });
  return { client, seen };
}

describe("a transient failure while signing in", () => {
  it("does not end a tail: its request is tried again and the tail goes on", async () => {
    // One attempt per call, so the sign-in gives up at its first 503; only the tail's own retries can go on.
    const { client, seen } = scripted({ signIns: [problem(503, "SERVICE_UNAVAILABLE"), token(1)], script: [page(1)], maxAttempts: 1 });
    const tail = client.logs.tail("log", { wait: 1 });
    assert.equal((await tail.next()).value.sequence, 1);
    await tail.return();
    assert.deepEqual(seen, ["POST /auth/token", "POST /auth/token", "GET /logs/log/events"]);
  });

  it("counts as one failed attempt of an append, which then succeeds", async () => {
    // The sign-in spends both its attempts on 503s; the append's second attempt signs in again and is stored.
    const { client, seen } = scripted({
      signIns: [problem(503, "SERVICE_UNAVAILABLE"), problem(503, "SERVICE_UNAVAILABLE"), token(1)],
      script: [json(200, { success: true, sequence: 4 })], maxAttempts: 2,
    });
    assert.equal((await client.logs.append("log", "e")).sequence, 4);
    assert.deepEqual(seen, ["POST /auth/token", "POST /auth/token", "POST /auth/token", "POST /logs/log/append"]);
  });

  it("that is not transient is thrown at once", async () => {
    const { client, seen } = scripted({ signIns: [problem(401, "UNAUTHENTICATED")], script: [], maxAttempts: 6 });
    await assert.rejects(client.logs.append("log", "e"), { code: "UNAUTHENTICATED" });
    assert.deepEqual(seen, ["POST /auth/token"]);
  });
});

describe("deletes are retried safely", () => {
  it("a view delete whose answer was lost, retried and answered 404, counts as done", async () => {
    const { client } = scripted({ signIns: [token(1)], script: [dropped, problem(404, "NOT_FOUND")], maxAttempts: 6 });
    assert.deepEqual(await client.views.delete("log", "counter"), { success: true });
  });

  it("a key revocation answered 502, retried and answered 404, counts as done", async () => {
    const { client } = scripted({ signIns: [token(1)], script: [problem(502, "BAD_GATEWAY"), problem(404, "NOT_FOUND")], maxAttempts: 6 });
    assert.equal(await client.keys.revoke("key-1"), undefined);
  });

  it("a 404 at the first attempt is thrown: there was nothing to delete", async () => {
    const { client } = scripted({ signIns: [token(1)], script: [problem(404, "NOT_FOUND")], maxAttempts: 6 });
    await assert.rejects(client.views.delete("log", "missing"), { code: "NOT_FOUND" });
  });
});

describe("the default refresh margin", () => {
  it("is a fifth of the token's lifetime", async () => {
    let now = 0;
    let signIns = 0;
    const tokens = new SignInTokens(async () => ({ access_token: `tok-${++signIns}`, token_type: "Bearer", expires_in: 60 }), undefined, () => now);
    assert.equal(await tokens.get(), "tok-1");
    now = 47_000; // 13 s before expiry: still fresh
    assert.equal(await tokens.get(), "tok-1");
    now = 49_000; // 11 s before expiry: renewed
    assert.equal(await tokens.get(), "tok-2");
  });
});
