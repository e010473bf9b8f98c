/**
 * The preview server's HTTP surface, without a browser: the state the shell polls, the
 * dialog pages with their google.script.run shim, the call endpoint and its refusals.
 */

import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { emptyDeal } from '../../src/domain/deal';
import type { LocalRuntime } from '../../local/runtime';
import { FileGuard, mayHaveWritten, Saver, WorkbookChangedError } from '../../local/preview/saver';
import { LocalWorkbook } from '../../local/workbook';
import { tempDir } from '../local/fake-bundle';
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

describe('a workbook file changed by another program while the preview has it open', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness('preview-changed', { deals: 3, browser: false });
  });

  afterAll(async () => {
    await harness?.close();
  });

  const CHANGED =
    'book.xlsx was changed by another program since the preview opened it. ' +
    'Restart the preview (npm start) to load the new version; nothing was saved.';

  async function post(path: string, body: unknown) {
    const response = await fetch(`${harness.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  const saveDeal = (name: string) =>
    post('api/call/saveDeal', {
      args: [{ deal: { ...emptyDeal(), name, stage: 'Lead' }, base: null }],
    });

  /** What the Deal ID column of the file on disk holds. */
  async function dealIdsOnDisk(): Promise<unknown[]> {
    const [header = [], ...rows] = (await LocalWorkbook.load(harness.workbookPath)).sheetValues(
      'Deals',
    );
    return rows.map((row) => row[header.indexOf('Deal ID')]);
  }

  test(
    'is not saved over: every call is refused with the reason, ' + 'and the file keeps its change',
    async () => {
      // The preview's own saves are not someone else's change.
      expect((await saveDeal('First')).body.result).toMatchObject({ ok: true });
      expect((await saveDeal('Second')).body.result).toMatchObject({ ok: true });
      expect(await dealIdsOnDisk()).toEqual(['D-0001', 'D-0002', 'D-0003', 'D-0004', 'D-0005']);

      // Another program (the CLI importing, say) adds D-0006 to the file.
      const other = await LocalWorkbook.load(harness.workbookPath);
      other.setValues('Deals', 7, 1, [['D-0006']]);
      await other.save(harness.workbookPath);
      const theirs = readFileSync(harness.workbookPath);

      const saved = await saveDeal('Third');
      const menu = await post('api/menu', { functionName: 'showDealForm' });
      const search = await post('api/call/searchDeals', { args: [''] });

      for (const reply of [saved, menu, search]) {
        expect(reply.status).toBe(409);
        expect(reply.body.error).toBe(CHANGED);
      }
      expect(readFileSync(harness.workbookPath).equals(theirs)).toBe(true);
      expect(await dealIdsOnDisk()).toContain('D-0006');
    },
  );
});

describe('the saver checks the file again just before it writes', () => {
  function fakeRuntime(path: string, saves: string[]): LocalRuntime {
    return {
      save: async () => {
        saves.push('saved');
        writeFileSync(path, 'saved by the preview');
      },
    } as unknown as LocalRuntime;
  }

  test('a change made after the call started is not overwritten', async () => {
    const path = join(tempDir(), 'book.xlsx');
    writeFileSync(path, 'as loaded');
    const saves: string[] = [];
    const saver = new Saver(fakeRuntime(path, saves), new FileGuard(path));
    await saver.ready();
    await saver.save();
    expect(saves).toEqual(['saved']);

    writeFileSync(path, 'written by someone else');

    await expect(saver.save()).rejects.toThrow(WorkbookChangedError);
    await expect(saver.ready()).rejects.toThrow(WorkbookChangedError);
    expect(saves).toEqual(['saved']);
    expect(readFileSync(path, 'utf8')).toBe('written by someone else');
  });

  test('the same size and a new modification time count as a change', async () => {
    const path = join(tempDir(), 'book.xlsx');
    writeFileSync(path, 'same');
    const guard = new FileGuard(path);
    const { mtime } = statSync(path);

    writeFileSync(path, 'SAME');
    utimesSync(path, mtime, new Date(mtime.getTime() + 2000));

    expect(() => guard.check()).toThrow('book.xlsx was changed by another program');
  });
});
