// A log's views: deploy from a .wasm file (POST .../views/{name}), each view's stats (lag, state, last error), and
// queries (POST .../views/{name}/query, with `after` for read-after-write).
import { call, callJson } from './api.js';
import { asText } from './format.js';

export class Views {
  constructor({ rows, deployForm, deployResult, queryForm, queryResult, refresh, lagChart, session, onError }) {
    Object.assign(this, { rows, deployForm, deployResult, queryForm, queryResult, lagChart, session, onError });
    this.log = null;
    refresh.addEventListener('click', () => this.refresh().catch(onError));
    deployForm.addEventListener('submit', event => {
      event.preventDefault();
      this.deploy().catch(onError);
    });
    queryForm.addEventListener('submit', event => {
      event.preventDefault();
      this.query().catch(onError);
    });
  }

  async open(log) {
    this.log = log;
    this.rows.replaceChildren();
    this.queryResult.textContent = '';
    this.deployResult.textContent = '';
    this.lagChart.clear();
    await this.refresh();
  }

  base(view) {
    return `logs/${this.log.log_id}/views/${encodeURIComponent(view)}`;
  }

  async deploy() {
    const form = new FormData(this.deployForm);
    const name = form.get('view');
    const file = form.get('component');
    this.deployResult.textContent = `Deploying ${name}…`;
    const component = new Uint8Array(await file.arrayBuffer());
    const deployed = await callJson('POST', this.base(name), { token: this.session().token, body: component });
    this.deployResult.textContent = `Deployed ${name} version ${deployed.version}`;
    await this.refresh();
    this.queryForm.elements.view.value = name;
  }

  async query() {
    const form = new FormData(this.queryForm);
    this.queryResult.textContent = 'Querying…';
    const response = await call('POST', `${this.base(form.get('view'))}/query`, {
      token: this.session().token,
      query: { after: form.get('after') },
      body: new TextEncoder().encode(form.get('input') ?? ''),
    }).catch(error => {
      this.queryResult.textContent = '';
      throw error;
    });
    this.queryResult.textContent = asText(new Uint8Array(await response.arrayBuffer()));
  }

  /** Lists the views and reads each one's stats; adds the largest lag to the chart. */
  async refresh() {
    if (!this.log) return;
    const log = this.log;
    const token = this.session().token;
    const { views } = await callJson('GET', `logs/${log.log_id}/views`, { token });
    const stats = await Promise.all(views.map(view =>
      callJson('GET', `${this.base(view.view_name)}/stats`, { token }).catch(error => ({ view_name: view.view_name, error }))));
    if (this.log !== log) return; // another log was opened meanwhile
    this.rows.replaceChildren(...stats.map(row));
    this.lagChart.add(Math.max(0, ...stats.map(lagOf).filter(Number.isFinite)));
    const select = this.queryForm.elements.view;
    const chosen = select.value;
    select.replaceChildren(...views.map(view => new Option(view.view_name, view.view_name)));
    if (views.some(view => view.view_name === chosen)) select.value = chosen;
  }
}

function lagOf(stats) {
  return stats.error ? NaN : Math.max(0, stats.head_sequence - stats.processed_sequence);
}

function row(stats) {
  const tr = document.createElement('tr');
  tr.dataset.view = stats.view_name;
  const state = stats.error
    ? `${stats.error.code}`
    : [stats.status, stats.leader_status ? `leader ${stats.leader_status}` : 'no leader'].join(', ');
  const cells = stats.error
    ? [stats.view_name, '', state, '', '', '', stats.error.message]
    : [stats.view_name, stats.version, state, `${stats.processed_sequence} of ${stats.head_sequence}`, lagOf(stats),
      `${Math.round(stats.apply_rate ?? 0)} events/s`, failure(stats)];
  for (const value of cells) {
    const td = document.createElement('td');
    td.textContent = String(value);
    tr.append(td);
  }
  if (stats.status === 'failed') tr.children[2].className = 'state-failed';
  return tr;
}

function failure(stats) {
  if (!stats.last_error) return 'none';
  return stats.failed_sequence ? `${stats.last_error} (at sequence ${stats.failed_sequence})` : stats.last_error;
}
