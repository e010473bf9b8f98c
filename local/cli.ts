/**
 * `deal-desk`: the add-on's own handlers, run from a terminal on a workbook file through the
 * local Apps Script runtime. Nothing here re-implements the add-on: each command calls the
 * same top-level functions the menu and dialogs call in Google Sheets.
 */

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createRuntime, type LocalRuntime } from './runtime';

const USAGE = `Usage:
  deal-desk init --workbook FILE.xlsx [--time-zone ZONE]
  deal-desk import FILE.csv --workbook FILE.xlsx [--currency USD] [--stage-map "Won=Won,Lost=Lost"] [--mapping FILE.json]
  deal-desk pending-invoices --workbook FILE.xlsx [--as-of YYYY-MM-DD] [--csv OUT.csv]
  deal-desk demo [--workbook FILE.xlsx] [--deals N] [--seed N]
  deal-desk preview [--workbook FILE.xlsx] [--port N]
      Serves the workbook in a browser page (the sheets, the add-on menu, its dialogs and
      sidebar) on 127.0.0.1, saving every change to the file. A missing file starts as the
      demo workbook; the port is 8787 when free.

Every command also takes --stats: print the Apps Script service calls it made, as one JSON
line on standard error.`;

/** A problem with what the user typed: printed as one line, exit code 2. */
export class UsageError extends Error {}

interface CommonFlags {
  workbook?: string;
  stats?: boolean;
  'time-zone'?: string;
}

const OPTIONS = {
  workbook: { type: 'string' },
  currency: { type: 'string' },
  'stage-map': { type: 'string' },
  mapping: { type: 'string' },
  'as-of': { type: 'string' },
  csv: { type: 'string' },
  'time-zone': { type: 'string' },
  deals: { type: 'string' },
  seed: { type: 'string' },
  port: { type: 'string' },
  stats: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flags = ReturnType<typeof parseFlags>['values'];

function parseFlags(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (see deal-desk --help)`);
  }
}

function requireWorkbook(flags: CommonFlags): string {
  if (!flags.workbook) throw new UsageError('Name the workbook file with --workbook FILE.xlsx.');
  if (!flags.workbook.endsWith('.xlsx'))
    throw new UsageError(`--workbook must be an .xlsx file, not "${flags.workbook}".`);
  return flags.workbook;
}

async function open(flags: CommonFlags, mustExist: boolean): Promise<LocalRuntime> {
  const workbookPath = requireWorkbook(flags);
  if (mustExist && !existsSync(workbookPath)) {
    throw new UsageError(
      `There is no workbook ${workbookPath}. Create one with: deal-desk init --workbook ${workbookPath}`,
    );
  }
  return createRuntime({ workbookPath, spreadsheetTimeZone: flags['time-zone'] });
}

/** Runs a handler; a thrown message from the add-on becomes the one-line reason. */
function run<T>(runtime: LocalRuntime, name: string, ...args: unknown[]): T {
  return runtime.call<T>(name, ...args);
}

interface SetupReport {
  created: string[];
  repaired: string[];
}

async function init(flags: Flags): Promise<LocalRuntime> {
  const runtime = await open(flags, false);
  const report = run<SetupReport>(runtime, 'runSetup');
  await runtime.save();
  const done = [
    ...report.created.map((s) => `created ${s}`),
    ...report.repaired.map((s) => `repaired ${s}`),
  ];
  console.log(
    done.length > 0
      ? `${flags.workbook}: ${done.join('; ')}.`
      : `${flags.workbook}: already set up.`,
  );
  return runtime;
}

interface ImportReport {
  totalRows: number;
  blankRows: number;
  accepted: number;
  rejectedCount: number;
  rejected: { row: number; errors: { field: string; message: string }[] }[];
  inserted: number;
  updated: number;
  unchanged: number;
}

async function importCsv(flags: Flags, file: string | undefined): Promise<LocalRuntime> {
  if (!file)
    throw new UsageError(
      'Name the CSV file to import: deal-desk import FILE.csv --workbook FILE.xlsx',
    );
  if (!existsSync(file)) throw new UsageError(`There is no file ${file}.`);
  const mapping = flags.mapping ? readMapping(flags.mapping) : undefined;
  const workbookPath = requireWorkbook(flags);
  const isNew = !existsSync(workbookPath);
  const runtime = await open(flags, false);
  if (isNew) run(runtime, 'runSetup');

  const report = run<ImportReport>(runtime, 'importDeals', {
    csv: readFileSync(file, 'utf8'),
    fileName: file.split('/').pop(),
    currency: flags.currency,
    stageMap: flags['stage-map'] ?? '',
    mapping,
  });
  await runtime.save();
  printImport(report, workbookPath, isNew);
  return runtime;
}

function readMapping(path: string): Record<string, string> {
  if (!existsSync(path)) throw new UsageError(`There is no mapping file ${path}.`);
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
    return parsed as Record<string, string>;
  } catch {
    throw new UsageError(
      `${path} must be JSON like {"amount": "Deal value", "closeDate": "Won on"}.`,
    );
  }
}

function printImport(report: ImportReport, workbookPath: string, isNew: boolean): void {
  if (isNew) console.log(`Created ${workbookPath} and set up Deal Desk.`);
  console.log(
    `${report.totalRows} rows read: ${report.accepted} imported (${report.inserted} added, ` +
      `${report.updated} updated, ${report.unchanged} unchanged), ${report.rejectedCount} rejected, ` +
      `${report.blankRows} blank.`,
  );
  for (const rejected of report.rejected.slice(0, 20)) {
    for (const error of rejected.errors)
      console.log(`  row ${rejected.row}, ${error.field}: ${error.message}`);
  }
  if (report.rejectedCount > 20)
    console.log(`  … and ${report.rejectedCount - 20} more rejected rows.`);
}

interface PendingSummary {
  message: string;
  totals: { text: string; count: number }[];
  skipped: { dealId: string; problem: string }[];
  unreadableInvoices: string[];
}

async function pendingInvoices(flags: Flags): Promise<LocalRuntime> {
  const runtime = await open(flags, true);
  const request = flags['as-of'] ? { asOf: flags['as-of'] } : {};
  const summary = run<PendingSummary>(runtime, 'rebuildPendingInvoices', request);
  if (flags.csv) {
    const exported = run<{ csv: string }>(runtime, 'exportPendingInvoices', request);
    writeFileSync(flags.csv, exported.csv, 'utf8');
  }
  await runtime.save();

  console.log(summary.message);
  for (const total of summary.totals) console.log(`  ${total.text} in ${total.count} instalments`);
  for (const skipped of summary.skipped.slice(0, 20))
    console.log(`  skipped ${skipped.dealId}: ${skipped.problem}`);
  for (const problem of summary.unreadableInvoices.slice(0, 20)) console.log(`  ${problem}`);
  if (flags.csv) console.log(`Wrote ${flags.csv}.`);
  return runtime;
}

/** Serves until Ctrl-C: the open server keeps the process alive after main() returns. */
async function preview(flags: Flags): Promise<LocalRuntime> {
  const workbookPath = flags.workbook ? requireWorkbook(flags) : 'demo.xlsx';
  const port = flags.port === undefined ? undefined : Number(flags.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
    throw new UsageError(`--port must be a number from 0 to 65535, not "${flags.port}".`);
  }
  const { runPreview } = await import('./preview/server');
  const started = await runPreview({ workbookPath, port, timeZone: flags['time-zone'] });
  return started.runtime;
}

async function dispatch(
  command: string | undefined,
  flags: Flags,
  rest: string[],
): Promise<LocalRuntime | null> {
  switch (command) {
    case 'init':
      return init(flags);
    case 'import':
      return importCsv(flags, rest[0]);
    case 'pending-invoices':
      return pendingInvoices(flags);
    case 'demo': {
      const { runDemo } = await import('./demo');
      return runDemo(flags);
    }
    case 'preview':
      return preview(flags);
    default:
      throw new UsageError(command ? `Unknown command "${command}".\n${USAGE}` : USAGE);
  }
}

/** Entry point: returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    const { values, positionals } = parseFlags(argv);
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    const [command, ...rest] = positionals;
    const runtime = await dispatch(command, values, rest);
    if (runtime && values.stats) console.error(JSON.stringify(runtime.stats()));
    return 0;
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    console.error(error instanceof UsageError ? message : `deal-desk: ${message.split('\n')[0]}`);
    return error instanceof UsageError ? 2 : 1;
  }
}
