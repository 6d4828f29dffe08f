// Acceptance: a tail resumes without loss or duplicates after the service restarts. The xunit side restarts the
// service (graceful stop, start on the same port) when asked through its control endpoint, and answers once the
// service is ready again; the tail's long-poll is open across that.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { control, needs, newTenant, text, unique } from "./helpers.mjs";

describe("the tail across a service restart", needs("PRIMATOMIC_URL", "PRIMATOMIC_CONTROL_URL"), () => {
  it("yields every event once, in order, before and after the restart", async () => {
    const retries = [];
    const { client } = await newTenant({ retry: { maxDelayMs: 1000 }, onRetry: (info) => retries.push(info) });
    const { log_id } = await client.logs.create(unique("restart"));
    await client.logs.appendBatch(log_id, ["e1", "e2", "e3"]);

    const tail = client.logs.tail(log_id, { wait: 5 });
    const seen = [];
    for (let i = 0; i < 3; i++) {
      seen.push((await tail.next()).value);
    }
    const pending = tail.next(); // the long-poll after e3 is open while the service goes down

    await control("/restart-service");
    await client.logs.appendBatch(log_id, ["e4", "e5"]);
    await client.logs.append(log_id, "e6");

    seen.push((await pending).value);
    seen.push((await tail.next()).value);
    seen.push((await tail.next()).value);
    await tail.return();

    assert.deepEqual(seen.map((e) => e.sequence), [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(seen.map((e) => text(e.data)), ["e1", "e2", "e3", "e4", "e5", "e6"]);
    assert.ok(retries.some((r) => r.path.endsWith("/events")), "the tail never saw the restart");

    // A consumer that restarts itself resumes from the last sequence it handled.
    await client.logs.append(log_id, "e7");
    const resumed = [];
    for await (const event of client.logs.tail(log_id, { after: 6, wait: 5 })) {
      resumed.push(text(event.data));
      break;
    }
    assert.deepEqual(resumed, ["e7"]);
  });
});
