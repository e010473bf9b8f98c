/**
 * "Set up Deal Desk": creates or repairs the sheets. Safe to run any number of times.
 */

import { DEFAULT_SCHEME } from '../domain/scheme';
import { withDocumentLock } from '../sheets/lock';
import { setUpSheets, type SetupReport } from '../sheets/setup';
import { SETTINGS } from '../sheets/sheet-specs';
import { openWorkbook, readScheme } from '../sheets/workbook';
import { runMenuAction, serveCall } from './edge';

/** Sets up the sheets and returns what was created or repaired. */
export function runSetup(): SetupReport {
  return serveCall(() =>
    withDocumentLock(() => {
      const workbook = openWorkbook();
      const settings = workbook.spreadsheet.getSheetByName(SETTINGS.name);
      const settingsExist = settings !== null && settings.getLastRow() > 1;
      const scheme = settingsExist ? readScheme(workbook) : DEFAULT_SCHEME;
      return setUpSheets(workbook.spreadsheet, scheme, settingsExist);
    }),
  );
}

/** Menu item: set up, then say what happened in a toast. */
export function setUpDealDesk(): void {
  runMenuAction('Set up Deal Desk', () => {
    const report = runSetup();
    const changes = [
      ...report.created.map((s) => `created ${s}`),
      ...report.repaired.map((s) => `repaired ${s}`),
    ];
    const message =
      changes.length > 0 ? `Done: ${changes.join('; ')}.` : 'Everything was already set up.';
    SpreadsheetApp.getActive().toast(message, 'Deal Desk', 8);
  });
}
