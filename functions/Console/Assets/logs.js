// The tenant's logs: a paged list (GET logs, following `continuation`) and the create form (POST logs/{name}).
import { callJson } from './api.js';

const pageSize = 50;

export class LogList {
  constructor({ list, more, form, session, onOpen, onError }) {
    Object.assign(this, { list, more, form, session, onOpen, onError });
    this.continuation = null;
    this.openId = null;
    more.addEventListener('click', () => this.load(false).catch(onError));
    form.addEventListener('submit', event => {
      event.preventDefault();
      this.create(new FormData(form).get('name')).catch(onError);
    });
  }

  async load(reset = true) {
    const page = await callJson('GET', 'logs', {
      token: this.session().token,
      query: { limit: pageSize, continuation: reset ? undefined : this.continuation },
    });
    if (reset) this.list.replaceChildren();
    for (const log of page.logs) this.list.append(this.item(log));
    this.continuation = page.continuation ?? null;
    this.more.hidden = this.continuation === null;
  }

  async create(name) {
    const created = await callJson('POST', `logs/${encodeURIComponent(name)}`, { token: this.session().token });
    this.form.reset();
    await this.load(true);
    this.open({ log_id: created.log_id, name, head_sequence: 0 });
  }

  open(log) {
    this.openId = log.log_id;
    for (const button of this.list.querySelectorAll('button')) {
      button.setAttribute('aria-current', String(button.dataset.logId === log.log_id));
    }
    this.onOpen(log);
  }

  /** Shows a log's newer head in the list. */
  updateHead(log) {
    const button = [...this.list.querySelectorAll('button')].find(b => b.dataset.logId === log.log_id);
    if (button) button.nextElementSibling.textContent = `head ${log.head_sequence}`;
  }

  item(log) {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = log.name;
    button.dataset.logId = log.log_id;
    button.setAttribute('aria-current', String(log.log_id === this.openId));
    button.addEventListener('click', () => this.open(log));
    const head = document.createElement('span');
    head.className = 'meta';
    head.textContent = `head ${log.head_sequence}`;
    li.append(button, head);
    return li;
  }
}
