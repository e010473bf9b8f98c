#!/usr/bin/env node
// The `deal-desk` command. The TypeScript sources are built into dist/ by `npm ci`
// (the package's prepare script) or `npm run build`.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.mjs');
if (!existsSync(cli) || !existsSync(join(root, 'build', 'Code.js'))) {
  console.error(`deal-desk is not built yet: run \`npm run build\` in ${root} first.`);
  process.exit(1);
}
// The CLI, the runtime and the preview find build/ and local/preview/ here, not in the
// current folder, so the command works from anywhere; workbook paths stay relative to it.
process.env.DEAL_DESK_ROOT = root;
const { main } = await import(cli);
process.exitCode = await main(process.argv.slice(2));
