// Shared set-up for the tests against a running service. The xunit side (tests/Primatomic.Tests/Clients/TypeScript)
// starts the service and passes its address in PRIMATOMIC_URL; a test that needs more (the dropping proxy, the control
// endpoint that restarts the service, the built counter view) names its variable and is skipped without it.
import { randomUUID } from "node:crypto";
import { PrimatomicClient } from "../dist/index.js";

export const serviceUrl = process.env.PRIMATOMIC_URL;

/** Options for node:test: skip with a reason when a variable is not set. */
export function needs(...names) {
  const missing = names.filter((name) => !process.env[name]);
  return missing.length === 0 ? {} : { skip: `set ${missing.join(", ")} (the xunit runner does)` };
}

export function unique(prefix) {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/**
 * A new tenant: its owner signed in with a password, and an API key with every log and view scope, as an
 * application would hold it. `baseUrl` lets a test reach the service through a proxy.
 */
export async function newTenant({ baseUrl = serviceUrl, ...clientOptions } = {}) {
  const email = `${unique("ts")}@example.com`;
  const password = "correct-horse-battery";
  const anonymous = new PrimatomicClient({ baseUrl: serviceUrl });
  const registered = await anonymous.auth.register(email, password);
  const owner = new PrimatomicClient({ baseUrl: serviceUrl, email, password });
  const key = await owner.keys.create(unique("app"), ["logs:read", "logs:write", "views:deploy", "views:query"]);
  const client = new PrimatomicClient({ baseUrl, apiKey: key.api_key, ...clientOptions });
  return { email, password, registered, owner, key, client };
}

/** Calls the xunit side's control endpoint (PRIMATOMIC_CONTROL_URL) and answers its JSON. */
export async function control(path) {
  const response = await fetch(new URL(path, process.env.PRIMATOMIC_CONTROL_URL), { method: "POST" });
  if (!response.ok) {
    throw new Error(`control ${path}: ${response.status} ${await response.text()}`);
  }
  return response.json();
}

export const text = (bytes) => new TextDecoder().decode(bytes);
