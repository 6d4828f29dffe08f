// Acceptance: a retried append after a dropped connection is stored once. The xunit side puts a proxy in front of the
// service that, when told through the control endpoint, lets the service handle a request and then drops the answer.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { control, needs, newTenant, text, unique } from "./helpers.mjs";

describe("retry safety through a connection that drops answers", needs("PRIMATOMIC_URL", "PRIMATOMIC_PROXY_URL", "PRIMATOMIC_CONTROL_URL"), () => {
  it("an append whose answer was lost is retried with its key and stored once", async () => {
    const retries = [];
    const { client } = await newTenant({ baseUrl: process.env.PRIMATOMIC_PROXY_URL, onRetry: (info) => retries.push(info) });
    const { log_id } = await client.logs.create(unique("drop"));
    const { dropped: before } = await control("/dropped");

    await control("/drop-next?method=POST&suffix=/append");
    const { sequence } = await client.logs.append(log_id, "exactly once");

    assert.equal((await control("/dropped")).dropped, before + 1, "the proxy did not drop the answer");
    assert.deepEqual(retries.map((r) => [r.method, r.path.endsWith("/append"), r.error instanceof TypeError]), [["POST", true, true]]);
    assert.equal(sequence, 1);
    const page = await client.logs.read(log_id);
    assert.deepEqual(page.events.map((e) => text(e.data)), ["exactly once"]);
  });

  it("a batch whose answer was lost is retried and stored once, at the same sequences", async () => {
    const { client } = await newTenant({ baseUrl: process.env.PRIMATOMIC_PROXY_URL });
    const { log_id } = await client.logs.create(unique("drop-batch"));
    await client.logs.append(log_id, "first");
    const { dropped: before } = await control("/dropped");

    await control("/drop-next?method=POST&suffix=/append-batch");
    const batch = await client.logs.appendBatch(log_id, ["b1", "b2"], { expectedSequence: 1 });

    assert.equal((await control("/dropped")).dropped, before + 1, "the proxy did not drop the answer");
    assert.deepEqual([batch.first_sequence, batch.last_sequence], [2, 3]);
    assert.equal((await client.logs.get(log_id)).head_sequence, 3);
    const page = await client.logs.read(log_id);
    assert.deepEqual(page.events.map((e) => text(e.data)), ["first", "b1", "b2"]);
  });
});
