/**
 * The local preview (`npm start`, `deal-desk preview`): a page on 127.0.0.1 showing the
 * workbook's sheets, the add-on menu, toasts and dialogs, with the real dialog HTML from the
 * build. Each google.script.run call in a dialog becomes a POST here and runs in the bundle
 * inside the local runtime; the workbook file is saved after every call that wrote to it.
 */

import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import {
  createRuntime,
  projectRoot as runtimeRoot,
  type CallStats,
  type LocalRuntime,
} from '../runtime';
import { sidecarDirs } from '../sidecar';
import { WorkbookFileError } from '../workbook';
import { FileGuard, mayHaveWritten, Saver, WorkbookChangedError } from './saver';
import { injectShim } from './shim';
import { sheetSnapshots, WindowLog } from './state';

export interface PreviewOptions {
  workbookPath: string;
  /** The project folder: build/ holds the bundle and dialogs, local/preview the shell. */
  root: string;
  /** 0 picks any free port; unset tries 8787 first, then any free port. */
  port?: number;
  /** For a workbook file that does not say its own time zone. */
  timeZone?: string;
}

export interface Preview {
  readonly url: string;
  readonly runtime: LocalRuntime;
  /** Waits for the last save, then stops serving. */
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8787;
const HOST = '127.0.0.1';
/** A 10 MB quote upload is about 13.4 MB once base64-encoded and wrapped in JSON. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

interface Reply {
  status: number;
  type: string;
  body: string;
}

/** Refusals the preview sends as HTTP errors, with a plain message. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Starts serving `options.workbookPath`; resolves once the port is listening. */
export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const guard = new FileGuard(options.workbookPath);
  const runtime = await createRuntime({
    workbookPath: options.workbookPath,
    bundleDir: join(options.root, 'build'),
    spreadsheetTimeZone: options.timeZone,
    ...sidecarDirs(options.workbookPath),
  });
  const app = new PreviewApp(runtime, await shellPage(options.root), guard);
  const server = createServer((request, response) => void app.handle(request, response));
  const port = await listen(server, options.port);
  app.allowHosts(port);
  return {
    url: `http://${HOST}:${port}/`,
    runtime,
    close: async () => {
      await app.flush();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** Listens on `port`; with no port given, 8787 when it is free, else whatever is. */
async function listen(server: Server, port: number | undefined): Promise<number> {
  const attempt = (wanted: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(wanted, HOST, () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  if (port !== undefined) return attempt(port);
  try {
    return await attempt(DEFAULT_PORT);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return attempt(0);
  }
}

/** The shell page with its script compiled from shell.ts (esbuild strips the types). */
async function shellPage(root: string): Promise<string> {
  const dir = join(root, 'local', 'preview');
  const html = readFileSync(join(dir, 'shell.html'), 'utf8');
  const { transform } = await import('esbuild');
  const source = readFileSync(join(dir, 'shell.ts'), 'utf8');
  const { code } = await transform(source, { loader: 'ts', target: 'es2020', format: 'iife' });
  return html.replace('<!-- script -->', () => `<script>\n${code}</script>`);
}

/** The routes, over one runtime. Calls run one at a time: the runtime is synchronous. */
class PreviewApp {
  private revision = 0;
  private totalCalls = 0;
  /** Server calls per dialog page load: reset when the dialog is (re)loaded. */
  private readonly callsByWindow = new Map<number, string[]>();
  private readonly windows: WindowLog;
  private readonly saver: Saver;
  private hosts = new Set<string>();

  constructor(
    private readonly runtime: LocalRuntime,
    private readonly shell: string,
    guard: FileGuard,
  ) {
    // Opening the file runs onOpen as Sheets does, which builds the add-on menu.
    runtime.open();
    this.windows = new WindowLog(runtime);
    this.saver = new Saver(runtime, guard);
  }

  allowHosts(port: number): void {
    this.hosts = new Set([`${HOST}:${port}`, `localhost:${port}`]);
  }

  flush(): Promise<void> {
    return this.saver.settled();
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let reply: Reply;
    try {
      reply = await this.route(request);
    } catch (error) {
      const status = error instanceof HttpError ? error.status : refused(error) ? 409 : 500;
      reply = json({ error: (error as Error).message }, status);
    }
    response.writeHead(reply.status, {
      'Content-Type': reply.type,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    response.end(reply.body);
  }

  private async route(request: IncomingMessage): Promise<Reply> {
    // Another site can't reach this server through a name that resolves to 127.0.0.1.
    if (!this.hosts.has(request.headers.host ?? '')) throw new HttpError(403, 'Unknown host.');
    const url = new URL(request.url ?? '/', 'http://preview');
    const path = url.pathname;
    if (request.method === 'GET') return this.get(path, url.searchParams);
    if (request.method === 'POST') return this.post(path, await readJson(request));
    throw new HttpError(405, 'Only GET and POST are served here.');
  }

  private get(path: string, query: URLSearchParams): Reply {
    if (path === '/') return { status: 200, type: 'text/html; charset=utf-8', body: this.shell };
    if (path === '/api/state') return json(this.state(query));
    if (path === '/api/stats') return json(this.stats());
    if (path === '/favicon.ico') return { status: 204, type: 'image/x-icon', body: '' };
    const dialog = /^\/dialog\/(\d+)$/.exec(path);
    if (dialog) return this.dialogPage(Number(dialog[1]));
    throw new HttpError(404, `Nothing at ${path}.`);
  }

  private async post(path: string, body: Record<string, unknown>): Promise<Reply> {
    const call = /^\/api\/call\/([\w$]+)$/.exec(path);
    if (call) return json(await this.call(call[1] as string, body));
    if (path === '/api/menu') return json(await this.menu(String(body.functionName ?? '')));
    if (path === '/api/select') return json(this.select(body));
    throw new HttpError(404, `Nothing at ${path}.`);
  }

  /** The shell's poll: sheets only when they changed since revision `rev`. */
  private state(query: URLSearchParams) {
    const since = (name: string) => Number(query.get(name) ?? 0) || 0;
    const { toasts, alerts, menus } = this.runtime.ui;
    const changed = since('rev') !== this.revision || !query.has('rev');
    return {
      revision: this.revision,
      sheets: changed ? sheetSnapshots(this.runtime) : null,
      active: this.activeCell(),
      activeSheet: this.activeSheet(),
      menu: menus[0] ?? null,
      toasts: toasts.slice(since('toasts')),
      toastCount: toasts.length,
      alerts: alerts.slice(since('alerts')),
      alertCount: alerts.length,
      windows: this.windows.list(),
    };
  }

  private stats() {
    return { calls: this.totalCalls, byWindow: Object.fromEntries(this.callsByWindow) };
  }

  private dialogPage(index: number): Reply {
    const html = this.windows.html(index);
    if (html === undefined) throw new HttpError(404, `There is no dialog ${index}.`);
    this.callsByWindow.set(index, []);
    return { status: 200, type: 'text/html; charset=utf-8', body: injectShim(html, index) };
  }

  /** google.script.run: a top-level function of the bundle, as Apps Script would allow. */
  private async call(name: string, body: Record<string, unknown>) {
    const args = Array.isArray(body.args) ? body.args : [];
    this.totalCalls += 1;
    if (typeof body.window === 'number') this.callsByWindow.get(body.window)?.push(name);
    // Apps Script hides names ending in _ from google.script.run.
    if (name.endsWith('_') || typeof this.runtime.globals[name] !== 'function') {
      return { error: `Script function not found: ${name}` };
    }
    // Nothing runs on a copy older than the file: its save would undo the other program's change.
    await this.saver.ready();
    const before = this.runtime.stats();
    try {
      const result = this.runtime.call(name, ...args);
      return { result: result === undefined ? null : result };
    } catch (error) {
      return { error: (error as Error).message };
    } finally {
      await this.afterCall(before);
    }
  }

  /** A menu item: only the names on the add-on menu, as a person could click them. */
  private async menu(functionName: string) {
    const items = this.runtime.ui.menus.flatMap((menu) => menu.items);
    if (!functionName || !items.some((item) => item.functionName === functionName)) {
      throw new HttpError(400, `"${functionName}" is not on the add-on menu.`);
    }
    await this.saver.ready();
    const before = this.runtime.stats();
    try {
      this.runtime.invoke(functionName);
      return { windows: this.windows.collect() };
    } catch (error) {
      return { windows: this.windows.collect(), error: (error as Error).message };
    } finally {
      await this.afterCall(before);
    }
  }

  /** Selects a cell, as clicking it in Sheets would: the deal form opens on its row. */
  private select(body: Record<string, unknown>) {
    const [sheetName, row, column] = [String(body.sheet), Number(body.row), Number(body.col)];
    const workbook = this.runtime.workbook;
    if (!workbook.findSheet(sheetName) || !(row >= 1) || !(column >= 1)) {
      throw new HttpError(400, `There is no cell ${sheetName} row ${row}, column ${column}.`);
    }
    workbook.select(sheetName, row, column);
    return { active: this.activeCell() };
  }

  private activeSheet(): string | null {
    const { activeSheetId } = this.runtime.workbook;
    return activeSheetId === null
      ? null
      : (this.runtime.workbook.sheetById(activeSheetId)?.name ?? null);
  }

  private activeCell() {
    const { selection } = this.runtime.workbook;
    const sheet = selection ? this.runtime.workbook.sheetById(selection.sheetId) : undefined;
    if (!selection || !sheet) return null;
    return { sheet: sheet.name, row: selection.row, col: selection.column };
  }

  /** After a call that may have written: the shell re-reads the sheets, the file is saved. */
  private async afterCall(before: CallStats): Promise<void> {
    if (!mayHaveWritten(before, this.runtime.stats())) return;
    this.revision += 1;
    await this.saver.save();
  }
}

/** The workbook file can't take a save: changed by another program, read-only, gone. */
function refused(error: unknown): boolean {
  return error instanceof WorkbookChangedError || error instanceof WorkbookFileError;
}

function json(value: unknown, status = 200): Reply {
  return { status, type: 'application/json; charset=utf-8', body: JSON.stringify(value) };
}

/** The request body as a JSON object. Only JSON is accepted: it keeps other sites' forms out. */
async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  if (!String(request.headers['content-type']).startsWith('application/json')) {
    throw new HttpError(415, 'Send JSON (Content-Type: application/json).');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'The request is larger than 16 MB.');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // Falls through to the refusal below.
  }
  throw new HttpError(400, 'The request body is not a JSON object.');
}

export interface PreviewFlags {
  workbookPath: string;
  port?: number;
  timeZone?: string;
}

/** `deal-desk preview`: serves the workbook (a new demo one if it is missing) until Ctrl-C. */
export async function runPreview(flags: PreviewFlags): Promise<Preview> {
  const root = previewRoot();
  if (!existsSync(flags.workbookPath)) {
    const { buildDemo, demoRuntime } = await import('../demo');
    await buildDemo(await demoRuntime(flags.workbookPath, join(root, 'build')));
    console.log(`Created the demo workbook ${flags.workbookPath}.`);
  }
  const preview = await startPreview({ ...flags, root });
  console.log(`Deal Desk preview of ${flags.workbookPath}: ${preview.url}`);
  console.log('Every change is saved to the workbook file as it is made. Press Ctrl-C to stop.');
  process.once('SIGINT', () => {
    void preview.close().then(() => process.exit(0));
  });
  return preview;
}

/**
 * The project folder: the one bin/deal-desk.mjs named (DEAL_DESK_ROOT), else beside the
 * script being run, else the current one; whichever holds the preview's shell page.
 */
function previewRoot(): string {
  const script = process.argv[1];
  const candidates = [runtimeRoot()];
  if (script && existsSync(script)) candidates.push(join(dirname(realpathSync(script)), '..'));
  candidates.push(process.cwd());
  const root = candidates.find((dir) => existsSync(join(dir, 'local', 'preview', 'shell.html')));
  if (!root) throw new Error('Run the preview from the Deal Desk project folder.');
  return root;
}
