/**
 * `npm run bench`: service calls and wall time per action at several workbook sizes, plus
 * the size of the server bundle. Not a test: it prints numbers for people to compare.
 * Spreadsheet service calls must stay flat as the number of deals grows.
 */

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime, type LocalRuntime } from './runtime';
import { demoCsv, demoDeals } from './demo-data';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number);
const BUNDLE = join(process.cwd(), 'build', 'Code.js');

interface Measurement {
  deals: number;
  action: string;
  spreadsheetCalls: number;
  otherCalls: number;
  ms: number;
}

function countCalls(runtime: LocalRuntime): { spreadsheet: number; other: number } {
  let spreadsheet = 0;
  let other = 0;
  for (const [service, methods] of Object.entries(runtime.stats())) {
    const total = Object.values(methods).reduce((sum, n) => sum + n, 0);
    if (service === 'Spreadsheet') spreadsheet += total;
    else other += total;
  }
  return { spreadsheet, other };
}

function measure(
  runtime: LocalRuntime,
  deals: number,
  action: string,
  work: () => void,
): Measurement {
  runtime.resetStats();
  const started = process.hrtime.bigint();
  work();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const calls = countCalls(runtime);
  return { deals, action, spreadsheetCalls: calls.spreadsheet, otherCalls: calls.other, ms };
}

async function timeAsync(
  deals: number,
  action: string,
  work: () => Promise<unknown>,
): Promise<Measurement> {
  const started = process.hrtime.bigint();
  await work();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { deals, action, spreadsheetCalls: 0, otherCalls: 0, ms };
}

async function benchSize(deals: number): Promise<Measurement[]> {
  const folder = mkdtempSync(join(tmpdir(), 'deal-desk-bench-'));
  const workbookPath = join(folder, 'bench.xlsx');
  const runtime = await createRuntime({ bundleDir: join(process.cwd(), 'build'), workbookPath });
  runtime.call('runSetup');
  const csv = demoCsv(demoDeals(deals, 7, '2026-11-16'));
  const request = { csv, fileName: 'bench.csv' };
  const asOf = { asOf: '2026-12-31' };

  const rows = [
    measure(runtime, deals, 'import (new)', () => runtime.call('importDeals', request)),
    measure(runtime, deals, 'import (same file again)', () => runtime.call('importDeals', request)),
    measure(runtime, deals, 'pending invoices', () => runtime.call('rebuildPendingInvoices', asOf)),
    measure(runtime, deals, 'export pending CSV', () =>
      runtime.call('exportPendingInvoices', asOf),
    ),
    // The local runtime's own cost, for reading the rows above: exceljs file I/O.
    await timeAsync(deals, 'save .xlsx (local runtime)', () => runtime.save()),
    await timeAsync(deals, 'load .xlsx (local runtime)', () => createRuntime({ workbookPath })),
  ];
  rmSync(folder, { recursive: true, force: true });
  return rows;
}

function printTable(rows: Measurement[]): void {
  const header = ['deals', 'action', 'Spreadsheet calls', 'other calls', 'wall ms'];
  const lines = rows.map((r) => [
    String(r.deals),
    r.action,
    String(r.spreadsheetCalls),
    String(r.otherCalls),
    r.ms.toFixed(0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const format = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ');
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of lines) console.log(format(line));
}

async function main(): Promise<void> {
  console.log(`Server bundle build/Code.js: ${(statSync(BUNDLE).size / 1024).toFixed(1)} kB`);
  const rows: Measurement[] = [];
  for (const size of SIZES) rows.push(...(await benchSize(size)));
  printTable(rows);

  const pending = rows
    .filter((r) => r.action === 'pending invoices')
    .map((r) => r.spreadsheetCalls);
  const flat = pending.every((calls) => calls === pending[0]);
  console.log(
    flat
      ? 'Pending invoices: Spreadsheet calls are the same at every size.'
      : 'WARNING: Pending invoices calls grow with size.',
  );
}

void main();
