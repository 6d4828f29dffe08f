// The committed types (src/generated/openapi.ts) are what openapi-typescript makes of the running service's document
// today; contract/contract-check.ts then holds the client's own types to them at build time.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, it } from "node:test";
import { generate, generatedFile, loadDocument } from "../scripts/generate-types.mjs";
import { needs, serviceUrl } from "./helpers.mjs";

describe("the OpenAPI contract", needs("PRIMATOMIC_URL"), () => {
  it("the generated types match the live service's document", async () => {
    const fresh = await generate(await loadDocument(serviceUrl));
    const committed = await readFile(generatedFile, "utf8");
    assert.ok(fresh === committed, `src/generated/openapi.ts is stale: run \`npm run generate -- ${serviceUrl}\` in clients/typescript`);
  });

  it("every route the client calls is in the document", async () => {
    const document = await loadDocument(serviceUrl);
    const routes = [
      "post /auth/register", "post /auth/login", "post /auth/token", "get /.well-known/jwks.json", "post /auth/signing-keys/rotate",
      "post /auth/keys", "get /auth/keys", "get /auth/keys/{key_id}", "delete /auth/keys/{key_id}", "post /auth/users", "get /auth/users",
      "post /logs/{name}", "get /logs", "get /logs/{log_id}", "post /logs/{log_id}/append", "post /logs/{log_id}/append-batch",
      "get /logs/{log_id}/events", "post /logs/{log_id}/views/{view_name}", "get /logs/{log_id}/views",
      "delete /logs/{log_id}/views/{view_name}", "get /logs/{log_id}/views/{view_name}/stats",
      "post /logs/{log_id}/views/{view_name}/query", "get /wit/primatomic-machine.wit",
    ];
    const documented = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`));
    assert.deepEqual(routes.filter((route) => !documented.includes(route)), []);
  });
});
