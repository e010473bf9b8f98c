// Reads and writes the local workbook as .xlsx with exceljs. Cells, formats, notes, styles,
// frozen rows, hidden sheets and columns, tab colours and data validations are native xlsx;
// what xlsx cannot hold (spreadsheet id, time zone, property stores, triggers, sheet ids and
// grid sizes, exact validation rules) goes as JSON into a veryHidden sheet.

import { randomBytes } from 'node:crypto';
import {
  accessSync,
  chmodSync,
  chownSync,
  constants,
  renameSync,
  rmSync,
  statSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { isDate } from './context';
import {
  NEW_SHEET_COLUMNS,
  NEW_SHEET_ROWS,
  put,
  SheetModel,
  type CellStyle,
  type ValidationRule,
} from './sheet-model';
import { Formula, isoWall, type Cell } from './values';

/** The sheet that carries the workbook's metadata; never visible through SpreadsheetApp. */
export const META_SHEET = '_deal_desk_local';
// Excel refuses more than 32,767 characters in a cell: the JSON is split over A1, A2, ...
const META_CHUNK = 32_000;
// Sheets measures column widths in pixels, Excel in characters of about 7 pixels.
const PIXELS_PER_CHAR = 7;

export type TriggerEventType = 'CLOCK' | 'ON_OPEN' | 'ON_EDIT' | 'ON_CHANGE' | 'ON_FORM_SUBMIT';

/** An installed trigger, as persisted. */
export interface TriggerRecord {
  id: string;
  handler: string;
  eventType: TriggerEventType;
  source: 'CLOCK' | 'SPREADSHEETS';
  sourceId: string;
  /** For CLOCK triggers: the builder calls made (everyDays, atHour, ...). */
  schedule?: Record<string, number | string>;
}

/** Everything about the workbook that is not a sheet's own content. */
export interface WorkbookMeta {
  format: 1;
  id: string;
  name: string;
  timeZone: string;
  locale: string;
  properties: {
    document: Record<string, string>;
    script: Record<string, string>;
    user: Record<string, string>;
  };
  triggers: TriggerRecord[];
  sheets: { name: string; id: number; maxRows: number; maxColumns: number }[];
  activeSheetId: number | null;
  temporaryUserKey: string;
  /** Exact rules behind the xlsx validations, keyed by what the xlsx rule looks like. */
  validations: { key: string; rule: ValidationRule }[];
}

type XlsxValidation = ExcelJS.DataValidation;
interface ValidationHolder {
  dataValidations: { model: Record<string, XlsxValidation | undefined> };
}

// ---- writing ------------------------------------------------------------------------------

/** A workbook file that can't be read or written, said in one plain line for the user. */
export class WorkbookFileError extends Error {}

/**
 * Throws a WorkbookFileError when `path` can't be saved to: its folder is missing or
 * read-only, it is a folder, or the file is read-only (no write permission bit set counts as
 * read-only even for root, who could write it anyway). Saving never replaces such a file.
 */
export function assertCanSave(path: string): void {
  const folder = dirname(path);
  const folderStats = statOrNull(folder);
  if (!folderStats)
    throw new WorkbookFileError(`${path} can't be saved: there is no folder ${folder}.`);
  if (!folderStats.isDirectory()) {
    throw new WorkbookFileError(`${path} can't be saved: ${folder} is not a folder.`);
  }
  const file = statOrNull(path);
  if (file?.isDirectory()) {
    throw new WorkbookFileError(`${path} is a folder, not an Excel workbook (.xlsx).`);
  }
  if (file && (!canWrite(path) || (file.mode & 0o222) === 0)) {
    throw new WorkbookFileError(
      `${path} is read-only: make it writable or use another file name; nothing was saved.`,
    );
  }
  if (!canWrite(folder)) {
    throw new WorkbookFileError(`${path} can't be saved: the folder ${folder} is read-only.`);
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function canWrite(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The replacement file keeps the permissions (and, where allowed, the owner) of the old one. */
function keepAccess(temporary: string, previous: Stats): void {
  chmodSync(temporary, previous.mode & 0o7777);
  if (process.getuid?.() === 0 && (previous.uid !== 0 || previous.gid !== 0)) {
    try {
      chownSync(temporary, previous.uid, previous.gid);
    } catch {
      // The new file stays root's; its mode is still the old one.
    }
  }
}

/**
 * Writes sheets and metadata to `path` atomically (a temporary file renamed over it), after
 * checking that `path` may be saved to (see assertCanSave).
 */
export async function writeXlsx(
  path: string,
  sheets: SheetModel[],
  meta: WorkbookMeta,
): Promise<void> {
  assertCanSave(path);
  const book = new ExcelJS.Workbook();
  const catalogue = new Map<string, ValidationRule>();
  for (const sheet of sheets) writeSheet(book, sheet, catalogue);
  const full: WorkbookMeta = {
    ...meta,
    validations: [...catalogue].map(([key, rule]) => ({ key, rule })),
  };
  writeMeta(book, full);
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    // Fast deflate: a quarter of the save time for 50,000 rows, for a slightly larger file.
    await book.xlsx.writeFile(temporary, {
      zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } },
    } as ExcelJS.XlsxWriteOptions);
    const previous = statOrNull(path);
    if (previous) keepAccess(temporary, previous);
    renameSync(temporary, path);
  } catch (error) {
    throw saveError(path, error);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** A system error while saving, in one line that names the workbook, not the temporary file. */
function saveError(path: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const reasons: Record<string, string> = {
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is used up',
    EROFS: 'the disk is read-only',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOENT: `there is no folder ${dirname(path)}`,
  };
  const reason = code ? reasons[code] : undefined;
  return reason
    ? new WorkbookFileError(`${path} can't be saved: ${reason}; nothing was saved.`)
    : (error as Error);
}

function writeSheet(
  book: ExcelJS.Workbook,
  sheet: SheetModel,
  catalogue: Map<string, ValidationRule>,
): void {
  const ws = book.addWorksheet(sheet.name, {
    state: sheet.hidden ? 'hidden' : 'visible',
    properties: sheet.tabColor ? { tabColor: { argb: toArgb(sheet.tabColor) } } : {},
    views:
      sheet.frozenRows || sheet.frozenColumns
        ? [{ state: 'frozen', ySplit: sheet.frozenRows, xSplit: sheet.frozenColumns }]
        : [],
  });
  writeColumns(ws, sheet);
  writeCells(ws, sheet);
  writeValidations(ws, sheet, catalogue);
}

function writeColumns(ws: ExcelJS.Worksheet, sheet: SheetModel): void {
  const count = Math.max(sheet.columnWidths.length, sheet.hiddenColumns.length);
  for (let c = 0; c < count; c++) {
    const width = sheet.columnWidths[c];
    const hidden = sheet.hiddenColumns[c];
    if (width === undefined && !hidden) continue;
    const column = ws.getColumn(c + 1);
    if (width !== undefined) column.width = width / PIXELS_PER_CHAR;
    if (hidden) column.hidden = true;
  }
}

function writeCells(ws: ExcelJS.Worksheet, sheet: SheetModel): void {
  const styles = new StyleCache();
  const rows = Math.max(
    sheet.values.length,
    sheet.formats.length,
    sheet.notes.length,
    sheet.styles.length,
  );
  for (let r = 0; r < rows; r++) {
    const values = sheet.values[r];
    const formats = sheet.formats[r];
    const notes = sheet.notes[r];
    const cellStyles = sheet.styles[r];
    if (!values && !formats && !notes && !cellStyles) continue;
    const row = ws.getRow(r + 1);
    const width = Math.max(
      values?.length ?? 0,
      formats?.length ?? 0,
      notes?.length ?? 0,
      cellStyles?.length ?? 0,
    );
    for (let c = 0; c < width; c++) {
      const value = values?.[c];
      const format = formats?.[c] ?? defaultFormat(value);
      const note = notes?.[c];
      const style = cellStyles?.[c];
      if (value === undefined && format === undefined && note === undefined && !style) continue;
      const cell = row.getCell(c + 1);
      if (value !== undefined && value !== '') cell.value = toExcelValue(value);
      cell.style = styles.get(format, style);
      if (note !== undefined) cell.note = note;
    }
  }
}

// exceljs works out each distinct style once per style object: cells with the same format and
// style share one object (the difference between minutes and seconds for 50,000 rows).
class StyleCache {
  private readonly byKey = new Map<string, Partial<ExcelJS.Style>>();
  private readonly keys = new WeakMap<CellStyle, string>();
  private readonly empty: Partial<ExcelJS.Style> = {};

  get(format: string | undefined, style: CellStyle | undefined): Partial<ExcelJS.Style> {
    if (format === undefined && !style) return this.empty;
    let styleKey = '';
    if (style) {
      styleKey = this.keys.get(style) ?? JSON.stringify(style);
      this.keys.set(style, styleKey);
    }
    const key = `${format ?? ''}\u0000${styleKey}`;
    let shared = this.byKey.get(key);
    if (!shared) this.byKey.set(key, (shared = excelStyle(format, style)));
    return shared;
  }
}

function excelStyle(
  format: string | undefined,
  style: CellStyle | undefined,
): Partial<ExcelJS.Style> {
  const result: Partial<ExcelJS.Style> = {};
  if (format !== undefined) result.numFmt = format;
  if (!style) return result;
  const font: Partial<ExcelJS.Font> = {};
  if (style.fontWeight === 'bold') font.bold = true;
  if (style.fontStyle === 'italic') font.italic = true;
  if (style.fontColor) font.color = { argb: toArgb(style.fontColor) };
  if (Object.keys(font).length) result.font = font;
  if (style.background) {
    result.fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: toArgb(style.background) },
    };
  }
  if (style.wrap !== undefined || style.horizontalAlignment) {
    const alignment: Partial<ExcelJS.Alignment> = {};
    if (style.wrap !== undefined) alignment.wrapText = style.wrap;
    if (style.horizontalAlignment) {
      alignment.horizontal = style.horizontalAlignment as ExcelJS.Alignment['horizontal'];
    }
    result.alignment = alignment;
  }
  return result;
}

// exceljs gives a date without a format Excel's m/d/yy; keep the ISO look the runtime shows.
function defaultFormat(value: Cell): string | undefined {
  if (!isDate(value)) return undefined;
  return isoWall(value.getTime()).length > 10 ? 'yyyy-mm-dd hh:mm:ss' : 'yyyy-mm-dd';
}

function toExcelValue(value: Exclude<Cell, undefined>): ExcelJS.CellValue {
  if (value instanceof Formula) {
    const formula = value.text.slice(1);
    return value.cached === undefined
      ? { formula }
      : ({ formula, result: value.cached } as ExcelJS.CellValue);
  }
  return value;
}

/** '#1a73e8' or 'red'-free hex to exceljs ARGB; unknown names become black. */
function toArgb(color: string): string {
  const hex = /^#?([0-9a-f]{6})$/i.exec(color)?.[1];
  return `FF${(hex ?? '000000').toUpperCase()}`;
}

function fromArgb(argb: string | undefined): string | undefined {
  return argb && /^[0-9A-F]{8}$/i.test(argb) ? `#${argb.slice(2).toLowerCase()}` : undefined;
}

// ---- validations --------------------------------------------------------------------------

const ruleKeys = new WeakMap<ValidationRule, string>();

function ruleKey(rule: ValidationRule): string {
  let key = ruleKeys.get(rule);
  if (key === undefined) ruleKeys.set(rule, (key = JSON.stringify(rule)));
  return key;
}

// One xlsx validation per run of equal rules down a column (Sheets' usual whole-column rules).
function writeValidations(
  ws: ExcelJS.Worksheet,
  sheet: SheetModel,
  catalogue: Map<string, ValidationRule>,
): void {
  const model = (ws as unknown as ValidationHolder).dataValidations.model;
  const columns = sheet.validations.reduce((max, row) => Math.max(max, row?.length ?? 0), 0);
  for (let c = 0; c < columns; c++) {
    let start = -1;
    let current: ValidationRule | undefined;
    const flush = (end: number) => {
      if (!current) return;
      const dv = ruleToXlsx(current);
      catalogue.set(xlsxKey(dv), current);
      const letter = columnLetter(c + 1);
      model[`${letter}${start + 1}:${letter}${end}`] = dv;
    };
    for (let r = 0; r <= sheet.validations.length; r++) {
      const rule = sheet.validations[r]?.[c];
      if (rule === current || (rule && current && ruleKey(rule) === ruleKey(current))) continue;
      flush(r);
      start = r;
      current = rule;
    }
  }
}

const NUMBER_OPERATORS: Record<string, ExcelJS.DataValidationOperator> = {
  BETWEEN: 'between',
  NOT_BETWEEN: 'notBetween',
  EQUAL_TO: 'equal',
  NOT_EQUAL_TO: 'notEqual',
  GREATER_THAN: 'greaterThan',
  GREATER_THAN_OR_EQUAL_TO: 'greaterThanOrEqual',
  LESS_THAN: 'lessThan',
  LESS_THAN_OR_EQUAL_TO: 'lessThanOrEqual',
};
const DATE_OPERATORS: Record<string, ExcelJS.DataValidationOperator> = {
  BETWEEN: 'between',
  NOT_BETWEEN: 'notBetween',
  EQUAL_TO: 'equal',
  AFTER: 'greaterThan',
  ON_OR_AFTER: 'greaterThanOrEqual',
  BEFORE: 'lessThan',
  ON_OR_BEFORE: 'lessThanOrEqual',
};
// "Any valid date" in Excel terms: on or after 1900-01-01.
const FIRST_EXCEL_DAY = Date.UTC(1900, 0, 1);

function ruleToXlsx(rule: ValidationRule): XlsxValidation {
  const base = {
    allowBlank: true,
    showErrorMessage: !rule.allowInvalid,
    errorStyle: 'stop',
    ...(rule.helpText ? { showInputMessage: true, prompt: rule.helpText } : {}),
  };
  const [kind, operator] = splitCriteria(rule.criteria);
  if (rule.criteria === 'VALUE_IN_LIST') {
    const items = (rule.args[0] as unknown[]).map((item) => String(item).replace(/"/g, '""'));
    return { ...base, type: 'list', formulae: [`"${items.join(',')}"`] };
  }
  if (rule.criteria === 'VALUE_IN_RANGE')
    return { ...base, type: 'list', formulae: [rule.args[0]] };
  if (rule.criteria === 'CHECKBOX') return { ...base, type: 'list', formulae: ['"TRUE,FALSE"'] };
  if (kind === 'NUMBER' && NUMBER_OPERATORS[operator]) {
    return { ...base, type: 'decimal', operator: NUMBER_OPERATORS[operator], formulae: rule.args };
  }
  if (rule.criteria === 'DATE_IS_VALID_DATE') {
    return {
      ...base,
      type: 'date',
      operator: 'greaterThanOrEqual',
      formulae: [new Date(FIRST_EXCEL_DAY)],
    };
  }
  if (kind === 'DATE' && DATE_OPERATORS[operator]) {
    const dates = rule.args.map((wall) => new Date(wall as number));
    return { ...base, type: 'date', operator: DATE_OPERATORS[operator], formulae: dates };
  }
  const formula =
    rule.criteria === 'CUSTOM_FORMULA' ? String(rule.args[0]).replace(/^=/, '') : 'TRUE';
  return { ...base, type: 'custom', formulae: [formula] };
}

function splitCriteria(criteria: string): [string, string] {
  const at = criteria.indexOf('_');
  return [criteria.slice(0, at), criteria.slice(at + 1)];
}

/** What an xlsx validation looks like after a write and a read, as a lookup key. */
function xlsxKey(dv: XlsxValidation): string {
  const formulae = (dv.formulae ?? []).map((f: unknown) =>
    isDate(f) ? Math.round(f.getTime() / 1000) : String(f),
  );
  const operator = dv.type === 'list' || dv.type === 'custom' ? '' : (dv.operator ?? 'between');
  return JSON.stringify([
    dv.type,
    operator,
    formulae,
    dv.prompt ?? '',
    dv.showErrorMessage ? 1 : 0,
  ]);
}

function xlsxToRule(
  dv: XlsxValidation,
  catalogue: Map<string, ValidationRule>,
): ValidationRule | undefined {
  const exact = catalogue.get(xlsxKey(dv));
  if (exact) return exact;
  const base = { allowInvalid: !dv.showErrorMessage, helpText: dv.prompt ?? '' };
  const first = dv.formulae?.[0];
  switch (dv.type) {
    case 'list':
      return typeof first === 'string' && first.startsWith('"')
        ? { ...base, criteria: 'VALUE_IN_LIST', args: [parseList(first), true] }
        : { ...base, criteria: 'VALUE_IN_RANGE', args: [String(first), true] };
    case 'decimal':
    case 'whole':
      return {
        ...base,
        criteria: `NUMBER_${invert(NUMBER_OPERATORS, dv.operator)}`,
        args: dv.formulae,
      };
    case 'date':
      return dateRule(dv, base);
    case 'custom':
      return { ...base, criteria: 'CUSTOM_FORMULA', args: [`=${String(first)}`] };
    default:
      return undefined;
  }
}

function dateRule(
  dv: XlsxValidation,
  base: Omit<ValidationRule, 'criteria' | 'args'>,
): ValidationRule {
  const walls = (dv.formulae ?? []).map((f: unknown) => (isDate(f) ? f.getTime() : Number(f)));
  if (dv.operator === 'greaterThanOrEqual' && (walls[0] ?? 0) <= FIRST_EXCEL_DAY) {
    return { ...base, criteria: 'DATE_IS_VALID_DATE', args: [] };
  }
  return { ...base, criteria: `DATE_${invert(DATE_OPERATORS, dv.operator)}`, args: walls };
}

function invert(map: Record<string, string>, operator: string | undefined): string {
  return Object.keys(map).find((name) => map[name] === (operator ?? 'between')) ?? 'BETWEEN';
}

function parseList(formula: string): string[] {
  return formula
    .slice(1, -1)
    .split(',')
    .map((item) => item.replace(/""/g, '"'));
}

/** 1 → A, 27 → AA. */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

// ---- metadata -----------------------------------------------------------------------------

function writeMeta(book: ExcelJS.Workbook, meta: WorkbookMeta): void {
  const ws = book.addWorksheet(META_SHEET, { state: 'veryHidden' });
  const json = JSON.stringify(meta);
  for (let i = 0, row = 1; i < json.length || row === 1; i += META_CHUNK, row++) {
    ws.getCell(row, 1).value = json.slice(i, i + META_CHUNK);
  }
}

function readMeta(ws: ExcelJS.Worksheet): WorkbookMeta | null {
  let json = '';
  for (let row = 1; row <= ws.rowCount; row++) json += String(ws.getCell(row, 1).value ?? '');
  try {
    const meta = JSON.parse(json) as WorkbookMeta;
    return meta.format === 1 ? meta : null;
  } catch {
    return null;
  }
}

// ---- reading ------------------------------------------------------------------------------

/** What an .xlsx file holds: its sheets in order and the metadata, if this runtime wrote it. */
export async function readXlsx(
  path: string,
): Promise<{ sheets: SheetModel[]; meta: WorkbookMeta | null }> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.readFile(path);
  } catch (error) {
    throw readError(path, error);
  }
  if (book.worksheets.length === 0) throw unreadable(path, 'it has no worksheets');
  const metaSheet = book.worksheets.find((ws) => ws.name === META_SHEET);
  const meta = metaSheet ? readMeta(metaSheet) : null;
  const catalogue = new Map((meta?.validations ?? []).map(({ key, rule }) => [key, rule]));
  const sheets = book.worksheets
    .filter((ws) => ws.name !== META_SHEET)
    .map((ws) => readSheet(ws, meta, catalogue));
  return { sheets, meta };
}

function unreadable(path: string, reason: string): WorkbookFileError {
  return new WorkbookFileError(
    `${path} is not an Excel workbook (.xlsx) Deal Desk can read: ${reason}.`,
  );
}

/** Why the file could not be read, in one plain line (jszip and fs speak of zips and errnos). */
function readError(path: string, error: unknown): Error {
  const { code, message = '' } = error as NodeJS.ErrnoException;
  if (code === 'EISDIR')
    return new WorkbookFileError(`${path} is a folder, not an Excel workbook (.xlsx).`);
  if (code === 'EACCES' || code === 'EPERM') {
    return new WorkbookFileError(`${path} can't be read: permission denied.`);
  }
  if (code === 'ENOENT' || /^File not found/.test(message)) {
    return new WorkbookFileError(`There is no workbook ${path}.`);
  }
  if (/zip|central directory|end of data/i.test(message)) {
    return unreadable(
      path,
      'it is damaged or not an .xlsx file at all (an .xlsx file is a zip archive)',
    );
  }
  return unreadable(path, message.split('\n')[0]?.replace(/[.\s]+$/, '') || 'unknown error');
}

function readSheet(
  ws: ExcelJS.Worksheet,
  meta: WorkbookMeta | null,
  catalogue: Map<string, ValidationRule>,
): SheetModel {
  const known = meta?.sheets.find((entry) => entry.name === ws.name);
  const sheet = new SheetModel(ws.name, known?.id ?? -1);
  sheet.hidden = ws.state !== 'visible';
  sheet.tabColor = fromArgb(ws.properties.tabColor?.argb) ?? null;
  const view = ws.views?.[0];
  if (view?.state === 'frozen') {
    sheet.frozenRows = view.ySplit ?? 0;
    sheet.frozenColumns = view.xSplit ?? 0;
  }
  readColumns(ws, sheet);
  readCells(ws, sheet);
  readValidations(ws, sheet, catalogue);
  const lastRow = Math.max(sheet.values.length, ws.rowCount);
  sheet.maxRows = Math.max(known?.maxRows ?? NEW_SHEET_ROWS, lastRow, 1);
  sheet.maxColumns = Math.max(known?.maxColumns ?? NEW_SHEET_COLUMNS, ws.columnCount, 1);
  return sheet;
}

function readColumns(ws: ExcelJS.Worksheet, sheet: SheetModel): void {
  for (let c = 1; c <= ws.columnCount; c++) {
    const column = ws.getColumn(c);
    if (column.width !== undefined)
      sheet.columnWidths[c - 1] = Math.round(column.width * PIXELS_PER_CHAR);
    if (column.hidden) sheet.hiddenColumns[c - 1] = true;
  }
}

function readCells(ws: ExcelJS.Worksheet, sheet: SheetModel): void {
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const value = fromExcelValue(cell);
      if (value !== undefined) put(sheet.values, r - 1, c - 1, value);
      if (cell.numFmt) put(sheet.formats, r - 1, c - 1, cell.numFmt);
      const note = noteText(cell.note);
      if (note !== undefined) put(sheet.notes, r - 1, c - 1, note);
      const style = readStyle(cell);
      if (style) put(sheet.styles, r - 1, c - 1, style);
    });
  });
}

function fromExcelValue(cell: ExcelJS.Cell): Cell {
  const value = cell.value;
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  if (isDate(value)) return value;
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    const cached = typeof result === 'object' && !isDate(result) ? undefined : (result as string);
    return new Formula(`=${cell.formula}`, cached);
  }
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('hyperlink' in value) {
    const text = value.text as unknown;
    return typeof text === 'string' ? text : String(value.hyperlink);
  }
  if ('error' in value) return value.error;
  return undefined;
}

function noteText(note: ExcelJS.Cell['note']): string | undefined {
  if (note === undefined || note === null) return undefined;
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map((run) => run.text).join('');
}

function readStyle(cell: ExcelJS.Cell): CellStyle | undefined {
  const style: CellStyle = {};
  if (cell.font?.bold) style.fontWeight = 'bold';
  if (cell.font?.italic) style.fontStyle = 'italic';
  const color = fromArgb(cell.font?.color?.argb);
  if (color) style.fontColor = color;
  const fill = cell.fill;
  if (fill?.type === 'pattern' && fill.pattern === 'solid') {
    const background = fromArgb(fill.fgColor?.argb);
    if (background) style.background = background;
  }
  if (cell.alignment?.wrapText !== undefined) style.wrap = cell.alignment.wrapText;
  if (cell.alignment?.horizontal) style.horizontalAlignment = cell.alignment.horizontal;
  return Object.keys(style).length ? style : undefined;
}

// exceljs expands every validation range into single cells; cells sharing one xlsx rule share
// one rule object here too.
function readValidations(
  ws: ExcelJS.Worksheet,
  sheet: SheetModel,
  catalogue: Map<string, ValidationRule>,
): void {
  const model = (ws as unknown as ValidationHolder).dataValidations.model;
  const converted = new Map<XlsxValidation, ValidationRule | undefined>();
  for (const [address, dv] of Object.entries(model)) {
    if (!dv || address.includes(':')) continue;
    if (!converted.has(dv)) converted.set(dv, xlsxToRule(dv, catalogue));
    const rule = converted.get(dv);
    const decoded = /^\$?([A-Z]+)\$?(\d+)$/.exec(address);
    if (!rule || !decoded) continue;
    put(sheet.validations, Number(decoded[2]) - 1, columnNumber(decoded[1] as string) - 1, rule);
  }
}

/** A → 1, AA → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
