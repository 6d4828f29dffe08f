// Generates src/generated/openapi.ts from the service's OpenAPI document with openapi-typescript.
//   node scripts/generate-types.mjs <url of the service or path of a saved document>          writes the file
//   node scripts/generate-types.mjs --check <url or path>                                        fails if it differs
// The check runs in the tests against the live service, so the committed types cannot drift from the contract.
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

export const generatedFile = join(dirname(fileURLToPath(import.meta.url)), "..", "src", "generated", "openapi.ts");

const banner = "// Generated from the service's GET /openapi/v1.json by scripts/generate-types.mjs (npm run generate -- <url>).\n"
  + "// Do not edit: regenerate. A test regenerates it from the running service and fails on any difference.\n\n";

/** The document at a service URL (its /openapi/v1.json) or in a file. */
export async function loadDocument(source) {
  if (/^https?:\/\//.test(source)) {
    const url = source.endsWith(".json") ? source : new URL("openapi/v1.json", source.endsWith("/") ? source : `${source}/`);
    const response = await fetch(url);
    if (!response.ok) {
      throw new Error(`GET ${url}: ${response.status}`);
    }
    return response.json();
  }
  return JSON.parse(await readFile(source, "utf8"));
}

export async function generate(document) {
  const ast = await openapiTS(document, { alphabetize: true });
  return banner + astToString(ast);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const check = args[0] === "--check";
  const source = check ? args[1] : args[0];
  if (!source) {
    console.error("usage: generate-types.mjs [--check] <service url | openapi.json>");
    process.exit(2);
  }
  const generated = await generate(await loadDocument(source));
  if (check) {
    const committed = await readFile(generatedFile, "utf8").catch(() => "");
    if (committed !== generated) {
      console.error(`${generatedFile} differs from the document at ${source}: run npm run generate -- ${source}`);
      process.exit(1);
    }
    console.log("generated types match the document");
  } else {
    await writeFile(generatedFile, generated);
    console.log(`wrote ${generatedFile}`);
  }
}
