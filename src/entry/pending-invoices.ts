/**
 * Pending invoices: every instalment of a won deal that is due to be invoiced and is not.
 * The sheet is derived: each run rebuilds it from Deals and Invoices in one write.
 */

import { isCalendarDate } from '../domain/calendar-date';
import { pendingInvoicesCsv } from '../domain/csv-export';
import { dealDeskError } from '../domain/errors';
import { formatMoney, toMajorUnits } from '../domain/money';
import { countOf } from '../domain/wording';
import {
  computePendingInvoices,
  mayBeInvoiced,
  type PendingInvoiceLine,
  type PendingInvoices,
} from '../domain/pending-invoices';
import { textCell } from '../sheets/cells';
import { readDeals } from '../sheets/deal-rows';
import { withDocumentLock } from '../sheets/lock';
import { DEALS, NUMBER_FORMATS, PENDING_INVOICES } from '../sheets/sheet-specs';
import { DERIVED_NOTE } from '../sheets/setup';
import { fitRows, SheetTable } from '../sheets/table';
import { openWorkbook, readInvoices, readScheme, today, type Workbook } from '../sheets/workbook';
import { runMenuAction, serveCall } from './edge';

export interface PendingRequest {
  /** YYYY-MM-DD; today in the spreadsheet's time zone when omitted. */
  readonly asOf?: string;
  /** Also return the CSV export, built from the same read (the CLI's --csv). */
  readonly includeCsv?: boolean;
}

export interface PendingSummary {
  readonly asOf: string;
  readonly count: number;
  readonly totals: { currency: string; amount: number; count: number; text: string }[];
  readonly skipped: { dealId: string; dealName: string; problem: string }[];
  readonly unreadableInvoices: string[];
  /** One line for a toast or a terminal. */
  readonly message: string;
  /** The CSV export, when the request asked for it. */
  readonly csv?: string;
}

const DEAL_COLUMNS = [
  'id',
  'name',
  'stage',
  'amount',
  'currency',
  'paymentTerms',
  'closeDate',
  'deliveryDate',
];

function compute(
  workbook: Workbook,
  request: PendingRequest,
): { pending: PendingInvoices; unreadable: string[] } {
  const asOf = request.asOf ?? today(workbook);
  if (!isCalendarDate(asOf)) {
    throw dealDeskError('invalidInput', {
      problems: `As of: "${asOf}" is not a date. Enter it as YYYY-MM-DD.`,
    });
  }

  const scheme = readScheme(workbook);
  const table = SheetTable.read(workbook.spreadsheet, DEALS, DEAL_COLUMNS);
  const rows = readDeals(table, workbook.dates);
  const readable = rows.filter((row) => row.problems.length === 0).map((row) => row.deal);
  const { invoices, problems } = readInvoices(workbook);
  const pending = computePendingInvoices(readable, invoices, scheme, asOf);

  // A won deal with a cell Deal Desk can't read is reported with that cell, never guessed.
  const unreadable = rows.filter(
    (row) => row.problems.length > 0 && mayBeInvoiced(row.deal, scheme),
  );
  pending.skipped.push(
    ...unreadable.map((row) => ({
      dealId: row.deal.id,
      dealName: row.deal.name,
      problem: `Deals row ${row.index + 2}: ${row.problems.map((p) => p.message).join(' ')}`,
    })),
  );
  return { pending, unreadable: problems };
}

function summarise(pending: PendingInvoices, unreadable: string[]): PendingSummary {
  const totals = pending.totals.map((t) => ({
    currency: t.currency,
    amount: toMajorUnits(t.amount, t.currency),
    count: t.count,
    text: formatMoney(t.amount, t.currency),
  }));
  const money = totals.length > 0 ? totals.map((t) => t.text).join(' + ') : 'nothing';
  const skipped =
    pending.skipped.length > 0
      ? ` ${countOf(pending.skipped.length, 'won deal')} skipped: see the list.`
      : '';
  return {
    asOf: pending.asOf,
    count: pending.lines.length,
    totals,
    skipped: pending.skipped,
    unreadableInvoices: unreadable,
    message:
      `${countOf(pending.lines.length, 'instalment')} to invoice as of ${pending.asOf}: ` +
      `${money}.${skipped}`,
  };
}

/** Cells of one pending instalment, keyed like the Pending invoices columns. */
function lineCells(line: PendingInvoiceLine, workbook: Workbook): Record<string, unknown> {
  return {
    dealId: textCell(line.dealId),
    dealName: textCell(line.dealName),
    account: textCell(line.account),
    owner: textCell(line.owner),
    stage: textCell(line.stage),
    instalment: line.instalment,
    instalmentLabel: textCell(line.instalmentLabel),
    amount: toMajorUnits(line.amount, line.currency),
    currency: textCell(line.currency),
    invoiceOn: workbook.dates.writeDate(line.invoiceOn),
    dueOn: workbook.dates.writeDate(line.dueOn),
    paymentTerms: textCell(line.paymentTerms),
    poNumber: textCell(line.poNumber),
    billingContact: textCell(line.billingContact),
    daysWaiting: line.daysWaiting,
  };
}

/** Lays `cells` out in the sheet's column order. */
function rowOf(cells: Record<string, unknown>): unknown[] {
  return PENDING_INVOICES.columns.map((column) => cells[column.key] ?? '');
}

/** The sheet's cells: header, one row per instalment, a blank row, then a total per currency. */
function sheetRows(pending: PendingInvoices, workbook: Workbook): unknown[][] {
  const header = PENDING_INVOICES.columns.map((c) => c.header);
  const lines = pending.lines.map((line) => rowOf(lineCells(line, workbook)));
  const totals = pending.totals.map((t) =>
    rowOf({
      dealId: textCell(`Total ${t.currency}`),
      dealName: textCell(countOf(t.count, 'instalment')),
      amount: toMajorUnits(t.amount, t.currency),
      currency: textCell(t.currency),
    }),
  );
  const blank = rowOf({});
  return [header, ...lines, ...(totals.length > 0 ? [blank, ...totals] : [])];
}

// The sheet is derived and rewritten whole, so its layout is the spec's own; formats follow
// the columns' kinds rather than fixed positions.
function writeSheet(workbook: Workbook, pending: PendingInvoices): void {
  const sheet = workbook.spreadsheet.getSheetByName(PENDING_INVOICES.name);
  if (!sheet) throw dealDeskError('missingSheet', { sheet: PENDING_INVOICES.name });

  const rows = sheetRows(pending, workbook);
  sheet.clearContents();
  // One spare row below the totals: Sheets refuses to delete every row under a frozen header.
  fitRows(sheet, rows.length + 1);
  sheet.getRange(1, 1, rows.length, PENDING_INVOICES.columns.length).setValues(rows);
  sheet.getRange(1, 1).setNote(`${DERIVED_NOTE} Last rebuilt for ${pending.asOf}.`);
  if (rows.length === 1) return;

  PENDING_INVOICES.columns.forEach((column, index) => {
    const format = NUMBER_FORMATS[column.kind];
    if (format) sheet.getRange(2, index + 1, rows.length - 1, 1).setNumberFormat(format);
  });
}

/** Rebuilds the Pending invoices sheet and returns the count and totals. */
export function rebuildPendingInvoices(request: PendingRequest = {}): PendingSummary {
  return serveCall(() =>
    withDocumentLock(() => {
      const workbook = openWorkbook();
      const { pending, unreadable } = compute(workbook, request);
      writeSheet(workbook, pending);
      const summary = summarise(pending, unreadable);
      return request.includeCsv ? { ...summary, csv: pendingInvoicesCsv(pending) } : summary;
    }),
  );
}

/** The pending invoices as a CSV file's text, without touching any sheet. */
export function exportPendingInvoices(request: PendingRequest = {}): {
  fileName: string;
  csv: string;
  summary: PendingSummary;
} {
  return serveCall(() => {
    const { pending, unreadable } = compute(openWorkbook(), request);
    const fileName = `pending-invoices-${pending.asOf}.csv`;
    return { fileName, csv: pendingInvoicesCsv(pending), summary: summarise(pending, unreadable) };
  });
}

/** Menu item: rebuild, show the sheet, and say what it holds in a toast. */
export function showPendingInvoices(): void {
  runMenuAction('Pending invoices', () => {
    const workbook = openWorkbook();
    workbook.spreadsheet.toast('Collecting won deals and invoices…', 'Pending invoices', 30);
    const summary = rebuildPendingInvoices({});
    workbook.spreadsheet.getSheetByName(PENDING_INVOICES.name)?.activate();
    workbook.spreadsheet.toast(summary.message, 'Pending invoices', 15);
  });
}

/** Menu item: a dialog that downloads the CSV. */
export function showExportDialog(): void {
  runMenuAction('Export pending invoices', () => {
    const html = HtmlService.createHtmlOutputFromFile('export-dialog').setWidth(480).setHeight(300);
    SpreadsheetApp.getUi().showModalDialog(html, 'Export pending invoices');
  });
}
