// ScriptApp: installable triggers (persisted with the workbook) and the enums scripts compare
// against. Triggers do not fire by themselves: the runtime fires them when a test or the CLI
// says time has come (LocalRuntime.fireTimeTriggers, LocalRuntime.edit).

import { randomInt } from 'node:crypto';
import { isDate, type RuntimeContext } from './context';
import type { Local } from './gas-types';
import type { LocalWorkbook, TriggerRecord } from './workbook';
import type { TriggerEventType } from './xlsx';

const enumOf = <T extends string>(...names: T[]) =>
  Object.freeze(Object.fromEntries(names.map((name) => [name, name]))) as Readonly<Record<T, T>>;

export const AUTH_MODE = enumOf('NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL');
const EVENT_TYPE = enumOf(
  'CLOCK',
  'ON_OPEN',
  'ON_EDIT',
  'ON_FORM_SUBMIT',
  'ON_CHANGE',
  'ON_EVENT_UPDATED',
);
const TRIGGER_SOURCE = enumOf('SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR');
const AUTHORIZATION_STATUS = enumOf('REQUIRED', 'NOT_REQUIRED');
const INSTALLATION_SOURCE = enumOf('APPS_MARKETPLACE_DOMAIN_ADD_ON', 'NONE', 'WEB_STORE_ADD_ON');
const WEEKDAY = enumOf(
  'SUNDAY',
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
);

// Apps Script's limit of installable triggers per user per script.
const MAX_TRIGGERS = 20;

/** How trigger creation is checked. */
export interface TriggerRules {
  /**
   * Apply the editor add-on restrictions: one trigger of each type per user per document,
   * at most hourly.
   */
  addon: boolean;
}

type Script = GoogleAppsScript.Script.ScriptApp;

/** An installed trigger. */
export class LocalTrigger implements Local<
  GoogleAppsScript.Script.Trigger,
  'getHandlerFunction' | 'getTriggerSourceId' | 'getUniqueId'
> {
  constructor(
    private readonly ctx: RuntimeContext,
    readonly record: TriggerRecord,
  ) {}

  private hit(method: string): void {
    this.ctx.hit('Script', `Trigger.${method}`);
  }

  getHandlerFunction(): string {
    this.hit('getHandlerFunction');
    return this.record.handler;
  }

  getUniqueId(): string {
    this.hit('getUniqueId');
    return this.record.id;
  }

  getEventType(): GoogleAppsScript.Script.EventType {
    this.hit('getEventType');
    return this.record.eventType as unknown as GoogleAppsScript.Script.EventType;
  }

  getTriggerSource(): GoogleAppsScript.Script.TriggerSource {
    this.hit('getTriggerSource');
    return this.record.source as unknown as GoogleAppsScript.Script.TriggerSource;
  }

  getTriggerSourceId(): string {
    this.hit('getTriggerSourceId');
    return this.record.sourceId;
  }
}

/** Installs a trigger record after checking the rules; shared by the builders. */
class TriggerInstaller {
  constructor(
    readonly ctx: RuntimeContext,
    private readonly book: LocalWorkbook,
    private readonly rules: TriggerRules,
  ) {}

  install(
    handler: string,
    eventType: TriggerEventType,
    schedule?: Record<string, number | string>,
  ): LocalTrigger {
    const triggers = this.book.triggers;
    if (triggers.length >= MAX_TRIGGERS) {
      throw this.ctx.error(
        'This script has too many triggers. ' +
          'Triggers must be deleted from the script before more can be added.',
      );
    }
    if (this.rules.addon && triggers.some((trigger) => trigger.eventType === eventType)) {
      throw this.ctx.error(
        `This add-on already has a ${eventType} trigger for this user in this document: ` +
          `an editor add-on may have only one trigger of each type per user per document.`,
      );
    }
    const record: TriggerRecord = {
      id: String(randomInt(1, 2 ** 47)),
      handler,
      eventType,
      source: eventType === 'CLOCK' ? 'CLOCK' : 'SPREADSHEETS',
      sourceId: this.book.id,
      ...(schedule ? { schedule } : {}),
    };
    triggers.push(record);
    return new LocalTrigger(this.ctx, record);
  }

  get addon(): boolean {
    return this.rules.addon;
  }
}

/** ScriptApp.newTrigger(name). */
export class LocalTriggerBuilder implements Local<
  GoogleAppsScript.Script.TriggerBuilder,
  'timeBased' | 'forSpreadsheet'
> {
  constructor(
    private readonly installer: TriggerInstaller,
    private readonly handler: string,
  ) {}

  timeBased(): LocalClockTriggerBuilder {
    this.installer.ctx.hit('Script', 'TriggerBuilder.timeBased');
    return new LocalClockTriggerBuilder(this.installer, this.handler);
  }

  forSpreadsheet(_sheet: unknown): LocalSpreadsheetTriggerBuilder {
    this.installer.ctx.hit('Script', 'TriggerBuilder.forSpreadsheet');
    return new LocalSpreadsheetTriggerBuilder(this.installer, this.handler);
  }
}

type ClockMethods =
  | 'after'
  | 'at'
  | 'atDate'
  | 'atHour'
  | 'create'
  | 'everyDays'
  | 'everyHours'
  | 'everyMinutes'
  | 'everyWeeks'
  | 'inTimezone'
  | 'nearMinute'
  | 'onMonthDay'
  | 'onWeekDay';

/** A time-driven trigger under construction; the schedule is kept as the calls made. */
export class LocalClockTriggerBuilder implements Local<
  GoogleAppsScript.Script.ClockTriggerBuilder,
  ClockMethods
> {
  private readonly schedule: Record<string, number | string> = {};

  constructor(
    private readonly installer: TriggerInstaller,
    private readonly handler: string,
  ) {}

  private set(method: string, value: number | string): this {
    this.installer.ctx.hit('Script', `ClockTriggerBuilder.${method}`);
    this.schedule[method] = value;
    return this;
  }

  private fail(message: string): Error {
    return this.installer.ctx.error(message);
  }

  everyMinutes(n: number): this {
    if (![1, 5, 10, 15, 30].includes(n))
      throw this.fail('The value passed to everyMinutes must be 1, 5, 10, 15 or 30.');
    return this.set('everyMinutes', n);
  }

  everyHours(n: number): this {
    if (![1, 2, 4, 6, 8, 12].includes(n))
      throw this.fail('The value passed to everyHours must be 1, 2, 4, 6, 8 or 12.');
    return this.set('everyHours', n);
  }

  everyDays(n: number): this {
    return this.set('everyDays', n);
  }

  everyWeeks(n: number): this {
    return this.set('everyWeeks', n);
  }

  atHour(hour: number): this {
    if (!Number.isInteger(hour) || hour < 0 || hour > 23)
      throw this.fail('The hour must be between 0 and 23.');
    return this.set('atHour', hour);
  }

  nearMinute(minute: number): this {
    return this.set('nearMinute', minute);
  }

  onWeekDay(day: unknown): this {
    return this.set('onWeekDay', String(day));
  }

  onMonthDay(day: number): this {
    return this.set('onMonthDay', day);
  }

  inTimezone(timezone: string): this {
    return this.set('inTimezone', String(timezone));
  }

  at(date: GoogleAppsScript.Base.Date): this {
    if (!isDate(date)) throw this.fail('Invalid argument: date');
    return this.set('at', date.getTime());
  }

  atDate(year: number, month: number, day: number): this {
    return this.set(
      'atDate',
      `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    );
  }

  after(durationMilliseconds: number): this {
    return this.set('after', this.installer.ctx.now() + durationMilliseconds);
  }

  create(): LocalTrigger {
    this.installer.ctx.enter('Script', 'ClockTriggerBuilder.create');
    const s = this.schedule;
    const recurring = ['everyMinutes', 'everyHours', 'everyDays', 'everyWeeks', 'onMonthDay'].some(
      (key) => key in s,
    );
    if (!recurring && !('at' in s) && !('after' in s) && !('atDate' in s)) {
      throw this.fail(
        'A time-based trigger needs a schedule: everyDays(), everyHours(), at(), after()...',
      );
    }
    if ('atHour' in s && !('everyDays' in s) && !('everyWeeks' in s)) {
      throw this.fail('atHour() can only be used with everyDays() or everyWeeks().');
    }
    if (this.installer.addon && 'everyMinutes' in s) {
      throw this.fail('Add-ons can only use time-driven triggers that run at most once per hour.');
    }
    return this.installer.install(this.handler, 'CLOCK', { ...s });
  }
}

/** A spreadsheet trigger (open, edit, change, form submit) under construction. */
export class LocalSpreadsheetTriggerBuilder implements Local<
  GoogleAppsScript.Script.SpreadsheetTriggerBuilder,
  'create' | 'onChange' | 'onEdit' | 'onFormSubmit' | 'onOpen'
> {
  private eventType: TriggerEventType | null = null;

  constructor(
    private readonly installer: TriggerInstaller,
    private readonly handler: string,
  ) {}

  private on(method: string, eventType: TriggerEventType): this {
    this.installer.ctx.hit('Script', `SpreadsheetTriggerBuilder.${method}`);
    this.eventType = eventType;
    return this;
  }

  onOpen(): this {
    return this.on('onOpen', 'ON_OPEN');
  }

  onEdit(): this {
    return this.on('onEdit', 'ON_EDIT');
  }

  onChange(): this {
    return this.on('onChange', 'ON_CHANGE');
  }

  onFormSubmit(): this {
    return this.on('onFormSubmit', 'ON_FORM_SUBMIT');
  }

  create(): LocalTrigger {
    this.installer.ctx.enter('Script', 'SpreadsheetTriggerBuilder.create');
    if (!this.eventType)
      throw this.installer.ctx.error(
        'Choose the event first: onOpen(), onEdit(), onChange() or onFormSubmit().',
      );
    return this.installer.install(this.handler, this.eventType);
  }
}

/** ScriptApp. */
export class LocalScriptApp implements Local<
  GoogleAppsScript.Script.ScriptApp,
  'deleteTrigger' | 'getProjectTriggers' | 'getScriptId' | 'newTrigger'
> {
  readonly AuthMode = AUTH_MODE as unknown as Script['AuthMode'];
  readonly EventType = EVENT_TYPE as unknown as Script['EventType'];
  readonly TriggerSource = TRIGGER_SOURCE as unknown as Script['TriggerSource'];
  readonly AuthorizationStatus = AUTHORIZATION_STATUS as unknown as Script['AuthorizationStatus'];
  readonly InstallationSource = INSTALLATION_SOURCE as unknown as Script['InstallationSource'];
  readonly WeekDay = WEEKDAY as unknown as Script['WeekDay'];
  private readonly installer: TriggerInstaller;

  constructor(
    private readonly ctx: RuntimeContext,
    private readonly book: LocalWorkbook,
    rules: TriggerRules,
  ) {
    this.installer = new TriggerInstaller(ctx, book, rules);
  }

  newTrigger(functionName: string): LocalTriggerBuilder {
    this.ctx.enter('Script', 'ScriptApp.newTrigger');
    return new LocalTriggerBuilder(this.installer, String(functionName));
  }

  getProjectTriggers(): LocalTrigger[] {
    this.ctx.enter('Script', 'ScriptApp.getProjectTriggers');
    return this.book.triggers.map((record) => new LocalTrigger(this.ctx, record));
  }

  getUserTriggers(_document: unknown): LocalTrigger[] {
    this.ctx.enter('Script', 'ScriptApp.getUserTriggers');
    return this.book.triggers.map((record) => new LocalTrigger(this.ctx, record));
  }

  deleteTrigger(trigger: LocalTrigger): void {
    this.ctx.enter('Script', 'ScriptApp.deleteTrigger');
    const id = trigger instanceof LocalTrigger ? trigger.record.id : undefined;
    this.book.triggers = this.book.triggers.filter((record) => record.id !== id);
  }

  getScriptId(): string {
    this.ctx.enter('Script', 'ScriptApp.getScriptId');
    return 'local-deal-desk-script';
  }

  getAuthorizationInfo(_authMode: unknown): {
    getAuthorizationStatus(): GoogleAppsScript.Script.AuthorizationStatus;
    getAuthorizationUrl(): string;
  } {
    this.ctx.hit('Script', 'ScriptApp.getAuthorizationInfo');
    const status = this.ctx.authMode === 'FULL' ? 'NOT_REQUIRED' : 'REQUIRED';
    return {
      getAuthorizationStatus: () =>
        status as unknown as GoogleAppsScript.Script.AuthorizationStatus,
      getAuthorizationUrl: () => 'https://script.google.com/local/authorize',
    };
  }
}
