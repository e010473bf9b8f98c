/**
 * Converting between cell values and domain values. Dates are the delicate part: a date
 * cell reaches the script as an instant, and only the spreadsheet's own time zone (read at
 * run time, never the script's) turns it back into the day the cell shows.
 */

import { isCalendarDate, type CalendarDate } from '../domain/calendar-date';
import {
  describeAmountProblem,
  readAmountNumber,
  readAmountText,
  toMajorUnits,
} from '../domain/money';

export type FormatDate = (
  date: GoogleAppsScript.Base.Date,
  timeZone: string,
  pattern: string,
) => string;

/** Cell value as Apps Script hands it over: string, number, boolean or Date (of any realm). */
export type CellValue = unknown;

/** The reading of a cell: a value, nothing (blank), or a problem in plain words. */
export type Reading<T> = { ok: true; value: T | null } | { ok: false; problem: string };

const blank = { ok: true, value: null } as const;

/** True for a Date made in any script realm (instanceof fails across realms). */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

function isBlank(value: CellValue): boolean {
  return value === '' || value === null || value === undefined;
}

/** Date conversions for one spreadsheet time zone, memoised because imports repeat days. */
export class CellDates {
  private readonly dayOfInstant = new Map<number, CalendarDate>();
  private readonly midnightOfDay = new Map<CalendarDate, Date>();

  constructor(
    readonly timeZone: string,
    private readonly formatDate: FormatDate,
  ) {}

  /** The calendar day a date cell shows; ISO text is accepted too. */
  readDate(value: CellValue): Reading<CalendarDate> {
    if (isBlank(value)) return blank;
    if (isDate(value)) return { ok: true, value: this.dayOf(value) };

    const text = String(value).trim();
    if (isCalendarDate(text)) return { ok: true, value: text };
    return { ok: false, problem: `"${text}" is not a date: enter it as YYYY-MM-DD.` };
  }

  /** The instant to store so the cell shows `date` in the spreadsheet's time zone. */
  writeDate(date: CalendarDate | null): Date | '' {
    if (!date) return '';

    const known = this.midnightOfDay.get(date);
    if (known) return known;
    const midnight = this.midnightIn(date);
    this.midnightOfDay.set(date, midnight);
    return midnight;
  }

  /** An instant as ISO 8601 text; date cells and ISO text both accepted. */
  readTimestamp(value: CellValue): Reading<string> {
    if (isBlank(value)) return blank;
    if (isDate(value)) return { ok: true, value: value.toISOString() };

    const text = String(value).trim();
    const parsed = Date.parse(text);
    if (Number.isNaN(parsed)) return { ok: false, problem: `"${text}" is not a date and time.` };
    return { ok: true, value: new Date(parsed).toISOString() };
  }

  /** The cell value for an ISO 8601 instant. */
  writeTimestamp(iso: string): Date | '' {
    return iso ? new Date(iso) : '';
  }

  private dayOf(date: Date): CalendarDate {
    const key = date.getTime();
    let day = this.dayOfInstant.get(key);
    if (day === undefined) {
      day = this.formatDate(date, this.timeZone, 'yyyy-MM-dd');
      this.dayOfInstant.set(key, day);
    }
    return day;
  }

  // The zone's offset can differ between UTC midnight and local midnight (DST), so the
  // offset is looked up a second time at the first guess.
  private midnightIn(date: CalendarDate): Date {
    const utcMidnight = Date.parse(`${date}T00:00:00Z`);
    const firstOffset = this.offsetMs(utcMidnight);
    const guess = utcMidnight - firstOffset;
    const secondOffset = this.offsetMs(guess);
    return new Date(utcMidnight - secondOffset);
  }

  private offsetMs(instant: number): number {
    const text = this.formatDate(new Date(instant), this.timeZone, 'Z');
    const match = /^([+-])(\d{2}):?(\d{2})$/.exec(text);
    if (!match) return 0;
    const minutes = Number(match[2]) * 60 + Number(match[3]);
    return (match[1] === '-' ? -1 : 1) * minutes * 60_000;
  }
}

/**
 * Text as a cell must receive it. Sheets reads a written string the way it reads typing, so
 * "=HYPERLINK(...)" would become a formula and "0042" a number; a leading apostrophe keeps
 * the text exactly as given and is not part of the stored value.
 */
export function textCell(text: string): string {
  return text === '' ? '' : `'${text}`;
}

/** A text cell's content, whatever type Sheets decided it was. */
export function readText(value: CellValue, dates: CellDates): string {
  if (isBlank(value)) return '';
  if (!isDate(value)) return String(value).trim();

  const reading = dates.readDate(value);
  return reading.ok && reading.value ? reading.value : '';
}

/** Money cells hold major units (1054.5); the domain wants minor units of `currency`. */
export function readMoney(value: CellValue, currency: string): Reading<number> {
  if (isBlank(value)) return blank;

  const code = currency || 'USD';
  const reading =
    typeof value === 'number' ? readAmountNumber(value, code) : readAmountText(String(value), code);
  if (reading.ok) return { ok: true, value: reading.minor };
  const problem =
    reading.problem === 'notAmount'
      ? `"${String(value)}" is not an amount: enter a number such as 1250.50.`
      : describeAmountProblem(String(value), code, reading.problem);
  return { ok: false, problem };
}

/** The major-unit number for a money cell, or blank. */
export function writeMoney(minor: number | null, currency: string): number | '' {
  return minor === null ? '' : toMajorUnits(minor, currency || 'USD');
}

/** A whole-number cell (days, versions, instalment numbers). */
export function readWholeNumber(value: CellValue): Reading<number> {
  if (isBlank(value)) return blank;

  const number = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isInteger(number)) {
    return { ok: false, problem: `"${String(value)}" is not a whole number.` };
  }
  return { ok: true, value: number };
}
