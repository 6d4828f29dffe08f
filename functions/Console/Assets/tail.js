// The live tail: a loop of long-polls on GET logs/{id}/events?after=N&wait=S, each answered as soon as an event
// arrives (or empty after S seconds), continuing from `next_after`. Stopping aborts the poll in flight.
import { ApiError, callJson } from './api.js';
import { eventBlock } from './format.js';

const waitSeconds = 20;
const keepLines = 200;

export class LiveTail {
  constructor({ list, toggle, state, session, format, onError }) {
    Object.assign(this, { list, toggle, state, session, format, onError });
    this.log = null;
    this.abort = null;
    toggle.addEventListener('click', () => (this.abort ? this.stop() : this.start()));
  }

  open(log) {
    this.stop();
    this.log = log;
    this.list.replaceChildren();
  }

  start() {
    if (!this.log || this.abort) return;
    this.abort = new AbortController();
    this.toggle.textContent = 'Stop live tail';
    this.toggle.setAttribute('aria-pressed', 'true');
    this.follow(this.log, this.abort.signal).catch(error => {
      if (error.name !== 'AbortError') this.onError(error);
      this.stop();
    });
  }

  stop() {
    this.abort?.abort();
    this.abort = null;
    this.toggle.textContent = 'Start live tail';
    this.toggle.setAttribute('aria-pressed', 'false');
    this.state.textContent = '';
  }

  async follow(log, signal) {
    // Start at the head: the tail shows what is appended from now on (the pages above show the past).
    let after = (await callJson('GET', `logs/${log.log_id}`, { token: this.session().token, signal })).head_sequence;
    while (!signal.aborted) {
      this.state.textContent = `Waiting for events after ${after}…`;
      let page;
      try {
        page = await callJson('GET', `logs/${log.log_id}/events`, {
          token: this.session().token,
          query: { after, wait: waitSeconds, limit: 100 },
          signal,
        });
      } catch (error) {
        // Too many open long-polls for the tenant: back off as told, then go on.
        if (!(error instanceof ApiError) || error.status !== 429) throw error;
        await pause(error.retryAfter * 1000, signal);
        continue;
      }
      for (const event of page.events) this.show(event);
      after = page.next_after;
    }
  }

  show(event) {
    const item = document.createElement('li');
    item.value = event.sequence;
    item.append(eventBlock(event.data, this.format()));
    this.list.append(item);
    while (this.list.children.length > keepLines) this.list.firstElementChild.remove();
    item.scrollIntoView({ block: 'nearest' });
  }
}

function pause(ms, signal) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason); // an AbortError, as fetch rejects with
    }, { once: true });
  });
}
