// PropertiesService, LockService, Session and Logger: small services with state the add-on
// depends on (three separate property stores, locks that stay held until released).

import type { RuntimeContext } from './context';
import type { Local } from './gas-types';
import type { LocalWorkbook } from './workbook';

// Apps Script's quotas: 9 kB per value, 500 kB per store.
const MAX_VALUE_BYTES = 9 * 1024;
const MAX_STORE_BYTES = 500 * 1024;

type PropertiesMethods =
  | 'deleteAllProperties'
  | 'deleteProperty'
  | 'getKeys'
  | 'getProperties'
  | 'getProperty'
  | 'setProperties'
  | 'setProperty';

/** One property store (document, script or user); values are always strings. */
export class LocalProperties implements Local<
  GoogleAppsScript.Properties.Properties,
  PropertiesMethods
> {
  constructor(
    private readonly ctx: RuntimeContext,
    private readonly store: Map<string, string>,
  ) {}

  private hit(method: string): void {
    this.ctx.hit('Properties', `Properties.${method}`);
  }

  getProperty(key: string): string | null {
    this.hit('getProperty');
    return this.store.get(String(key)) ?? null;
  }

  setProperty(key: string, value: string): this {
    this.hit('setProperty');
    this.put({ [String(key)]: String(value) }, false);
    return this;
  }

  getProperties(): Record<string, string> {
    this.hit('getProperties');
    return Object.fromEntries(this.store);
  }

  setProperties(properties: Record<string, string>, deleteAllOthers = false): this {
    this.hit('setProperties');
    const values = Object.fromEntries(
      Object.entries(properties).map(([key, value]) => [key, String(value)]),
    );
    this.put(values, deleteAllOthers);
    return this;
  }

  private put(values: Record<string, string>, replace: boolean): void {
    const next = new Map(replace ? [] : this.store);
    for (const [key, value] of Object.entries(values)) {
      if (Buffer.byteLength(value) > MAX_VALUE_BYTES)
        throw this.ctx.error('Argument too large: value');
      next.set(key, value);
    }
    let total = 0;
    for (const [key, value] of next) total += Buffer.byteLength(key) + Buffer.byteLength(value);
    if (total > MAX_STORE_BYTES)
      throw this.ctx.error(
        'You have exceeded the property storage quota. ' +
          'Please remove some properties and try again.',
      );
    this.store.clear();
    for (const [key, value] of next) this.store.set(key, value);
  }

  deleteProperty(key: string): this {
    this.hit('deleteProperty');
    this.store.delete(String(key));
    return this;
  }

  deleteAllProperties(): this {
    this.hit('deleteAllProperties');
    this.store.clear();
    return this;
  }

  getKeys(): string[] {
    this.hit('getKeys');
    return [...this.store.keys()];
  }
}

/** PropertiesService: three separate stores, persisted with the workbook. */
export class LocalPropertiesService implements Local<
  GoogleAppsScript.Properties.PropertiesService,
  'getDocumentProperties' | 'getScriptProperties' | 'getUserProperties'
> {
  constructor(
    private readonly ctx: RuntimeContext,
    private readonly book: LocalWorkbook,
  ) {}

  getDocumentProperties(): LocalProperties {
    this.ctx.enter('Properties', 'PropertiesService.getDocumentProperties');
    return new LocalProperties(this.ctx, this.book.documentProperties);
  }

  getScriptProperties(): LocalProperties {
    this.ctx.enter('Properties', 'PropertiesService.getScriptProperties');
    return new LocalProperties(this.ctx, this.book.scriptProperties);
  }

  getUserProperties(): LocalProperties {
    this.ctx.enter('Properties', 'PropertiesService.getUserProperties');
    return new LocalProperties(this.ctx, this.book.userProperties);
  }
}

export type LockKind = 'document' | 'script' | 'user';

/** Who holds each lock; a lock stays held until released, even across calls. */
export class LockTable {
  readonly holders: Record<LockKind, { lock: LocalLock; by: string | null } | null> = {
    document: null,
    script: null,
    user: null,
  };

  /** Which locks are held, and by which top-level function. */
  state(): Record<LockKind, { held: boolean; by: string | null }> {
    const entry = (kind: LockKind) => ({
      held: this.holders[kind] !== null,
      by: this.holders[kind]?.by ?? null,
    });
    return { document: entry('document'), script: entry('script'), user: entry('user') };
  }

  /** Releases every lock (what the end of an execution does in Apps Script). */
  releaseAll(): void {
    this.holders.document = this.holders.script = this.holders.user = null;
  }
}

export const LOCK_TIMEOUT = 'Lock timeout: another process was holding the lock for too long.';

/** A Lock handle. Another handle holding the same lock makes tryLock fail and waitLock throw. */
export class LocalLock implements Local<
  GoogleAppsScript.Lock.Lock,
  'hasLock' | 'releaseLock' | 'tryLock' | 'waitLock'
> {
  constructor(
    private readonly ctx: RuntimeContext,
    private readonly table: LockTable,
    private readonly kind: LockKind,
  ) {}

  private acquire(timeoutInMillis: number): boolean {
    const holder = this.table.holders[this.kind];
    if (holder === null || holder.lock === this) {
      this.table.holders[this.kind] = { lock: this, by: this.ctx.execution };
      return true;
    }
    // Nothing else runs while we wait in one Node process: the wait always times out.
    this.ctx.advance(Math.max(0, Number(timeoutInMillis) || 0));
    return false;
  }

  tryLock(timeoutInMillis: number): boolean {
    this.ctx.hit('Lock', 'Lock.tryLock');
    return this.acquire(timeoutInMillis);
  }

  waitLock(timeoutInMillis: number): void {
    this.ctx.hit('Lock', 'Lock.waitLock');
    if (!this.acquire(timeoutInMillis)) throw this.ctx.error(LOCK_TIMEOUT);
  }

  releaseLock(): void {
    this.ctx.hit('Lock', 'Lock.releaseLock');
    if (this.table.holders[this.kind]?.lock === this) this.table.holders[this.kind] = null;
  }

  hasLock(): boolean {
    this.ctx.hit('Lock', 'Lock.hasLock');
    return this.table.holders[this.kind]?.lock === this;
  }
}

/** LockService. */
export class LocalLockService implements Local<
  GoogleAppsScript.Lock.LockService,
  'getDocumentLock' | 'getScriptLock' | 'getUserLock'
> {
  constructor(
    private readonly ctx: RuntimeContext,
    private readonly table: LockTable,
  ) {}

  getDocumentLock(): LocalLock {
    this.ctx.enter('Lock', 'LockService.getDocumentLock');
    return new LocalLock(this.ctx, this.table, 'document');
  }

  getScriptLock(): LocalLock {
    this.ctx.enter('Lock', 'LockService.getScriptLock');
    return new LocalLock(this.ctx, this.table, 'script');
  }

  getUserLock(): LocalLock {
    this.ctx.enter('Lock', 'LockService.getUserLock');
    return new LocalLock(this.ctx, this.table, 'user');
  }
}

/** A User. */
export class LocalUser implements Local<GoogleAppsScript.Base.User, 'getEmail'> {
  constructor(
    private readonly ctx: RuntimeContext,
    private readonly email: string,
  ) {}

  getEmail(): string {
    this.ctx.hit('Session', 'User.getEmail');
    return this.email;
  }
}

/** Session. */
export class LocalSession implements Local<
  GoogleAppsScript.Base.Session,
  | 'getActiveUser'
  | 'getEffectiveUser'
  | 'getScriptTimeZone'
  | 'getActiveUserLocale'
  | 'getTemporaryActiveUserKey'
> {
  constructor(
    private readonly ctx: RuntimeContext,
    private readonly book: LocalWorkbook,
    private readonly settings: { userEmail: string; scriptTimeZone: string },
  ) {}

  getActiveUser(): LocalUser {
    this.ctx.enter('Session', 'Session.getActiveUser');
    return new LocalUser(this.ctx, this.settings.userEmail);
  }

  getEffectiveUser(): LocalUser {
    this.ctx.enter('Session', 'Session.getEffectiveUser');
    return new LocalUser(this.ctx, this.settings.userEmail);
  }

  getScriptTimeZone(): string {
    this.ctx.enter('Session', 'Session.getScriptTimeZone');
    return this.settings.scriptTimeZone;
  }

  getActiveUserLocale(): string {
    this.ctx.enter('Session', 'Session.getActiveUserLocale');
    return 'en';
  }

  getTemporaryActiveUserKey(): string {
    this.ctx.enter('Session', 'Session.getTemporaryActiveUserKey');
    return this.book.temporaryUserKey;
  }
}

/** Java-style String.format for the few conversions scripts use: %s %d %f %.2f %% %n. */
export function formatString(template: string, args: unknown[]): string {
  let next = 0;
  return String(template).replace(
    /%(\.(\d+))?([sdf%n])/g,
    (_match, _dot, precision: string | undefined, kind: string) => {
      if (kind === '%') return '%';
      if (kind === 'n') return '\n';
      const value = args[next++];
      if (kind === 'd') return String(Math.trunc(Number(value)));
      if (kind === 'f')
        return Number(value).toFixed(precision === undefined ? 6 : Number(precision));
      return String(value);
    },
  );
}

/** Logger: lines are collected, not printed. */
export class LocalLogger implements Local<
  GoogleAppsScript.Base.Logger,
  'clear' | 'getLog' | 'log'
> {
  constructor(
    private readonly ctx: RuntimeContext,
    readonly lines: string[],
  ) {}

  log(data: unknown, ...values: unknown[]): this {
    this.ctx.hit('Logger', 'Logger.log');
    const text = values.length > 0 ? formatString(String(data), values) : describe(data);
    this.lines.push(text);
    return this;
  }

  getLog(): string {
    this.ctx.hit('Logger', 'Logger.getLog');
    return this.lines.map((line) => `${line}\n`).join('');
  }

  clear(): void {
    this.ctx.hit('Logger', 'Logger.clear');
    this.lines.length = 0;
  }
}

function describe(data: unknown): string {
  if (typeof data === 'string') return data;
  if (
    data !== null &&
    typeof data === 'object' &&
    !(Object.prototype.toString.call(data) === '[object Date]')
  ) {
    try {
      return JSON.stringify(data);
    } catch {
      return String(data);
    }
  }
  return String(data);
}
