/**
 * `deal-desk demo`: a workbook made by the project itself, with deals in every stage, some
 * invoices and tasks, built through the add-on's own setup and import handlers.
 */

import { existsSync } from 'node:fs';
import { createRuntime, type LocalRuntime } from './runtime';
import { demoCsv, demoDeals } from './demo-data';

export interface DemoFlags {
  workbook?: string;
  deals?: string;
  seed?: string;
  stats?: boolean;
}

/** The day the demo data is dated around: fixed, so every demo workbook is the same. */
export const DEMO_TODAY = '2026-11-16';

/** Creates (or refreshes) the demo workbook and prints what is in it. */
export async function runDemo(flags: DemoFlags): Promise<LocalRuntime> {
  const workbookPath = flags.workbook ?? 'demo.xlsx';
  const fresh = !existsSync(workbookPath);
  const runtime = await createRuntime({ workbookPath, spreadsheetTimeZone: 'Europe/London' });
  await fillDemoWorkbook(runtime, Number(flags.deals ?? 60), Number(flags.seed ?? 42));
  await runtime.save();

  const summary = runtime.call<{ message: string }>('rebuildPendingInvoices', { asOf: DEMO_TODAY });
  await runtime.save();
  console.log(`${fresh ? 'Created' : 'Refreshed'} ${workbookPath}.`);
  console.log(summary.message);
  return runtime;
}

/** Sets up Deal Desk and imports the seeded deals; invoices a few of the won ones. */
export async function fillDemoWorkbook(
  runtime: LocalRuntime,
  count: number,
  seed: number,
): Promise<void> {
  runtime.call('runSetup');
  const deals = demoDeals(count, seed, DEMO_TODAY);
  runtime.call('importDeals', { csv: demoCsv(deals), fileName: 'demo-crm-export.csv' });
  addDemoInvoices(runtime);
}

// Recording invoices through the add-on comes with the finance workflow; until then the
// demo writes a few rows onto the Invoices sheet as a person in the grid would.
function addDemoInvoices(runtime: LocalRuntime): void {
  const app = runtime.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  const spreadsheet = app.getActive();
  const invoices = spreadsheet.getSheetByName('Invoices');
  const deals = spreadsheet.getSheetByName('Deals');
  if (!invoices || !deals || invoices.getLastRow() > 1) return;

  const [header = [], ...rows] = deals.getDataRange().getValues();
  const column = (name: string) => header.indexOf(name);
  const delivered = rows.filter((row) => row[column('Stage')] === 'Delivered').slice(0, 4);
  const invoiceRows = delivered.map((row, i) => [
    `'${String(row[column('Deal ID')])}`,
    1,
    `INV-2026-${String(i + 101)}`,
    row[column('Amount')],
    `'${String(row[column('Currency')])}`,
    row[column('Close date')],
    'fran@example.com',
    '',
    '',
  ]);
  if (invoiceRows.length > 0) invoices.getRange(2, 1, invoiceRows.length, 9).setValues(invoiceRows);
}
