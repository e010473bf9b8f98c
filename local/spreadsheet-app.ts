// SpreadsheetApp, Spreadsheet and Sheet over the local workbook. Like Apps Script, every call
// returns a fresh wrapper object: compare sheets by getSheetId(), never by identity.

import { parseA1, quoteSheetName, toA1 } from './a1';
import type { RuntimeContext } from './context';
import { DATA_VALIDATION_CRITERIA, LocalDataValidationBuilder } from './data-validation';
import type { Local } from './gas-types';
import { LocalRange, type SpreadsheetEnv } from './range';
import type { SheetModel } from './sheet-model';
import type { LocalUi, UiRecords } from './ui';
import { CellInputError, writeInput, type LocalWorkbook } from './workbook';

type GasApp = GoogleAppsScript.Spreadsheet.SpreadsheetApp;
type GasSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type GasSheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Builds the environment ranges and sheets share. */
export function spreadsheetEnv(
  ctx: RuntimeContext,
  book: LocalWorkbook,
  records: UiRecords,
): SpreadsheetEnv {
  const env: SpreadsheetEnv = {
    ctx,
    book,
    timeZone: () => book.timeZone,
    sheet: (model) => new LocalSheet(env, records, model),
    range: (model, row, column, rows, columns) =>
      new LocalRange(env, model, row, column, rows, columns),
    rangeOf: (reference) => resolveRange(env, reference, undefined),
    referenceOf: (range) =>
      range instanceof LocalRange
        ? `${quoteSheetName(range.model.name)}!` +
          toA1(range.row, range.column, range.rows, range.columns)
        : undefined,
  };
  return env;
}

/** A Range for A1 notation, on `sheet` unless the notation names its own sheet. */
export function resolveRange(
  env: SpreadsheetEnv,
  a1: string,
  sheet: SheetModel | undefined,
): LocalRange {
  const reference = parseA1(String(a1));
  const target = reference?.sheet
    ? findSheet(env.book, reference.sheet)
    : (sheet ?? activeModel(env.book));
  if (!reference || !target) throw env.ctx.error('Range not found');
  const lastRow = reference.lastRow ?? target.maxRows;
  const lastColumn = reference.lastColumn ?? target.maxColumns;
  return env.range(
    target,
    reference.row,
    reference.column,
    lastRow - reference.row + 1,
    lastColumn - reference.column + 1,
  );
}

// Sheets matches sheet names without regard to case.
function findSheet(book: LocalWorkbook, name: string): SheetModel | undefined {
  const wanted = String(name).toLowerCase();
  return book.sheets.find((sheet) => sheet.name.toLowerCase() === wanted);
}

function activeModel(book: LocalWorkbook): SheetModel {
  const active = book.activeSheetId === null ? undefined : book.sheetById(book.activeSheetId);
  return active ?? (book.sheets[0] as SheetModel);
}

/** Runs a workbook edit, turning its refusals into errors of the add-on's realm. */
function guarded<T>(ctx: RuntimeContext, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof CellInputError) throw ctx.error(error.message);
    throw error;
  }
}

/** The SpreadsheetApp global. */
export class LocalSpreadsheetApp implements Local<
  GasApp,
  | 'getActive'
  | 'getActiveSpreadsheet'
  | 'getActiveSheet'
  | 'getActiveRange'
  | 'getCurrentCell'
  | 'getUi'
  | 'flush'
  | 'newDataValidation'
  | 'openById'
> {
  readonly DataValidationCriteria =
    DATA_VALIDATION_CRITERIA as unknown as GasApp['DataValidationCriteria'];
  private readonly env: SpreadsheetEnv;

  constructor(
    private readonly ctx: RuntimeContext,
    book: LocalWorkbook,
    private readonly records: UiRecords,
    private readonly ui: LocalUi,
  ) {
    this.env = spreadsheetEnv(ctx, book, records);
  }

  private spreadsheet(): LocalSpreadsheet {
    return new LocalSpreadsheet(this.env, this.records);
  }

  getActive(): LocalSpreadsheet {
    this.ctx.enter('Spreadsheet', 'SpreadsheetApp.getActive');
    return this.spreadsheet();
  }

  getActiveSpreadsheet(): LocalSpreadsheet {
    this.ctx.enter('Spreadsheet', 'SpreadsheetApp.getActiveSpreadsheet');
    return this.spreadsheet();
  }

  openById(id: string): LocalSpreadsheet {
    this.ctx.enter('Spreadsheet', 'SpreadsheetApp.openById');
    if (id !== this.env.book.id) throw this.ctx.error(`Requested entity was not found.`);
    return this.spreadsheet();
  }

  getActiveSheet(): LocalSheet {
    this.ctx.enter('Spreadsheet', 'SpreadsheetApp.getActiveSheet');
    return this.env.sheet(activeModel(this.env.book));
  }

  getActiveRange(): LocalRange {
    this.ctx.enter('Spreadsheet', 'SpreadsheetApp.getActiveRange');
    return activeRange(this.env);
  }

  getCurrentCell(): LocalRange {
    this.ctx.enter('Spreadsheet', 'SpreadsheetApp.getCurrentCell');
    return activeCell(this.env);
  }

  getUi(): LocalUi {
    // Allowed before authorization: add-ons build their menu in AuthMode.NONE.
    this.ctx.hit('Spreadsheet', 'SpreadsheetApp.getUi');
    return this.ui;
  }

  flush(): void {
    this.ctx.enter('Spreadsheet', 'SpreadsheetApp.flush');
  }

  newDataValidation(): LocalDataValidationBuilder {
    this.ctx.enter('Spreadsheet', 'SpreadsheetApp.newDataValidation');
    return new LocalDataValidationBuilder(this.env);
  }
}

function activeRange(env: SpreadsheetEnv): LocalRange {
  const book = env.book;
  const model = activeModel(book);
  const selection = book.selection?.sheetId === model.id ? book.selection : undefined;
  if (!selection) return env.range(model, 1, 1, 1, 1);
  return env.range(model, selection.row, selection.column, selection.rows, selection.columns);
}

function activeCell(env: SpreadsheetEnv): LocalRange {
  const range = activeRange(env);
  return env.range(range.model, range.row, range.column, 1, 1);
}

type SpreadsheetMethods =
  | 'getId'
  | 'getName'
  | 'rename'
  | 'getUrl'
  | 'getSheets'
  | 'getNumSheets'
  | 'getSheetByName'
  | 'getSheetById'
  | 'getSheetName'
  | 'insertSheet'
  | 'deleteSheet'
  | 'getActiveSheet'
  | 'setActiveSheet'
  | 'getActiveRange'
  | 'getActiveCell'
  | 'getCurrentCell'
  | 'getRange'
  | 'getSpreadsheetTimeZone'
  | 'setSpreadsheetTimeZone'
  | 'getSpreadsheetLocale'
  | 'setSpreadsheetLocale'
  | 'moveActiveSheet'
  | 'toast';

/** A Spreadsheet: the one local workbook. */
export class LocalSpreadsheet implements Local<GasSpreadsheet, SpreadsheetMethods> {
  constructor(
    private readonly env: SpreadsheetEnv,
    private readonly records: UiRecords,
  ) {}

  private hit(method: string): void {
    this.env.ctx.hit('Spreadsheet', `Spreadsheet.${method}`);
  }

  private get book(): LocalWorkbook {
    return this.env.book;
  }

  getId(): string {
    this.hit('getId');
    return this.book.id;
  }

  getName(): string {
    this.hit('getName');
    return this.book.name;
  }

  rename(newName: string): void {
    this.hit('rename');
    this.book.name = String(newName);
  }

  getUrl(): string {
    this.hit('getUrl');
    return `https://docs.google.com/spreadsheets/d/${this.book.id}/edit`;
  }

  getSheets(): LocalSheet[] {
    this.hit('getSheets');
    return this.book.sheets.map((model) => this.env.sheet(model));
  }

  getNumSheets(): number {
    this.hit('getNumSheets');
    return this.book.sheets.length;
  }

  getSheetByName(name: string): LocalSheet | null {
    this.hit('getSheetByName');
    const model = findSheet(this.book, name);
    return model ? this.env.sheet(model) : null;
  }

  getSheetById(id: number): LocalSheet | null {
    this.hit('getSheetById');
    const model = this.book.sheetById(Number(id));
    return model ? this.env.sheet(model) : null;
  }

  getSheetName(): string {
    this.hit('getSheetName');
    return activeModel(this.book).name;
  }

  /** insertSheet(), (index), (name), (name, index); options ({ template }) are ignored. */
  insertSheet(nameOrIndex?: unknown, indexOrOptions?: unknown): LocalSheet {
    this.hit('insertSheet');
    const name = typeof nameOrIndex === 'string' ? nameOrIndex : this.defaultSheetName();
    const index =
      typeof nameOrIndex === 'number'
        ? nameOrIndex
        : typeof indexOrOptions === 'number'
          ? indexOrOptions
          : undefined;
    const model = guarded(this.env.ctx, () => this.book.addSheet(name, index));
    // A new sheet becomes the active one, as in the Sheets UI.
    this.book.activeSheetId = model.id;
    this.book.selection = null;
    return this.env.sheet(model);
  }

  private defaultSheetName(): string {
    let n = this.book.sheets.length + 1;
    while (findSheet(this.book, `Sheet${n}`)) n++;
    return `Sheet${n}`;
  }

  deleteSheet(sheet: LocalSheet): void {
    this.hit('deleteSheet');
    const model = modelOf(this.env, sheet, 'SpreadsheetApp.Spreadsheet.deleteSheet');
    const visible = this.book.sheets.filter((s) => !s.hidden);
    if (visible.length === 1 && visible[0] === model) {
      throw this.env.ctx.error("You can't remove all the visible sheets in a document.");
    }
    this.book.removeSheet(model.name);
  }

  getActiveSheet(): LocalSheet {
    this.hit('getActiveSheet');
    return this.env.sheet(activeModel(this.book));
  }

  setActiveSheet(sheet: LocalSheet): LocalSheet {
    this.hit('setActiveSheet');
    const model = modelOf(this.env, sheet, 'SpreadsheetApp.Spreadsheet.setActiveSheet');
    this.book.activeSheetId = model.id;
    return this.env.sheet(model);
  }

  moveActiveSheet(pos: number): void {
    this.hit('moveActiveSheet');
    const model = activeModel(this.book);
    const sheets = this.book.sheets;
    sheets.splice(sheets.indexOf(model), 1);
    sheets.splice(Math.max(0, Math.min(pos - 1, sheets.length)), 0, model);
  }

  getActiveRange(): LocalRange | null {
    this.hit('getActiveRange');
    return activeRange(this.env);
  }

  getActiveCell(): LocalRange {
    this.hit('getActiveCell');
    return activeCell(this.env);
  }

  getCurrentCell(): LocalRange | null {
    this.hit('getCurrentCell');
    return activeCell(this.env);
  }

  getRange(a1Notation: string): LocalRange {
    this.hit('getRange');
    return resolveRange(this.env, a1Notation, undefined);
  }

  getSpreadsheetTimeZone(): string {
    this.hit('getSpreadsheetTimeZone');
    return this.book.timeZone;
  }

  setSpreadsheetTimeZone(timezone: string): void {
    this.hit('setSpreadsheetTimeZone');
    guarded(this.env.ctx, () => this.book.setTimeZone(String(timezone)));
  }

  getSpreadsheetLocale(): string {
    this.hit('getSpreadsheetLocale');
    return this.book.locale;
  }

  setSpreadsheetLocale(locale: string): void {
    this.hit('setSpreadsheetLocale');
    this.book.locale = String(locale);
  }

  toast(msg: string, title?: string, _timeoutSeconds?: number | null): void {
    this.hit('toast');
    this.records.toasts.push({
      message: String(msg),
      title: title === undefined ? '' : String(title),
    });
  }
}

function modelOf(env: SpreadsheetEnv, sheet: unknown, method: string): SheetModel {
  if (!(sheet instanceof LocalSheet))
    throw env.ctx.error(
      `The parameters (${typeof sheet}) don't match the method signature for ${method}.`,
    );
  const model = sheet.model;
  if (!env.book.sheets.includes(model)) throw env.ctx.error('Sheet not found');
  return model;
}

type SheetMethods =
  | 'activate'
  | 'appendRow'
  | 'autoResizeColumn'
  | 'autoResizeColumns'
  | 'clear'
  | 'clearContents'
  | 'clearFormats'
  | 'clearNotes'
  | 'deleteColumn'
  | 'deleteColumns'
  | 'deleteRow'
  | 'deleteRows'
  | 'getActiveCell'
  | 'getActiveRange'
  | 'getColumnWidth'
  | 'getDataRange'
  | 'getFrozenColumns'
  | 'getFrozenRows'
  | 'getIndex'
  | 'getLastColumn'
  | 'getLastRow'
  | 'getMaxColumns'
  | 'getMaxRows'
  | 'getName'
  | 'getParent'
  | 'getRange'
  | 'getSheetId'
  | 'getTabColor'
  | 'hideColumn'
  | 'hideColumns'
  | 'hideSheet'
  | 'insertColumnAfter'
  | 'insertColumnBefore'
  | 'insertColumns'
  | 'insertColumnsAfter'
  | 'insertColumnsBefore'
  | 'insertRowAfter'
  | 'insertRowBefore'
  | 'insertRows'
  | 'insertRowsAfter'
  | 'insertRowsBefore'
  | 'isColumnHiddenByUser'
  | 'isSheetHidden'
  | 'setActiveRange'
  | 'setColumnWidth'
  | 'setColumnWidths'
  | 'setFrozenColumns'
  | 'setFrozenRows'
  | 'setName'
  | 'setTabColor'
  | 'showColumns'
  | 'showSheet';

/** A Sheet (tab). */
export class LocalSheet implements Local<GasSheet, SheetMethods> {
  constructor(
    private readonly env: SpreadsheetEnv,
    private readonly records: UiRecords,
    /** The sheet in the workbook model. */
    readonly model: SheetModel,
  ) {}

  private hit(method: string): void {
    this.env.ctx.hit('Spreadsheet', `Sheet.${method}`);
  }

  private fail(message: string): Error {
    return this.env.ctx.error(message);
  }

  getName(): string {
    this.hit('getName');
    return this.model.name;
  }

  setName(name: string): this {
    this.hit('setName');
    guarded(this.env.ctx, () => this.env.book.renameSheet(this.model.name, String(name)));
    return this;
  }

  getSheetId(): number {
    this.hit('getSheetId');
    return this.model.id;
  }

  getIndex(): number {
    this.hit('getIndex');
    return this.env.book.sheets.indexOf(this.model) + 1;
  }

  getParent(): LocalSpreadsheet {
    this.hit('getParent');
    return new LocalSpreadsheet(this.env, this.records);
  }

  getLastRow(): number {
    this.hit('getLastRow');
    return this.model.lastRow();
  }

  getLastColumn(): number {
    this.hit('getLastColumn');
    return this.model.lastColumn();
  }

  getMaxRows(): number {
    this.hit('getMaxRows');
    return this.model.maxRows;
  }

  getMaxColumns(): number {
    this.hit('getMaxColumns');
    return this.model.maxColumns;
  }

  /** getRange(row, column, numRows?, numColumns?) or getRange(a1Notation). */
  getRange(
    rowOrA1: number | string,
    column?: number,
    numRows?: number,
    numColumns?: number,
  ): LocalRange {
    this.hit('getRange');
    if (typeof rowOrA1 === 'string' && column === undefined)
      return resolveRange(this.env, rowOrA1, this.model);
    return this.checkedRange(Number(rowOrA1), Number(column), numRows ?? 1, numColumns ?? 1);
  }

  private checkedRange(row: number, column: number, rows: number, columns: number): LocalRange {
    if (!Number.isFinite(row) || !Number.isFinite(column)) {
      throw this.fail(
        `The parameters (${typeof row},${typeof column}) don't match the method signature ` +
          `for SpreadsheetApp.Sheet.getRange.`,
      );
    }
    if (row < 1) throw this.fail('The starting row of the range is too small.');
    if (column < 1) throw this.fail('The starting column of the range is too small.');
    if (rows < 1) throw this.fail('The number of rows in the range must be at least 1.');
    if (columns < 1) throw this.fail('The number of columns in the range must be at least 1.');
    return this.env.range(
      this.model,
      Math.floor(row),
      Math.floor(column),
      Math.floor(rows),
      Math.floor(columns),
    );
  }

  getDataRange(): LocalRange {
    this.hit('getDataRange');
    return this.env.range(
      this.model,
      1,
      1,
      Math.max(1, this.model.lastRow()),
      Math.max(1, this.model.lastColumn()),
    );
  }

  getActiveRange(): LocalRange | null {
    this.hit('getActiveRange');
    const selection = this.env.book.selection;
    if (selection?.sheetId !== this.model.id) return this.env.range(this.model, 1, 1, 1, 1);
    return this.env.range(
      this.model,
      selection.row,
      selection.column,
      selection.rows,
      selection.columns,
    );
  }

  getActiveCell(): LocalRange {
    this.hit('getActiveCell');
    const selection = this.env.book.selection;
    if (selection?.sheetId !== this.model.id) return this.env.range(this.model, 1, 1, 1, 1);
    return this.env.range(this.model, selection.row, selection.column, 1, 1);
  }

  setActiveRange(range: LocalRange): LocalRange {
    this.hit('setActiveRange');
    return range.activate();
  }

  activate(): this {
    this.hit('activate');
    this.env.book.activeSheetId = this.model.id;
    return this;
  }

  getFrozenRows(): number {
    this.hit('getFrozenRows');
    return this.model.frozenRows;
  }

  setFrozenRows(rows: number): void {
    this.hit('setFrozenRows');
    if (rows < 0 || rows > this.model.maxRows) throw this.fail('Those rows are out of bounds.');
    this.model.frozenRows = rows;
  }

  getFrozenColumns(): number {
    this.hit('getFrozenColumns');
    return this.model.frozenColumns;
  }

  setFrozenColumns(columns: number): void {
    this.hit('setFrozenColumns');
    if (columns < 0 || columns > this.model.maxColumns)
      throw this.fail('Those columns are out of bounds.');
    this.model.frozenColumns = columns;
  }

  appendRow(rowContents: unknown[]): this {
    this.hit('appendRow');
    if (!Array.isArray(rowContents)) {
      throw this.fail(
        `The parameters (${typeof rowContents}) don't match the method signature ` +
          `for SpreadsheetApp.Sheet.appendRow.`,
      );
    }
    const row = this.model.lastRow();
    guarded(this.env.ctx, () =>
      rowContents.forEach((value, c) =>
        writeInput(this.model, row, c, value, this.env.book.timeZone),
      ),
    );
    this.model.grow(row + 1, rowContents.length);
    return this;
  }

  // ---- rows and columns ------------------------------------------------------------------

  private checkColumns(column: number, count: number): void {
    if (column < 1 || count < 1 || column + count - 1 > this.model.maxColumns) {
      throw this.fail('Those columns are out of bounds.');
    }
  }

  private checkRows(row: number, count: number): void {
    if (row < 1 || count < 1 || row + count - 1 > this.model.maxRows)
      throw this.fail('Those rows are out of bounds.');
  }

  insertColumnBefore(beforePosition: number): this {
    this.hit('insertColumnBefore');
    this.checkColumns(beforePosition, 1);
    this.model.insertColumns(beforePosition - 1, 1);
    return this;
  }

  insertColumnAfter(afterPosition: number): this {
    this.hit('insertColumnAfter');
    this.checkColumns(afterPosition, 1);
    this.model.insertColumns(afterPosition, 1);
    return this;
  }

  insertColumnsBefore(beforePosition: number, howMany: number): this {
    this.hit('insertColumnsBefore');
    this.checkColumns(beforePosition, 1);
    this.model.insertColumns(beforePosition - 1, howMany);
    return this;
  }

  insertColumnsAfter(afterPosition: number, howMany: number): this {
    this.hit('insertColumnsAfter');
    this.checkColumns(afterPosition, 1);
    this.model.insertColumns(afterPosition, howMany);
    return this;
  }

  insertColumns(columnIndex: number, numColumns = 1): void {
    this.hit('insertColumns');
    this.checkColumns(columnIndex, 1);
    this.model.insertColumns(columnIndex - 1, numColumns);
  }

  deleteColumn(columnPosition: number): this {
    this.hit('deleteColumn');
    this.removeColumns(columnPosition, 1);
    return this;
  }

  deleteColumns(columnPosition: number, howMany: number): void {
    this.hit('deleteColumns');
    this.removeColumns(columnPosition, howMany);
  }

  private removeColumns(column: number, count: number): void {
    this.checkColumns(column, count);
    if (count >= this.model.maxColumns - Math.min(this.model.frozenColumns, column - 1)) {
      throw this.fail('Sorry, it is not possible to delete all non-frozen columns.');
    }
    this.model.deleteColumns(column - 1, count);
  }

  insertRowBefore(beforePosition: number): this {
    this.hit('insertRowBefore');
    this.checkRows(beforePosition, 1);
    this.model.insertRows(beforePosition - 1, 1);
    return this;
  }

  insertRowAfter(afterPosition: number): this {
    this.hit('insertRowAfter');
    this.checkRows(afterPosition, 1);
    this.model.insertRows(afterPosition, 1);
    return this;
  }

  insertRowsBefore(beforePosition: number, howMany: number): this {
    this.hit('insertRowsBefore');
    this.checkRows(beforePosition, 1);
    this.model.insertRows(beforePosition - 1, howMany);
    return this;
  }

  insertRowsAfter(afterPosition: number, howMany: number): this {
    this.hit('insertRowsAfter');
    this.checkRows(afterPosition, 1);
    this.model.insertRows(afterPosition, howMany);
    return this;
  }

  insertRows(rowIndex: number, numRows = 1): void {
    this.hit('insertRows');
    this.checkRows(rowIndex, 1);
    this.model.insertRows(rowIndex - 1, numRows);
  }

  deleteRow(rowPosition: number): this {
    this.hit('deleteRow');
    this.removeRows(rowPosition, 1);
    return this;
  }

  deleteRows(rowPosition: number, howMany: number): void {
    this.hit('deleteRows');
    this.removeRows(rowPosition, howMany);
  }

  private removeRows(row: number, count: number): void {
    this.checkRows(row, count);
    const frozenKept = Math.min(this.model.frozenRows, row - 1);
    if (count >= this.model.maxRows - frozenKept) {
      throw this.fail('Sorry, it is not possible to delete all non-frozen rows.');
    }
    this.model.deleteRows(row - 1, count);
  }

  /** Sheet.moveColumns(columnSpec, destinationIndex): destination counted before the move. */
  moveColumns(columnSpec: LocalRange, destinationIndex: number): void {
    this.hit('moveColumns');
    this.model.moveColumns(columnSpec.column - 1, columnSpec.columns, destinationIndex - 1);
  }

  hideColumns(columnIndex: number, numColumns = 1): void {
    this.hit('hideColumns');
    this.setHidden(columnIndex, numColumns, true);
  }

  hideColumn(column: LocalRange): void {
    this.hit('hideColumn');
    this.setHidden(column.column, column.columns, true);
  }

  showColumns(columnIndex: number, numColumns = 1): void {
    this.hit('showColumns');
    this.setHidden(columnIndex, numColumns, false);
  }

  private setHidden(column: number, count: number, hidden: boolean): void {
    this.checkColumns(column, count);
    for (let c = column - 1; c < column - 1 + count; c++)
      this.model.hiddenColumns[c] = hidden || undefined;
  }

  isColumnHiddenByUser(columnPosition: number): boolean {
    this.hit('isColumnHiddenByUser');
    return this.model.hiddenColumns[columnPosition - 1] === true;
  }

  getColumnWidth(columnPosition: number): number {
    this.hit('getColumnWidth');
    return this.model.columnWidths[columnPosition - 1] ?? 100;
  }

  setColumnWidth(columnPosition: number, width: number): this {
    this.hit('setColumnWidth');
    this.model.columnWidths[columnPosition - 1] = width;
    return this;
  }

  setColumnWidths(startColumn: number, numColumns: number, width: number): this {
    this.hit('setColumnWidths');
    for (let c = startColumn - 1; c < startColumn - 1 + numColumns; c++)
      this.model.columnWidths[c] = width;
    return this;
  }

  // Fitting widths needs fonts; the local workbook keeps the widths it has.
  autoResizeColumn(_columnPosition: number): this {
    this.hit('autoResizeColumn');
    return this;
  }

  autoResizeColumns(_startColumn: number, _numColumns: number): this {
    this.hit('autoResizeColumns');
    return this;
  }

  // ---- the sheet as a whole --------------------------------------------------------------

  isSheetHidden(): boolean {
    this.hit('isSheetHidden');
    return this.model.hidden;
  }

  hideSheet(): this {
    this.hit('hideSheet');
    const visible = this.env.book.sheets.filter((sheet) => !sheet.hidden);
    if (visible.length === 1 && visible[0] === this.model) {
      throw this.fail("You can't hide all the sheets in a document.");
    }
    this.model.hidden = true;
    return this;
  }

  showSheet(): this {
    this.hit('showSheet');
    this.model.hidden = false;
    return this;
  }

  getTabColor(): string | null {
    this.hit('getTabColor');
    return this.model.tabColor;
  }

  setTabColor(color: string | null): this {
    this.hit('setTabColor');
    this.model.tabColor = color;
    return this;
  }

  clear(options?: { formatOnly?: boolean; contentsOnly?: boolean }): this {
    this.hit('clear');
    const { maxRows, maxColumns } = this.model;
    const formats = !options?.contentsOnly;
    this.model.clearRect(0, 0, maxRows, maxColumns, { values: !options?.formatOnly, formats });
    return this;
  }

  clearContents(): this {
    this.hit('clearContents');
    this.model.clearRect(0, 0, this.model.maxRows, this.model.maxColumns, { values: true });
    return this;
  }

  clearFormats(): this {
    this.hit('clearFormats');
    this.model.clearRect(0, 0, this.model.maxRows, this.model.maxColumns, { formats: true });
    return this;
  }

  clearNotes(): this {
    this.hit('clearNotes');
    this.model.clearRect(0, 0, this.model.maxRows, this.model.maxColumns, { notes: true });
    return this;
  }

  getFilter(): null {
    this.hit('getFilter');
    return null;
  }
}
