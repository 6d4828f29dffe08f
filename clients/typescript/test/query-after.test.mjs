// Acceptance: query(after) sees the caller's own append. PRIMATOMIC_COUNTER_WASM is the example counter view
// (examples/views/counter), built by the xunit side.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, it } from "node:test";
import { PrimatomicError } from "../dist/index.js";
import { needs, newTenant, text, unique } from "./helpers.mjs";

describe("views", needs("PRIMATOMIC_URL", "PRIMATOMIC_COUNTER_WASM"), () => {
  it("query with after sees each of the caller's own appends at once", async () => {
    const { client } = await newTenant();
    const { log_id } = await client.logs.create(unique("counted"));
    const deployed = await client.views.deploy(log_id, "counter", await readFile(process.env.PRIMATOMIC_COUNTER_WASM));
    assert.equal(deployed.success, true);

    for (let i = 1; i <= 5; i++) {
      const { sequence } = await client.logs.append(log_id, `event ${i}`);
      assert.deepEqual(await client.views.queryJson(log_id, "counter", { after: sequence }), { count: i });
    }
    const batch = await client.logs.appendBatch(log_id, ["a", "b", "c"]);
    assert.equal(text(await client.views.query(log_id, "counter", { after: batch.last_sequence })), '{"count":8}');

    const error = await client.views.query(log_id, "counter", { after: 100 }).catch((e) => e);
    assert.ok(error instanceof PrimatomicError);
    assert.deepEqual([error.code, error.status, error.headSequence], ["AFTER_BEYOND_HEAD", 400, 8]);
  });

  it("lists, describes and deletes views", async () => {
    const { client } = await newTenant();
    const { log_id } = await client.logs.create(unique("managed"));
    const deployed = await client.views.deploy(log_id, "counter", await readFile(process.env.PRIMATOMIC_COUNTER_WASM));
    const { sequence } = await client.logs.append(log_id, "x");
    await client.views.query(log_id, "counter", { after: sequence });

    const { views } = await client.views.list(log_id);
    assert.deepEqual(views.map((v) => [v.view_name, v.content_hash]), [["counter", deployed.content_hash]]);
    const stats = await client.views.stats(log_id, "counter");
    assert.equal(stats.view_name, "counter");
    assert.equal(stats.head_sequence, 1);
    assert.equal(stats.status, "running");

    assert.equal((await client.views.delete(log_id, "counter")).success, true);
    assert.deepEqual((await client.views.list(log_id)).views, []);
    await assert.rejects(client.views.stats(log_id, "counter"), { code: "NOT_FOUND", status: 404 });
    await assert.rejects(client.views.deploy(log_id, "counter", new Uint8Array([0, 97, 115, 109])), { code: "INVALID_VIEW" });
  });
});
