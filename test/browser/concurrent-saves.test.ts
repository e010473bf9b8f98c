/**
 * Twenty new deals saved at the same moment, as twenty HTTP requests to the preview's call
 * endpoint: twenty rows, twenty distinct ids and twenty "created" timeline entries, all in
 * the workbook file once the requests are answered.
 */

import { emptyDeal } from '../../src/domain/deal';
import { LocalWorkbook } from '../../local/runtime';
import { startHarness, type Harness } from '../helpers/browser';

const COUNT = 20;

describe('twenty concurrent saves through the preview server', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness('concurrent', { browser: false });
  });

  afterAll(async () => {
    await harness?.close();
  });

  function saveNew(
    i: number,
  ): Promise<{ result?: { ok: boolean; view?: { deal: { id: string } } } }> {
    const deal = {
      ...emptyDeal(),
      name: `Parallel deal ${i}`,
      account: 'Load test',
      stage: 'Lead',
    };
    return fetch(`${harness.url}api/call/saveDeal`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ args: [{ deal, base: null }] }),
    }).then((response) => response.json());
  }

  test('give twenty rows, twenty distinct ids and twenty Activity entries', async () => {
    const replies = await Promise.all(Array.from({ length: COUNT }, (_, i) => saveNew(i)));

    const ids = replies.map((reply) => reply.result?.view?.deal.id);
    expect(replies.every((reply) => reply.result?.ok === true)).toBe(true);
    expect(new Set(ids).size).toBe(COUNT);

    const saved = await LocalWorkbook.load(harness.workbookPath);
    const [dealHeader = [], ...deals] = saved.sheetValues('Deals');
    const names = deals.map((row) => String(row[dealHeader.indexOf('Deal name')]));
    const rowIds = deals.map((row) => String(row[dealHeader.indexOf('Deal ID')]));
    expect(names.filter((name) => name.startsWith('Parallel deal '))).toHaveLength(COUNT);
    expect(new Set(rowIds).size).toBe(rowIds.length);

    const [activityHeader = [], ...activity] = saved.sheetValues('Activity');
    const created = activity.filter(
      (row) =>
        ids.includes(String(row[activityHeader.indexOf('Deal ID')])) &&
        row[activityHeader.indexOf('Kind')] === 'created',
    );
    expect(created).toHaveLength(COUNT);
  });
});
