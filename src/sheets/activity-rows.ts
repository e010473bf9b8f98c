/**
 * The Activity sheet: the deals' timeline. Deal Desk only ever appends to it.
 */

import type { ActivityEntry, ActivityKind } from '../domain/activity';
import { readText, textCell } from './cells';
import { ACTIVITY } from './sheet-specs';
import { SheetTable } from './table';
import type { Workbook } from './workbook';

const COLUMNS = ['at', 'dealId', 'who', 'kind', 'details'];

/**
 * Appends `entries` below the last entry, in one write. With `dealId`, also returns that
 * deal's whole timeline, oldest first, from the same read, so a save reads the sheet once.
 */
export function appendActivity(
  workbook: Workbook,
  entries: readonly ActivityEntry[],
  dealId?: string,
): ActivityEntry[] {
  const table = SheetTable.read(workbook.spreadsheet, ACTIVITY, COLUMNS);
  const rows = entries.map((entry) =>
    table.composeRow({
      at: workbook.dates.writeTimestamp(entry.at),
      dealId: textCell(entry.dealId),
      who: textCell(entry.who),
      kind: textCell(entry.kind),
      details: textCell(entry.details),
    }),
  );
  table.append(rows);
  if (dealId === undefined) return [];
  return [...entriesOf(table, workbook, dealId), ...entries.filter((e) => e.dealId === dealId)];
}

/** The timeline of one deal, newest first. */
export function readActivity(workbook: Workbook, dealId: string): ActivityEntry[] {
  const table = SheetTable.read(workbook.spreadsheet, ACTIVITY, COLUMNS);
  return entriesOf(table, workbook, dealId).reverse();
}

/** The entries of `dealId` in the order they were written. */
function entriesOf(table: SheetTable, workbook: Workbook, dealId: string): ActivityEntry[] {
  const entries: ActivityEntry[] = [];
  table.rows.forEach((_, index) => {
    if (readText(table.cell(index, 'dealId'), workbook.dates) !== dealId) return;
    const at = workbook.dates.readTimestamp(table.cell(index, 'at'));
    entries.push({
      at: at.ok ? (at.value ?? '') : '',
      dealId,
      who: readText(table.cell(index, 'who'), workbook.dates),
      kind: readText(table.cell(index, 'kind'), workbook.dates) as ActivityKind,
      details: readText(table.cell(index, 'details'), workbook.dates),
    });
  });
  return entries;
}
