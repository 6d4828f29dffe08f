// A log's events, one page at a time (GET logs/{id}/events?after=&limit=), each shown as text, JSON or hex.
import { callJson } from './api.js';
import { eventBlock } from './format.js';

const pageSize = 20;

export class EventPages {
  constructor({ rows, info, first, next, refresh, formats, session, onError }) {
    Object.assign(this, { rows, info, session, onError });
    this.log = null;
    this.after = 0;
    this.events = [];
    this.nextAfter = 0;
    first.addEventListener('click', () => this.show(0).catch(onError));
    next.addEventListener('click', () => this.show(this.nextAfter).catch(onError));
    refresh.addEventListener('click', () => this.show(this.after).catch(onError));
    this.formats = formats;
    for (const radio of formats) radio.addEventListener('change', () => this.render());
  }

  get format() {
    return [...this.formats].find(radio => radio.checked)?.value ?? 'text';
  }

  async open(log) {
    this.log = log;
    await this.show(0);
  }

  async show(after) {
    if (!this.log) return;
    const page = await callJson('GET', `logs/${this.log.log_id}/events`, {
      token: this.session().token,
      query: { after, limit: pageSize },
    });
    this.after = after;
    this.events = page.events;
    this.nextAfter = page.next_after;
    this.render();
  }

  render() {
    const format = this.format;
    this.rows.replaceChildren(...this.events.map(event => {
      const row = document.createElement('tr');
      const sequence = document.createElement('td');
      sequence.textContent = event.sequence;
      const at = document.createElement('td');
      at.textContent = event.appended_at;
      const data = document.createElement('td');
      data.append(eventBlock(event.data, format));
      row.append(sequence, at, data);
      return row;
    }));
    this.info.textContent = this.events.length === 0
      ? `No events after sequence ${this.after}.`
      : `Sequences ${this.events[0].sequence} to ${this.events.at(-1).sequence}`;
  }
}
