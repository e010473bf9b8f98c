// The spreadsheet's user interface (menus, alerts, prompts, dialogs, sidebars, toasts) and
// HtmlService. Nothing is drawn: everything shown is recorded for tests and the preview.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuntimeContext } from './context';
import type { Local } from './gas-types';

export interface MenuItemRecord {
  caption: string;
  functionName: string;
}
/** A menu added to the UI; separators are { caption: '-', functionName: '' }. */
export interface MenuRecord {
  title: string;
  items: MenuItemRecord[];
}
export interface ToastRecord {
  message: string;
  title: string;
}
export interface DialogRecord {
  title: string;
  html: string;
  width?: number;
  height?: number;
  /** The HTML file it came from (createHtmlOutputFromFile), if any. */
  file?: string;
  modal?: boolean;
}
/** How the user answers the next alert or prompt; queue these in `UiRecords.replies`. */
export interface UiReply {
  button: 'OK' | 'CANCEL' | 'YES' | 'NO' | 'CLOSE';
  text?: string;
}

/** Everything the UI showed, in order, plus the answers tests queue for dialogs. */
export interface UiRecords {
  menus: MenuRecord[];
  toasts: ToastRecord[];
  /** Alert texts: the message, or "title\nmessage" when there is a title. */
  alerts: string[];
  prompts: string[];
  dialogs: DialogRecord[];
  sidebars: DialogRecord[];
  replies: UiReply[];
}

/** Empty records. */
export function newUiRecords(): UiRecords {
  return { menus: [], toasts: [], alerts: [], prompts: [], dialogs: [], sidebars: [], replies: [] };
}

const BUTTON = Object.freeze({ CLOSE: 'CLOSE', OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' });
const BUTTON_SET = Object.freeze({
  OK: 'OK',
  OK_CANCEL: 'OK_CANCEL',
  YES_NO: 'YES_NO',
  YES_NO_CANCEL: 'YES_NO_CANCEL',
});
type Button = GoogleAppsScript.Base.Button;

/** What a user answering a dialog with `buttons` by default clicks: its first button. */
function defaultButton(buttons: string): string {
  return buttons.startsWith('YES') ? BUTTON.YES : BUTTON.OK;
}

/** A menu under construction. */
export class LocalMenu implements Local<
  GoogleAppsScript.Base.Menu,
  'addItem' | 'addSeparator' | 'addSubMenu' | 'addToUi'
> {
  readonly items: MenuItemRecord[] = [];

  constructor(
    private readonly ctx: RuntimeContext,
    private readonly records: UiRecords,
    readonly title: string,
  ) {}

  addItem(caption: string, functionName: string): this {
    this.ctx.hit('Ui', 'Menu.addItem');
    this.items.push({ caption: String(caption), functionName: String(functionName) });
    return this;
  }

  addSeparator(): this {
    this.ctx.hit('Ui', 'Menu.addSeparator');
    this.items.push({ caption: '-', functionName: '' });
    return this;
  }

  addSubMenu(menu: LocalMenu): this {
    this.ctx.hit('Ui', 'Menu.addSubMenu');
    for (const item of menu.items) {
      const caption = item.functionName ? `${menu.title} > ${item.caption}` : item.caption;
      this.items.push({ caption, functionName: item.functionName });
    }
    return this;
  }

  addToUi(): void {
    this.ctx.hit('Ui', 'Menu.addToUi');
    // Adding a menu with the same title again replaces it, as reopening the file does.
    const record = { title: this.title, items: [...this.items] };
    const existing = this.records.menus.findIndex((menu) => menu.title === this.title);
    if (existing >= 0) this.records.menus[existing] = record;
    else this.records.menus.push(record);
  }
}

/** The answer to a prompt. */
export class LocalPromptResponse implements Local<
  GoogleAppsScript.Base.PromptResponse,
  'getResponseText'
> {
  constructor(
    private readonly ctx: RuntimeContext,
    private readonly text: string,
    private readonly button: string,
  ) {}

  getResponseText(): string {
    this.ctx.hit('Ui', 'PromptResponse.getResponseText');
    return this.text;
  }

  getSelectedButton(): Button {
    this.ctx.hit('Ui', 'PromptResponse.getSelectedButton');
    return this.button as unknown as Button;
  }
}

/** SpreadsheetApp.getUi(). */
export class LocalUi implements Local<
  GoogleAppsScript.Base.Ui,
  'createAddonMenu' | 'createMenu' | 'showModalDialog' | 'showModelessDialog' | 'showSidebar'
> {
  readonly Button = BUTTON as unknown as GoogleAppsScript.Base.Ui['Button'];
  readonly ButtonSet = BUTTON_SET as unknown as GoogleAppsScript.Base.Ui['ButtonSet'];

  constructor(
    private readonly ctx: RuntimeContext,
    private readonly records: UiRecords,
    /** The add-on's name: the title of its menu under Extensions. */
    private readonly addonName: string,
  ) {}

  createAddonMenu(): LocalMenu {
    this.ctx.hit('Ui', 'Ui.createAddonMenu');
    return new LocalMenu(this.ctx, this.records, this.addonName);
  }

  createMenu(caption: string): LocalMenu {
    this.ctx.hit('Ui', 'Ui.createMenu');
    return new LocalMenu(this.ctx, this.records, String(caption));
  }

  /** alert(message), alert(message, buttons), alert(title, message, buttons). */
  alert(first: string, second?: unknown, third?: unknown): Button {
    this.ctx.hit('Ui', 'Ui.alert');
    const titled = third !== undefined;
    const message = String(titled ? second : first);
    const buttons = String((titled ? third : second) ?? BUTTON_SET.OK);
    this.records.alerts.push(titled ? `${first}\n${message}` : message);
    const reply = this.records.replies.shift();
    return (reply?.button ?? defaultButton(buttons)) as unknown as Button;
  }

  /** prompt(message), prompt(message, buttons), prompt(title, message, buttons). */
  prompt(first: string, second?: unknown, third?: unknown): LocalPromptResponse {
    this.ctx.hit('Ui', 'Ui.prompt');
    const titled = third !== undefined;
    const message = String(titled ? second : first);
    this.records.prompts.push(titled ? `${first}\n${message}` : message);
    // Unanswered prompts are dismissed, as a person closing the dialog would.
    const reply = this.records.replies.shift() ?? { button: 'CANCEL' as const, text: '' };
    return new LocalPromptResponse(this.ctx, reply.text ?? '', reply.button);
  }

  showModalDialog(userInterface: LocalHtmlOutput, title: string): void {
    this.ctx.hit('Ui', 'Ui.showModalDialog');
    this.records.dialogs.push({
      ...this.dialog(userInterface, 'showModalDialog'),
      title: String(title),
      modal: true,
    });
  }

  showModelessDialog(userInterface: LocalHtmlOutput, title: string): void {
    this.ctx.hit('Ui', 'Ui.showModelessDialog');
    this.records.dialogs.push({
      ...this.dialog(userInterface, 'showModelessDialog'),
      title: String(title),
      modal: false,
    });
  }

  showSidebar(userInterface: LocalHtmlOutput): void {
    this.ctx.hit('Ui', 'Ui.showSidebar');
    this.records.sidebars.push(this.dialog(userInterface, 'showSidebar'));
  }

  private dialog(output: unknown, method: string): DialogRecord {
    if (!(output instanceof LocalHtmlOutput)) {
      throw this.ctx.error(
        `The parameters (${typeof output}) don't match the method signature for Ui.${method}.`,
      );
    }
    const record: DialogRecord = { title: output.title, html: output.content };
    if (output.width !== undefined) record.width = output.width;
    if (output.height !== undefined) record.height = output.height;
    if (output.file !== undefined) record.file = output.file;
    return record;
  }
}

const SANDBOX_MODE = Object.freeze({ EMULATED: 'EMULATED', IFRAME: 'IFRAME', NATIVE: 'NATIVE' });
const X_FRAME_OPTIONS = Object.freeze({ ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' });

type HtmlOutputMethods =
  | 'append'
  | 'clear'
  | 'getContent'
  | 'getHeight'
  | 'getTitle'
  | 'getWidth'
  | 'setContent'
  | 'setHeight'
  | 'setSandboxMode'
  | 'setTitle'
  | 'setWidth'
  | 'setXFrameOptionsMode';

/** HtmlOutput. */
export class LocalHtmlOutput implements Local<GoogleAppsScript.HTML.HtmlOutput, HtmlOutputMethods> {
  title = '';
  width: number | undefined;
  height: number | undefined;
  sandboxMode = 'IFRAME';
  xFrameOptionsMode = 'DEFAULT';

  constructor(
    private readonly ctx: RuntimeContext,
    public content: string,
    readonly file?: string,
  ) {}

  private hit(method: string): void {
    this.ctx.hit('Html', `HtmlOutput.${method}`);
  }

  append(addedContent: string): this {
    this.hit('append');
    this.content += String(addedContent);
    return this;
  }

  clear(): this {
    this.hit('clear');
    this.content = '';
    return this;
  }

  getContent(): string {
    this.hit('getContent');
    return this.content;
  }

  setContent(content: string): this {
    this.hit('setContent');
    this.content = String(content);
    return this;
  }

  getTitle(): string {
    this.hit('getTitle');
    return this.title;
  }

  setTitle(title: string): this {
    this.hit('setTitle');
    this.title = String(title);
    return this;
  }

  getWidth(): number {
    this.hit('getWidth');
    return this.width ?? 0;
  }

  setWidth(width: number): this {
    this.hit('setWidth');
    this.width = width;
    return this;
  }

  getHeight(): number {
    this.hit('getHeight');
    return this.height ?? 0;
  }

  setHeight(height: number): this {
    this.hit('setHeight');
    this.height = height;
    return this;
  }

  setSandboxMode(mode: unknown): this {
    this.hit('setSandboxMode');
    this.sandboxMode = String(mode);
    return this;
  }

  setXFrameOptionsMode(mode: unknown): this {
    this.hit('setXFrameOptionsMode');
    this.xFrameOptionsMode = String(mode);
    return this;
  }
}

/** HtmlService: HTML files come from the bundle folder, as clasp pushes them. */
export class LocalHtmlService implements Local<
  GoogleAppsScript.HTML.HtmlService,
  'createHtmlOutputFromFile'
> {
  readonly SandboxMode =
    SANDBOX_MODE as unknown as GoogleAppsScript.HTML.HtmlService['SandboxMode'];
  readonly XFrameOptionsMode =
    X_FRAME_OPTIONS as unknown as GoogleAppsScript.HTML.HtmlService['XFrameOptionsMode'];

  constructor(
    private readonly ctx: RuntimeContext,
    private readonly bundleDir: string,
  ) {}

  createHtmlOutput(html?: unknown): LocalHtmlOutput {
    this.ctx.enter('Html', 'HtmlService.createHtmlOutput');
    const blob = html as { getDataAsString?: () => string } | undefined;
    const content =
      typeof blob?.getDataAsString === 'function' ? blob.getDataAsString() : String(html ?? '');
    return new LocalHtmlOutput(this.ctx, content);
  }

  createHtmlOutputFromFile(filename: string): LocalHtmlOutput {
    this.ctx.enter('Html', 'HtmlService.createHtmlOutputFromFile');
    const name = String(filename).replace(/\.html$/, '');
    const path = join(this.bundleDir, `${name}.html`);
    if (!existsSync(path)) throw this.ctx.error(`No HTML file named ${name} was found.`);
    return new LocalHtmlOutput(this.ctx, readFileSync(path, 'utf8'), `${name}.html`);
  }
}
