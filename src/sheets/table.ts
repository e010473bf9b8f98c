/**
 * A sheet bound to its header row by name. One read fetches the whole sheet; writes go
 * out as one block. Columns Deal Desk does not know are kept as they are, formulas included.
 */

import { dealDeskError } from '../domain/errors';
import { NUMBER_FORMATS, type SheetSpec } from './sheet-specs';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Header comparison ignores case and surrounding spaces: "deal id " is "Deal ID". */
function headerKey(header: unknown): string {
  return String(header ?? '')
    .trim()
    .toLowerCase();
}

export class SheetTable {
  private constructor(
    readonly spec: SheetSpec,
    readonly sheet: Sheet,
    /** Column index (0-based) of each spec column found in the header row. */
    private readonly columnOf: ReadonlyMap<string, number>,
    readonly width: number,
    /** Data rows as read (sheet row = index + 2). */
    readonly rows: unknown[][],
  ) {}

  /**
   * Reads the whole sheet in one call. Throws, naming them, when a column in `required` is
   * missing, so an action stops before it writes anything.
   */
  static read(spreadsheet: Spreadsheet, spec: SheetSpec, required: readonly string[]): SheetTable {
    const sheet = spreadsheet.getSheetByName(spec.name);
    if (!sheet) throw dealDeskError('missingSheet', { sheet: spec.name });

    const values = sheet.getDataRange().getValues();
    const header = values[0] ?? [];
    const columnOf = SheetTable.bindColumns(spec, header);
    const missing = required.filter((key) => !columnOf.has(key));
    if (missing.length > 0) {
      const names = missing.map((key) => `"${SheetTable.headerOf(spec, key)}"`).join(', ');
      throw dealDeskError('missingColumns', { sheet: spec.name, columns: names });
    }
    return new SheetTable(spec, sheet, columnOf, header.length, values.slice(1));
  }

  private static bindColumns(spec: SheetSpec, header: unknown[]): Map<string, number> {
    const indexOfHeader = new Map<string, number>();
    header.forEach((cell, index) => {
      const key = headerKey(cell);
      if (!key) return;
      if (indexOfHeader.has(key) && spec.columns.some((c) => headerKey(c.header) === key)) {
        throw dealDeskError('duplicateColumn', { sheet: spec.name, column: String(cell).trim() });
      }
      indexOfHeader.set(key, index);
    });

    const columnOf = new Map<string, number>();
    for (const column of spec.columns) {
      const index = indexOfHeader.get(headerKey(column.header));
      if (index !== undefined) columnOf.set(column.key, index);
    }
    return columnOf;
  }

  private static headerOf(spec: SheetSpec, key: string): string {
    return spec.columns.find((c) => c.key === key)?.header ?? key;
  }

  /** True when the sheet has a column for `key`. */
  has(key: string): boolean {
    return this.columnOf.has(key);
  }

  /** The cell of data row `index` in the column for `key` ('' when the column is absent). */
  cell(index: number, key: string): unknown {
    const column = this.columnOf.get(key);
    return column === undefined ? '' : this.rows[index]?.[column];
  }

  /** True when every cell of data row `index` is blank. */
  isBlankRow(index: number): boolean {
    return (this.rows[index] ?? []).every((cell) => cell === '' || cell === null);
  }

  /** A full-width row with the spec's cells set from `cells`; other columns from `base`. */
  composeRow(cells: Readonly<Record<string, unknown>>, base?: readonly unknown[]): unknown[] {
    const row = base ? [...base] : new Array<unknown>(this.width).fill('');
    while (row.length < this.width) row.push('');
    for (const [key, value] of Object.entries(cells)) {
      const column = this.columnOf.get(key);
      if (column !== undefined) row[column] = value;
    }
    return row;
  }

  /**
   * Appends rows below the last data row, in one write, and gives them the number formats of
   * their columns (rows beyond the ones setup formatted would otherwise show bare numbers).
   */
  append(rows: readonly unknown[][]): void {
    if (rows.length === 0) return;
    const firstRow = this.rows.length + 2;
    ensureRows(this.sheet, firstRow + rows.length - 1);
    this.sheet.getRange(firstRow, 1, rows.length, this.width).setValues(rows as unknown[][]);

    for (const column of this.spec.columns) {
      const format = NUMBER_FORMATS[column.kind];
      const index = this.columnOf.get(column.key);
      if (format && index !== undefined) {
        this.sheet.getRange(firstRow, index + 1, rows.length, 1).setNumberFormat(format);
      }
    }
  }

  /**
   * Rewrites data rows `from`..`from + rows.length - 1` in one write. Formulas that people
   * keep in columns of their own survive: they are read back and written again as formulas.
   */
  overwrite(from: number, rows: readonly unknown[][]): void {
    if (rows.length === 0) return;
    const range = this.sheet.getRange(from + 2, 1, rows.length, this.width);
    const formulas = range.getFormulas();
    const ours = new Set(this.columnOf.values());
    const merged = rows.map((row, r) =>
      row.map((cell, c) => (!ours.has(c) && formulas[r]?.[c] ? formulas[r]?.[c] : cell)),
    );
    range.setValues(merged);
  }
}

/**
 * Makes the sheet at least `lastRow` rows tall. A range reaching past the sheet's last row
 * is refused by Sheets, so rows are added before a write that needs them.
 */
export function ensureRows(sheet: Sheet, lastRow: number): void {
  const maxRows = sheet.getMaxRows();
  if (lastRow > maxRows) sheet.insertRowsAfter(maxRows, lastRow - maxRows);
}

/**
 * Makes the sheet exactly `rows` rows tall. A derived sheet rebuilt whole is fitted to its
 * content, so a list that shrinks leaves no thousands of empty rows behind.
 */
export function fitRows(sheet: Sheet, rows: number): void {
  const maxRows = sheet.getMaxRows();
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  else if (rows < maxRows) sheet.deleteRows(rows + 1, maxRows - rows);
}
