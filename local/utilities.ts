// Utilities and Blob. formatDate honours the time zone (gas-local's default ignores it), bytes
// are Java's signed bytes (-128..127) as in Apps Script, and parseCsv follows RFC 4180.

import { createHash, randomUUID } from 'node:crypto';
import { isDate, signatureError, type RuntimeContext } from './context';
import type { Local } from './gas-types';
import { formatString } from './services';
import { formatJavaDate } from './time-zone';

/** Bytes as Apps Script gives them: numbers from -128 to 127. */
export function toSignedBytes(buffer: Uint8Array): number[] {
  return Array.from(new Int8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength));
}

/** A Buffer from Apps Script bytes (signed or not) or a string (UTF-8). */
export function toBuffer(data: unknown): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (Array.isArray(data)) return Buffer.from(Int8Array.from(data as number[]).buffer);
  if (data instanceof Uint8Array) return Buffer.from(data);
  return Buffer.from(String(data ?? ''), 'utf8');
}

type BlobMethods =
  | 'copyBlob'
  | 'getBytes'
  | 'getContentType'
  | 'getDataAsString'
  | 'getName'
  | 'isGoogleType'
  | 'setBytes'
  | 'setContentType'
  | 'setDataFromString'
  | 'setName';

/** A Blob. */
export class LocalBlob implements Local<GoogleAppsScript.Base.Blob, BlobMethods> {
  constructor(
    private readonly ctx: RuntimeContext,
    public bytes: Buffer,
    public contentType: string | null,
    public name: string | null,
  ) {}

  private hit(method: string): void {
    this.ctx.hit('Utilities', `Blob.${method}`);
  }

  copyBlob(): LocalBlob {
    this.hit('copyBlob');
    return new LocalBlob(this.ctx, Buffer.from(this.bytes), this.contentType, this.name);
  }

  getBytes(): number[] {
    this.hit('getBytes');
    return toSignedBytes(this.bytes);
  }

  setBytes(data: number[]): this {
    this.hit('setBytes');
    this.bytes = toBuffer(data);
    return this;
  }

  getDataAsString(charset?: string): string {
    this.hit('getDataAsString');
    return this.bytes.toString(/^(us-)?ascii$/i.test(charset ?? '') ? 'latin1' : 'utf8');
  }

  setDataFromString(text: string): this {
    this.hit('setDataFromString');
    this.bytes = Buffer.from(String(text), 'utf8');
    return this;
  }

  getContentType(): string | null {
    this.hit('getContentType');
    return this.contentType;
  }

  setContentType(contentType: string | null): this {
    this.hit('setContentType');
    this.contentType = contentType;
    return this;
  }

  getName(): string | null {
    this.hit('getName');
    return this.name;
  }

  setName(name: string): this {
    this.hit('setName');
    this.name = String(name);
    return this;
  }

  isGoogleType(): boolean {
    this.hit('isGoogleType');
    return false;
  }

  getBlob(): LocalBlob {
    this.hit('getBlob');
    return this;
  }
}

const CHARSET = Object.freeze({ US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' });
const DIGEST = Object.freeze({
  MD2: 'MD2',
  MD5: 'MD5',
  SHA_1: 'SHA_1',
  SHA_256: 'SHA_256',
  SHA_384: 'SHA_384',
  SHA_512: 'SHA_512',
});
const NODE_DIGEST: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

type UtilitiesMethods =
  | 'base64Decode'
  | 'base64DecodeWebSafe'
  | 'base64Encode'
  | 'base64EncodeWebSafe'
  | 'computeDigest'
  | 'formatDate'
  | 'formatString'
  | 'getUuid'
  | 'newBlob'
  | 'parseCsv'
  | 'sleep';

/** Utilities. */
export class LocalUtilities implements Local<
  GoogleAppsScript.Utilities.Utilities,
  UtilitiesMethods
> {
  readonly Charset = CHARSET as unknown as GoogleAppsScript.Utilities.Utilities['Charset'];
  readonly DigestAlgorithm =
    DIGEST as unknown as GoogleAppsScript.Utilities.Utilities['DigestAlgorithm'];

  constructor(private readonly ctx: RuntimeContext) {}

  private enter(method: string): void {
    this.ctx.enter('Utilities', `Utilities.${method}`);
  }

  formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, format: string): string {
    this.enter('formatDate');
    if (!isDate(date) || typeof timeZone !== 'string' || typeof format !== 'string') {
      throw signatureError(this.ctx, 'Utilities.formatDate', [date, timeZone, format]);
    }
    const ms = date.getTime();
    if (Number.isNaN(ms)) throw this.ctx.error('Invalid argument: date');
    try {
      return formatJavaDate(ms, timeZone, format);
    } catch (error) {
      throw this.ctx.error((error as Error).message);
    }
  }

  formatString(template: string, ...args: unknown[]): string {
    this.enter('formatString');
    return formatString(template, args);
  }

  getUuid(): string {
    this.enter('getUuid');
    return randomUUID();
  }

  newBlob(data: unknown, contentType?: string, name?: string): LocalBlob {
    this.enter('newBlob');
    const type = contentType ?? (typeof data === 'string' ? 'text/plain' : null);
    return new LocalBlob(this.ctx, toBuffer(data), type, name ?? null);
  }

  parseCsv(csv: string, delimiter?: string): string[][] {
    this.enter('parseCsv');
    try {
      return parseCsv(String(csv), delimiter ?? ',');
    } catch (error) {
      throw this.ctx.error((error as Error).message);
    }
  }

  base64Encode(data: unknown): string {
    this.enter('base64Encode');
    return toBuffer(data).toString('base64');
  }

  base64EncodeWebSafe(data: unknown): string {
    this.enter('base64EncodeWebSafe');
    // Apps Script keeps the '=' padding in the web-safe alphabet.
    return toBuffer(data).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }

  base64Decode(encoded: string): number[] {
    this.enter('base64Decode');
    return toSignedBytes(Buffer.from(String(encoded), 'base64'));
  }

  base64DecodeWebSafe(encoded: string): number[] {
    this.enter('base64DecodeWebSafe');
    return toSignedBytes(Buffer.from(String(encoded), 'base64url'));
  }

  computeDigest(algorithm: unknown, value: unknown): number[] {
    this.enter('computeDigest');
    const name = NODE_DIGEST[String(algorithm)];
    if (!name) throw this.ctx.error(`Unsupported digest algorithm: ${String(algorithm)}`);
    return toSignedBytes(createHash(name).update(toBuffer(value)).digest());
  }

  sleep(milliseconds: number): void {
    this.enter('sleep');
    // Nothing runs alongside; sleeping only moves the runtime's clock on.
    this.ctx.advance(Number(milliseconds) || 0);
  }
}

/**
 * RFC 4180 CSV: fields in double quotes may hold the delimiter, line breaks and "" for a quote;
 * records end with CRLF or LF; a final line break does not start an empty record.
 */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  const n = text.length;
  let row: string[] = [];
  let i = 0;
  if (n === 0) return rows;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      const quoted = readQuoted(text, i + 1);
      field = quoted.value;
      i = quoted.next;
    }
    const end = fieldEnd(text, i, delimiter);
    field += text.slice(i, end);
    i = end;
    row.push(field);
    if (i >= n) break;
    if (text[i] === delimiter) {
      i++;
      continue;
    }
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    rows.push(row);
    row = [];
    if (i >= n) return rows;
  }
  rows.push(row);
  return rows;
}

function fieldEnd(text: string, from: number, delimiter: string): number {
  let i = from;
  while (i < text.length) {
    const ch = text[i];
    if (ch === delimiter || ch === '\n' || ch === '\r') break;
    i++;
  }
  return i;
}

function readQuoted(text: string, start: number): { value: string; next: number } {
  let value = '';
  let i = start;
  for (;;) {
    const quote = text.indexOf('"', i);
    if (quote < 0) throw new Error('Could not parse text.');
    value += text.slice(i, quote);
    if (text[quote + 1] !== '"') return { value, next: quote + 1 };
    value += '"';
    i = quote + 2;
  }
}
