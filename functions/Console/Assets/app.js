// Wires the console together: sign-in, the log list, and the open log's events, tail, views and charts.
import { ApiError, callJson } from './api.js';
import { LineChart } from './chart.js';
import { EventPages } from './events.js';
import { LogList } from './logs.js';
import * as sessions from './session.js';
import { LiveTail } from './tail.js';
import { Views } from './views.js';

const sampleEveryMs = 3000;
const $ = id => document.getElementById(id);
const errorBox = $('error');

function session() {
  const current = sessions.current();
  if (!current) {
    showSignedOut();
    throw new ApiError(401, 'UNAUTHENTICATED', 'Your session ended: sign in again.');
  }
  return current;
}

/** Every failure is shown with its problem `code` and message; a rejected token signs the user out. */
function showError(error) {
  const code = error instanceof ApiError ? error.code : 'CONSOLE_ERROR';
  errorBox.textContent = `${code}: ${error.message}`;
  errorBox.hidden = false;
  if (error instanceof ApiError && error.status === 401 && sessions.current()) {
    sessions.signOut();
    showSignedOut();
  }
}

// A new action clears the last error.
document.addEventListener('submit', () => { errorBox.hidden = true; }, true);

const rateChart = new LineChart($('rate-chart'), { unit: 'events/s' });
const lagChart = new LineChart($('lag-chart'), { unit: 'events' });
const events = new EventPages({
  rows: $('event-rows'), info: $('page-info'), first: $('first-page'), next: $('next-page'), refresh: $('refresh-events'),
  formats: document.querySelectorAll('input[name="format"]'), session, onError: showError,
});
const tail = new LiveTail({ list: $('tail'), toggle: $('tail-toggle'), state: $('tail-state'), session, format: () => events.format, onError: showError });
const views = new Views({
  rows: $('view-rows'), deployForm: $('deploy-form'), deployResult: $('deploy-result'), queryForm: $('query-form'),
  queryResult: $('query-result'), refresh: $('refresh-views'), lagChart, session, onError: showError,
});
const logs = new LogList({ list: $('log-list'), more: $('more-logs'), form: $('create-log-form'), session, onOpen: openLog, onError: showError });

let openedLog = null;
let lastSample = null;

function openLog(log) {
  openedLog = log;
  lastSample = null;
  rateChart.clear();
  $('log-panel').hidden = false;
  $('log-title').textContent = `Log ${log.name}`;
  describe(log);
  tail.open(log);
  Promise.all([events.open(log), views.open(log)]).catch(showError);
}

function describe(log) {
  $('log-meta').textContent = `id ${log.log_id} · head sequence ${log.head_sequence}`;
  logs.updateHead(log);
}

/** Samples the open log's head (for the append rate) and its views' stats (for lag), every few seconds. */
async function sample() {
  const log = openedLog;
  if (!log || !sessions.current()) return;
  const described = await callJson('GET', `logs/${log.log_id}`, { token: session().token });
  if (openedLog !== log) return;
  const now = performance.now();
  if (lastSample) rateChart.add((described.head_sequence - lastSample.head) / ((now - lastSample.at) / 1000));
  lastSample = { head: described.head_sequence, at: now };
  describe(described);
  await views.refresh();
}

$('append-form').addEventListener('submit', async event => {
  event.preventDefault();
  const form = event.currentTarget;
  try {
    const text = new FormData(form).get('event');
    // A fresh key per append: a retry of this very request can never store the event twice.
    const key = Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');
    const appended = await callJson('POST', `logs/${openedLog.log_id}/append`, {
      token: session().token, body: new TextEncoder().encode(text), headers: { 'Idempotency-Key': `console-${key}` },
    });
    $('append-result').textContent = `Appended at sequence ${appended.sequence}`;
    await events.show(events.after);
  } catch (error) {
    showError(error);
  }
});

$('password-form').addEventListener('submit', event => signIn(event, form => sessions.signInWithPassword(form.get('email'), form.get('password'))));
$('key-form').addEventListener('submit', event => signIn(event, form => sessions.signInWithKey(form.get('api_key'))));
$('sign-out').addEventListener('click', () => {
  sessions.signOut();
  showSignedOut();
});

async function signIn(event, how) {
  event.preventDefault();
  const form = event.currentTarget;
  try {
    await how(new FormData(form));
    form.reset();
    await showSignedIn();
  } catch (error) {
    showError(error);
  }
}

async function showSignedIn() {
  $('sign-in').hidden = true;
  $('workspace').hidden = false;
  $('sign-out').hidden = false;
  $('who').hidden = false;
  $('who').textContent = `Signed in: ${sessions.current().who}`;
  await logs.load(true);
}

function showSignedOut() {
  tail.stop();
  openedLog = null;
  $('sign-in').hidden = false;
  $('workspace').hidden = true;
  $('log-panel').hidden = true;
  $('sign-out').hidden = true;
  $('who').hidden = true;
}

setInterval(() => sample().catch(showError), sampleEveryMs);
if (sessions.current()) showSignedIn().catch(showError); else showSignedOut();
