/**
 * Times in the sidebar follow the spreadsheet's time zone, not the browser's, so the form
 * and the Activity sheet's "When" column say the same thing to everyone.
 */

import type { FrameLocator } from 'playwright-core';
import {
  describeInBrowser,
  idle,
  openDealForm,
  startHarness,
  type Harness,
} from '../helpers/browser';

describeInBrowser('the deal form in a browser far from the spreadsheet', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness('time-zone');
  });

  afterAll(async () => {
    await harness?.close();
  });

  test('shows when a deal was saved in the spreadsheet time zone (London, 09:00)', async () => {
    // The demo workbook is in Europe/London and its clock stands at 09:00 on the demo day.
    const context = await harness.browser!.newContext({
      timezoneId: 'Pacific/Honolulu',
      locale: 'en-GB',
    });
    const page = await context.newPage();
    const form: FrameLocator = await openDealForm(page, harness.url);

    await form.locator('#search').fill('D-0001');
    await form.locator('#search-button').click();
    await form.locator('#search-results button[data-id="D-0001"]').click();
    await idle(form);

    await expect(form.locator('#subtitle').textContent()).resolves.toMatch(/16 Nov 2026, 09:00/);
    await context.close();
  });
});
