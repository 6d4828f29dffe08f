// Replays README.md's "Use from TypeScript" program as written: type-checked with tsc's rules against this package's
// declarations, compiled, and run with node from the repository root against the service, with a fresh API key.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import ts from "typescript";
import { needs, newTenant, serviceUrl } from "./helpers.mjs";

const packageFolder = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = resolve(packageFolder, "../..");

/** The ```ts blocks between the typescript markers, in order. */
async function readmeProgram() {
  const readme = await readFile(join(repoRoot, "README.md"), "utf8");
  const section = /<!-- typescript:begin -->([\s\S]*?)<!-- typescript:end -->/.exec(readme);
  assert.ok(section, "README.md has no <!-- typescript:begin --> ... <!-- typescript:end --> section");
  const blocks = [...section[1].matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.ok(blocks.length > 0, "the TypeScript section has no ```ts block");
  return blocks.join("\n");
}

/** Type-checks and compiles like `tsc` in a "type": "module" project; fails with the compiler's messages. */
function compile(file, outDir) {
  const program = ts.createProgram([file], {
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true, types: ["node"], rootDir: outDir, outDir, skipLibCheck: true,
  });
  const emitted = program.emit();
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
  assert.deepEqual(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")), []);
}

describe("README: Use from TypeScript", needs("PRIMATOMIC_URL", "PRIMATOMIC_COUNTER_WASM"), () => {
  it("the program works as written", async () => {
    const source = (await readmeProgram()).replaceAll("http://127.0.0.1:7071", serviceUrl.replace(/\/$/, ""));
    // Inside the package folder, "@primatomic/client" resolves to this package itself (its exports), as installed.
    const folder = await mkdtemp(join(packageFolder, ".readme-"));
    try {
      await writeFile(join(folder, "orders.ts"), source);
      compile(join(folder, "orders.ts"), folder);
      const { key } = await newTenant();
      const { stdout } = await promisify(execFile)(process.execPath, [join(folder, "orders.js")], {
        cwd: repoRoot, env: { ...process.env, API_KEY: key.api_key }, timeout: 60_000,
      });
      assert.match(stdout, /\{ count: 1 \}/);
      assert.match(stdout, /the head is at 1/);
      assert.match(stdout, /1 \{"type":"order_placed","order_id":2\}/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
