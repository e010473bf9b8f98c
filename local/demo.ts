/**
 * `deal-desk demo`: a workbook made by the project itself, with deals in every stage, quotes
 * in the local Drive, some invoices and tasks, built through the add-on's own setup and
 * import handlers.
 */

import { existsSync } from 'node:fs';
import { createRuntime, type LocalRuntime } from './runtime';
import {
  DEMO_TEAM_SETTINGS,
  demoCsv,
  demoDeals,
  demoFollowUps,
  demoQuotes,
  withQuoteLinks,
  type DemoQuote,
  type RecordedDeal,
} from './demo-data';
import { sidecarDirs } from './sidecar';

export interface DemoOptions {
  workbookPath: string;
  /** How many deals (checked by the caller: a whole number from 1 up). */
  deals: number;
  seed: number;
}

/** The day the demo data is dated around: fixed, so every demo workbook is the same. */
export const DEMO_TODAY = '2026-11-16';

/**
 * Creates the demo workbook and prints what is in it. It refuses a file that exists: demo
 * deals never go into a workbook someone may be using.
 */
export async function runDemo({ workbookPath, deals, seed }: DemoOptions): Promise<LocalRuntime> {
  if (existsSync(workbookPath)) {
    throw new Error(
      `${workbookPath} already exists: demo makes a new workbook; ` +
        `pick another file name or delete it.`,
    );
  }
  const runtime = await demoRuntime(workbookPath);
  const message = await buildDemo(runtime, deals, seed);
  console.log(`Created ${workbookPath}.`);
  console.log(message);
  return runtime;
}

/** A runtime for making the demo workbook, with the workbook's own local Drive and outbox. */
export function demoRuntime(workbookPath: string, bundleDir?: string): Promise<LocalRuntime> {
  return createRuntime({
    workbookPath,
    bundleDir,
    spreadsheetTimeZone: 'Europe/London',
    ...sidecarDirs(workbookPath),
    // Everything the demo records happens on its own day, so every demo workbook is alike.
    clock: () => Date.parse(`${DEMO_TODAY}T09:00:00Z`),
  });
}

/** Fills the workbook, builds its pending invoices and saves it; returns the summary. */
export async function buildDemo(runtime: LocalRuntime, count = 60, seed = 42): Promise<string> {
  await fillDemoWorkbook(runtime, count, seed);
  const summary = runtime.call<{ message: string }>('rebuildPendingInvoices', { asOf: DEMO_TODAY });
  await runtime.save();
  return summary.message;
}

/**
 * Sets up Deal Desk and imports the seeded deals. On a new workbook it also puts quotes in
 * the runtime's local Drive (linked from their deals), and adds handover tasks, a few
 * invoices and the timeline entries for them.
 */
export async function fillDemoWorkbook(
  runtime: LocalRuntime,
  count: number,
  seed: number,
): Promise<void> {
  runtime.call('runSetup');
  const fresh = dataRows(runtime, 'Deals') === 0;
  if (fresh) appendRecords(runtime, 'Settings', DEMO_TEAM_SETTINGS);
  const deals = demoDeals(count, seed, DEMO_TODAY);
  const quotes = fresh ? demoQuotes(deals, seed, DEMO_TODAY) : [];
  const links = new Map(quotes.map((quote) => [quote.sourceId, addQuoteFile(runtime, quote)]));
  const csv = demoCsv(withQuoteLinks(deals, links));
  runtime.call('importDeals', { csv, fileName: 'demo-crm-export.csv' });
  if (!fresh) return;

  const followUps = demoFollowUps(recordedDeals(runtime), quotes, DEMO_TODAY);
  appendRecords(runtime, 'Tasks', followUps.tasks);
  appendRecords(runtime, 'Invoices', followUps.invoices);
  appendRecords(runtime, 'Activity', followUps.activity);
  // The workbook opens where a person would start: on the deals.
  runtime.workbook.activeSheetId = runtime.workbook.sheet('Deals').id;
}

/** Puts the quote in the local Drive as the user's own file; returns its Drive link. */
function addQuoteFile(runtime: LocalRuntime, quote: DemoQuote): string {
  const id = runtime.drive.addFile({
    name: quote.fileName,
    mimeType: 'application/pdf',
    content: `%PDF-1.4\n% ${quote.fileName}: a demo quote, not a real PDF.\n`,
    owner: 'sam.seller@example.com',
    lastUpdated: Date.parse(quote.lastUpdated),
    accessible: quote.readable,
  });
  return `https://drive.google.com/file/d/${id}/view`;
}

function dataRows(runtime: LocalRuntime, sheetName: string): number {
  return Math.max(0, runtime.workbook.sheetValues(sheetName).length - 1);
}

/** The imported deals as the Deals sheet holds them, read by header. */
function recordedDeals(runtime: LocalRuntime): RecordedDeal[] {
  const [header = [], ...rows] = runtime.workbook.sheetValues('Deals');
  const at = (row: unknown[], name: string) => row[header.indexOf(name)];
  return rows.map((row) => ({
    id: String(at(row, 'Deal ID') ?? ''),
    sourceId: String(at(row, 'Source ID') ?? ''),
    stage: String(at(row, 'Stage') ?? ''),
    amount: typeof at(row, 'Amount') === 'number' ? (at(row, 'Amount') as number) : null,
    currency: String(at(row, 'Currency') ?? ''),
    closeDate: String(at(row, 'Close date') ?? '').slice(0, 10),
  }));
}

// Tasks and invoices get their own add-on actions with the operations and finance
// workflows; until then the demo types rows under the headers as a person in the grid would.
function appendRecords(
  runtime: LocalRuntime,
  sheetName: string,
  records: readonly Record<string, unknown>[],
): void {
  if (records.length === 0) return;
  const [header = []] = runtime.workbook.sheetValues(sheetName);
  const rows = records.map((record) => header.map((name) => record[String(name)] ?? ''));
  runtime.workbook.setValues(sheetName, dataRows(runtime, sheetName) + 2, 1, rows);
}
