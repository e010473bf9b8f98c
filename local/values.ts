// Cell contents and how Sheets turns typed text into them (USER_ENTERED), plus how a cell is
// displayed under its number format. Dates in cells are wall times: naive Dates whose UTC
// fields are the calendar day and clock time shown in the spreadsheet's time zone.

import { DAYS, MONTHS } from './time-zone';

/** A formula cell; its value is not computed locally. */
export class Formula {
  constructor(
    readonly text: string,
    /** The value a file saved elsewhere cached for it, kept only to write it back. */
    readonly cached?: string | number | boolean | Date,
  ) {}
}

/** What a cell holds; undefined and '' are both empty. */
export type Cell = string | number | boolean | Date | Formula | undefined;

/** The most characters Sheets accepts in one cell. */
export const MAX_CELL_CHARS = 50_000;
// Module constant: global lookups are slow inside vm contexts (jest's, the bundle's).
const { round } = Math;
const DAY = 86_400_000;
// Sheets' serial day 0 is 1899-12-30 (wall time).
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

/** True for an empty cell. */
export function isEmpty(cell: Cell): boolean {
  return cell === undefined || cell === '';
}

/** The Sheets serial number of a wall time (days since 1899-12-30, fraction = time of day). */
export function wallToSerial(wall: number): number {
  return (wall - SERIAL_EPOCH) / DAY;
}

/** The wall time of a Sheets serial number. */
export function serialToWall(serial: number): number {
  return round(SERIAL_EPOCH + serial * DAY);
}

/** The result of reading typed text: the cell, and the number format Sheets would apply. */
export interface Parsed {
  cell: Cell;
  format?: string;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;
const PERCENT = /^([+-]?(?:\d+\.?\d*|\.\d+))%$/;
const CURRENCY = /^(-?)\$(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const SLASH_YMD = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** Where `readTyped` reports the number format Sheets would apply (reused, so no allocation). */
export interface FormatOut {
  format: string | undefined;
}

/**
 * Reads text as a person typing it into a cell (en_US locale): `'x` is the text x, `=…` a
 * formula, numbers, TRUE/FALSE, dates and times become typed values, anything else stays text.
 * Under the plain-text format '@' nothing is interpreted.
 */
export function parseUserInput(text: string, format: string | undefined): Parsed {
  const out: FormatOut = { format: undefined };
  const cell = readTyped(text, format, out);
  return out.format === undefined ? { cell } : { cell, format: out.format };
}

/**
 * parseUserInput for hot loops: the applied format goes to `out.format` (set it undefined
 * first).
 */
export function readTyped(text: string, format: string | undefined, out: FormatOut): Cell {
  if (text === '') return '';
  if (format === '@') return text;
  const first = text.charCodeAt(0);
  if (first === 39 /* ' */) return text.slice(1);
  if (first === 61 /* = */ && text.length > 1) return new Formula(text);
  if (
    (first >= 48 && first <= 57) ||
    first === 43 ||
    first === 45 ||
    first === 46 ||
    first === 36
  ) {
    const parsed = parseNumeric(text);
    if (!parsed) return text;
    out.format = parsed.format;
    return parsed.cell;
  }
  if (text.length === 4 || text.length === 5) {
    const upper = text.toUpperCase();
    if (upper === 'TRUE') return true;
    if (upper === 'FALSE') return false;
  }
  return text;
}

function parseNumeric(text: string): Parsed | undefined {
  if (NUMBER.test(text)) return { cell: Number(text) };
  if (GROUPED.test(text)) return { cell: Number(text.replace(/,/g, '')), format: '#,##0.##' };
  const percent = PERCENT.exec(text);
  if (percent) return { cell: Number(percent[1]) / 100, format: '0%' };
  const money = CURRENCY.exec(text);
  if (money) {
    const amount = Number(`${money[2]?.replace(/,/g, '')}${money[3] ?? ''}`);
    return { cell: money[1] ? -amount : amount, format: '"$"#,##0.00' };
  }
  return parseDateText(text);
}

function parseDateText(text: string): Parsed | undefined {
  let match = ISO_DATE.exec(text);
  if (match) {
    const [, y, m, d, hh, mm, ss] = match.map((part) => (part === undefined ? 0 : Number(part)));
    const format = match[4] === undefined ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm:ss';
    return wallDate(y as number, m as number, d as number, hh, mm, ss, format);
  }
  if ((match = SLASH_YMD.exec(text))) {
    return wallDate(Number(match[1]), Number(match[2]), Number(match[3]), 0, 0, 0, 'yyyy/mm/dd');
  }
  if ((match = US_DATE.exec(text))) {
    return wallDate(Number(match[3]), Number(match[1]), Number(match[2]), 0, 0, 0, 'm/d/yyyy');
  }
  if ((match = TIME.exec(text))) {
    const format = match[3] === undefined ? 'h:mm' : 'h:mm:ss';
    return wallDate(
      1899,
      12,
      30,
      Number(match[1]),
      Number(match[2]),
      Number(match[3] ?? 0),
      format,
    );
  }
  return undefined;
}

function wallDate(
  y: number,
  m: number,
  d: number,
  hh = 0,
  mm = 0,
  ss = 0,
  format: string,
): Parsed | undefined {
  const date = new Date(Date.UTC(y, m - 1, d, hh, mm, ss));
  const real =
    date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  return real && hh < 24 && mm < 60 && ss < 60 ? { cell: date, format } : undefined;
}

// ---- number formats -----------------------------------------------------------------------

const dateFormatCache = new Map<string, boolean>();
const numberFormatCache = new Map<string, boolean>();

function stripLiterals(format: string): string {
  return format
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');
}

/** True when a Sheets number format shows a date or time (it has y, m, d, h or s codes). */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  let known = dateFormatCache.get(format);
  if (known === undefined) {
    known = /[ymdhs]/i.test(stripLiterals(format).replace(/General/gi, ''));
    dateFormatCache.set(format, known);
  }
  return known;
}

/** True when a format shows a number as a number (so a date cell under it reads as a serial). */
export function isNumberFormat(format: string | undefined): boolean {
  if (!format) return false;
  let known = numberFormatCache.get(format);
  if (known === undefined) {
    const plain = format === '@' || /^general$/i.test(format);
    known = !plain && !isDateFormat(format) && /[0#?]/.test(stripLiterals(format));
    numberFormatCache.set(format, known);
  }
  return known;
}

/** The text Sheets shows for a cell under `format` (formulas show '' locally). */
export function displayCell(cell: Cell, format: string | undefined): string {
  if (cell === undefined || cell === '' || cell instanceof Formula) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (typeof cell === 'number') {
    if (isDateFormat(format)) return formatSheetsDate(serialToWall(cell), format as string);
    return isNumberFormat(format)
      ? formatSheetsNumber(cell, format as string)
      : generalNumber(cell);
  }
  const wall = cell.getTime();
  if (isDateFormat(format)) return formatSheetsDate(wall, format as string);
  if (isNumberFormat(format)) return formatSheetsNumber(wallToSerial(wall), format as string);
  return isoWall(wall);
}

/** `YYYY-MM-DD`, with ` HH:MM:SS` when the wall time is not midnight. */
export function isoWall(wall: number): string {
  const iso = new Date(wall).toISOString();
  return wall % DAY === 0 ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

function generalNumber(value: number): string {
  if (Number.isInteger(value) || !Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(10)));
}

/** Formats a number under a simple Sheets number format ('#,##0.00', '0%', '"$"#,##0'). */
export function formatSheetsNumber(value: number, format: string): string {
  const sections = splitSections(format);
  const section = value < 0 && sections[1] !== undefined ? sections[1] : (sections[0] as string);
  const signed = value < 0 && sections[1] === undefined;
  const core = /[0#?][0#?,]*(?:\.[0#?]*)?|\.[0#?]+/.exec(section);
  if (!core) return section.replace(/"/g, '');
  const percent = section.includes('%') ? 100 : 1;
  const digits = formatDigits(Math.abs(value) * percent, core[0]);
  const prefix = literalText(section.slice(0, core.index));
  const suffix = literalText(section.slice(core.index + core[0].length));
  return `${signed ? '-' : ''}${prefix}${digits}${suffix}`;
}

function splitSections(format: string): string[] {
  const sections: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of format) {
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) {
      sections.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  sections.push(current);
  return sections;
}

function literalText(text: string): string {
  return text
    .replace(/\[\$([^\]-]*)[^\]]*\]/g, '$1')
    .replace(/"([^"]*)"/g, '$1')
    .replace(/\\(.)/g, '$1');
}

function formatDigits(value: number, pattern: string): string {
  const [intPattern = '', decPattern = ''] = pattern.split('.');
  const maxDecimals = (decPattern.match(/[0#?]/g) ?? []).length;
  const minDecimals = (decPattern.match(/0/g) ?? []).length;
  let [intPart = '0', decPart = ''] = value.toFixed(maxDecimals).split('.');
  while (decPart.length > minDecimals && decPart.endsWith('0')) decPart = decPart.slice(0, -1);
  const minInt = (intPattern.match(/0/g) ?? []).length;
  if (intPart === '0' && minInt === 0) intPart = '';
  intPart = intPart.padStart(minInt, '0');
  if (intPattern.includes(',')) intPart = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return decPart ? `${intPart}.${decPart}` : intPart;
}

const DATE_CODE = /^(am\/pm|a\/p|y+|m+|d+|h+|s+|\.0+)/i;

type DatePart = { code: string } | { text: string };

function tokenizeDateFormat(format: string): DatePart[] {
  const parts: DatePart[] = [];
  let i = 0;
  while (i < format.length) {
    const rest = format.slice(i);
    const quoted = /^"([^"]*)"/.exec(rest) ?? /^\\(.)/.exec(rest) ?? /^\[[^\]]*\]/.exec(rest);
    const code = quoted ? null : DATE_CODE.exec(rest);
    if (quoted) parts.push({ text: quoted[1] ?? '' });
    else if (code) parts.push({ code: code[0].toLowerCase() });
    else parts.push({ text: rest[0] as string });
    i += (quoted ?? code)?.[0].length ?? 1;
  }
  return parts;
}

// In Sheets formats, m/mm means minutes right after an hour code or right before seconds.
function isMinutes(parts: DatePart[], index: number): boolean {
  const codes = (from: number, step: number): string | undefined => {
    for (let i = from; i >= 0 && i < parts.length; i += step) {
      const part = parts[i] as DatePart;
      if ('code' in part) return part.code;
    }
    return undefined;
  };
  return /^h/.test(codes(index - 1, -1) ?? '') || /^s/.test(codes(index + 1, 1) ?? '');
}

/** Formats a wall time under a Sheets date/time format ('yyyy-mm-dd', 'd mmm yyyy h:mm am/pm'). */
export function formatSheetsDate(wall: number, format: string): string {
  const date = new Date(wall);
  const parts = tokenizeDateFormat(format);
  const twelveHour = parts.some((part) => 'code' in part && part.code.includes('/'));
  return parts
    .map((part, index) => {
      if ('text' in part) return part.text;
      return dateCode(part.code, date, twelveHour, isMinutes(parts, index));
    })
    .join('');
}

function dateCode(code: string, date: Date, twelveHour: boolean, minutes: boolean): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const hour = date.getUTCHours();
  switch (code[0]) {
    case 'y':
      return code.length <= 2 ? two(date.getUTCFullYear() % 100) : String(date.getUTCFullYear());
    case 'm': {
      if (minutes && code.length <= 2) {
        return code.length === 2 ? two(date.getUTCMinutes()) : String(date.getUTCMinutes());
      }
      const month = date.getUTCMonth();
      const name = MONTHS[month] as string;
      if (code.length >= 5) return name.slice(0, 1);
      if (code.length === 4) return name;
      if (code.length === 3) return name.slice(0, 3);
      return code.length === 2 ? two(month + 1) : String(month + 1);
    }
    case 'd': {
      const day = DAYS[date.getUTCDay()] as string;
      if (code.length >= 4) return day;
      if (code.length === 3) return day.slice(0, 3);
      return code.length === 2 ? two(date.getUTCDate()) : String(date.getUTCDate());
    }
    case 'h': {
      const shown = twelveHour ? hour % 12 || 12 : hour;
      return code.length >= 2 ? two(shown) : String(shown);
    }
    case 's':
      return code.length >= 2 ? two(date.getUTCSeconds()) : String(date.getUTCSeconds());
    case '.':
      return `.${String(date.getUTCMilliseconds())
        .padStart(3, '0')
        .slice(0, code.length - 1)}`;
    default:
      return code === 'a/p' ? (hour < 12 ? 'a' : 'p') : hour < 12 ? 'AM' : 'PM';
  }
}
