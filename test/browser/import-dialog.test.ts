/**
 * The Import deals dialog in headless Chromium, through the local preview: files whose
 * columns must be mapped by hand, files that are not UTF-8, and what a failed preview leaves.
 */

import type { FrameLocator, Page } from 'playwright-core';
import {
  clickMenu,
  describeInBrowser,
  newPage,
  records,
  startHarness,
  type Harness,
  type WatchedPage,
} from '../helpers/browser';

describeInBrowser('the import dialog in the preview', () => {
  let harness: Harness;
  let watched: WatchedPage;
  let page: Page;
  let dialog: FrameLocator;

  beforeAll(async () => {
    harness = await startHarness('import-dialog', { deals: 2 });
    watched = await newPage(harness);
    page = watched.page;
  });

  afterAll(async () => {
    await harness?.close();
  });

  beforeEach(async () => {
    await page.goto(harness.url);
    await clickMenu(page, harness.url, 'Import deals…');
    dialog = page.frameLocator('#dialog iframe');
    await dialog.locator('#import-form').waitFor();
  });

  async function choose(name: string, content: string | Uint8Array): Promise<void> {
    const buffer = Buffer.from(content);
    await dialog.locator('#file').setInputFiles({ name, mimeType: 'text/csv', buffer });
    await idle();
  }

  async function idle(): Promise<void> {
    await dialog.locator('#import-form[aria-busy="false"]').waitFor();
  }

  const status = async (): Promise<string> => (await dialog.locator('#status').textContent()) ?? '';

  test('the dialog is as tall as the add-on asks (600 px), not a squeezed box', async () => {
    const box = await page.locator('#dialog iframe').boundingBox();

    expect(box?.height).toBe(600);
  });

  test(
    'a file with unknown headers shows the mapping table, ' + 'then imports once mapped',
    async () => {
      await choose('other.csv', 'Title2,Worth,Phase\r\nDialog deal,500,Lead\r\n');

      expect(await status()).toMatch(/"Deal name" and "Stage"/);
      await expect(dialog.locator('#import-button').isDisabled()).resolves.toBe(true);
      const select = (field: string) => dialog.locator(`select[data-field="${field}"]`);
      await select('name').selectOption('Title2');
      await select('stage').selectOption('Phase');
      await select('amount').selectOption('Worth');
      await dialog.locator('#preview-button').click();
      await idle();

      expect(await status()).toMatch(/^Ready: 1 new deal, 0 updates\./);
      await dialog.locator('#import-button').click();
      await idle();

      expect(await status()).toMatch(/^Imported: 1 deal added/);
      expect(records(harness, 'Deals').map((d) => d['Deal name'])).toContain('Dialog deal');
      expect(watched.errors).toEqual([]);
    },
  );

  test('a Windows-1252 file is read right, and the dialog says how it was read', async () => {
    const text = 'Deal Name,Deal Stage\r\nCafé déal €,Lead\r\n';
    const bytes = Uint8Array.from(Array.from(text, (c) => (c === '€' ? 0x80 : c.charCodeAt(0))));

    await choose('excel.csv', bytes);

    expect(await status()).toContain('Read as Windows-1252 (not UTF-8)');
    await dialog.locator('#import-button').click();
    await idle();
    expect(records(harness, 'Deals').map((d) => d['Deal name'])).toContain('Café déal €');
  });

  test("a failed preview or an empty file clears the previous file's results", async () => {
    await choose('good.csv', 'Deal Name,Deal Stage\r\nGood,Lead\r\nBad,Nowhere\r\n');
    await expect(dialog.locator('#counts').textContent()).resolves.toMatch(/rejected/);

    await choose('broken.csv', 'Deal Name,Deal Stage\r\n"Open,Lead\r\n');

    expect(await status()).toMatch(/not a valid CSV: a quoted field is never closed/);
    await expect(dialog.locator('#counts').textContent()).resolves.toBe('');
    await expect(dialog.locator('#rejected tr').count()).resolves.toBe(0);
    await expect(dialog.locator('#import-button').isDisabled()).resolves.toBe(true);

    await choose('good.csv', 'Deal Name,Deal Stage\r\nGood,Lead\r\n');
    await expect(dialog.locator('#import-button').isDisabled()).resolves.toBe(false);
    await choose('empty.csv', '');

    expect(await status()).toMatch(/empty\.csv is empty/);
    await expect(dialog.locator('#preview').isHidden()).resolves.toBe(true);
    await expect(dialog.locator('#import-button').isDisabled()).resolves.toBe(true);
  });
});
