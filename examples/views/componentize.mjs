// Turns a core module that implements world primatomic:machine/state-machine into a component:
// the equivalent of `wasm-tools component embed` + `wasm-tools component new`, through jco's API.
// (jco's CLI `embed` reads the WIT through a WASI sandbox that does not see the host's files, so the WIT
// text is passed in directly.) Usage: node componentize.mjs <primatomic-machine.wit> <core.wasm> <out.wasm>
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const [witFile, coreFile, outFile] = process.argv.slice(2);
if (!outFile) {
  console.error('usage: node componentize.mjs <primatomic-machine.wit> <core.wasm> <out.wasm>');
  process.exit(2);
}

const require = createRequire(join(dirname(new URL(import.meta.url).pathname), '.tools', 'package.json'));
const tools = await import(pathToFileURL(require.resolve('@bytecodealliance/jco-transpile/wasm-tools')).href);

const embedded = await tools.componentEmbed({
  binary: await readFile(coreFile),
  witSource: await readFile(witFile, 'utf8'),
  world: 'state-machine',
  stringEncoding: 'utf8',
});
await writeFile(outFile, await tools.componentNew(embedded, []));
