/**
 * Browser tests drive the local preview in headless Chromium: a preview server on a free
 * port over a demo workbook in a temporary folder, the shell page, the add-on menu and the
 * real sidebar HTML from the build. Outside CI a missing Chromium skips the tests (one line
 * says so); in CI it fails them.
 */

import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Frame, type FrameLocator, type Page } from 'playwright-core';
import { buildDemo, demoRuntime } from '../../local/demo';
import { startPreview, type Preview } from '../../local/preview/server';
import { BUILD_DIR } from './add-on';

export const ROOT = join(__dirname, '../..');
export const ARTIFACTS = join(ROOT, 'test-artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** `describe` when Chromium is there; otherwise one line on stderr and a skipped suite. */
export function describeInBrowser(name: string, suite: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(name, suite);
    return;
  }
  if (process.env.CI) {
    describe(name, () => {
      test('needs Chromium', () => {
        throw new Error(
          `No Chromium at ${CHROMIUM}: CI must install it (apt-get install chromium).`,
        );
      });
    });
    return;
  }
  process.stderr.write(`Browser tests skipped: no Chromium at ${CHROMIUM}.\n`);
  describe.skip(name, suite);
}

/** A preview server over its own demo workbook, and a browser to look at it with. */
export interface Harness {
  readonly dir: string;
  readonly workbookPath: string;
  readonly preview: Preview;
  readonly url: string;
  readonly browser: Browser | null;
  close(): Promise<void>;
}

/** Starts the preview on a new demo workbook of `deals` deals (and Chromium, unless told not). */
export async function startHarness(
  name: string,
  { deals = 12, browser = true }: { deals?: number; browser?: boolean } = {},
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), `deal-desk-${name}-`));
  const workbookPath = join(dir, 'book.xlsx');
  await buildDemo(await demoRuntime(workbookPath, BUILD_DIR), deals, 7);
  const preview = await startPreview({ workbookPath, root: ROOT, port: 0 });
  const launched = browser
    ? await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    : null;
  return {
    dir,
    workbookPath,
    preview,
    url: preview.url,
    browser: launched,
    close: async () => {
      await launched?.close();
      await preview.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A page, with every alert/confirm dialog it opened and every script error it had. */
export interface WatchedPage {
  readonly page: Page;
  readonly dialogs: string[];
  readonly errors: string[];
}

/** A new page whose dialogs are dismissed and recorded, so a test can assert there were none. */
export async function newPage(harness: Harness): Promise<WatchedPage> {
  if (!harness.browser) throw new Error('This harness was started without a browser.');
  const page = await harness.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const watched: WatchedPage = { page, dialogs: [], errors: [] };
  page.on('dialog', (dialog) => {
    watched.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => watched.errors.push(error.message));
  return watched;
}

/** Opens the shell and picks Extensions > Deal Desk > `caption`. */
export async function clickMenu(page: Page, url: string, caption: string): Promise<void> {
  if (page.url() !== url) await page.goto(url);
  await page.locator('#extensions').click();
  await page.getByRole('menuitem', { name: caption, exact: true }).click();
}

/** Opens the deal form in the sidebar and waits until it has loaded. */
export async function openDealForm(page: Page, url: string): Promise<FrameLocator> {
  await clickMenu(page, url, 'Deal form');
  const form = page.frameLocator('#sidebar iframe');
  await form.locator('#app[aria-busy="false"]').waitFor();
  return form;
}

/** The sidebar's Frame, for evaluating code inside it. */
export async function sidebarFrame(page: Page): Promise<Frame> {
  const handle = await page.locator('#sidebar iframe').elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error('The sidebar is not open.');
  return frame;
}

/** Waits until the form is idle again after a server call. */
export async function idle(form: FrameLocator): Promise<void> {
  await form.locator('#app[aria-busy="false"]').waitFor();
}

/** Server calls made since each dialog was loaded, by window number. */
export async function callsByWindow(url: string): Promise<Record<string, string[]>> {
  const response = await fetch(`${url}api/stats`);
  return ((await response.json()) as { byWindow: Record<string, string[]> }).byWindow;
}

/** The calls made by the one sidebar `page` shows. */
export async function sidebarCalls(page: Page, url: string): Promise<string[]> {
  const index = await page.locator('#sidebar iframe').getAttribute('data-window');
  return (await callsByWindow(url))[String(index)] ?? [];
}

/** Data rows of a sheet as objects keyed by header, as the preview shows them. */
export function records(harness: Harness, sheet: string): Record<string, unknown>[] {
  const [header = [], ...rows] = harness.preview.runtime.workbook.sheetValues(sheet);
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [String(h), row[i]])));
}

/** Makes test-artifacts/ and returns the path of `file` in it. */
export function artifactPath(file: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, file);
}
