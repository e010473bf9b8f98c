// The local Apps Script runtime: loads the built bundle (build/Code.js) with gas-local into a vm
// context holding local implementations of the services the add-on uses, over a workbook kept
// as an .xlsx file, and calls its top-level functions the way Sheets, menus, google.script.run
// and triggers would. Every service call is counted.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import vm from 'node:vm';
import gasLocal from 'gas-local';
import type { CallStats } from './call-counter';
import { RuntimeContext, isDate, type AuthModeName } from './context';
import { DriveStore, LocalDriveApp } from './drive';
import { LocalMailApp, Outbox, type MailRecord } from './mail';
import { LocalRange } from './range';
import { AUTH_MODE, LocalScriptApp } from './script-app';
import {
  LockTable,
  LocalLockService,
  LocalLogger,
  LocalPropertiesService,
  LocalSession,
  LocalUser,
  type LockKind,
} from './services';
import { LocalSpreadsheet, LocalSpreadsheetApp, spreadsheetEnv } from './spreadsheet-app';
import { LocalHtmlService, LocalUi, newUiRecords, type UiRecords } from './ui';
import { LocalUtilities } from './utilities';
import { wallToSerial, Formula } from './values';
import { LocalWorkbook, type TriggerRecord } from './workbook';

export type { CallStats } from './call-counter';
export type { DialogRecord, MenuRecord, ToastRecord, UiRecords, UiReply } from './ui';
export type { MailRecord } from './mail';
export type { DriveFileInit } from './drive';
export { LocalWorkbook } from './workbook';

export interface RuntimeOptions {
  /** xlsx to load (if it exists) and save to; omitted = in memory only. */
  workbookPath?: string;
  /** Folder holding Code.js (and the dialogs' .html); default build/ in projectRoot(). */
  bundleDir?: string;
  /** False to get the services without loading a bundle (call/invoke then find nothing). */
  loadBundle?: boolean;
  /** For a new workbook (default 'Etc/UTC'); an existing workbook keeps its own. */
  spreadsheetTimeZone?: string;
  /** Session.getScriptTimeZone(); default 'America/Los_Angeles'. */
  scriptTimeZone?: string;
  /** Session.getActiveUser().getEmail(); default 'you@example.com'. */
  userEmail?: string;
  /** ms since the epoch; also what `new Date()` and `Date.now()` give inside the bundle. */
  clock?: () => number;
  /**
   * NONE / LIMITED: only the Ui, Logger and ScriptApp's enums work, as in an add-on's
   * first open.
   */
  authMode?: AuthModeName;
  /** MailApp.sendEmail writes each message here as .json and .eml; default: memory only. */
  outboxDir?: string;
  /** Local Drive folder (index.json + files/); default: memory only. */
  driveDir?: string;
  /** Title of the add-on menu (Ui.createAddonMenu); default 'Deal Desk'. */
  addonName?: string;
  /**
   * Apply editor add-on trigger restrictions (one per type per document, hourly at most);
   * default true.
   */
  addonTriggerRules?: boolean;
  /** Recipients MailApp may send to per day; default 100. */
  dailyMailQuota?: number;
}

export interface LocalRuntime {
  /** The vm context the bundle runs in: services, console and the bundle's top-level functions. */
  readonly globals: Record<string, unknown>;
  /** Calls a top-level function like google.script.run: plain data in and out, JSON-cloned. */
  call<T = unknown>(name: string, ...args: unknown[]): T;
  /** Calls a top-level function as Apps Script does for menus and triggers: no cloning. */
  invoke<T = unknown>(name: string, ...args: unknown[]): T;
  readonly workbook: LocalWorkbook;
  /** What the UI showed; queue answers to alerts and prompts in `ui.replies`. */
  readonly ui: UiRecords;
  readonly outbox: MailRecord[];
  /** The local Drive: `drive.addFile({...})` puts someone else's file there. */
  readonly drive: DriveStore;
  /** Lines written with Logger.log. */
  readonly logs: string[];
  stats(): CallStats;
  resetStats(): void;
  /** Writes the workbook to workbookPath (temporary file, then rename). */
  save(): Promise<void>;
  /** Changes the authorization mode (e.g. to FULL once the user has authorized the add-on). */
  setAuthMode(mode: AuthModeName): void;
  /** Which locks are held, and by which call. */
  lockState(): Record<LockKind, { held: boolean; by: string | null }>;
  /** Releases every lock, as the end of an execution does in Apps Script. */
  releaseLocks(): void;
  /** Opens the spreadsheet: runs onOpen(e) (NONE or LIMITED) and installed open triggers. */
  open(): void;
  /** A person types `value` into a cell; then the simple onEdit and installed edit triggers run. */
  edit(sheetName: string, row: number, column: number, value: unknown): void;
  /**
   * Runs every installed time-driven trigger (or those for `handler`) once; returns the
   * handlers run.
   */
  fireTimeTriggers(handler?: string): string[];
  /** Clicks the menu item with this caption (as recorded, "Sub > Item" for submenus). */
  clickMenu(caption: string): unknown;
  /** Sets what is left of today's mail quota. */
  setRemainingMailQuota(count: number): void;
  /** The runtime's clock, ms since the epoch. */
  now(): number;
}

/** A runtime over the workbook at `options.workbookPath` (or a new one), with the bundle loaded. */
export async function createRuntime(options: RuntimeOptions = {}): Promise<LocalRuntime> {
  const workbook = await LocalWorkbook.open(options.workbookPath, {
    timeZone: options.spreadsheetTimeZone,
  });
  return new Runtime(workbook, options);
}

/** Names the project folder; bin/deal-desk.mjs sets it, so the CLI works from any folder. */
export const ROOT_ENV = 'DEAL_DESK_ROOT';

/** The project folder: $DEAL_DESK_ROOT, else this file's parent (under jest), else the cwd. */
export function projectRoot(): string {
  const root = process.env[ROOT_ENV];
  if (root) return resolve(root);
  // __dirname exists under jest (CommonJS); the ESM build (dist/cli.mjs) has none.
  return typeof __dirname === 'string' ? resolve(__dirname, '..') : process.cwd();
}

function defaultBundleDir(): string {
  return join(projectRoot(), 'build');
}

const MIME_TYPE = Object.freeze({
  CSV: 'text/csv',
  PLAIN_TEXT: 'text/plain',
  HTML: 'text/html',
  JAVASCRIPT: 'application/javascript',
  PDF: 'application/pdf',
  JSON: 'application/json',
  ZIP: 'application/zip',
  MICROSOFT_EXCEL: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  GOOGLE_SHEETS: 'application/vnd.google-apps.spreadsheet',
  GOOGLE_DOCS: 'application/vnd.google-apps.document',
  FOLDER: 'application/vnd.google-apps.folder',
  PNG: 'image/png',
  JPEG: 'image/jpeg',
});

// Inside the context, `new Date()` and `Date.now()` read the runtime's clock; instances stay
// ordinary Dates of that realm.
const CLOCK_DATE = `(function (now) {
  var RealDate = Date;
  function LocalDate() {
    if (!new.target) return new RealDate(now()).toString();
    var args = arguments.length === 0 ? [now()] : Array.prototype.slice.call(arguments);
    return Reflect.construct(RealDate, args, new.target);
  }
  Object.defineProperty(LocalDate, 'name', { value: 'Date' });
  LocalDate.prototype = RealDate.prototype;
  Object.defineProperty(RealDate.prototype, 'constructor', {
    value: LocalDate, writable: true, configurable: true,
  });
  LocalDate.now = function () { return now(); };
  LocalDate.parse = RealDate.parse;
  LocalDate.UTC = RealDate.UTC;
  globalThis.Date = LocalDate;
  return { Date: RealDate, Error: Error, JSON: JSON };
})`;

interface Inner {
  Date: DateConstructor;
  Error: ErrorConstructor;
  JSON: JSON;
}

class Runtime implements LocalRuntime {
  readonly globals: Record<string, unknown>;
  readonly ui = newUiRecords();
  readonly logs: string[] = [];
  readonly drive: DriveStore;
  private readonly ctx: RuntimeContext;
  private readonly locks = new LockTable();
  private readonly mailbox: Outbox;
  private readonly inner: Inner;
  private readonly userEmail: string;

  constructor(
    readonly workbook: LocalWorkbook,
    private readonly options: RuntimeOptions,
  ) {
    this.ctx = new RuntimeContext(options.clock ?? Date.now);
    this.ctx.authMode = options.authMode ?? 'FULL';
    this.userEmail = options.userEmail ?? 'you@example.com';
    this.drive = new DriveStore(() => this.ctx.now(), this.userEmail, options.driveDir);
    this.mailbox = new Outbox(() => this.ctx.now(), options.outboxDir, options.dailyMailQuota);
    this.globals = { console };
    vm.createContext(this.globals);
    this.inner = this.installClock();
    const inner = this.inner;
    this.ctx.realm = {
      newDate: (ms) => new inner.Date(ms),
      newError: (message) => new inner.Error(message),
    };
    Object.assign(this.globals, this.services());
    if (options.loadBundle !== false) this.loadBundle();
  }

  private installClock(): Inner {
    const install = vm.runInContext(CLOCK_DATE, this.globals) as (now: () => number) => Inner;
    return install(() => this.ctx.now());
  }

  private bundleDir(): string {
    return (this.options.bundleDir ?? defaultBundleDir()).replace(/[/\\]+$/, '');
  }

  private services(): Record<string, unknown> {
    const { ctx, workbook, ui } = this;
    const localUi = new LocalUi(ctx, ui, this.options.addonName ?? 'Deal Desk');
    return {
      SpreadsheetApp: new LocalSpreadsheetApp(ctx, workbook, ui, localUi),
      PropertiesService: new LocalPropertiesService(ctx, workbook),
      LockService: new LocalLockService(ctx, this.locks),
      Session: new LocalSession(ctx, workbook, {
        userEmail: this.userEmail,
        scriptTimeZone: this.options.scriptTimeZone ?? 'America/Los_Angeles',
      }),
      Utilities: new LocalUtilities(ctx),
      ScriptApp: new LocalScriptApp(ctx, workbook, {
        addon: this.options.addonTriggerRules !== false,
      }),
      HtmlService: new LocalHtmlService(ctx, this.bundleDir()),
      Logger: new LocalLogger(ctx, this.logs),
      DriveApp: new LocalDriveApp(ctx, this.drive),
      MailApp: new LocalMailApp(ctx, this.mailbox, this.userEmail),
      MimeType: MIME_TYPE,
    };
  }

  private loadBundle(): void {
    const dir = this.bundleDir();
    const file = `${dir}/Code.js`;
    if (!existsSync(join(dir, 'Code.js'))) {
      throw new Error(`There is no bundle at ${file}: build it first (npm run build).`);
    }
    gasLocal.require(dir, this.globals, { filter: (path) => path === file });
  }

  get outbox(): MailRecord[] {
    return this.mailbox.messages;
  }

  stats(): CallStats {
    return this.ctx.counter.stats();
  }

  resetStats(): void {
    this.ctx.counter.reset();
  }

  async save(): Promise<void> {
    if (!this.options.workbookPath) throw new Error('This runtime has no workbookPath to save to.');
    await this.workbook.save(this.options.workbookPath);
  }

  now(): number {
    return this.ctx.now();
  }

  setAuthMode(mode: AuthModeName): void {
    this.ctx.authMode = mode;
  }

  lockState(): Record<LockKind, { held: boolean; by: string | null }> {
    return this.locks.state();
  }

  releaseLocks(): void {
    this.locks.releaseAll();
  }

  setRemainingMailQuota(count: number): void {
    this.mailbox.setRemaining(count);
  }

  // ---- calling the bundle ----------------------------------------------------------------

  private fn(name: string): (...args: unknown[]) => unknown {
    const fn = this.globals[name];
    if (typeof fn !== 'function') throw new Error(`Script function not found: ${name}`);
    return fn as (...args: unknown[]) => unknown;
  }

  /** Runs `work` as one execution named `name`, with `authMode` for its duration if given. */
  private execute<T>(name: string, work: () => T, authMode?: AuthModeName): T {
    const outer = { execution: this.ctx.execution, authMode: this.ctx.authMode };
    this.ctx.execution = name;
    if (authMode) this.ctx.authMode = authMode;
    try {
      return work();
    } finally {
      this.ctx.execution = outer.execution;
      this.ctx.authMode = outer.authMode;
    }
  }

  call<T = unknown>(name: string, ...args: unknown[]): T {
    const fn = this.fn(name);
    const inArgs = args.map((arg, i) => {
      assertPlain(arg, `argument ${i + 1} of ${name}`, '');
      return arg === undefined ? undefined : this.inner.JSON.parse(JSON.stringify(arg));
    });
    let result: unknown;
    try {
      result = this.execute(name, () => fn(...inArgs));
    } catch (error) {
      throw clientError(error);
    }
    assertPlain(result, `${name} returned`, '');
    return (result === undefined ? undefined : JSON.parse(JSON.stringify(result))) as T;
  }

  invoke<T = unknown>(name: string, ...args: unknown[]): T {
    const fn = this.fn(name);
    return this.execute(name, () => fn(...args)) as T;
  }

  clickMenu(caption: string): unknown {
    const item = this.ui.menus
      .flatMap((menu) => menu.items)
      .find((entry) => entry.caption === caption);
    if (!item || !item.functionName) throw new Error(`No menu item "${caption}"`);
    return this.invoke(item.functionName);
  }

  // ---- triggers --------------------------------------------------------------------------

  /** A plain event object of the bundle's realm, with Apps Script objects added after. */
  private event(
    data: Record<string, unknown>,
    objects: Record<string, unknown> = {},
  ): Record<string, unknown> {
    return Object.assign(
      this.inner.JSON.parse(JSON.stringify(data)) as Record<string, unknown>,
      objects,
    );
  }

  // Event objects are built by the runtime, so they are not counted as the add-on's calls.
  private eventObjects(): { source: LocalSpreadsheet; user: LocalUser } {
    const env = spreadsheetEnv(this.ctx, this.workbook, this.ui);
    return {
      source: new LocalSpreadsheet(env, this.ui),
      user: new LocalUser(this.ctx, this.userEmail),
    };
  }

  private runTrigger(
    trigger: TriggerRecord,
    data: Record<string, unknown>,
    objects: Record<string, unknown> = {},
  ): void {
    const fn = this.fn(trigger.handler);
    const event = this.event(
      { ...data, authMode: AUTH_MODE.FULL, triggerUid: trigger.id },
      objects,
    );
    // Installable triggers run as the user who installed them, fully authorized.
    this.execute(trigger.handler, () => fn(event), 'FULL');
  }

  fireTimeTriggers(handler?: string): string[] {
    const due = this.workbook.triggers.filter(
      (trigger) =>
        trigger.eventType === 'CLOCK' && (handler === undefined || trigger.handler === handler),
    );
    const now = new Date(this.ctx.now());
    const data = {
      year: now.getUTCFullYear(),
      month: now.getUTCMonth() + 1,
      'day-of-month': now.getUTCDate(),
      'day-of-week': now.getUTCDay() === 0 ? 7 : now.getUTCDay(),
      hour: now.getUTCHours(),
      minute: now.getUTCMinutes(),
      second: now.getUTCSeconds(),
      timezone: 'UTC',
    };
    for (const trigger of due) this.runTrigger(trigger, data);
    return due.map((trigger) => trigger.handler);
  }

  open(): void {
    const mode: AuthModeName = this.ctx.authMode === 'NONE' ? 'NONE' : 'LIMITED';
    if (typeof this.globals.onOpen === 'function') {
      const objects = mode === 'NONE' ? {} : this.eventObjects();
      const event = this.event({ authMode: AUTH_MODE[mode] }, objects);
      this.execute('onOpen', () => this.fn('onOpen')(event), mode);
    }
    if (mode === 'NONE') return;
    for (const trigger of this.workbook.triggers.filter((t) => t.eventType === 'ON_OPEN')) {
      this.runTrigger(trigger, {}, this.eventObjects());
    }
  }

  edit(sheetName: string, row: number, column: number, value: unknown): void {
    const sheet = this.workbook.sheet(sheetName);
    const oldValue = eventValue(sheet.cell(row - 1, column - 1));
    this.workbook.setCell(sheetName, row, column, value);
    this.workbook.select(sheetName, row, column);
    const newValue = eventValue(sheet.cell(row - 1, column - 1));
    const data: Record<string, unknown> = {};
    if (newValue !== undefined) data.value = newValue;
    if (oldValue !== undefined) data.oldValue = oldValue;
    const env = spreadsheetEnv(this.ctx, this.workbook, this.ui);
    const objects = () => ({
      ...this.eventObjects(),
      range: new LocalRange(env, sheet, row, column, 1, 1),
    });
    if (typeof this.globals.onEdit === 'function') {
      const event = this.event({ ...data, authMode: AUTH_MODE.LIMITED }, objects());
      this.execute('onEdit', () => this.fn('onEdit')(event), 'LIMITED');
    }
    for (const trigger of this.workbook.triggers.filter((t) => t.eventType === 'ON_EDIT')) {
      this.runTrigger(trigger, data, objects());
    }
  }
}

/** e.value / e.oldValue as an edit event gives them: strings (dates as serial numbers). */
function eventValue(cell: unknown): string | undefined {
  if (cell === undefined || cell === '' || cell instanceof Formula) return undefined;
  if (isDate(cell)) return String(wallToSerial(cell.getTime()));
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return String(cell);
}

/** The error google.script.run's failure handler would receive: message (and name) only. */
function clientError(error: unknown): Error {
  const source = error as { message?: unknown; name?: unknown; stack?: unknown } | null;
  const message =
    source && typeof source === 'object' && 'message' in source
      ? String(source.message)
      : String(error);
  const wrapped = new Error(message, { cause: error });
  if (source && typeof source.name === 'string') wrapped.name = source.name;
  if (source && typeof source.stack === 'string') wrapped.stack = source.stack;
  return wrapped;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as object | null;
  // Object.prototype of any realm is the one prototype whose own prototype is null.
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * Throws when `value` cannot cross google.script.run: Dates, functions, undefined inside arrays,
 * and objects that are not plain (Apps Script objects, Maps, class instances).
 */
function assertPlain(value: unknown, where: string, path: string, seen = new Set<object>()): void {
  const at = path ? ` at ${path}` : '';
  if (isDate(value)) {
    throw new Error(
      `${where} a Date${at}: google.script.run cannot carry Dates; ` +
        `use a 'YYYY-MM-DD' string or a number.`,
    );
  }
  const type = typeof value;
  if (type === 'function' || type === 'symbol' || type === 'bigint') {
    throw new Error(`${where} a ${type}${at}: google.script.run carries plain data only.`);
  }
  if (value === null || type !== 'object') return;
  const object = value as object;
  if (seen.has(object)) throw new Error(`${where} a circular structure${at}.`);
  seen.add(object);
  if (Array.isArray(object)) {
    object.forEach((item, i) => {
      if (item === undefined) {
        throw new Error(
          `${where} undefined at ${path}[${i}]: google.script.run turns it into null; use null.`,
        );
      }
      assertPlain(item, where, `${path}[${i}]`, seen);
    });
  } else if (!isPlainObject(object)) {
    const name = (object.constructor as { name?: string } | undefined)?.name ?? 'object';
    throw new Error(`${where} a ${name}${at}: google.script.run carries plain data only.`);
  } else {
    for (const [key, item] of Object.entries(object))
      assertPlain(item, where, path ? `${path}.${key}` : key, seen);
  }
  seen.delete(object);
}
