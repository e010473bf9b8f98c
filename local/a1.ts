// A1 notation: 'B2', 'A1:C3', 'A:C', '2:4', 'A2:C', optionally prefixed with a sheet name.

import { columnLetter, columnNumber } from './xlsx';

/**
 * A parsed reference; open ends (whole columns / rows) are undefined until the sheet
 * fills them.
 */
export interface A1Reference {
  sheet?: string;
  row: number;
  column: number;
  lastRow?: number;
  lastColumn?: number;
}

const SHEET_PREFIX = /^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/;
const CELLS = /^\$?([A-Za-z]{1,3})?\$?(\d+)?(?::\$?([A-Za-z]{1,3})?\$?(\d+)?)?$/;

/** Parses A1 notation; undefined when it is not one. Row / column 1-based, ends inclusive. */
export function parseA1(text: string): A1Reference | undefined {
  const prefixed = SHEET_PREFIX.exec(text.trim());
  const sheet = prefixed ? (prefixed[1]?.replace(/''/g, "'") ?? prefixed[2]) : undefined;
  const cells = CELLS.exec(prefixed ? (prefixed[3] as string) : text.trim());
  if (!cells) return undefined;
  const [, c1, r1, c2, r2] = cells;
  const single = !text.includes(':');
  if (single && (!c1 || !r1)) return undefined;
  if (!single && !((c1 && c2) || (r1 && r2 && !c1 && !c2))) return undefined;
  const columns = [
    c1 ? columnNumber(c1) : 1,
    c2 ? columnNumber(c2) : c1 ? columnNumber(c1) : undefined,
  ];
  const rows = [r1 ? Number(r1) : 1, single ? Number(r1) : r2 ? Number(r2) : undefined];
  const [row, lastRow] = ordered(rows[0] as number, rows[1]);
  const [column, lastColumn] = ordered(columns[0] as number, c1 || c2 ? columns[1] : undefined);
  if (row < 1 || column < 1) return undefined;
  return { sheet, row, column, lastRow, lastColumn };
}

function ordered(start: number, end: number | undefined): [number, number | undefined] {
  return end !== undefined && end < start ? [end, start] : [start, end];
}

/** 'A1' for one cell, 'A1:C3' otherwise. */
export function toA1(row: number, column: number, rows: number, columns: number): string {
  const start = `${columnLetter(column)}${row}`;
  if (rows === 1 && columns === 1) return start;
  return `${start}:${columnLetter(column + columns - 1)}${row + rows - 1}`;
}

/** A sheet name quoted for use in a formula or A1 reference when it needs quotes. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
