/**
 * The open spreadsheet as Deal Desk uses it: its time zone (read at run time), who is
 * working in it, and readers for the scheme and the invoices that every action needs.
 */

import type { InvoiceRecord } from '../domain/pending-invoices';
import { schemeFromSettingsRows } from '../domain/scheme';
import type { Scheme, SettingsRow } from '../domain/scheme-types';
import { dealDeskError, describeFieldErrors } from '../domain/errors';
import { CellDates, readMoney, readText, readWholeNumber } from './cells';
import { INVOICES, SETTINGS } from './sheet-specs';
import { SheetTable } from './table';

export interface Workbook {
  readonly spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  readonly dates: CellDates;
  /** The person running the action, for "updated by" and the timeline. */
  readonly user: string;
}

/** The active spreadsheet with its own time zone. */
export function openWorkbook(): Workbook {
  const spreadsheet = SpreadsheetApp.getActive();
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const dates = new CellDates(timeZone, (date, zone, pattern) =>
    Utilities.formatDate(date, zone, pattern),
  );
  return { spreadsheet, dates, user: currentUser() };
}

function currentUser(): string {
  const email = Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail();
  return email || 'someone';
}

/** Today in the spreadsheet's time zone. */
export function today(workbook: Workbook): string {
  return Utilities.formatDate(new Date(), workbook.dates.timeZone, 'yyyy-MM-dd');
}

/** The rows of the Settings sheet as text, blank rows dropped. */
export function readSettingsRows(workbook: Workbook): SettingsRow[] {
  const table = SheetTable.read(workbook.spreadsheet, SETTINGS, [
    'section',
    'name',
    'kind',
    'value',
  ]);
  const rows: SettingsRow[] = [];
  table.rows.forEach((_, index) => {
    if (table.isBlankRow(index)) return;
    const text = (key: string) => readText(table.cell(index, key), workbook.dates);
    rows.push({
      row: index + 2,
      section: text('section'),
      name: text('name'),
      kind: text('kind'),
      value: text('value'),
    });
  });
  return rows;
}

/** The scheme from the Settings sheet, validated; throws listing every problem. */
export function readScheme(workbook: Workbook): Scheme {
  const { scheme, errors } = schemeFromSettingsRows(readSettingsRows(workbook));
  if (errors.length > 0) {
    throw dealDeskError('invalidSettings', { problems: describeFieldErrors(errors) });
  }
  return scheme;
}

/** Every invoice on the Invoices sheet; a row that can't be read is reported, not guessed. */
export function readInvoices(workbook: Workbook): {
  invoices: InvoiceRecord[];
  problems: string[];
} {
  const table = SheetTable.read(workbook.spreadsheet, INVOICES, ['dealId', 'instalment']);
  const invoices: InvoiceRecord[] = [];
  const problems: string[] = [];
  table.rows.forEach((_, index) => {
    if (table.isBlankRow(index)) return;
    const record = readInvoice(table, index, workbook.dates);
    if (typeof record === 'string') problems.push(`Invoices row ${index + 2}: ${record}`);
    else invoices.push(record);
  });
  return { invoices, problems };
}

function readInvoice(table: SheetTable, index: number, dates: CellDates): InvoiceRecord | string {
  const text = (key: string) => readText(table.cell(index, key), dates);
  const currency = text('currency').toUpperCase();
  const instalment = readWholeNumber(table.cell(index, 'instalment'));
  const amount = readMoney(table.cell(index, 'amount'), currency);
  const issuedOn = dates.readDate(table.cell(index, 'issuedOn'));
  const paidOn = dates.readDate(table.cell(index, 'paidOn'));
  for (const reading of [instalment, amount, issuedOn, paidOn]) {
    if (!reading.ok) return reading.problem;
  }
  if (!instalment.ok || instalment.value === null)
    return 'Instalment: enter the instalment number (1, 2, …).';

  return {
    dealId: text('dealId'),
    instalment: instalment.value,
    invoiceNumber: text('invoiceNumber'),
    amount: amount.ok ? (amount.value ?? 0) : 0,
    currency,
    issuedOn: issuedOn.ok ? (issuedOn.value ?? '') : '',
    issuedBy: text('issuedBy'),
    comment: text('comment'),
    paidOn: paidOn.ok ? paidOn.value : null,
  };
}
