/**
 * The preview server's HTTP surface, without a browser: the state the shell polls, the
 * dialog pages with their google.script.run shim, the call endpoint and its refusals.
 */

import { request } from 'node:http';
import { emptyDeal } from '../../src/domain/deal';
import { mayHaveWritten } from '../../local/preview/saver';
import { startHarness, type Harness } from '../helpers/browser';

interface State {
  revision: number;
  sheets: { name: string; values: string[][] }[] | null;
  menu: { items: { caption: string }[] } | null;
  windows: { index: number; kind: string; title: string }[];
}

describe('the preview server', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness('preview-server', { deals: 3, browser: false });
  });

  afterAll(async () => {
    await harness?.close();
  });

  async function get<T>(path: string): Promise<T> {
    return (await fetch(`${harness.url}${path}`)).json() as Promise<T>;
  }

  async function post(path: string, body: unknown, type = 'application/json') {
    const response = await fetch(`${harness.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': type },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  test('the state has the sheets as display text and the add-on menu from onOpen', async () => {
    const state = await get<State>('api/state');

    const deals = state.sheets?.find((sheet) => sheet.name === 'Deals');
    expect(deals?.values[0]?.slice(0, 3)).toEqual(['Deal ID', 'Deal name', 'Account']);
    expect(deals?.values).toHaveLength(4);
    expect(state.menu?.items.map((item) => item.caption)).toContain('Deal form');
  });

  test('a menu item opens the real sidebar, served with the shim before its script', async () => {
    const { body } = await post('api/menu', { functionName: 'showDealForm' });
    const [window] = body.windows as State['windows'];
    expect(window).toMatchObject({ kind: 'sidebar', title: 'Deal form' });

    const html = await (await fetch(`${harness.url}dialog/${window?.index}`)).text();
    const shim = html.indexOf('window.google = {');
    expect(shim).toBeGreaterThan(0);
    expect(shim).toBeLessThan(html.indexOf('id="deal-form"'));
  });

  test('only menu items can be run from the menu endpoint', async () => {
    const { status, body } = await post('api/menu', { functionName: 'runSetup' });
    expect(status).toBe(400);
    expect(body.error).toBe('"runSetup" is not on the add-on menu.');
  });

  test('a call returns its result; only a call that writes moves the revision on', async () => {
    const before = (await get<State>('api/state')).revision;
    const search = await post('api/call/searchDeals', { args: ['D-0001'] });
    expect(search.body.result).toEqual([expect.objectContaining({ id: 'D-0001' })]);
    expect((await get<State>('api/state?rev=' + before)).sheets).toBeNull();

    const deal = { ...emptyDeal(), name: 'Via HTTP', stage: 'Lead' };
    const saved = await post('api/call/saveDeal', { args: [{ deal, base: null }] });
    expect(saved.body.result).toMatchObject({ ok: true });
    expect((await get<State>('api/state')).revision).toBe(before + 1);
  });

  test('unknown and private functions are not found, as google.script.run would say', async () => {
    expect((await post('api/call/noSuchThing', { args: [] })).body).toEqual({
      error: 'Script function not found: noSuchThing',
    });
    expect((await post('api/call/helper_', { args: [] })).body).toEqual({
      error: 'Script function not found: helper_',
    });
  });

  test('a thrown message reaches the caller as the error', async () => {
    const { body } = await post('api/call/loadDeal', { args: ['D-9999'] });
    expect(body).toEqual({ error: 'There is no deal D-9999 on the Deals sheet.' });
  });

  test('requests that are not JSON, or come through another host name, are refused', async () => {
    const text = await post('api/call/searchDeals', { args: [''] }, 'text/plain');
    expect(text.status).toBe(415);

    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(harness.url);
      const req = request(
        { host: url.hostname, port: url.port, path: '/api/state', headers: { Host: 'evil.test' } },
        (response) => resolve(response.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });
});

describe('telling reads from writes by the service calls made', () => {
  test.each([
    ['a read', { Spreadsheet: { 'Range.getValues': 2 } }, false],
    ['a cell write', { Spreadsheet: { 'Range.getValues': 2, 'Range.setValues': 1 } }, true],
    ['a property write', { Properties: { 'Properties.setProperty': 1 } }, true],
    ['a Drive upload', { Drive: { 'Folder.createFile': 1 } }, false],
  ])('%s', (_, after, wrote) => {
    expect(mayHaveWritten({ Spreadsheet: { 'Range.getValues': 2 } }, after)).toBe(wrote);
  });
});
