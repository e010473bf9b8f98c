// Builds what `clasp push` uploads (build/) and the local command-line tool (dist/).
//
// build/Code.js      the server bundle: every entry point a top-level function
// build/*.html       each dialog and sidebar as one self-contained HTML file
// build/appsscript.json
// dist/cli.mjs       the local runtime and `deal-desk` command (never pushed)
//
// The build fails when a name that a menu item, trigger or dialog refers to is not a
// top-level function of the bundle Apps Script would load.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build');
const GLOBAL_NAME = 'DealDesk';

async function buildServer() {
  const result = await build({
    entryPoints: [join(root, 'src/server.ts')],
    bundle: true,
    format: 'iife',
    globalName: GLOBAL_NAME,
    platform: 'neutral',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    write: false,
  });
  return result.outputFiles[0].text;
}

/** Runs the bare bundle in an empty context to list what it exports, without calling anything. */
function exportedNames(code) {
  const context = vm.createContext({});
  vm.runInContext(`${code}\nthis.__surface = ${GLOBAL_NAME};`, context);
  const surface = context.__surface;
  const functions = Object.keys(surface).filter((name) => typeof surface[name] === 'function');
  const references = Array.isArray(surface.ENTRY_REFERENCES) ? [...surface.ENTRY_REFERENCES] : [];
  return { functions, references };
}

/** One forwarding function per entry point: Apps Script only sees top-level declarations. */
function entryPointFooter(names) {
  return names
    .map((name) => `function ${name}() { return ${GLOBAL_NAME}.${name}.apply(this, arguments); }`)
    .join('\n');
}

async function buildDialog(name) {
  const template = readFileSync(join(root, 'sidebar', `${name}.html`), 'utf8');
  const script = await build({
    entryPoints: [join(root, 'sidebar', `${name}.ts`)],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    write: false,
  });
  const css = readFileSync(join(root, 'sidebar', 'style.css'), 'utf8');
  const js = script.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
  const html = template
    .replace('<!-- style -->', () => `<style>\n${css}</style>`)
    .replace('<!-- script -->', () => `<script>\n${js}</script>`);
  return { html, serverCalls: serverCallsIn(name) };
}

/** Names a dialog passes to callServer(), read from its sources (imports included). */
function serverCallsIn(name) {
  const files = [join(root, 'sidebar', `${name}.ts`), ...listTs(join(root, 'sidebar', 'lib'))];
  const names = new Set();
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(/callServer\(\s*['"](\w+)['"]/g)) {
      names.add(match[1]);
    }
  }
  return [...names];
}

function listTs(dir) {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

function dialogNames() {
  return readdirSync(join(root, 'sidebar'))
    .filter((f) => f.endsWith('.html'))
    .map((f) => f.slice(0, -'.html'.length));
}

/** Loads the final Code.js the way Apps Script does and checks every referenced name. */
function checkTopLevel(code, wanted) {
  const context = vm.createContext({});
  vm.runInContext(code, context);
  const missing = [...wanted.entries()]
    .filter(([name]) => typeof context[name] !== 'function')
    .map(([name, from]) => `${name} (referenced by ${from})`);
  if (missing.length > 0) {
    throw new Error(`Not a top-level function of build/Code.js: ${missing.join(', ')}`);
  }
}

async function buildCli() {
  await build({
    entryPoints: { cli: join(root, 'local/cli.ts'), bench: join(root, 'local/bench.ts') },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outdir: join(root, 'dist'),
    outExtension: { '.js': '.mjs' },
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}

async function main() {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });

  const bundle = await buildServer();
  const { functions, references } = exportedNames(bundle);
  const wanted = new Map(functions.map((name) => [name, 'src/server.ts']));
  for (const name of references) wanted.set(name, 'a menu item or trigger');

  for (const name of dialogNames()) {
    const { html, serverCalls } = await buildDialog(name);
    writeFileSync(join(out, `${name}.html`), html);
    for (const call of serverCalls) wanted.set(call, `sidebar/${name}.ts`);
  }

  const code = `${bundle}\n${entryPointFooter(functions)}\n`;
  checkTopLevel(code, wanted);
  writeFileSync(join(out, 'Code.js'), code);
  copyFileSync(join(root, 'appsscript.json'), join(out, 'appsscript.json'));

  await buildCli();
  const kb = (Buffer.byteLength(code) / 1024).toFixed(1);
  console.log(
    `build: Code.js ${kb} kB, ${functions.length} entry points, ${dialogNames().length} dialogs`,
  );
}

main().catch((error) => {
  console.error(`build failed: ${error.message}`);
  process.exit(1);
});
