#!/usr/bin/env node
// The `deal-desk` command. The TypeScript sources are built into dist/ by `npm ci`
// (the package's prepare script) or `npm run build`.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.mjs');
if (!existsSync(cli) || !existsSync(join(root, 'build', 'Code.js'))) {
  console.error('deal-desk is not built yet: run `npm run build` in the project folder first.');
  process.exit(1);
}
const { main } = await import(cli);
process.exitCode = await main(process.argv.slice(2));
