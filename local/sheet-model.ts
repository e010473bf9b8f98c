// One sheet of the local workbook: its grid of cells and the per-cell layers that travel with
// them (number formats, notes, data validations, styles), kept as parallel row arrays so that
// inserting, deleting and moving columns shifts everything together, as in Sheets.

import { isEmpty, type Cell } from './values';

/** Visual attributes of a cell that the add-on may set. */
export interface CellStyle {
  fontWeight?: 'bold' | 'normal';
  fontStyle?: string;
  fontColor?: string;
  background?: string;
  wrap?: boolean;
  horizontalAlignment?: string;
}

/**
 * A data validation rule as plain data. `args` are JSON-safe: date bounds are wall-time ms,
 * a VALUE_IN_RANGE source is an A1 reference with its sheet ('Settings'!A2:A9).
 */
export interface ValidationRule {
  criteria: string;
  args: unknown[];
  allowInvalid: boolean;
  helpText: string;
}

export type Grid<T> = (T | undefined)[][];

/** The default size of a new sheet in Google Sheets. */
export const NEW_SHEET_ROWS = 1000;
export const NEW_SHEET_COLUMNS = 26;

/** A sheet: name, grid and layout. Rows and columns are 0-based here, 1-based in the API. */
export class SheetModel {
  hidden = false;
  tabColor: string | null = null;
  frozenRows = 0;
  frozenColumns = 0;
  maxRows = NEW_SHEET_ROWS;
  maxColumns = NEW_SHEET_COLUMNS;
  values: Grid<Cell> = [];
  formats: Grid<string> = [];
  notes: Grid<string> = [];
  validations: Grid<ValidationRule> = [];
  styles: Grid<CellStyle> = [];
  columnWidths: (number | undefined)[] = [];
  hiddenColumns: (boolean | undefined)[] = [];
  /** Bumped on every content change; caches of the data extent key on it. */
  version = 0;
  private extent: { version: number; rows: number; columns: number } | null = null;

  constructor(
    public name: string,
    public id: number,
  ) {}

  private grids(): Grid<unknown>[] {
    return [this.values, this.formats, this.notes, this.validations, this.styles];
  }

  /** The cell at 0-based (row, column). */
  cell(row: number, column: number): Cell {
    return this.values[row]?.[column];
  }

  /** Puts `cell` at 0-based (row, column), growing the sheet as writing past its edge does. */
  setCell(row: number, column: number, cell: Cell): void {
    put(this.values, row, column, cell);
    this.grow(row + 1, column + 1);
    this.version++;
  }

  /** Grows maxRows / maxColumns to hold at least `rows` x `columns`. */
  grow(rows: number, columns: number): void {
    if (rows > this.maxRows) this.maxRows = rows;
    if (columns > this.maxColumns) this.maxColumns = columns;
  }

  /** The last row (1-based) with content, 0 when the sheet is empty. */
  lastRow(): number {
    return this.dataExtent().rows;
  }

  /** The last column (1-based) with content, 0 when the sheet is empty. */
  lastColumn(): number {
    return this.dataExtent().columns;
  }

  private dataExtent(): { rows: number; columns: number } {
    if (this.extent?.version === this.version) return this.extent;
    let rows = 0;
    let columns = 0;
    this.values.forEach((row, r) => {
      for (let c = row.length - 1; c >= 0; c--) {
        if (!isEmpty(row[c])) {
          rows = r + 1;
          if (c + 1 > columns) columns = c + 1;
          break;
        }
      }
    });
    this.extent = { version: this.version, rows, columns };
    return this.extent;
  }

  /** Inserts `count` empty rows before 0-based row `before`. */
  insertRows(before: number, count: number): void {
    for (const grid of this.grids()) {
      if (grid.length <= before) continue;
      // No spread: a few thousand inserted rows would overflow the argument list.
      const tail = grid.splice(before);
      grid.length = before + count;
      for (const row of tail) grid.push(row);
    }
    this.maxRows += count;
    this.version++;
  }

  /** Deletes `count` rows from 0-based row `start`. */
  deleteRows(start: number, count: number): void {
    for (const grid of this.grids()) grid.splice(start, count);
    this.maxRows -= count;
    if (this.frozenRows > start) this.frozenRows = Math.max(start, this.frozenRows - count);
    this.version++;
  }

  /** Inserts `count` empty columns before 0-based column `before`. */
  insertColumns(before: number, count: number): void {
    const blanks = new Array<undefined>(count).fill(undefined);
    for (const grid of this.grids()) {
      for (const row of grid) if (row && row.length > before) row.splice(before, 0, ...blanks);
    }
    for (const list of [this.columnWidths, this.hiddenColumns] as unknown[][]) {
      if (list.length > before) list.splice(before, 0, ...blanks);
    }
    this.maxColumns += count;
    this.version++;
  }

  /** Deletes `count` columns from 0-based column `start`. */
  deleteColumns(start: number, count: number): void {
    for (const grid of this.grids()) for (const row of grid) row?.splice(start, count);
    this.columnWidths.splice(start, count);
    this.hiddenColumns.splice(start, count);
    this.maxColumns -= count;
    if (this.frozenColumns > start) {
      this.frozenColumns = Math.max(start, this.frozenColumns - count);
    }
    this.version++;
  }

  /**
   * Moves `count` columns starting at 0-based `from` so they sit before column `destination`,
   * counted before the move (Sheet.moveColumns semantics).
   */
  moveColumns(from: number, count: number, destination: number): void {
    if (destination >= from && destination <= from + count) return;
    const move = (list: unknown[]) => moveSlice(list, from, count, destination);
    for (const grid of this.grids()) for (const row of grid) if (row) move(row);
    move(this.columnWidths);
    move(this.hiddenColumns);
    this.version++;
  }

  /** Empties cells of a rectangle in the chosen layers. */
  clearRect(
    row: number,
    column: number,
    rows: number,
    columns: number,
    what: { values?: boolean; formats?: boolean; notes?: boolean; validations?: boolean },
  ): void {
    const grids: Grid<unknown>[] = [];
    if (what.values) grids.push(this.values);
    if (what.formats) grids.push(this.formats, this.styles);
    if (what.notes) grids.push(this.notes);
    if (what.validations) grids.push(this.validations);
    for (const grid of grids) {
      for (let r = row; r < row + rows && r < grid.length; r++) {
        const cells = grid[r];
        if (!cells) continue;
        const end = Math.min(column + columns, cells.length);
        for (let c = column; c < end; c++) cells[c] = undefined;
      }
    }
    this.version++;
  }
}

/** Sets grid[row][column], creating the row array when needed. */
export function put<T>(grid: Grid<T>, row: number, column: number, value: T | undefined): void {
  let cells = grid[row];
  if (!cells) {
    if (value === undefined) return;
    cells = grid[row] = [];
  }
  cells[column] = value;
}

function moveSlice(list: unknown[], from: number, count: number, destination: number): void {
  const needed = Math.max(from + count, destination);
  while (list.length < needed) list.push(undefined);
  const moved = list.splice(from, count);
  list.splice(destination > from ? destination - count : destination, 0, ...moved);
}
