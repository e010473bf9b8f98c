/**
 * CSV files for people to download, chiefly finance's pending-invoice list. The text is meant
 * for Excel, Google Sheets and accounting tools alike: a byte order mark so Excel reads UTF-8,
 * RFC 4180 quoting, CRLF line ends, and text that a spreadsheet would run as a formula
 * neutralised with a leading apostrophe (the OWASP advice against CSV injection).
 *
 * Written here rather than taken from a library: the only CSV writer in node_modules
 * (@fast-csv/format, pulled in by exceljs) is built on Node streams and fs, which Apps Script
 * doesn't have, and weighs far more than the twenty lines this needs inside the bundle.
 */

import { toMajorUnits } from './money';
import type { PendingInvoiceLine, PendingInvoices } from './pending-invoices';

export type CsvValue = string | number | null;

const BOM = '\uFEFF';
const LINE_END = '\r\n';
/** Characters that make a spreadsheet treat a cell as a formula (or hide one after a break). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV file: BOM, the header row, then `rows`, CRLF after every row. Numbers are written
 * as plain numbers, null as an empty field, and formula-like text with a leading apostrophe.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
  return BOM + lines.map((line) => line + LINE_END).join('');
}

/** The pending-invoice list as finance downloads it, amounts in major units. */
export function pendingInvoicesCsv(pending: PendingInvoices): string {
  const header = PENDING_COLUMNS.map((c) => c.header);
  const rows = pending.lines.map((line) => PENDING_COLUMNS.map((c) => c.value(line)));
  return toCsv(header, rows);
}

const PENDING_COLUMNS: readonly {
  header: string;
  value: (line: PendingInvoiceLine) => CsvValue;
}[] = [
  { header: 'Deal ID', value: (l) => l.dealId },
  { header: 'Deal name', value: (l) => l.dealName },
  { header: 'Account', value: (l) => l.account },
  { header: 'Owner', value: (l) => l.owner },
  { header: 'Stage', value: (l) => l.stage },
  { header: 'Instalment', value: (l) => l.instalment },
  { header: 'Description', value: (l) => l.instalmentLabel },
  { header: 'Amount', value: (l) => toMajorUnits(l.amount, l.currency) },
  { header: 'Currency', value: (l) => l.currency },
  { header: 'Invoice on', value: (l) => l.invoiceOn },
  { header: 'Due on', value: (l) => l.dueOn },
  { header: 'Payment terms', value: (l) => l.paymentTerms },
  { header: 'PO number', value: (l) => l.poNumber },
  { header: 'Billing contact', value: (l) => l.billingContact },
  { header: 'Days waiting', value: (l) => l.daysWaiting },
];

function csvField(value: CsvValue): string {
  const text =
    value === null ? '' : typeof value === 'number' ? numberText(value) : safeText(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A number as every spreadsheet reads it: '.' decimal, no grouping. String() gives that for
 * money (it switches to exponents only below 1e-6 or from 1e21); a NaN or Infinity here is a
 * bug upstream, so it fails loudly.
 */
function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} to a CSV file.`);
  return String(value);
}

/** Text that would start a formula gets an apostrophe, which spreadsheets show as text. */
function safeText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
