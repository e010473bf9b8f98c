// Time-zone arithmetic over Intl (which knows every IANA zone): offsets, wall time <-> instant,
// and Java SimpleDateFormat formatting as Utilities.formatDate does it. A "wall time" is kept as
// milliseconds whose UTC fields are the clock reading in the zone (exceljs's convention too).

// Module constant: global lookups are slow inside vm contexts (jest's, the bundle's).
const { floor } = Math;
const MINUTE = 60_000;
// Offsets only change on quarter hours in every zone in use since 1970, so one offset per
// 15-minute bucket is exact and makes 50,000 dates cheap.
const BUCKET = 15 * MINUTE;
const GMT_OFFSET = /^(?:GMT|UTC)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();
const validity = new Map<string, boolean>();

/** True when `timeZone` is an IANA zone Intl knows (what Sheets accepts for a spreadsheet). */
export function isValidTimeZone(timeZone: string): boolean {
  let valid = validity.get(timeZone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
      valid = true;
    } catch {
      valid = false;
    }
    validity.set(timeZone, valid);
  }
  return valid;
}

/** A fixed offset for `GMT`, `UTC`, `GMT+2`, `GMT-05:30`; undefined for region zones. */
function fixedOffset(timeZone: string): number | undefined {
  const match = GMT_OFFSET.exec(timeZone);
  if (!match) return undefined;
  if (!match[1]) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return (match[1] === '-' ? -minutes : minutes) * MINUTE;
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

function computeOffset(ms: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const wall = new Date(0);
  wall.setUTCFullYear(fields.year ?? 1970, (fields.month ?? 1) - 1, fields.day ?? 1);
  wall.setUTCHours((fields.hour ?? 0) % 24, fields.minute ?? 0, fields.second ?? 0, 0);
  return wall.getTime() - (ms - mod(ms, 1000));
}

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

/** One time zone with its offset caches; get it once per batch with `zoneOf`. */
export class Zone {
  private readonly fixed: number | undefined;
  private readonly offsets = new Map<number, number>();
  private readonly wallOffsets = new Map<number, number>();

  constructor(readonly name: string) {
    // Unknown zones count as GMT, as Java's TimeZone.getTimeZone does.
    this.fixed = fixedOffset(name) ?? (isValidTimeZone(name) ? undefined : 0);
  }

  /** Offset from UTC at instant `ms`, in ms (Auckland in January: +13 h). */
  offset(ms: number): number {
    if (this.fixed !== undefined) return this.fixed;
    const bucket = floor(ms / BUCKET);
    let offset = this.offsets.get(bucket);
    if (offset === undefined) {
      if (this.offsets.size > 100_000) this.offsets.clear();
      offset = computeOffset(bucket * BUCKET, this.name);
      this.offsets.set(bucket, offset);
    }
    return offset;
  }

  /** The wall time (UTC fields = clock reading) at instant `ms`. */
  toWall(ms: number): number {
    return ms + this.offset(ms);
  }

  /**
   * The instant at which clocks read `wall`. A reading skipped by a DST jump maps to the instant
   * after the jump; a repeated one to its first occurrence. Transitions fall on quarter hours of
   * wall time too, so one answer per 15-minute bucket of wall time holds for the whole bucket.
   */
  toInstant(wall: number): number {
    if (this.fixed !== undefined) return wall - this.fixed;
    const bucket = floor(wall / BUCKET);
    let offset = this.wallOffsets.get(bucket);
    if (offset === undefined) {
      if (this.wallOffsets.size > 100_000) this.wallOffsets.clear();
      const start = bucket * BUCKET;
      offset = start - this.solveInstant(start);
      this.wallOffsets.set(bucket, offset);
    }
    return wall - offset;
  }

  private solveInstant(wall: number): number {
    const guess = this.offset(wall);
    const first = wall - guess;
    const o2 = this.offset(first);
    if (o2 === guess) return this.earliest(wall, first, o2);
    const second = wall - o2;
    const o3 = this.offset(second);
    if (o3 === o2) return this.earliest(wall, second, o3);
    return wall - Math.min(o2, o3);
  }

  // When a reading happens twice (clocks go back), prefer the earlier instant.
  private earliest(wall: number, instant: number, offset: number): number {
    const before = this.offset(instant - 3 * 3_600_000);
    if (before > offset && this.offset(wall - before) === before) return wall - before;
    return instant;
  }
}

const zones = new Map<string, Zone>();

/** The Zone for an IANA name or GMT±hh:mm (cached). */
export function zoneOf(timeZone: string): Zone {
  let zone = zones.get(timeZone);
  if (!zone) zones.set(timeZone, (zone = new Zone(timeZone)));
  return zone;
}

/** Offset of `timeZone` from UTC at instant `ms`, in ms. */
export function offsetAt(ms: number, timeZone: string): number {
  return zoneOf(timeZone).offset(ms);
}

/** The wall time (UTC fields = clock reading) in `timeZone` at instant `ms`. */
export function instantToWall(ms: number, timeZone: string): number {
  return zoneOf(timeZone).toWall(ms);
}

/** The instant at which clocks in `timeZone` read `wall` (see Zone.toInstant). */
export function wallToInstant(wall: number, timeZone: string): number {
  return zoneOf(timeZone).toInstant(wall);
}

// ---- Java SimpleDateFormat ----------------------------------------------------------------

/**
 * Month and day names in English, as Java's SimpleDateFormat and Sheets' en_US formats
 * write them.
 */
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

interface Token {
  letter: string;
  count: number;
}

/** Splits a SimpleDateFormat pattern into letter runs and literal text ('' is a quote). */
export function tokenizeJavaPattern(pattern: string): (Token | string)[] {
  const out: (Token | string)[] = [];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (ch === "'") {
      const [text, next] = readQuoted(pattern, i);
      out.push(text);
      i = next;
    } else if (/[A-Za-z]/.test(ch)) {
      let j = i;
      while (pattern[j] === ch) j++;
      out.push({ letter: ch, count: j - i });
      i = j;
    } else {
      out.push(ch);
      i++;
    }
  }
  return out;
}

function readQuoted(pattern: string, start: number): [string, number] {
  if (pattern[start + 1] === "'") return ["'", start + 2];
  let text = '';
  let i = start + 1;
  while (i < pattern.length) {
    if (pattern[i] === "'") {
      if (pattern[i + 1] !== "'") return [text, i + 1];
      text += "'";
      i += 2;
    } else {
      text += pattern[i++];
    }
  }
  return [text, i];
}

function pad(value: number, width: number): string {
  const text = String(Math.abs(value)).padStart(width, '0');
  return value < 0 ? `-${text}` : text;
}

/** `+hhmm`, `+hh:mm` or `+hh` for an offset in ms. */
function formatOffset(offset: number, style: 'basic' | 'colon' | 'hours'): string {
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.round(Math.abs(offset) / MINUTE);
  const hh = pad(Math.floor(minutes / 60), 2);
  const mm = pad(minutes % 60, 2);
  if (style === 'hours') return `${sign}${hh}`;
  return style === 'colon' ? `${sign}${hh}:${mm}` : `${sign}${hh}${mm}`;
}

function zoneName(ms: number, timeZone: string, long: boolean): string {
  if (fixedOffset(timeZone) !== undefined || !isValidTimeZone(timeZone)) {
    const offset = offsetAt(ms, timeZone);
    return offset === 0
      ? timeZone.startsWith('UTC')
        ? 'UTC'
        : 'GMT'
      : `GMT${formatOffset(offset, 'colon')}`;
  }
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    timeZoneName: long ? 'long' : 'short',
  }).formatToParts(new Date(ms));
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}

function dayOfYear(wall: Date): number {
  return Math.floor((wall.getTime() - Date.UTC(wall.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

// US rules (weeks start on Sunday; week 1 holds January 1st), as Java's default locale does.
function weekOfYear(wall: Date): number {
  const year = wall.getUTCFullYear();
  const dayStart = Date.UTC(year, wall.getUTCMonth(), wall.getUTCDate());
  const sunday = dayStart - wall.getUTCDay() * 86_400_000;
  if (sunday + 6 * 86_400_000 >= Date.UTC(year + 1, 0, 1)) return 1;
  const jan1 = new Date(Date.UTC(year, 0, 1));
  return Math.floor((dayOfYear(wall) - 1 + jan1.getUTCDay()) / 7) + 1;
}

function javaField(token: Token, wall: Date, ms: number, timeZone: string): string {
  const { letter, count } = token;
  const hour = wall.getUTCHours();
  switch (letter) {
    case 'G':
      return wall.getUTCFullYear() > 0 ? 'AD' : 'BC';
    case 'y':
    case 'Y':
      return count === 2 ? pad(wall.getUTCFullYear() % 100, 2) : pad(wall.getUTCFullYear(), count);
    case 'M':
    case 'L':
      return monthField(wall.getUTCMonth(), count);
    case 'w':
      return pad(weekOfYear(wall), count);
    case 'W':
      return pad(Math.floor((wall.getUTCDate() - 1 + firstWeekday(wall)) / 7) + 1, count);
    case 'D':
      return pad(dayOfYear(wall), count);
    case 'd':
      return pad(wall.getUTCDate(), count);
    case 'F':
      return pad(Math.floor((wall.getUTCDate() - 1) / 7) + 1, count);
    case 'E': {
      const name = DAYS[wall.getUTCDay()] as string;
      return count >= 4 ? name : name.slice(0, 3);
    }
    case 'u':
      return pad(wall.getUTCDay() === 0 ? 7 : wall.getUTCDay(), count);
    case 'a':
      return hour < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(hour, count);
    case 'k':
      return pad(hour === 0 ? 24 : hour, count);
    case 'K':
      return pad(hour % 12, count);
    case 'h':
      return pad(hour % 12 === 0 ? 12 : hour % 12, count);
    case 'm':
      return pad(wall.getUTCMinutes(), count);
    case 's':
      return pad(wall.getUTCSeconds(), count);
    case 'S':
      return pad(wall.getUTCMilliseconds(), count);
    default:
      return zoneField(token, ms, timeZone);
  }
}

function zoneField({ letter, count }: Token, ms: number, timeZone: string): string {
  const offset = offsetAt(ms, timeZone);
  switch (letter) {
    case 'z':
      return zoneName(ms, timeZone, count >= 4);
    case 'Z':
      return formatOffset(offset, 'basic');
    case 'X':
      if (offset === 0) return 'Z';
      return formatOffset(offset, count === 1 ? 'hours' : count === 2 ? 'basic' : 'colon');
    default:
      throw new Error(`Illegal pattern character '${letter}'`);
  }
}

function monthField(month: number, count: number): string {
  if (count >= 4) return MONTHS[month] as string;
  if (count === 3) return (MONTHS[month] as string).slice(0, 3);
  return pad(month + 1, count);
}

function firstWeekday(wall: Date): number {
  return new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), 1)).getUTCDay();
}

/** Formats instant `ms` in `timeZone` with a Java SimpleDateFormat `pattern`. */
export function formatJavaDate(ms: number, timeZone: string, pattern: string): string {
  const wall = new Date(instantToWall(ms, timeZone));
  return tokenizeJavaPattern(pattern)
    .map((token) => (typeof token === 'string' ? token : javaField(token, wall, ms, timeZone)))
    .join('');
}
