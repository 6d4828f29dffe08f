import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { PrimatomicError } from "../dist/index.js";
import { needs, newTenant, text, unique } from "./helpers.mjs";

describe("logs against the service", needs("PRIMATOMIC_URL"), () => {
  let client;
  before(async () => {
    ({ client } = await newTenant());
  });

  it("creates, finds, lists and describes a log", async () => {
    const name = unique("orders");
    const created = await client.logs.create(name);
    assert.equal(created.success, true);
    assert.equal((await client.logs.findByName(name)).log_id, created.log_id);
    assert.equal(await client.logs.findByName(unique("absent")), undefined);
    const described = await client.logs.get(created.log_id);
    assert.deepEqual({ name: described.name, head: described.head_sequence }, { name, head: 0 });
    const page = await client.logs.list({ limit: 1000 });
    assert.ok(page.logs.some((log) => log.log_id === created.log_id));
    const second = await client.logs.create(unique("orders"));
    const all = [];
    for await (const log of client.logs.listAll({ limit: 1 })) {
      all.push(log.log_id);
    }
    assert.ok(all.includes(created.log_id) && all.includes(second.log_id));
    assert.equal(new Set(all).size, all.length);
  });

  it("a create retried with the same key answers the same log", async () => {
    const name = unique("keyed");
    const first = await client.logs.create(name, { idempotencyKey: "create-1" });
    const again = await client.logs.create(name, { idempotencyKey: "create-1" });
    assert.equal(again.log_id, first.log_id);
  });

  it("appends bytes and strings, batches, and reads them back in order", async () => {
    const { log_id } = await client.logs.create(unique("events"));
    assert.equal((await client.logs.append(log_id, new Uint8Array([0, 1, 255]), { expectedSequence: 0 })).sequence, 1);
    assert.equal((await client.logs.append(log_id, "héllo")).sequence, 2);
    const batch = await client.logs.appendBatch(log_id, ["a", new Uint8Array([7]), "c"], { expectedSequence: 2 });
    assert.deepEqual([batch.first_sequence, batch.last_sequence], [3, 5]);
    const page = await client.logs.read(log_id, { after: 0, limit: 10 });
    assert.deepEqual(page.events.map((e) => e.sequence), [1, 2, 3, 4, 5]);
    assert.deepEqual([...page.events[0].data], [0, 1, 255]);
    assert.equal(text(page.events[1].data), "héllo");
    assert.equal(page.next_after, 5);
    assert.match(page.events[0].appended_at, /^\d{4}-\d\d-\d\dT.*Z$/);
  });

  it("the same Idempotency-Key with the same body answers the original sequence", async () => {
    const { log_id } = await client.logs.create(unique("idem"));
    const first = await client.logs.append(log_id, "once", { idempotencyKey: "k-1" });
    const again = await client.logs.append(log_id, "once", { idempotencyKey: "k-1" });
    assert.equal(again.sequence, first.sequence);
    assert.equal((await client.logs.get(log_id)).head_sequence, 1);
    await assert.rejects(client.logs.append(log_id, "other", { idempotencyKey: "k-1" }), { code: "IDEMPOTENCY_KEY_REUSED", status: 422 });
  });

  it("a stale expectedSequence is a typed SEQUENCE_MISMATCH carrying the head", async () => {
    const { log_id } = await client.logs.create(unique("cas"));
    await client.logs.append(log_id, "x");
    const error = await client.logs.append(log_id, "y", { expectedSequence: 0 }).catch((e) => e);
    assert.ok(error instanceof PrimatomicError);
    assert.equal(error.code, "SEQUENCE_MISMATCH");
    assert.equal(error.status, 409);
    assert.equal(error.currentSequence, 1);
  });

  it("problems become PrimatomicError with code and status; nothing is retried for them", async () => {
    const error = await client.logs.get("00000000-0000-0000-0000-000000000000").catch((e) => e);
    assert.ok(error instanceof PrimatomicError);
    assert.deepEqual([error.code, error.status], ["NOT_FOUND", 404]);
    await assert.rejects(client.logs.create("bad name!"), { code: "VALIDATION_ERROR", status: 400 });
    await assert.rejects(client.logs.append("00000000-0000-0000-0000-000000000000", ""), { code: "NOT_FOUND" });
  });

  it("a long-poll read waits for the next append", async () => {
    const { log_id } = await client.logs.create(unique("poll"));
    const waiting = client.logs.read(log_id, { after: 0, wait: 10 });
    await client.logs.append(log_id, "wake");
    const page = await waiting;
    assert.equal(text(page.events[0].data), "wake");
  });

  it("an aborted signal stops a long-poll at once, and a call started after abort never goes out", async () => {
    const { log_id } = await client.logs.create(unique("abort"));
    const controller = new AbortController();
    const waiting = client.logs.read(log_id, { after: 0, wait: 30, signal: controller.signal });
    controller.abort(new Error("caller gave up"));
    await assert.rejects(waiting, /caller gave up/);
    await assert.rejects(client.logs.get(log_id, { signal: AbortSignal.abort() }), { name: "AbortError" });
  });

  it("the tail yields old events then new ones, and resumes from a given position", async () => {
    const { log_id } = await client.logs.create(unique("tail"));
    await client.logs.appendBatch(log_id, ["1", "2"]);
    const seen = [];
    for await (const event of client.logs.tail(log_id, { wait: 5 })) {
      seen.push(text(event.data));
      if (seen.length === 2) {
        await client.logs.append(log_id, "3");
      }
      if (seen.length === 3) {
        break;
      }
    }
    assert.deepEqual(seen, ["1", "2", "3"]);
    const resumed = [];
    for await (const event of client.logs.tail(log_id, { after: 2 })) {
      resumed.push(event.sequence);
      break;
    }
    assert.deepEqual(resumed, [3]);
  });
});
