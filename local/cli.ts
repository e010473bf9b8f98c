/**
 * `deal-desk`: the add-on's own handlers, run from a terminal on a workbook file through the
 * local Apps Script runtime. Nothing here re-implements the add-on: each command calls the
 * same top-level functions the menu and dialogs call in Google Sheets.
 */

import { countOf, groupDigits as n } from '../src/domain/wording';
import type { ImportReport } from '../src/entry/import';
import type { PendingSummary } from '../src/entry/pending-invoices';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeCsvBytes, describeCsvEncoding } from '../sidebar/lib/csv-text';
import { importableFieldList, readImportMapping } from '../src/domain/importer';
import { createRuntime, type LocalRuntime } from './runtime';
import { isValidTimeZone } from './time-zone';
import { assertCanSave } from './workbook';

const USAGE =
  `Usage:
  deal-desk init --workbook FILE.xlsx [--time-zone ZONE]
  deal-desk import FILE.csv --workbook FILE.xlsx [--currency USD] ` +
  `[--stage-map "Won=Won,Lost=Lost"] [--mapping FILE.json]
  deal-desk pending-invoices --workbook FILE.xlsx [--as-of YYYY-MM-DD] [--csv OUT.csv]
  deal-desk demo [--workbook FILE.xlsx] [--deals N] [--seed N]
      Makes a new demo workbook (default demo.xlsx; it must not exist yet) of N deals,
      1 to 100000 (default 60), from seed N (default 42).
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
    return parseArgs({
      args: joinNegativeValues(argv),
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (see deal-desk --help)`);
  }
}

/**
 * `--deals -5` as `--deals=-5`: parseArgs takes a value starting with "-" for an option, and
 * calls it ambiguous, so the option's own check can say what it accepts.
 */
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const name = arg.startsWith('--') ? arg.slice(2) : '';
    const next = argv[i + 1];
    const option = OPTIONS[name as keyof typeof OPTIONS] as { type: string } | undefined;
    if (option?.type === 'string' && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${arg}=${next}`);
      i += 1;
    } else {
      out.push(arg);
    }
  }
  return out;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A whole number written in digits, from `min` to `max`, or a UsageError that says so. */
function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!(value >= min && value <= max)) {
    const range = `from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`;
    throw new UsageError(`--${flag} must be a whole number ${range}, not "${text}".`);
  }
  return value;
}

/** Refuses an output file (--csv) that can't be written, before anything runs. */
function checkOutputFile(flag: string, path: string): void {
  if (isFolder(path))
    throw new UsageError(
      `--${flag} ${path} is a folder: name the file to write, e.g. ${path}/pending.csv.`,
    );
  const folder = dirname(path);
  if (!isFolder(folder))
    throw new UsageError(`--${flag} ${path}: there is no folder ${folder} to write it in.`);
}

function requireWorkbook(flags: CommonFlags): string {
  if (!flags.workbook) throw new UsageError('Name the workbook file with --workbook FILE.xlsx.');
  if (!flags.workbook.endsWith('.xlsx'))
    throw new UsageError(`--workbook must be an .xlsx file, not "${flags.workbook}".`);
  return flags.workbook;
}

async function open(flags: CommonFlags, mustExist: boolean): Promise<LocalRuntime> {
  const workbookPath = requireWorkbook(flags);
  const timeZone = checkTimeZone(flags);
  const exists = existsSync(workbookPath);
  if (mustExist && !exists) {
    throw new UsageError(
      `There is no workbook ${workbookPath}. ` +
        `Create one with: deal-desk init --workbook ${workbookPath}`,
    );
  }
  // Every command saves: a workbook that can't be saved is refused before anything runs.
  assertCanSave(workbookPath);
  const runtime = await createRuntime({ workbookPath, spreadsheetTimeZone: timeZone });
  if (exists) noteOwnTimeZone(workbookPath, timeZone, runtime);
  return runtime;
}

function checkTimeZone(flags: CommonFlags): string | undefined {
  const zone = flags['time-zone'];
  if (zone !== undefined && !isValidTimeZone(zone)) {
    throw new UsageError(
      `--time-zone "${zone}" is not a time zone; use a name like Europe/Berlin.`,
    );
  }
  return zone;
}

/** --time-zone only sets up a new workbook: say so when an existing one keeps another zone. */
function noteOwnTimeZone(
  workbookPath: string,
  timeZone: string | undefined,
  runtime: LocalRuntime,
): void {
  const own = runtime.workbook.timeZone;
  if (timeZone === undefined || own === timeZone) return;
  console.error(
    `Note: ${workbookPath} keeps its own time zone, ${own}; ` +
      `--time-zone ${timeZone} only applies to a new workbook.`,
  );
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

async function importCsv(flags: Flags, file: string | undefined): Promise<LocalRuntime> {
  if (!file)
    throw new UsageError(
      'Name the CSV file to import: deal-desk import FILE.csv --workbook FILE.xlsx',
    );
  if (!existsSync(file)) throw new UsageError(`There is no file ${file}.`);
  const mapping = flags.mapping ? readMapping(flags.mapping) : undefined;
  const workbookPath = requireWorkbook(flags);
  // Excel on Windows saves CSV in its code page, and "Unicode text" as UTF-16.
  const { text, encoding } = decodeCsvBytes(readFileSync(file));
  const isNew = !existsSync(workbookPath);
  const runtime = await open(flags, false);
  if (isNew) run(runtime, 'runSetup');

  const report = run<ImportReport>(runtime, 'importDeals', {
    csv: text,
    fileName: file.split('/').pop(),
    currency: flags.currency,
    stageMap: flags['stage-map'] ?? '',
    mapping,
  });
  // A file whose every row was rejected imported nothing: the command failed, and a new
  // workbook is not left behind half made.
  const nothingImported = report.accepted === 0 && report.rejectedCount > 0;
  if (!nothingImported) await runtime.save();
  const note = describeCsvEncoding(encoding);
  if (note) console.log(`${file}: ${note}`);
  printImport(report, workbookPath, isNew && !nothingImported);
  if (nothingImported) {
    throw new Error(
      `Nothing was imported: every row of ${file} was rejected (reasons above); ` +
        `${workbookPath} was not changed.`,
    );
  }
  return runtime;
}

/** Reads --mapping: JSON from deal field (key or label) to CSV header, checked here. */
function readMapping(path: string): Record<string, string> {
  if (!existsSync(path)) throw new UsageError(`There is no mapping file ${path}.`);
  const shape =
    `${path} must be JSON like {"amount": "Deal value", "closeDate": "Won on"}; ` +
    `the fields are: ${importableFieldList()}.`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw new UsageError(shape);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(shape);
  }
  try {
    return readImportMapping(parsed);
  } catch (error) {
    throw new UsageError(`${path}: ${(error as Error).message}`);
  }
}

function printImport(report: ImportReport, workbookPath: string, isNew: boolean): void {
  if (isNew) console.log(`Created ${workbookPath} and set up Deal Desk.`);
  console.log(
    `${countOf(report.totalRows, 'row')} read: ${n(report.accepted)} imported ` +
      `(${n(report.inserted)} added, ${n(report.updated)} updated, ` +
      `${n(report.unchanged)} unchanged), ${n(report.rejectedCount)} rejected, ` +
      `${n(report.blankRows)} blank.`,
  );
  for (const rejected of report.rejected.slice(0, 20)) {
    for (const error of rejected.errors)
      console.log(`  row ${rejected.row}, ${error.field}: ${error.message}`);
  }
  if (report.rejectedCount > 20)
    console.log(`  … and ${report.rejectedCount - 20} more rejected rows.`);
}

async function pendingInvoices(flags: Flags): Promise<LocalRuntime> {
  const asOf = flags['as-of'];
  if (asOf !== undefined && asOf.trim() === '') {
    throw new UsageError('--as-of needs a date (YYYY-MM-DD); leave it out to mean today.');
  }
  if (flags.csv !== undefined) checkOutputFile('csv', flags.csv);
  const runtime = await open(flags, true);
  const request = { ...(asOf !== undefined ? { asOf } : {}), includeCsv: Boolean(flags.csv) };
  const summary = run<PendingSummary>(runtime, 'rebuildPendingInvoices', request);
  if (flags.csv) writeFileSync(flags.csv, summary.csv ?? '', 'utf8');
  await runtime.save();

  console.log(summary.message);
  for (const total of summary.totals)
    console.log(`  ${total.text} in ${countOf(total.count, 'instalment')}`);
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
  const timeZone = checkTimeZone(flags);
  const exists = existsSync(workbookPath);
  if (exists) assertCanSave(workbookPath);
  const { runPreview } = await import('./preview/server');
  const started = await runPreview({ workbookPath, port, timeZone });
  if (exists) noteOwnTimeZone(workbookPath, timeZone, started.runtime);
  return started.runtime;
}

/** `deal-desk demo`: a new demo workbook; it never adds demo deals to an existing file. */
async function demo(flags: Flags): Promise<LocalRuntime> {
  const workbookPath = flags.workbook === undefined ? 'demo.xlsx' : requireWorkbook(flags);
  const deals = wholeNumber('deals', flags.deals ?? '60', 1, MAX_DEMO_DEALS);
  const seed = wholeNumber('seed', flags.seed ?? '42', 0, 2 ** 32 - 1);
  if (existsSync(workbookPath)) {
    throw new UsageError(
      `${workbookPath} already exists: demo makes a new workbook; ` +
        `pick another file name or delete it.`,
    );
  }
  assertCanSave(workbookPath);
  const { runDemo } = await import('./demo');
  return runDemo({ workbookPath, deals, seed });
}

/** The most deals `demo --deals` makes: the benchmark's largest size is 50,000. */
const MAX_DEMO_DEALS = 100_000;

async function dispatch(
  command: string | undefined,
  flags: Flags,
  rest: string[],
): Promise<LocalRuntime | null> {
  switch (command) {
    case 'init':
      return init(flags);
    case 'import':
      if (rest[0] !== undefined && isFolder(rest[0]))
        throw new UsageError(`${rest[0]} is a folder: name the CSV file to import.`);
      return importCsv(flags, rest[0]);
    case 'pending-invoices':
      return pendingInvoices(flags);
    case 'demo':
      return demo(flags);
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
    const message = plainMessage(error);
    console.error(error instanceof UsageError ? message : `deal-desk: ${message.split('\n')[0]}`);
    return error instanceof UsageError ? 2 : 1;
  }
}

/** What went wrong in one plain line: system errors (EISDIR, ENOENT, …) said in words. */
function plainMessage(error: unknown): string {
  const { code, path, message } = (error ?? {}) as NodeJS.ErrnoException;
  const file = path ? ` ${path}` : '';
  switch (code) {
    case 'EISDIR':
      return path
        ? `${path} is a folder, not a file.`
        : 'A folder was given where a file is needed.';
    case 'ENOENT':
      return `There is no file or folder${file}.`;
    case 'ENOTDIR':
      return `Part of the path${file} is a file, not a folder.`;
    case 'EACCES':
    case 'EPERM':
      return `Permission denied:${file || ' a file could not be read or written'}.`;
    case 'ENOSPC':
      return 'The disk is full.';
    case 'EROFS':
      return `The disk${file ? ` holding${file}` : ''} is read-only.`;
    default:
      return message ?? String(error);
  }
}
