/**
 * Drives the built add-on (build/Code.js) in the local runtime, the way Sheets would: by
 * calling its top-level functions by name. Test setup edits sheets through the same
 * SpreadsheetApp the add-on sees, as a person editing the grid would.
 */

import { join } from 'node:path';
import { createRuntime, type LocalRuntime, type RuntimeOptions } from '../../local/runtime';

export const BUILD_DIR = join(__dirname, '../../build');

/** A fresh runtime on an empty in-memory spreadsheet, with Deal Desk set up. */
export async function addOnWithSetup(options: RuntimeOptions = {}): Promise<LocalRuntime> {
  const runtime = await createRuntime({ bundleDir: BUILD_DIR, ...options });
  runtime.call('runSetup');
  runtime.resetStats();
  return runtime;
}

/** The spreadsheet as a person in the grid sees it. */
export function spreadsheetOf(runtime: LocalRuntime): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const app = runtime.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  return app.getActive();
}

/** A sheet's values (header first), as the add-on would read them. */
export function valuesOf(runtime: LocalRuntime, sheetName: string): unknown[][] {
  const sheet = spreadsheetOf(runtime).getSheetByName(sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  return sheet.getDataRange().getValues();
}

/** Data rows of a sheet as objects keyed by header. */
export function recordsOf(runtime: LocalRuntime, sheetName: string): Record<string, unknown>[] {
  const [header = [], ...rows] = valuesOf(runtime, sheetName);
  return rows
    .filter((row) => row.some((cell) => cell !== ''))
    .map((row) => Object.fromEntries(header.map((h, i) => [String(h), row[i]])));
}

/** Every sheet's values, to prove an action wrote nothing. */
export function snapshotOf(runtime: LocalRuntime): string {
  const sheets = spreadsheetOf(runtime).getSheets();
  return JSON.stringify(
    sheets.map((sheet) => ({
      name: sheet.getName(),
      values: sheet.getDataRange().getValues(),
      formats: sheet.getDataRange().getNumberFormats(),
      frozen: sheet.getFrozenRows(),
    })),
  );
}

/** A CSV from rows of cells, quoting where RFC 4180 requires it. */
export function csvOf(rows: readonly (readonly string[])[]): string {
  const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return rows.map((row) => row.map(quote).join(',')).join('\r\n');
}

/** The message of the error `work` throws (fails the test when it does not throw). */
export function errorOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error, none was thrown');
}

export type { LocalRuntime };
