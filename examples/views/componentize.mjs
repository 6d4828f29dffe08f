// Turns a view into a component of world primatomic:machine/state-machine; run by toolchain.sh.
//   node componentize.mjs <primatomic-machine.wit> <core.wasm> <out.wasm>
//     a core module that implements the world (built from C): the equivalent of `wasm-tools component embed` +
//     `wasm-tools component new`, through jco's API. (jco's CLI `embed` reads the WIT through a WASI sandbox that
//     does not see the host's files, so the WIT text is passed in directly.)
//   node componentize.mjs <primatomic-machine.wit> <view.js> <out.wasm>
//     an ES module exporting `machine` = { init, append, query, snapshot, restore }: componentize-js with every
//     WASI feature disabled, so the component imports nothing (a view gets no WASI: console.log prints nothing,
//     Date.now() does not advance, Math.random() is a fixed sequence, timers trap, fetch fails, and an uncaught
//     exception traps).
// The tools report problems as exceptions with JavaScript stack traces; they are printed as "error: ..." and
// exit code 1 instead, since the stack is the tools' own and says nothing about the view.
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { basename, dirname, join, resolve } from 'node:path';

const usage = 'usage: node componentize.mjs <primatomic-machine.wit> <core.wasm | view.js> <out.wasm>';
// componentize-js refers to the source by this name in some messages, whatever the file is called.
const placeholderSource = '"source.js"';

class BuildError extends Error {}

const toolsDir = join(dirname(new URL(import.meta.url).pathname), '.tools');
const tools = createRequire(join(toolsDir, 'package.json'));
const load = async (specifier) => import(pathToFileURL(tools.resolve(specifier)).href);
// componentize-js exports an ES module entry only, which require.resolve does not see.
async function loadModule(name) {
  const folder = join(toolsDir, 'node_modules', name);
  const { exports } = JSON.parse(await readFile(join(folder, 'package.json'), 'utf8'));
  return import(pathToFileURL(join(folder, exports.import)).href);
}

async function main(args) {
  if (args.length !== 3) {
    throw new BuildError(usage);
  }

  // Absolute before anything changes the working directory (fromJavaScript does).
  const [witFile, input, outFile] = args.map((arg) => resolve(arg));
  const witSource = await readFile(witFile, 'utf8');
  const component = input.endsWith('.js') ? await fromJavaScript(witFile, input) : await fromCore(witSource, input);
  await writeFile(outFile, component);
}

async function fromCore(witSource, coreFile) {
  const wasmTools = await load('@bytecodealliance/jco-transpile/wasm-tools');
  const embedded = await wasmTools.componentEmbed({
    binary: await readFile(coreFile),
    witSource,
    world: 'state-machine',
    stringEncoding: 'utf8',
  });
  return wasmTools.componentNew(embedded, []);
}

async function fromJavaScript(witFile, sourceFile) {
  const name = basename(sourceFile);
  await checkSyntax(sourceFile, name);
  const { componentize } = await loadModule('@bytecodealliance/componentize-js');
  // Relative imports resolve from the source's folder, which is all the build-time engine sees of the disk.
  process.chdir(dirname(sourceFile));
  try {
    const { component } = await componentize({
      sourcePath: sourceFile,
      witPath: witFile,
      worldName: 'state-machine',
      disableFeatures: ['stdio', 'random', 'clocks', 'http', 'fetch-event'],
    });
    return component;
  } catch (e) {
    throw new BuildError(componentizeProblem(String(e?.message ?? e), name));
  }
}

// componentize-js's messages, shortened: a missing export comes with a code template to paste, a failure while the
// module runs at build time with the wizer binary's path and the same exception repeated as an unhandled rejection.
function componentizeProblem(message, name) {
  const shape = 'the world needs `export const machine = { init, append, query, snapshot, restore }`';
  const missingInterface = /does not export a "([^"]+)" interface/.exec(message);
  if (missingInterface) {
    return `${name} does not export \`${missingInterface[1]}\`; ${shape}`;
  }
  const missingFunction = /does not export a "[^"]+" (\S+) function/.exec(message);
  if (missingFunction) {
    return `${name}: \`machine\` has no function \`${missingFunction[1]}\`; ${shape}`;
  }
  const lines = message.replaceAll(placeholderSource, `"${name}"`).split('\n');
  const end = lines.findIndex((line) => line.startsWith('Additionally, some promises were rejected'));
  const failedAtBuild = /^Failed to initialize component \(wizer \(.*\)\):$/;
  return lines
    .slice(0, end < 0 ? undefined : end)
    .map((line) => line.replace(failedAtBuild, `${name} failed while it was run at build time:`))
    .join('\n');
}

// componentize-js only says "failed to parse JS source, encountered [N] errors"; say where, with the same parser.
async function checkSyntax(sourceFile, name) {
  const { parseAsync } = await load('oxc-parser');
  const text = await readFile(sourceFile, 'utf8');
  const { errors } = await parseAsync(name, text, { sourceType: 'module' });
  const problems = errors.filter((e) => e.severity === 'Error').map((e) => {
    const at = e.labels?.[0]?.start;
    if (at === undefined) {
      return `${name}: ${e.message}`;
    }
    const before = text.slice(0, at).split('\n');
    return `${name}:${before.length}:${before.at(-1).length + 1}: ${e.message}`;
  });
  if (problems.length > 0) {
    throw new BuildError(`${sourceFile} is not valid JavaScript:\n${problems.slice(0, 5).join('\n')}`);
  }
}

// Keeps the tool's message, without its stack trace or the lines that repeat it.
function describe(e) {
  if (e instanceof BuildError) {
    return e.message;
  }
  if (e?.code === 'ENOENT') {
    return `${e.path}: no such file`;
  }
  // jco's wasm-tools errors start some lines with a stray '$'.
  const lines = String(e?.message ?? e).split('\n').filter((line) => !/^\s+at /.test(line) && line.trim() !== '');
  return lines.slice(0, 12).map((line) => line.replace(/^\$/, '')).join('\n');
}

try {
  await main(process.argv.slice(2));
} catch (e) {
  console.error(`error: ${describe(e)}`);
  process.exit(1);
}
