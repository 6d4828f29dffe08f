// The signed-in user's access token, kept in sessionStorage: it lives as long as the tab and never reaches disk
// beyond the browser's session store, and no other tab or later visit sees it.
import { callJson } from './api.js';

const key = 'primatomic.console.session';

/** The current session { token, who, expiresAt } or null when signed out or expired. */
export function current() {
  const raw = sessionStorage.getItem(key);
  if (!raw) return null;
  const session = JSON.parse(raw);
  if (Date.now() >= session.expiresAt) {
    sessionStorage.removeItem(key);
    return null;
  }
  return session;
}

export async function signInWithPassword(email, password) {
  return keep(await callJson('POST', 'auth/login', { body: { email, password } }), email);
}

export async function signInWithKey(apiKey) {
  return keep(await callJson('POST', 'auth/token', { body: { api_key: apiKey } }), 'API key');
}

export function signOut() {
  sessionStorage.removeItem(key);
}

function keep(answer, who) {
  const session = {
    token: answer.access_token,
    who,
    // A little early, so no request leaves with a token that expires on the way.
    expiresAt: Date.now() + Math.max(0, (answer.expires_in ?? 3600) - 30) * 1000,
  };
  sessionStorage.setItem(key, JSON.stringify(session));
  return session;
}
