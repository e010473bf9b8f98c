// The local spreadsheet: sheets in order plus spreadsheet-level state (id, name, time zone,
// property stores, triggers, selection), loaded from and saved to .xlsx. Tests use its helpers
// to look at the grid and to edit it the way a person in the grid would.

import { randomBytes, randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { isDate } from './context';
import { SheetModel, put, type ValidationRule } from './sheet-model';
import { isValidTimeZone, zoneOf, type Zone } from './time-zone';
import {
  Formula,
  MAX_CELL_CHARS,
  displayCell,
  isoWall,
  readTyped,
  type Cell,
  type FormatOut,
} from './values';
import {
  META_SHEET,
  WorkbookFileError,
  assertCanSave,
  readXlsx,
  writeXlsx,
  type TriggerRecord,
  type WorkbookMeta,
} from './xlsx';

export { META_SHEET, WorkbookFileError, assertCanSave, type TriggerRecord, type WorkbookMeta };

/** The selected range: what getActiveRange / getActiveCell return (1-based). */
export interface Selection {
  sheetId: number;
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/** Settings for a new workbook, or defaults for a file this runtime did not write. */
export interface WorkbookInit {
  name?: string;
  timeZone?: string;
  locale?: string;
}

/** One cell as tests see it: its kind, its content and what the grid shows. */
export interface CellSnapshot {
  kind: 'empty' | 'text' | 'number' | 'boolean' | 'date' | 'formula';
  /** Text, number, boolean, the formula text, or a date as YYYY-MM-DD[ HH:MM:SS] wall time. */
  value: string | number | boolean;
  display: string;
  format: string | undefined;
  note: string | undefined;
  validation: ValidationRule | undefined;
}

/** Thrown for input Sheets refuses (the runtime rethrows it in the add-on's realm). */
export class CellInputError extends Error {}

/**
 * Turns a value written by the API or typed by a person into a cell, as Sheets does: strings
 * are read as typed (USER_ENTERED), Dates are instants shown in the spreadsheet's time zone.
 * The number format Sheets would apply goes to `out.format` (set it undefined first).
 */
export function inputToCell(
  value: unknown,
  format: string | undefined,
  zone: Zone,
  out: FormatOut,
): Cell {
  if (typeof value === 'string') {
    if (value.length > MAX_CELL_CHARS) {
      throw new CellInputError(
        `Your input contains more than the maximum of ${MAX_CELL_CHARS} characters ` +
          `in a single cell.`,
      );
    }
    return readTyped(value, format, out);
  }
  if (typeof value === 'number') return finite(value) ? value : String(value);
  if (typeof value === 'boolean') return value;
  if (value === null || value === undefined) return '';
  if (isDate(value)) {
    const ms = value.getTime();
    if (ms !== ms) return 'Invalid Date';
    const wall = zone.toWall(ms);
    // Sheets gives a date written into an unformatted cell a date format.
    out.format = wall % 86_400_000 === 0 ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm:ss';
    return new Date(wall);
  }
  return readTyped(String(value), format, out);
}

/** Writes one input value into a sheet (0-based), applying the format Sheets picks for it. */
export function writeInput(
  sheet: SheetModel,
  row: number,
  column: number,
  value: unknown,
  timeZone: string,
): void {
  const format = sheet.formats[row]?.[column];
  const out: FormatOut = { format: undefined };
  const cell = inputToCell(value, format, zoneOf(timeZone), out);
  sheet.setCell(row, column, cell === '' ? undefined : cell);
  if (out.format && format === undefined) put(sheet.formats, row, column, out.format);
}

// Module constant: global lookups are slow inside vm contexts (jest's, the bundle's).
const finite = Number.isFinite;

function newSpreadsheetId(): string {
  return `1${randomBytes(33).toString('base64url').slice(0, 43)}`;
}

/** The in-memory spreadsheet. */
export class LocalWorkbook {
  id = newSpreadsheetId();
  name: string;
  timeZone: string;
  locale: string;
  readonly sheets: SheetModel[] = [];
  readonly documentProperties = new Map<string, string>();
  readonly scriptProperties = new Map<string, string>();
  readonly userProperties = new Map<string, string>();
  triggers: TriggerRecord[] = [];
  activeSheetId: number | null = null;
  selection: Selection | null = null;
  temporaryUserKey = randomBytes(24).toString('base64url');

  private constructor(init: WorkbookInit) {
    this.name = init.name ?? 'Untitled spreadsheet';
    this.timeZone = checkedZone(init.timeZone ?? 'Etc/UTC');
    this.locale = init.locale ?? 'en_US';
  }

  /** A new spreadsheet with one empty sheet, as Sheets creates it. */
  static create(init: WorkbookInit = {}): LocalWorkbook {
    const workbook = new LocalWorkbook(init);
    workbook.sheets.push(new SheetModel('Sheet1', 0));
    workbook.activeSheetId = 0;
    return workbook;
  }

  /**
   * Reads an .xlsx file; `init` fills in what a file from elsewhere does not say. A file that
   * is missing, a folder or not an .xlsx workbook throws a WorkbookFileError saying so.
   */
  static async load(path: string, init: WorkbookInit = {}): Promise<LocalWorkbook> {
    const { sheets, meta } = await readXlsx(path);
    const name = init.name ?? basename(path).replace(/\.xlsx$/i, '');
    const workbook = new LocalWorkbook({
      ...init,
      name,
      timeZone: meta?.timeZone ?? init.timeZone,
    });
    workbook.sheets.push(...sheets);
    if (meta) workbook.applyMeta(meta);
    workbook.assignSheetIds();
    if (workbook.sheets.length === 0) workbook.sheets.push(new SheetModel('Sheet1', 0));
    if (workbook.activeSheetId === null || !workbook.sheetById(workbook.activeSheetId)) {
      workbook.activeSheetId = workbook.sheets.find((sheet) => !sheet.hidden)?.id ?? 0;
    }
    return workbook;
  }

  /** `load` when the file exists, else `create`. */
  static async open(path: string | undefined, init: WorkbookInit = {}): Promise<LocalWorkbook> {
    if (path && existsSync(path)) return LocalWorkbook.load(path, init);
    const name = path ? basename(path).replace(/\.xlsx$/i, '') : init.name;
    return LocalWorkbook.create({ ...init, name });
  }

  /**
   * Writes the workbook to `path` (atomically). Refuses with a WorkbookFileError, leaving the
   * file alone, when it is read-only, a folder, or its folder is missing.
   */
  async save(path: string): Promise<void> {
    await writeXlsx(path, this.sheets, this.toMeta());
  }

  /** The spreadsheet-level state as persisted in the metadata sheet. */
  toMeta(): WorkbookMeta {
    return {
      format: 1,
      id: this.id,
      name: this.name,
      timeZone: this.timeZone,
      locale: this.locale,
      properties: {
        document: Object.fromEntries(this.documentProperties),
        script: Object.fromEntries(this.scriptProperties),
        user: Object.fromEntries(this.userProperties),
      },
      triggers: this.triggers.map((trigger) => ({ ...trigger })),
      sheets: this.sheets.map(({ name, id, maxRows, maxColumns }) => ({
        name,
        id,
        maxRows,
        maxColumns,
      })),
      activeSheetId: this.activeSheetId,
      temporaryUserKey: this.temporaryUserKey,
      validations: [],
    };
  }

  private applyMeta(meta: WorkbookMeta): void {
    this.id = meta.id;
    this.name = meta.name;
    this.locale = meta.locale;
    this.temporaryUserKey = meta.temporaryUserKey;
    this.activeSheetId = meta.activeSheetId;
    this.triggers = meta.triggers ?? [];
    const fill = (store: Map<string, string>, values: Record<string, string> | undefined) => {
      for (const [key, value] of Object.entries(values ?? {})) store.set(key, value);
    };
    fill(this.documentProperties, meta.properties?.document);
    fill(this.scriptProperties, meta.properties?.script);
    fill(this.userProperties, meta.properties?.user);
  }

  // Sheets from other programs have no gid: the first gets 0 (as in a new Sheets file).
  private assignSheetIds(): void {
    const used = new Set(this.sheets.map((sheet) => sheet.id).filter((id) => id >= 0));
    for (const sheet of this.sheets) {
      if (sheet.id >= 0) continue;
      sheet.id = used.has(0) ? this.newSheetId() : 0;
      used.add(sheet.id);
    }
  }

  /** A fresh random sheet id (gid), unused in this workbook. */
  newSheetId(): number {
    let id = randomInt(1, 2 ** 31 - 1);
    while (this.sheetById(id)) id = randomInt(1, 2 ** 31 - 1);
    return id;
  }

  /** Sets the time zone; throws for zones Intl does not know. */
  setTimeZone(timeZone: string): void {
    this.timeZone = checkedZone(timeZone);
  }

  // ---- sheets ------------------------------------------------------------------------------

  /** Names of the sheets, in tab order (the metadata sheet is never among them). */
  sheetNames(): string[] {
    return this.sheets.map((sheet) => sheet.name);
  }

  /** The sheet called `name`, or undefined. */
  findSheet(name: string): SheetModel | undefined {
    return this.sheets.find((sheet) => sheet.name === name);
  }

  /** The sheet called `name`; throws when there is none. */
  sheet(name: string): SheetModel {
    const sheet = this.findSheet(name);
    if (!sheet) throw new Error(`There is no sheet named "${name}".`);
    return sheet;
  }

  /** The sheet with id (gid) `id`, or undefined. */
  sheetById(id: number): SheetModel | undefined {
    return this.sheets.find((sheet) => sheet.id === id);
  }

  /** Adds an empty 1000 x 26 sheet at 0-based `index` (default: last). */
  addSheet(name: string, index = this.sheets.length): SheetModel {
    this.checkNewName(name);
    const sheet = new SheetModel(name, this.newSheetId());
    this.sheets.splice(Math.max(0, Math.min(index, this.sheets.length)), 0, sheet);
    return sheet;
  }

  /** Throws Sheets' message when `name` is taken (or reserved for the metadata sheet). */
  checkNewName(name: string): void {
    const taken = name.toLowerCase();
    if (
      taken === META_SHEET.toLowerCase() ||
      this.sheets.some((s) => s.name.toLowerCase() === taken)
    ) {
      throw new CellInputError(
        `A sheet with the name "${name}" already exists. Please enter another name.`,
      );
    }
  }

  /** Removes a sheet. */
  removeSheet(name: string): void {
    const sheet = this.sheet(name);
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    if (this.activeSheetId === sheet.id) this.activeSheetId = this.sheets[0]?.id ?? null;
    if (this.selection?.sheetId === sheet.id) this.selection = null;
  }

  /** Renames a sheet. */
  renameSheet(from: string, to: string): void {
    const sheet = this.sheet(from);
    if (from.toLowerCase() !== to.toLowerCase()) this.checkNewName(to);
    sheet.name = to;
  }

  /** Makes `row`, `column` (1-based) of a sheet the selection, and that sheet the active one. */
  select(sheetName: string, row: number, column: number, rows = 1, columns = 1): void {
    const sheet = this.sheet(sheetName);
    this.activeSheetId = sheet.id;
    this.selection = { sheetId: sheet.id, row, column, rows, columns };
  }

  // ---- the grid, as a person sees and edits it (1-based) -----------------------------------

  /**
   * Types `value` into a cell as a person would ('x → text x, =… → formula,
   * 42 → number).
   */
  setCell(sheetName: string, row: number, column: number, value: unknown): void {
    writeInput(this.sheet(sheetName), row - 1, column - 1, value, this.timeZone);
  }

  /** Types a block of values with its top-left at (row, column). */
  setValues(sheetName: string, row: number, column: number, values: unknown[][]): void {
    values.forEach((cells, i) =>
      cells.forEach((value, j) => this.setCell(sheetName, row + i, column + j, value)),
    );
  }

  /** Types values into the row after the last one with content. */
  appendRow(sheetName: string, values: unknown[]): void {
    this.setValues(sheetName, this.sheet(sheetName).lastRow() + 1, 1, [values]);
  }

  /**
   * The sheet's content from A1 to its last row and column with content, as plain values:
   * text, numbers, booleans, formulas as their text, dates as 'YYYY-MM-DD' (wall time).
   */
  sheetValues(sheetName: string): (string | number | boolean)[][] {
    const sheet = this.sheet(sheetName);
    const rows: (string | number | boolean)[][] = [];
    for (let r = 0; r < sheet.lastRow(); r++) {
      const row: (string | number | boolean)[] = [];
      for (let c = 0; c < sheet.lastColumn(); c++) row.push(plainValue(sheet.cell(r, c)));
      rows.push(row);
    }
    return rows;
  }

  /** One cell in detail (1-based), to tell a formula from text that looks like one. */
  cell(sheetName: string, row: number, column: number): CellSnapshot {
    const sheet = this.sheet(sheetName);
    const cell = sheet.cell(row - 1, column - 1);
    const format = sheet.formats[row - 1]?.[column - 1];
    return {
      kind: cellKind(cell),
      value: plainValue(cell),
      display: displayCell(cell, format),
      format,
      note: sheet.notes[row - 1]?.[column - 1],
      validation: sheet.validations[row - 1]?.[column - 1],
    };
  }

  /** Inserts `count` columns before column `before` (1-based), as Insert column left does. */
  insertColumns(sheetName: string, before: number, count = 1): void {
    this.sheet(sheetName).insertColumns(before - 1, count);
  }

  /** Deletes `count` columns from `column` (1-based). */
  deleteColumns(sheetName: string, column: number, count = 1): void {
    this.sheet(sheetName).deleteColumns(column - 1, count);
  }

  /** Drags `count` columns from `from` to sit before column `to` (1-based, before the move). */
  moveColumns(sheetName: string, from: number, count: number, to: number): void {
    this.sheet(sheetName).moveColumns(from - 1, count, to - 1);
  }

  /** Inserts `count` rows before row `before` (1-based). */
  insertRows(sheetName: string, before: number, count = 1): void {
    this.sheet(sheetName).insertRows(before - 1, count);
  }

  /** Deletes `count` rows from `row` (1-based). */
  deleteRows(sheetName: string, row: number, count = 1): void {
    this.sheet(sheetName).deleteRows(row - 1, count);
  }

  /** Hides (or shows) `count` columns from `column` (1-based). */
  hideColumns(sheetName: string, column: number, count = 1, hidden = true): void {
    const sheet = this.sheet(sheetName);
    for (let c = column - 1; c < column - 1 + count; c++)
      sheet.hiddenColumns[c] = hidden || undefined;
  }
}

function checkedZone(timeZone: string): string {
  if (!isValidTimeZone(timeZone)) throw new CellInputError(`Invalid time zone: ${timeZone}`);
  return timeZone;
}

function cellKind(cell: Cell): CellSnapshot['kind'] {
  if (cell === undefined || cell === '') return 'empty';
  if (cell instanceof Formula) return 'formula';
  if (isDate(cell)) return 'date';
  return typeof cell === 'string' ? 'text' : typeof cell === 'number' ? 'number' : 'boolean';
}

function plainValue(cell: Cell): string | number | boolean {
  if (cell === undefined) return '';
  if (cell instanceof Formula) return cell.text;
  if (isDate(cell)) return isoWall(cell.getTime());
  return cell;
}
