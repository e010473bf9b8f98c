/**
 * The deal form sidebar in headless Chromium, through the local preview: opening it, stage
 * gates, saving, the timeline, search, quotes, failures and user text that looks like HTML.
 */

import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import {
  artifactPath,
  describeInBrowser,
  idle,
  newPage,
  openDealForm,
  records,
  sidebarCalls,
  sidebarFrame,
  startHarness,
  type Harness,
  type WatchedPage,
} from '../helpers/browser';
import { BUILD_DIR } from '../helpers/add-on';

const HTML_LIMIT_BYTES = 60 * 1024;
const PAYLOAD = '<img src=x onerror=alert(1)>';

describe('the built deal form', () => {
  test('stays under 60 kB, script and style included', () => {
    expect(statSync(join(BUILD_DIR, 'deal-form.html')).size).toBeLessThan(HTML_LIMIT_BYTES);
  });
});

describeInBrowser('the deal form in the preview', () => {
  let harness: Harness;
  let watched: WatchedPage;
  let page: Page;
  let form: FrameLocator;

  beforeAll(async () => {
    harness = await startHarness('deal-form');
    watched = await newPage(harness);
    page = watched.page;
    form = await openDealForm(page, harness.url);
  });

  afterAll(async () => {
    await harness?.close();
  });

  async function newDeal(): Promise<void> {
    await form.locator('#new-deal').click();
    await form.locator('#title').getByText('New deal').waitFor();
  }

  async function save(): Promise<string> {
    await form.locator('#save').click();
    await idle(form);
    return (await form.locator('#status').textContent()) ?? '';
  }

  test('opens with exactly one server call', async () => {
    expect(await sidebarCalls(page, harness.url)).toEqual(['openDealForm']);
  });

  test('creates a deal with one call and shows it as saved', async () => {
    await newDeal();
    await form.locator('#f-name').fill('Kiosk rollout');
    await form.locator('#f-account').fill('Harbour Cafés');

    expect(await save()).toMatch(/^Saved D-\d{4}\.$/);

    expect(await sidebarCalls(page, harness.url)).toEqual(['openDealForm', 'saveDeal']);
    await expect(form.locator('#title').textContent()).resolves.toBe('Kiosk rollout');
    const saved = records(harness, 'Deals').find((deal) => deal['Deal name'] === 'Kiosk rollout');
    expect(saved).toMatchObject({ Account: 'Harbour Cafés', Version: 1 });
  });

  test('a won stage lists the missing fields and refuses to save until filled', async () => {
    await newDeal();
    await form.locator('#f-name').fill('Espresso machines');
    await form.locator('#f-stage').selectOption('Won');

    const missing = form.locator('#missing');
    await expect(missing.textContent()).resolves.toBe(
      'To save as Won, fill in: Account, Amount, Close date.',
    );
    const callsBefore = await sidebarCalls(page, harness.url);
    expect(await save()).toBe(
      "This deal can't be saved yet: fix the 3 fields marked below (Account, Amount, Close date).",
    );
    expect(await sidebarCalls(page, harness.url)).toEqual(callsBefore);
    await expect(form.locator('#err-amount').textContent()).resolves.toBe(
      'Amount is needed before a deal can be Won: enter the agreed price.',
    );

    await form.locator('#f-account').fill('Harbour Cafés');
    await form.locator('#f-amount').fill('12,500.50');
    await form.locator('#f-closeDate').fill('2026-11-20');
    await expect(missing.isHidden()).resolves.toBe(true);
    expect(await save()).toMatch(/^Saved D-\d{4}\.$/);

    const saved = records(harness, 'Deals').find((d) => d['Deal name'] === 'Espresso machines');
    expect(saved).toMatchObject({ Stage: 'Won', Amount: 12500.5, Currency: 'USD' });
  });

  test('an edit saves in one call and the timeline grows, newest first', async () => {
    await form.locator('#tab-timeline').click();
    await expect(form.locator('#tab-timeline').textContent()).resolves.toBe('Timeline (1)');
    await form.locator('#tab-deal').click();

    await form.locator('#f-poNumber').fill('PO-7781');
    await form.locator('#f-billingNotes').fill('Invoice the deposit first.');
    const callsBefore = (await sidebarCalls(page, harness.url)).length;
    expect(await save()).toMatch(/^Saved D-\d{4}\.$/);
    expect((await sidebarCalls(page, harness.url)).length).toBe(callsBefore + 1);

    await form.locator('#tab-timeline').click();
    await expect(form.locator('#tab-timeline').textContent()).resolves.toBe('Timeline (2)');
    const entries = form.locator('#timeline li.entry');
    await expect(entries.first().textContent()).resolves.toMatch(
      /updated.*Changed PO number, Billing notes/,
    );
    await expect(entries.last().textContent()).resolves.toMatch(/created.*Created in Won/);
    await form.locator('#tab-deal').click();
  });

  test('a link that is not from Drive is refused beside the field, with no call', async () => {
    const callsBefore = await sidebarCalls(page, harness.url);
    await form.locator('#f-quoteLink').fill('https://example.com/quote.pdf');

    await expect(form.locator('#err-quoteLink').textContent()).resolves.toBe(
      '"https://example.com/quote.pdf" is not a Google Drive link. Paste the link from ' +
        "Drive's Share or Copy link button, or upload the file instead.",
    );
    expect(await save()).toMatch(/can't be saved yet: fix the field marked below \(Quote link\)/);
    expect(await sidebarCalls(page, harness.url)).toEqual(callsBefore);
    await form.locator('#f-quoteLink').fill('');
  });

  test('uploading a quote reads the file, sends it in one call and shows its name', async () => {
    await form.locator('#quote-file').setInputFiles({
      name: 'Espresso quote.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 a small quote'),
    });
    await idle(form);

    await expect(form.locator('#status').textContent()).resolves.toMatch(
      /^Attached Espresso quote\.pdf as the quote of D-\d{4}\.$/,
    );
    await expect(form.locator('#quote-info').textContent()).resolves.toMatch(
      /^Espresso quote\.pdf, last changed /,
    );
    await expect(form.locator('#f-quoteLink').inputValue()).resolves.toMatch(
      /^https:\/\/drive\.google\.com\/file\/d\/[\w-]{10,}/,
    );
    expect((await sidebarCalls(page, harness.url)).slice(-1)).toEqual(['uploadQuote']);
  });

  test('search switches deals by id; a quote shows its file or its problem', async () => {
    const quoted = records(harness, 'Deals').filter((deal) => deal['Quote link'] !== '');
    const readable = quoted[0];
    const unreadable = quoted[1];
    expect(unreadable).toBeDefined();

    await openById(String(readable?.['Deal ID']));
    await expect(form.locator('#quote-info').textContent()).resolves.toMatch(
      /^Quote .*\.pdf, last changed /,
    );
    await openById(String(unreadable?.['Deal ID']));
    await expect(form.locator('#quote-info .warning').textContent()).resolves.toMatch(/\S/);
    // Tall enough to show the whole form, quote and all, for review.
    await page.setViewportSize({ width: 1280, height: 1900 });
    await page.locator('#sidebar').screenshot({ path: artifactPath('sidebar.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  async function openById(id: string): Promise<void> {
    await form.locator('#search').fill(id);
    await form.locator('#search-button').click();
    await idle(form);
    await form.locator(`#search-results button[data-id="${id}"]`).click();
    await idle(form);
    await expect(form.locator('#subtitle').textContent()).resolves.toMatch(new RegExp(`^${id} `));
  }

  test('a failed call shows its message beside the form and enables it again', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/call/searchDeals', async (route) => {
      await held;
      await route.fulfill({ json: { error: 'Deal Desk is busy: try again in a minute.' } });
    });

    await form.locator('#search').fill('anything');
    await form.locator('#search-button').click();
    await expect(form.locator('#save').isDisabled()).resolves.toBe(true);
    release();
    await idle(form);

    await expect(form.locator('#status').textContent()).resolves.toBe(
      'Deal Desk is busy: try again in a minute.',
    );
    await expect(form.locator('#status').getAttribute('class')).resolves.toBe('status error');
    await expect(form.locator('#save').isEnabled()).resolves.toBe(true);
    await page.unroute('**/api/call/searchDeals');
  });

  test('a deal and account named like HTML are shown as text and run nothing', async () => {
    await newDeal();
    await form.locator('#f-name').fill(PAYLOAD);
    await form.locator('#f-account').fill(PAYLOAD);
    expect(await save()).toMatch(/^Saved D-\d{4}\.$/);

    await expect(form.locator('#title').textContent()).resolves.toBe(PAYLOAD);
    await expect(form.locator('#subtitle').textContent()).resolves.toContain(PAYLOAD);
    await form.locator('#search').fill('onerror');
    await form.locator('#search-button').click();
    await idle(form);
    await expect(form.locator('#search-results').textContent()).resolves.toContain(PAYLOAD);

    const sidebar = await sidebarFrame(page);
    expect(await sidebar.evaluate(() => document.querySelectorAll('img').length)).toBe(0);
    await page.locator('td', { hasText: PAYLOAD }).first().waitFor();
    expect(await page.evaluate(() => document.querySelectorAll('img').length)).toBe(0);
    expect(watched.dialogs).toEqual([]);
    expect(watched.errors).toEqual([]);
  });
});
