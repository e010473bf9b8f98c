// Range: a rectangle of one sheet. Reads and writes go straight to the sheet model in tight
// loops (getValues / setValues of 50,000 x 25 cells must stay well under a second).

import { toA1 } from './a1';
import { isDate, signatureError, type RuntimeContext } from './context';
import { LocalDataValidation, type ValidationEnv } from './data-validation';
import type { Local } from './gas-types';
import {
  put,
  type CellStyle,
  type Grid,
  type SheetModel,
  type ValidationRule,
} from './sheet-model';
import type { LocalSheet } from './spreadsheet-app';
import { zoneOf } from './time-zone';
import {
  Formula,
  displayCell,
  isDateFormat,
  isNumberFormat,
  serialToWall,
  wallToSerial,
  type Cell,
  type FormatOut,
} from './values';
import { CellInputError, inputToCell, type LocalWorkbook } from './workbook';

/** What ranges and sheets share: the runtime, the workbook and factories for wrappers. */
export interface SpreadsheetEnv extends ValidationEnv {
  ctx: RuntimeContext;
  book: LocalWorkbook;
  sheet(model: SheetModel): LocalSheet;
  range(model: SheetModel, row: number, column: number, rows: number, columns: number): LocalRange;
}

// The format getNumberFormat reports for a cell nobody formatted.
const AUTOMATIC_FORMAT = '0.###############';

type GasRange = GoogleAppsScript.Spreadsheet.Range;
type RangeMethods =
  | 'activate'
  | 'clear'
  | 'clearContent'
  | 'clearDataValidations'
  | 'clearNote'
  | 'getA1Notation'
  | 'getBackground'
  | 'getBackgrounds'
  | 'getCell'
  | 'getColumn'
  | 'getDataValidation'
  | 'getDataValidations'
  | 'getDisplayValue'
  | 'getDisplayValues'
  | 'getFontWeight'
  | 'getFontWeights'
  | 'getFormula'
  | 'getFormulas'
  | 'getHeight'
  | 'getLastColumn'
  | 'getLastRow'
  | 'getNote'
  | 'getNotes'
  | 'getNumColumns'
  | 'getNumRows'
  | 'getNumberFormat'
  | 'getNumberFormats'
  | 'getRow'
  | 'getRowIndex'
  | 'getSheet'
  | 'getValue'
  | 'getValues'
  | 'getWidth'
  | 'isBlank'
  | 'offset'
  | 'setBackground'
  | 'setBackgrounds'
  | 'setDataValidation'
  | 'setDataValidations'
  | 'setFontColor'
  | 'setFontWeight'
  | 'setFontWeights'
  | 'setFormula'
  | 'setFormulas'
  | 'setHorizontalAlignment'
  | 'setNote'
  | 'setNotes'
  | 'setNumberFormat'
  | 'setNumberFormats'
  | 'setValue'
  | 'setValues'
  | 'setWrap';

/** A Range; row and column are 1-based. */
export class LocalRange implements Local<GasRange, RangeMethods> {
  constructor(
    private readonly env: SpreadsheetEnv,
    readonly model: SheetModel,
    readonly row: number,
    readonly column: number,
    readonly rows: number,
    readonly columns: number,
  ) {}

  private hit(method: string): void {
    this.env.ctx.hit('Spreadsheet', `Range.${method}`);
  }

  // ---- reading ---------------------------------------------------------------------------

  getValues(): unknown[][] {
    this.hit('getValues');
    return this.readValues();
  }

  getValue(): unknown {
    this.hit('getValue');
    return this.apiValue(this.model.cell(this.row - 1, this.column - 1), this.format(0, 0));
  }

  private readValues(): unknown[][] {
    const { values, formats } = this.model;
    const zone = zoneOf(this.env.book.timeZone);
    const out: unknown[][] = new Array(this.rows);
    for (let i = 0; i < this.rows; i++) {
      const cells = values[this.row - 1 + i];
      const formatRow = formats[this.row - 1 + i];
      const row: unknown[] = new Array(this.columns);
      if (cells === undefined) row.fill('');
      else {
        for (let j = 0, c = this.column - 1; j < this.columns; j++, c++) {
          const cell = cells[c];
          // Text, numbers and booleans (the bulk) return as they are.
          row[j] =
            cell === undefined
              ? ''
              : typeof cell !== 'object' && (formatRow === undefined || formatRow[c] === undefined)
                ? cell
                : this.apiValue(cell, formatRow?.[c], zone);
        }
      }
      out[i] = row;
    }
    return out;
  }

  // Dates are numbers with a date format in Sheets: the format decides what getValues returns.
  private apiValue(
    cell: Cell,
    format: string | undefined,
    zone = zoneOf(this.env.book.timeZone),
  ): unknown {
    if (cell === undefined) return '';
    const type = typeof cell;
    if (type === 'string' || type === 'boolean') return cell;
    if (type === 'number') {
      if (format === undefined || !isDateFormat(format)) return cell;
      return this.env.ctx.date(zone.toInstant(serialToWall(cell as number)));
    }
    if (cell instanceof Formula) return '';
    const wall = (cell as Date).getTime();
    if (format !== undefined && isNumberFormat(format)) return wallToSerial(wall);
    return this.env.ctx.date(zone.toInstant(wall));
  }

  private format(i: number, j: number): string | undefined {
    return this.model.formats[this.row - 1 + i]?.[this.column - 1 + j];
  }

  /** Calls `read` for each cell of the range, collecting a grid of results. */
  private mapCells<T>(read: (cell: Cell, r: number, c: number) => T): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < this.rows; i++) {
      const r = this.row - 1 + i;
      const cells = this.model.values[r];
      const row: T[] = [];
      for (let j = 0; j < this.columns; j++)
        row.push(read(cells?.[this.column - 1 + j], r, this.column - 1 + j));
      out.push(row);
    }
    return out;
  }

  getDisplayValues(): string[][] {
    this.hit('getDisplayValues');
    return this.mapCells((cell, r, c) => displayCell(cell, this.model.formats[r]?.[c]));
  }

  getDisplayValue(): string {
    this.hit('getDisplayValue');
    return displayCell(this.model.cell(this.row - 1, this.column - 1), this.format(0, 0));
  }

  getFormulas(): string[][] {
    this.hit('getFormulas');
    return this.mapCells((cell) => (cell instanceof Formula ? cell.text : ''));
  }

  getFormula(): string {
    this.hit('getFormula');
    const cell = this.model.cell(this.row - 1, this.column - 1);
    return cell instanceof Formula ? cell.text : '';
  }

  getNumberFormats(): string[][] {
    this.hit('getNumberFormats');
    return this.mapCells((_cell, r, c) => this.model.formats[r]?.[c] ?? AUTOMATIC_FORMAT);
  }

  getNumberFormat(): string {
    this.hit('getNumberFormat');
    return this.format(0, 0) ?? AUTOMATIC_FORMAT;
  }

  getNotes(): string[][] {
    this.hit('getNotes');
    return this.mapCells((_cell, r, c) => this.model.notes[r]?.[c] ?? '');
  }

  getNote(): string {
    this.hit('getNote');
    return this.model.notes[this.row - 1]?.[this.column - 1] ?? '';
  }

  getBackgrounds(): string[][] {
    this.hit('getBackgrounds');
    return this.mapCells((_cell, r, c) => this.model.styles[r]?.[c]?.background ?? '#ffffff');
  }

  getBackground(): string {
    this.hit('getBackground');
    return this.model.styles[this.row - 1]?.[this.column - 1]?.background ?? '#ffffff';
  }

  getFontWeights(): GoogleAppsScript.Spreadsheet.FontWeight[][] {
    this.hit('getFontWeights');
    return this.mapCells((_cell, r, c) => this.model.styles[r]?.[c]?.fontWeight ?? 'normal');
  }

  getFontWeight(): GoogleAppsScript.Spreadsheet.FontWeight {
    this.hit('getFontWeight');
    return this.model.styles[this.row - 1]?.[this.column - 1]?.fontWeight ?? 'normal';
  }

  getDataValidations(): (LocalDataValidation | null)[][] {
    this.hit('getDataValidations');
    return this.mapCells((_cell, r, c) => this.validation(this.model.validations[r]?.[c]));
  }

  getDataValidation(): LocalDataValidation | null {
    this.hit('getDataValidation');
    return this.validation(this.model.validations[this.row - 1]?.[this.column - 1]);
  }

  private validation(rule: ValidationRule | undefined): LocalDataValidation | null {
    return rule ? new LocalDataValidation(this.env, rule) : null;
  }

  isBlank(): boolean {
    this.hit('isBlank');
    return this.mapCells((cell) => cell === undefined || cell === '').every((row) =>
      row.every(Boolean),
    );
  }

  // ---- writing ---------------------------------------------------------------------------

  setValues(values: unknown[][]): this {
    this.hit('setValues');
    this.checkShape(values, 'SpreadsheetApp.Range.setValues');
    this.writeValues(values);
    return this;
  }

  setValue(value: unknown): this {
    this.hit('setValue');
    this.writeValues(this.fill(value));
    return this;
  }

  private fill<T>(value: T): T[][] {
    return Array.from({ length: this.rows }, () => new Array<T>(this.columns).fill(value));
  }

  /** Throws Sheets' errors for data that is not a grid of exactly this range's size. */
  private checkShape(values: unknown, method: string): asserts values is unknown[][] {
    const ctx = this.env.ctx;
    if (!Array.isArray(values) || values.some((row) => !Array.isArray(row))) {
      throw signatureError(ctx, method, [values]);
    }
    if (values.length !== this.rows) {
      throw ctx.error(
        `The number of rows in the data does not match the number of rows in the range. ` +
          `The data has ${values.length} but the range has ${this.rows}.`,
      );
    }
    for (const row of values as unknown[][]) {
      if (row.length !== this.columns) {
        throw ctx.error(
          `The number of columns in the data does not match the number of columns ` +
            `in the range. The data has ${row.length} but the range has ${this.columns}.`,
        );
      }
    }
  }

  private writeValues(values: unknown[][]): void {
    const { model } = this;
    const zone = zoneOf(this.env.book.timeZone);
    const out: FormatOut = { format: undefined };
    const parsedRows: Cell[][] = new Array(this.rows);
    const autoFormats: [number, number, string][] = [];
    try {
      for (let i = 0; i < this.rows; i++) {
        const r = this.row - 1 + i;
        const source = values[i] as unknown[];
        const formatRow = model.formats[r];
        const parsed: Cell[] = new Array(this.columns);
        for (let j = 0, c = this.column - 1; j < this.columns; j++, c++) {
          const format = formatRow === undefined ? undefined : formatRow[c];
          out.format = undefined;
          const cell = inputToCell(source[j], format, zone, out);
          parsed[j] = cell === '' ? undefined : cell;
          if (out.format !== undefined && format === undefined)
            autoFormats.push([r, c, out.format]);
        }
        parsedRows[i] = parsed;
      }
    } catch (error) {
      // Nothing is written when one cell is refused, as in Sheets.
      if (error instanceof CellInputError) throw this.env.ctx.error(error.message);
      throw error;
    }
    this.commit(parsedRows, autoFormats);
  }

  private commit(parsedRows: Cell[][], autoFormats: [number, number, string][]): void {
    const { model } = this;
    const start = this.column - 1;
    for (let i = 0; i < parsedRows.length; i++) {
      const r = this.row - 1 + i;
      const parsed = parsedRows[i] as Cell[];
      const cells = model.values[r];
      // A write covering a whole row's content can take the new array as the row.
      if (start === 0 && (cells === undefined || cells.length <= parsed.length))
        model.values[r] = parsed;
      else {
        const row = cells ?? (model.values[r] = []);
        for (let j = 0; j < parsed.length; j++) row[start + j] = parsed[j];
      }
    }
    for (const [r, c, format] of autoFormats) put(model.formats, r, c, format);
    model.grow(this.row + this.rows - 1, this.column + this.columns - 1);
    model.version++;
  }

  setFormulas(formulas: string[][]): this {
    this.hit('setFormulas');
    this.checkShape(formulas, 'SpreadsheetApp.Range.setFormulas');
    this.commit(
      formulas.map((row) => row.map(formulaCell)),
      [],
    );
    return this;
  }

  setFormula(formula: string): this {
    this.hit('setFormula');
    this.commit(this.fill(formulaCell(formula)), []);
    return this;
  }

  /** Sets one layer's value on every cell of the range. */
  private setLayer<T>(grid: Grid<T>, value: T | undefined): void {
    for (let r = this.row - 1; r < this.row - 1 + this.rows; r++) {
      for (let c = this.column - 1; c < this.column - 1 + this.columns; c++) put(grid, r, c, value);
    }
    this.model.grow(this.row + this.rows - 1, this.column + this.columns - 1);
    this.model.version++;
  }

  /** Sets one layer cell by cell from a grid of this range's shape. */
  private setLayerGrid<T, V>(
    grid: Grid<T>,
    values: V[][],
    method: string,
    convert: (v: V) => T | undefined,
  ): void {
    this.checkShape(values, method);
    values.forEach((row, i) =>
      row.forEach((value, j) => put(grid, this.row - 1 + i, this.column - 1 + j, convert(value))),
    );
    this.model.version++;
  }

  setNumberFormat(numberFormat: string): this {
    this.hit('setNumberFormat');
    this.setLayer(this.model.formats, String(numberFormat));
    return this;
  }

  setNumberFormats(numberFormats: string[][]): this {
    this.hit('setNumberFormats');
    this.setLayerGrid(
      this.model.formats,
      numberFormats,
      'SpreadsheetApp.Range.setNumberFormats',
      String,
    );
    return this;
  }

  setNote(note: string | null): this {
    this.hit('setNote');
    this.setLayer(this.model.notes, note === null || note === '' ? undefined : String(note));
    return this;
  }

  setNotes(notes: (string | null)[][]): this {
    this.hit('setNotes');
    this.setLayerGrid(this.model.notes, notes, 'SpreadsheetApp.Range.setNotes', (note) =>
      note === null || note === '' ? undefined : String(note),
    );
    return this;
  }

  clearNote(): this {
    this.hit('clearNote');
    this.setLayer(this.model.notes, undefined);
    return this;
  }

  setDataValidation(rule: LocalDataValidation | null): this {
    this.hit('setDataValidation');
    this.setLayer(this.model.validations, this.ruleOf(rule, 'setDataValidation'));
    return this;
  }

  setDataValidations(rules: (LocalDataValidation | null)[][]): this {
    this.hit('setDataValidations');
    const method = 'SpreadsheetApp.Range.setDataValidations';
    this.setLayerGrid(this.model.validations, rules, method, (rule) =>
      this.ruleOf(rule, 'setDataValidations'),
    );
    return this;
  }

  private ruleOf(rule: unknown, method: string): ValidationRule | undefined {
    if (rule === null || rule === undefined) return undefined;
    if (rule instanceof LocalDataValidation) return rule.rule;
    throw signatureError(this.env.ctx, `SpreadsheetApp.Range.${method}`, [rule]);
  }

  clearDataValidations(): this {
    this.hit('clearDataValidations');
    this.setLayer(this.model.validations, undefined);
    return this;
  }

  /** Merges `patch` into each cell's style; cells sharing a style keep sharing one. */
  private style(patch: CellStyle): void {
    const patched = new Map<CellStyle | undefined, CellStyle>();
    for (let r = this.row - 1; r < this.row - 1 + this.rows; r++) {
      for (let c = this.column - 1; c < this.column - 1 + this.columns; c++) {
        const old = this.model.styles[r]?.[c];
        let next = patched.get(old);
        if (!next) patched.set(old, (next = { ...old, ...patch }));
        put(this.model.styles, r, c, next);
      }
    }
    this.model.version++;
  }

  setBackground(color: string | null): this {
    this.hit('setBackground');
    this.style({ background: color ?? undefined });
    return this;
  }

  setBackgrounds(colors: (string | null)[][]): this {
    this.hit('setBackgrounds');
    this.checkShape(colors, 'SpreadsheetApp.Range.setBackgrounds');
    this.eachCellRange((range, i, j) => range.style({ background: colors[i]?.[j] ?? undefined }));
    return this;
  }

  setFontWeight(fontWeight: GoogleAppsScript.Spreadsheet.FontWeight | null): this {
    this.hit('setFontWeight');
    this.style({ fontWeight: fontWeight ?? 'normal' });
    return this;
  }

  setFontWeights(fontWeights: (GoogleAppsScript.Spreadsheet.FontWeight | null)[][]): this {
    this.hit('setFontWeights');
    this.checkShape(fontWeights, 'SpreadsheetApp.Range.setFontWeights');
    this.eachCellRange((range, i, j) =>
      range.style({ fontWeight: fontWeights[i]?.[j] ?? 'normal' }),
    );
    return this;
  }

  setFontColor(color: string | null): this {
    this.hit('setFontColor');
    this.style({ fontColor: color ?? undefined });
    return this;
  }

  setFontStyle(fontStyle: string | null): this {
    this.hit('setFontStyle');
    this.style({ fontStyle: fontStyle ?? undefined });
    return this;
  }

  setWrap(isWrapEnabled: boolean): this {
    this.hit('setWrap');
    this.style({ wrap: Boolean(isWrapEnabled) });
    return this;
  }

  setHorizontalAlignment(alignment: 'left' | 'center' | 'normal' | 'right' | null): this {
    this.hit('setHorizontalAlignment');
    this.style({ horizontalAlignment: alignment ?? undefined });
    return this;
  }

  private eachCellRange(each: (range: LocalRange, i: number, j: number) => void): void {
    for (let i = 0; i < this.rows; i++) {
      for (let j = 0; j < this.columns; j++) {
        each(new LocalRange(this.env, this.model, this.row + i, this.column + j, 1, 1), i, j);
      }
    }
  }

  clearContent(): this {
    this.hit('clearContent');
    this.model.clearRect(this.row - 1, this.column - 1, this.rows, this.columns, { values: true });
    return this;
  }

  clear(options?: {
    commentsOnly?: boolean;
    contentsOnly?: boolean;
    formatOnly?: boolean;
    validationsOnly?: boolean;
    skipFilteredRows?: boolean;
  }): this {
    this.hit('clear');
    const only = options ?? {};
    const any = only.commentsOnly || only.contentsOnly || only.formatOnly || only.validationsOnly;
    this.model.clearRect(this.row - 1, this.column - 1, this.rows, this.columns, {
      values: !any || only.contentsOnly,
      formats: !any || only.formatOnly,
      notes: only.commentsOnly,
      validations: only.validationsOnly,
    });
    return this;
  }

  // ---- geometry --------------------------------------------------------------------------

  getRow(): number {
    this.hit('getRow');
    return this.row;
  }

  getRowIndex(): number {
    this.hit('getRowIndex');
    return this.row;
  }

  getColumn(): number {
    this.hit('getColumn');
    return this.column;
  }

  getNumRows(): number {
    this.hit('getNumRows');
    return this.rows;
  }

  getNumColumns(): number {
    this.hit('getNumColumns');
    return this.columns;
  }

  getHeight(): number {
    this.hit('getHeight');
    return this.rows;
  }

  getWidth(): number {
    this.hit('getWidth');
    return this.columns;
  }

  getLastRow(): number {
    this.hit('getLastRow');
    return this.row + this.rows - 1;
  }

  getLastColumn(): number {
    this.hit('getLastColumn');
    return this.column + this.columns - 1;
  }

  getA1Notation(): string {
    this.hit('getA1Notation');
    return toA1(this.row, this.column, this.rows, this.columns);
  }

  getSheet(): LocalSheet {
    this.hit('getSheet');
    return this.env.sheet(this.model);
  }

  getCell(row: number, column: number): LocalRange {
    this.hit('getCell');
    if (row < 1 || column < 1 || row > this.rows || column > this.columns) {
      throw this.env.ctx.error('Cell reference out of range');
    }
    return this.env.range(this.model, this.row + row - 1, this.column + column - 1, 1, 1);
  }

  offset(
    rowOffset: number,
    columnOffset: number,
    numRows?: number,
    numColumns?: number,
  ): LocalRange {
    this.hit('offset');
    const row = this.row + rowOffset;
    const column = this.column + columnOffset;
    if (row < 1 || column < 1)
      throw this.env.ctx.error(
        'The coordinates of the range are outside the dimensions of the sheet.',
      );
    return this.env.range(
      this.model,
      row,
      column,
      numRows ?? this.rows,
      numColumns ?? this.columns,
    );
  }

  activate(): this {
    this.hit('activate');
    const book = this.env.book;
    book.activeSheetId = this.model.id;
    book.selection = {
      sheetId: this.model.id,
      row: this.row,
      column: this.column,
      rows: this.rows,
      columns: this.columns,
    };
    return this;
  }

  /**
   * Sorts the range's rows by one or more columns (numbers, then text, then booleans;
   * blanks last).
   */
  sort(spec: unknown): this {
    this.hit('sort');
    const keys = (Array.isArray(spec) ? spec : [spec]).map((key) =>
      typeof key === 'number'
        ? { column: key, ascending: true }
        : (key as { column: number; ascending?: boolean }),
    );
    const rows = this.model.values.slice(this.row - 1, this.row - 1 + this.rows);
    const order = rows.map((_, i) => i).sort((a, b) => compareRows(rows[a], rows[b], keys));
    this.reorderRows(order);
    return this;
  }

  private reorderRows(order: number[]): void {
    for (const grid of [
      this.model.values,
      this.model.formats,
      this.model.notes,
      this.model.validations,
      this.model.styles,
    ] as Grid<unknown>[]) {
      const slice = order.map((i) =>
        grid[this.row - 1 + i]?.slice(this.column - 1, this.column - 1 + this.columns),
      );
      slice.forEach((cells, i) => {
        for (let j = 0; j < this.columns; j++)
          put(grid, this.row - 1 + i, this.column - 1 + j, cells?.[j]);
      });
    }
    this.model.version++;
  }
}

function formulaCell(formula: string): Cell {
  const text = String(formula);
  if (text === '') return undefined;
  return new Formula(text.startsWith('=') ? text : `=${text}`);
}

function sortRank(cell: Cell): number {
  if (cell === undefined || cell === '') return 3;
  if (typeof cell === 'number' || isDate(cell)) return 0;
  return typeof cell === 'boolean' ? 2 : 1;
}

function compareRows(
  a: Cell[] | undefined,
  b: Cell[] | undefined,
  keys: { column: number; ascending?: boolean }[],
): number {
  for (const key of keys) {
    const x = a?.[key.column - 1];
    const y = b?.[key.column - 1];
    const rank = sortRank(x) - sortRank(y);
    if (rank !== 0) return rank;
    if (sortRank(x) === 3) continue;
    const cmp = compareCells(x, y);
    if (cmp !== 0) return key.ascending === false ? -cmp : cmp;
  }
  return 0;
}

function compareCells(x: Cell, y: Cell): number {
  const num = (cell: Cell) => (isDate(cell) ? wallToSerial(cell.getTime()) : Number(cell));
  if (typeof x === 'string' && typeof y === 'string')
    return x.localeCompare(y, 'en', { sensitivity: 'base' });
  return num(x) - num(y);
}
