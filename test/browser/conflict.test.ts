/**
 * Two people editing the same deal in two browser pages: the first save wins, the second
 * is refused with the server's message naming who saved and what changed, and can reload.
 */

import type { FrameLocator } from 'playwright-core';
import {
  describeInBrowser,
  idle,
  newPage,
  openDealForm,
  records,
  startHarness,
  type Harness,
} from '../helpers/browser';

describeInBrowser('two pages editing the same deal', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness('conflict');
  });

  afterAll(async () => {
    await harness?.close();
  });

  /** Opens the shell, selects the deal's row and opens the form on it, as a person would. */
  async function formOnRow(row: number): Promise<FrameLocator> {
    const { page } = await newPage(harness);
    await page.goto(harness.url);
    await page.locator(`td[data-row="${row}"][data-col="2"]`).click();
    await page.locator('#cell').getByText(`Deals!B${row}`).waitFor();
    return openDealForm(page, harness.url);
  }

  test('the second save gets the conflict message and can reload the deal', async () => {
    const deal = records(harness, 'Deals')[2];
    const id = String(deal?.['Deal ID']);
    const first = await formOnRow(4);
    const second = await formOnRow(4);
    await expect(first.locator('#subtitle').textContent()).resolves.toMatch(`${id} `);
    await expect(second.locator('#subtitle').textContent()).resolves.toMatch(`${id} `);

    await first.locator('#f-poNumber').fill('PO-FIRST');
    await first.locator('#save').click();
    await idle(first);
    await expect(first.locator('#status').textContent()).resolves.toBe(`Saved ${id}.`);

    await second.locator('#f-billingNotes').fill('Second person was here.');
    await second.locator('#save').click();
    await idle(second);
    await expect(second.locator('#status').textContent()).resolves.toMatch(
      new RegExp(`saved ${id} at .* after you opened it \\(changed: PO number\\)`),
    );
    await expect(second.locator('#status').getAttribute('class')).resolves.toBe('status error');

    await second.locator('#retry').click();
    await idle(second);
    await expect(second.locator('#f-poNumber').inputValue()).resolves.toBe('PO-FIRST');
    const saved = records(harness, 'Deals').find((d) => d['Deal ID'] === id);
    expect(saved).toMatchObject({
      'PO number': 'PO-FIRST',
      'Billing notes': deal?.['Billing notes'],
    });
  });
});
