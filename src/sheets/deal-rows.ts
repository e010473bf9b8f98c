/**
 * Deals sheet rows to deals and back. Reading never throws on a bad cell: it collects the
 * problem with its column, so "Check data" and the importer can report every one at once.
 */

import { DEAL_FIELDS, dealField, type DealFieldKey } from '../domain/deal-fields';
import { emptyDeal, type Deal } from '../domain/deal';
import type { FieldError } from '../domain/errors';
import {
  readMoney,
  readText,
  readWholeNumber,
  textCell,
  writeMoney,
  type CellDates,
  type Reading,
} from './cells';
import type { SheetTable } from './table';

export interface DealRow {
  /** Index among the data rows; the sheet row is index + 2. */
  readonly index: number;
  readonly deal: Deal;
  readonly problems: FieldError[];
}

/** Every non-blank deal row of the table. */
export function readDeals(table: SheetTable, dates: CellDates): DealRow[] {
  const rows: DealRow[] = [];
  for (let index = 0; index < table.rows.length; index++) {
    if (!table.isBlankRow(index)) rows.push(readDeal(table, index, dates));
  }
  return rows;
}

/** Data row `index` as a deal, with any cell that can't be read listed as a problem. */
export function readDeal(table: SheetTable, index: number, dates: CellDates): DealRow {
  const deal = emptyDeal();
  const problems: FieldError[] = [];
  const text = (key: DealFieldKey): string => readText(table.cell(index, key), dates);
  const take = <T>(key: DealFieldKey, reading: Reading<T>): T | null => {
    if (reading.ok) return reading.value;
    problems.push({ field: key, message: `${dealField(key).label}: ${reading.problem}` });
    return null;
  };

  Object.assign(deal, {
    id: text('id'),
    name: text('name'),
    account: text('account'),
    owner: text('owner'),
    stage: text('stage'),
    currency: text('currency').toUpperCase(),
    paymentTerms: text('paymentTerms'),
    quoteLink: text('quoteLink'),
    billingContact: text('billingContact'),
    poNumber: text('poNumber'),
    billingNotes: text('billingNotes'),
    sourceId: text('sourceId'),
    updatedBy: text('updatedBy'),
  });
  deal.tags = splitTags(text('tags'));
  deal.amount = take('amount', readMoney(table.cell(index, 'amount'), deal.currency));
  deal.invoicedToDate =
    take('invoicedToDate', readMoney(table.cell(index, 'invoicedToDate'), deal.currency)) ?? 0;
  for (const key of ['closeDate', 'startDate', 'deliveryDate', 'contractEnd'] as const) {
    deal[key] = take(key, dates.readDate(table.cell(index, key)));
  }
  deal.reminderLeadDays = take(
    'reminderLeadDays',
    readWholeNumber(table.cell(index, 'reminderLeadDays')),
  );
  deal.version = take('version', readWholeNumber(table.cell(index, 'version'))) ?? 0;
  deal.updatedAt = take('updatedAt', dates.readTimestamp(table.cell(index, 'updatedAt'))) ?? '';
  return { index, deal, problems };
}

/** Tags are kept in one cell, comma separated. */
export function splitTags(text: string): string[] {
  return text
    .split(/[,;]/)
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

/** The cells of a deal, keyed by field, ready for SheetTable.composeRow. */
export function dealCells(deal: Deal, dates: CellDates): Record<string, unknown> {
  const cells: Record<string, unknown> = {};
  for (const field of DEAL_FIELDS) {
    cells[field.key] = cellFor(deal, field.key, dates);
  }
  return cells;
}

function cellFor(deal: Deal, key: DealFieldKey, dates: CellDates): unknown {
  switch (key) {
    case 'amount':
      return writeMoney(deal.amount, deal.currency);
    case 'invoicedToDate':
      return writeMoney(deal.invoicedToDate, deal.currency);
    case 'closeDate':
    case 'startDate':
    case 'deliveryDate':
    case 'contractEnd':
      return dates.writeDate(deal[key]);
    case 'reminderLeadDays':
      return deal.reminderLeadDays ?? '';
    case 'version':
      return deal.version;
    case 'updatedAt':
      return dates.writeTimestamp(deal.updatedAt);
    case 'tags':
      return textCell(deal.tags.join(', '));
    default:
      return textCell(deal[key]);
  }
}
