// The deal form's server side, driven through the built bundle the way the sidebar calls it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyDeal, type Deal } from '../../src/domain/deal';
import type {
  DealFormData,
  DealSearchHit,
  DealView,
  SaveResult,
} from '../../src/entry/deal-form-types';
import {
  BUILD_DIR,
  addOnWithSetup,
  csvOf,
  errorOf,
  recordsOf,
  snapshotOf,
  spreadsheetOf,
  type LocalRuntime,
} from '../helpers/add-on';
import { createRuntime, type RuntimeOptions } from '../../local/runtime';

type Refused = Extract<SaveResult, { ok: false }>;

/** The runtime's default user. */
const YOU = 'you@example.com';
const SAM = 'sam.seller@example.com';
const FRAN = 'fran.finance@example.com';

/** What the default scheme's Won stage needs beyond a Lead, in the stage's order. */
const LABELS = ['Amount', 'Currency', 'Payment terms', 'Close date'];

const MISSING_FILE_LINK = 'https://drive.google.com/open?id=1NoSuchFile_xyz';

/** A Lead deal the default scheme accepts, with `changes`. */
function newDeal(changes: Partial<Deal> = {}): Deal {
  return { ...emptyDeal(), name: 'Onboarding', account: 'Acme', stage: 'Lead', ...changes };
}

/** A deal complete enough for the default scheme's Won stage. */
function wonDeal(changes: Partial<Deal> = {}): Deal {
  return newDeal({
    stage: 'Won',
    amount: 1250000,
    currency: 'USD',
    paymentTerms: 'Net 30',
    closeDate: '2024-03-15',
    ...changes,
  });
}

function save(runtime: LocalRuntime, deal: Deal, base: Deal | null = null): SaveResult {
  return runtime.call<SaveResult>('saveDeal', { deal, base });
}

function saved(result: SaveResult): DealView {
  if (!result.ok) throw new Error(`save refused: ${result.message}`);
  return result.view;
}

function refused(result: SaveResult): Refused {
  if (result.ok) throw new Error(`save accepted: ${result.view.deal.id}`);
  return result;
}

function create(runtime: LocalRuntime, changes: Partial<Deal> = {}): Deal {
  return saved(save(runtime, newDeal(changes))).deal;
}

/** Paths inside `value` that would not survive google.script.run as plain data. */
function nonPlainPaths(value: unknown, path = '$'): string[] {
  if (value === undefined) return [`${path} is undefined`];
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return [];
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} is ${value}`];
  if (typeof value === 'function') return [`${path} is a function`];
  if (typeof value !== 'object') return [`${path} is a ${typeof value}`];
  if (Object.prototype.toString.call(value) === '[object Date]') return [`${path} is a Date`];
  if (Array.isArray(value)) {
    return Array.from(value, (item: unknown, i) => nonPlainPaths(item, `${path}[${i}]`)).flat();
  }

  // Plain objects of any realm: their prototype is that realm's Object.prototype (or null).
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== null && Object.getPrototypeOf(proto) !== null) return [`${path} is not plain`];
  return Object.entries(value).flatMap(([key, item]) => nonPlainPaths(item, `${path}.${key}`));
}

/** A clock one second further on at every reading, so saves never share a timestamp. */
function tickingClock(): () => number {
  let now = Date.UTC(2024, 2, 1, 9, 0, 0);
  return () => (now += 1000);
}

/** Deal Desk set up on a new spreadsheet, its clock ticking so the timeline order is exact. */
function startRuntime(options: RuntimeOptions = {}): Promise<LocalRuntime> {
  return addOnWithSetup({ clock: tickingClock(), ...options });
}

function select(runtime: LocalRuntime, sheetName: string, row: number): void {
  runtime.workbook.select(sheetName, row, 1);
}

function activityOf(runtime: LocalRuntime, dealId: string): Record<string, unknown>[] {
  return recordsOf(runtime, 'Activity').filter((entry) => entry['Deal ID'] === dealId);
}

function formulasOf(runtime: LocalRuntime, sheetName: string): string[] {
  const sheet = spreadsheetOf(runtime).getSheetByName(sheetName)!;
  return sheet
    .getDataRange()
    .getFormulas()
    .flat()
    .filter((formula) => formula !== '');
}

describe('opening the deal form', () => {
  test('"Deal form" is the first menu item and opens the sidebar', async () => {
    const runtime = await startRuntime();

    runtime.invoke('onOpen', {});
    runtime.call('showDealForm');

    expect(runtime.ui.menus[0]?.items[0]).toEqual({
      caption: 'Deal form',
      functionName: 'showDealForm',
    });
    expect(runtime.ui.sidebars).toEqual([
      expect.objectContaining({ title: 'Deal form', file: 'deal-form.html' }),
    ]);
  });

  test('opens on the deal in the selected row of Deals, with the scheme and the user', async () => {
    const runtime = await startRuntime();
    create(runtime, { name: 'First' });
    const second = create(runtime, { name: 'Second' });

    select(runtime, 'Deals', 3);
    const data = runtime.call<DealFormData>('openDealForm');

    expect(data.view?.deal).toEqual(second);
    expect(data.view?.timeline.map((entry) => entry.kind)).toEqual(['created']);
    expect(data.scheme.stages.find((s) => s.name === 'Won')?.requiredFields).toEqual([
      'name',
      'account',
      'amount',
      'currency',
      'paymentTerms',
      'closeDate',
    ]);
    expect(data.scheme.tagGroups).toContainEqual(
      expect.objectContaining({ name: 'Payment status', onePerDeal: true }),
    );
    expect(data.user).toBe(YOU);
  });

  test.each([
    ['nothing on Deals is selected', 'Settings', 3],
    ['the header row is selected', 'Deals', 1],
    ['a blank row below the deals is selected', 'Deals', 9],
  ])('opens empty for a new deal when %s', async (_case, sheet, row) => {
    const runtime = await startRuntime();
    create(runtime);

    select(runtime, sheet, row);
    const data = runtime.call<DealFormData>('openDealForm');

    expect(data.view).toBeNull();
  });

  test('opens empty on a fresh spreadsheet', async () => {
    const runtime = await startRuntime();

    expect(runtime.call<DealFormData>('openDealForm').view).toBeNull();
  });

  test('loading a deal that is not there says so', async () => {
    const runtime = await startRuntime();

    expect(errorOf(() => runtime.call('loadDeal', 'D-0404'))).toBe(
      'There is no deal D-0404 on the Deals sheet.',
    );
  });
});

describe('searching deals', () => {
  async function threeDeals(): Promise<LocalRuntime> {
    const runtime = await startRuntime();
    create(runtime, { name: 'Onboarding', account: 'Acme' });
    create(runtime, { name: 'Licence renewal', account: 'Globex' });
    create(runtime, { name: 'Support', account: 'Acme Europe' });
    return runtime;
  }

  test.each([
    ['an id', 'd-0002', ['D-0002']],
    ['part of a name, any case', 'LICENCE', ['D-0002']],
    ['an account', 'acme', ['D-0003', 'D-0001']],
    ['something no deal has', 'Initech', []],
  ])('finds deals by %s', async (_case, query, ids) => {
    const runtime = await threeDeals();

    const hits = runtime.call<DealSearchHit[]>('searchDeals', query);

    expect(hits.map((hit) => hit.id)).toEqual(ids);
  });

  test('an empty query lists the most recently updated deals first', async () => {
    const runtime = await threeDeals();
    const first = runtime.call<DealView>('loadDeal', 'D-0001').deal;
    saved(save(runtime, { ...first, name: 'Onboarding 2' }, first));

    const hits = runtime.call<DealSearchHit[]>('searchDeals', '');

    expect(hits.map((hit) => hit.id)).toEqual(['D-0001', 'D-0003', 'D-0002']);
    expect(hits[0]).toEqual({ id: 'D-0001', name: 'Onboarding 2', account: 'Acme', stage: 'Lead' });
  });

  test('returns at most twenty deals', async () => {
    const runtime = await startRuntime();
    importDeals(runtime, 30);

    expect(runtime.call<DealSearchHit[]>('searchDeals', '')).toHaveLength(20);
    expect(runtime.call<DealSearchHit[]>('searchDeals', 'deal')).toHaveLength(20);
  });
});

describe('saving a new deal', () => {
  test('allocates D-0001, version 1, and records who created it', async () => {
    const runtime = await startRuntime();

    const view = saved(save(runtime, newDeal()));

    expect(view.deal).toMatchObject({ id: 'D-0001', version: 1, updatedBy: YOU });
    expect(recordsOf(runtime, 'Deals')).toEqual([
      expect.objectContaining({ 'Deal ID': 'D-0001', 'Deal name': 'Onboarding', Version: 1 }),
    ]);
    expect(view.timeline).toEqual([
      expect.objectContaining({ kind: 'created', who: YOU, details: 'Created in Lead' }),
    ]);
    expect(activityOf(runtime, 'D-0001')).toHaveLength(1);
  });

  test('ignores the system fields a client sends', async () => {
    const runtime = await startRuntime();
    const forged = newDeal({
      id: '',
      version: 41,
      invoicedToDate: 999,
      sourceId: 'hubspot-1',
      updatedBy: 'mallory@example.com',
      updatedAt: '1999-01-01T00:00:00.000Z',
    });

    const deal = saved(save(runtime, forged)).deal;

    expect(deal).toMatchObject({ version: 1, invoicedToDate: 0, sourceId: '', updatedBy: YOU });
    expect(deal.updatedAt).not.toBe('1999-01-01T00:00:00.000Z');
  });

  test(
    'twenty saves of different new deals give twenty rows, ' + 'ids and created entries',
    async () => {
      const runtime = await startRuntime();

      const ids = Array.from({ length: 20 }, (_, i) => create(runtime, { name: `Deal ${i}` }).id);

      expect(new Set(ids).size).toBe(20);
      expect(recordsOf(runtime, 'Deals').map((row) => row['Deal ID'])).toEqual(ids);
      const created = recordsOf(runtime, 'Activity').filter((entry) => entry['Kind'] === 'created');
      expect(created.map((entry) => entry['Deal ID'])).toEqual(ids);
    },
  );

  test('never reuses the id of a deleted deal', async () => {
    const runtime = await startRuntime();
    create(runtime);
    create(runtime);

    spreadsheetOf(runtime).getSheetByName('Deals')!.deleteRow(3);
    const next = create(runtime);

    expect(next.id).toBe('D-0003');
  });

  test('continues after the ids the importer allocated', async () => {
    const runtime = await startRuntime();
    importDeals(runtime, 3);

    expect(create(runtime).id).toBe('D-0004');
  });
});

describe('stage gates, enforced by the server', () => {
  test(
    'a deal saved straight into Won without its finance fields ' + 'is refused, field by field',
    async () => {
      const runtime = await startRuntime();
      const before = snapshotOf(runtime);

      const result = refused(save(runtime, newDeal({ stage: 'Won' })));

      expect(result.conflict).toBe(false);
      expect(result.fieldErrors.map((e) => e.field)).toEqual([
        'amount',
        'currency',
        'paymentTerms',
        'closeDate',
      ]);
      for (const [error, label] of result.fieldErrors.map((e, i) => [e, LABELS[i]] as const)) {
        expect(error.message).toMatch(new RegExp(`^${label} is needed before a deal can be Won: `));
      }
      expect(result.message).toBe(
        "This deal can't be saved yet: check Amount, Currency, Payment terms and Close date. " +
          'Each field says what it needs.',
      );
      expect(snapshotOf(runtime)).toBe(before);
    },
  );

  test('an edit into Won is refused the same way and leaves the row as it was', async () => {
    const runtime = await startRuntime();
    const deal = create(runtime);
    const before = snapshotOf(runtime);

    const result = refused(save(runtime, { ...deal, stage: 'Won', amount: 100 }, deal));

    expect(result.fieldErrors.map((e) => e.field)).toEqual([
      'currency',
      'paymentTerms',
      'closeDate',
    ]);
    expect(snapshotOf(runtime)).toBe(before);
  });

  test('a request with values of the wrong type gets field errors, not a crash', async () => {
    const runtime = await startRuntime();
    const bad = { ...newDeal(), amount: '12,000', closeDate: 'soon' } as unknown as Deal;

    const result = refused(save(runtime, bad));

    expect(result.fieldErrors).toEqual([
      { field: 'amount', message: 'Amount must be a number: enter it again, or leave it empty.' },
      expect.objectContaining({ field: 'closeDate' }),
    ]);
  });

  test('only one payment-status tag at a time', async () => {
    const runtime = await startRuntime();

    const result = refused(save(runtime, newDeal({ tags: ['Deposit Paid', 'Paid in full'] })));

    expect(result.fieldErrors).toEqual([
      expect.objectContaining({ field: 'tags', message: expect.stringContaining('keep only one') }),
    ]);
  });

  test(
    'a complete Won deal is accepted with its tags, terms ' + 'and stage as the scheme spells them',
    async () => {
      const runtime = await startRuntime();

      const deal = saved(
        save(
          runtime,
          wonDeal({ stage: 'won', tags: ['renewal', 'deposit paid'], currency: 'usd' }),
        ),
      ).deal;

      expect(deal).toMatchObject({
        stage: 'Won',
        tags: ['Renewal', 'Deposit Paid'],
        currency: 'USD',
      });
    },
  );
});

describe('editing a deal', () => {
  test(
    'records the stage change and the fields changed; ' + 'the timeline is newest first',
    async () => {
      const runtime = await startRuntime();
      const deal = saved(save(runtime, wonDeal({ stage: 'Proposal' }))).deal;

      const view = saved(save(runtime, { ...deal, stage: 'Won', amount: 1500000 }, deal));

      expect(view.deal).toMatchObject({ stage: 'Won', amount: 1500000, version: 2 });
      expect(view.timeline.map((entry) => [entry.kind, entry.details])).toEqual([
        ['stage change', 'Stage Proposal → Won'],
        ['updated', 'Changed Amount'],
        ['created', 'Created in Proposal'],
      ]);
      expect(recordsOf(runtime, 'Deals')[0]).toMatchObject({
        Stage: 'Won',
        Amount: 15000,
        Version: 2,
      });
    },
  );

  test('a save with no changes returns the deal and writes nothing', async () => {
    const runtime = await startRuntime();
    const deal = create(runtime);
    const before = snapshotOf(runtime);

    const view = saved(save(runtime, { ...deal }, deal));

    expect(view.deal).toEqual(deal);
    expect(snapshotOf(runtime)).toBe(before);
  });

  test('keeps columns people added, formulas included', async () => {
    const runtime = await startRuntime();
    const deal = create(runtime);
    const sheet = spreadsheetOf(runtime).getSheetByName('Deals')!;
    const extra = sheet.getLastColumn() + 1;
    sheet.getRange(1, extra).setValue('Notes');
    sheet.getRange(2, extra).setFormula('=LEN(B2)');

    saved(save(runtime, { ...deal, name: 'Renamed' }, deal));

    expect(sheet.getRange(2, extra).getFormula()).toBe('=LEN(B2)');
  });

  test('writes only the deal row it saved', async () => {
    const runtime = await startRuntime();
    importDeals(runtime, 50);
    const deal = runtime.call<DealView>('loadDeal', 'D-0025').deal;
    runtime.resetStats();

    saved(save(runtime, { ...deal, name: 'Renamed' }, deal));

    const writes = runtime.stats()['Spreadsheet']?.['Range.setValues'];
    expect(writes).toBe(2); // the deal row and the Activity entry
  });

  test('the lock is released after a save that fails or is refused', async () => {
    const runtime = await startRuntime();

    expect(errorOf(() => save(runtime, newDeal({ id: 'D-0404' })))).toBe(
      'There is no deal D-0404 on the Deals sheet.',
    );
    expect(runtime.lockState().document.held).toBe(false);
    refused(save(runtime, newDeal({ stage: 'Won' })));
    expect(runtime.lockState().document.held).toBe(false);

    expect(create(runtime).id).toBe('D-0001');
  });

  test('a Deals sheet missing a column stops the save before anything is written', async () => {
    const runtime = await startRuntime();
    const deals = spreadsheetOf(runtime).getSheetByName('Deals')!;
    const column = (deals.getRange(1, 1, 1, deals.getLastColumn()).getValues()[0] ?? []).indexOf(
      'PO number',
    );
    deals.deleteColumn(column + 1);
    const before = snapshotOf(runtime);

    expect(errorOf(() => save(runtime, newDeal()))).toMatch(
      /^The "Deals" sheet has no column "PO number"\./,
    );
    expect(snapshotOf(runtime)).toBe(before);
  });
});

describe('two people editing the same deal', () => {
  test('the second save is refused, names who changed what, and overwrites nothing', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'deal-form-')), 'deals.xlsx');
    const sam = await startRuntime({ workbookPath: path, userEmail: SAM });
    const deal = create(sam);
    const mine = sam.call<DealView>('loadDeal', deal.id).deal;
    await sam.save();

    const fran = await createRuntime({ bundleDir: BUILD_DIR, workbookPath: path, userEmail: FRAN });
    const theirs = fran.call<DealView>('loadDeal', deal.id).deal;
    saved(save(fran, { ...theirs, account: 'Acme Corp', poNumber: 'PO-7' }, theirs));
    await fran.save();
    const samAgain = await createRuntime({
      bundleDir: BUILD_DIR,
      workbookPath: path,
      userEmail: SAM,
    });
    const before = snapshotOf(samAgain);
    const result = refused(save(samAgain, { ...mine, name: 'Mine' }, mine));

    expect(result.conflict).toBe(true);
    expect(result.message).toMatch(
      new RegExp(
        `^${FRAN} saved D-0001 at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d after you opened it ` +
          '\\(changed: Account, PO number\\)\\. Reload the deal',
      ),
    );
    expect(snapshotOf(samAgain)).toBe(before);
    expect(recordsOf(samAgain, 'Deals')[0]).toMatchObject({ 'Deal name': 'Onboarding' });
  });

  test('a second form in the same session is refused the same way', async () => {
    const runtime = await startRuntime();
    const deal = create(runtime);
    saved(save(runtime, { ...deal, amount: 500, currency: 'EUR' }, deal));
    const before = snapshotOf(runtime);

    const result = refused(save(runtime, { ...deal, name: 'Other tab' }, deal));

    expect(result).toMatchObject({ conflict: true, fieldErrors: [] });
    expect(result.message).toContain(`${YOU} saved D-0001 at `);
    expect(result.message).toContain('(changed: Amount, Currency)');
    expect(snapshotOf(runtime)).toBe(before);
  });

  test('a quote uploaded onto a deal changed since is refused the same way', async () => {
    const runtime = await startRuntime();
    const deal = create(runtime);
    saved(save(runtime, { ...deal, name: 'Changed' }, deal));

    const result = runtime.call<SaveResult>('uploadQuote', quoteUpload(deal, 'quote.pdf'));

    expect(refused(result).conflict).toBe(true);
    expect(driveFiles(runtime)).toEqual([]);
  });
});

describe('the quote', () => {
  const FILE_ID = '1AbC_dEf-GhIjKlMnOpQrStUv';
  const CANONICAL = `https://drive.google.com/file/d/${FILE_ID}/view`;

  test.each([
    ['a Drive file link', `https://drive.google.com/file/d/${FILE_ID}/view?usp=sharing`],
    ['an open?id= link', `https://drive.google.com/open?id=${FILE_ID}`],
    ['a Docs link', `https://docs.google.com/document/d/${FILE_ID}/edit`],
    ['a Sheets link', `https://docs.google.com/spreadsheets/d/${FILE_ID}/edit#gid=0`],
    ['a Slides link', `https://docs.google.com/presentation/d/${FILE_ID}/edit`],
  ])('accepts %s and stores the canonical link', async (_case, link) => {
    const runtime = await startRuntime();

    const deal = create(runtime, { quoteLink: link });

    expect(deal.quoteLink).toBe(CANONICAL);
    expect(recordsOf(runtime, 'Deals')[0]?.['Quote link']).toBe(CANONICAL);
  });

  test('refuses a link that is not a Drive link, on the quote field', async () => {
    const runtime = await startRuntime();

    const result = refused(save(runtime, newDeal({ quoteLink: 'https://example.com/quote.pdf' })));

    expect(result.fieldErrors).toEqual([
      {
        field: 'quoteLink',
        message:
          '"https://example.com/quote.pdf" is not a Google Drive link. Paste the link from ' +
          "Drive's Share or Copy link button, or upload the file instead.",
      },
    ]);
  });

  test("a link to a file Deal Desk can't open says so instead of failing", async () => {
    const runtime = await startRuntime();

    const view = saved(save(runtime, newDeal({ quoteLink: CANONICAL })));

    expect(view.quote).toEqual({
      fileId: FILE_ID,
      url: CANONICAL,
      name: null,
      lastUpdated: null,
      problem:
        "Deal Desk can't open this file: it may have been deleted or not shared with you. " +
        'Paste a new link or upload the file again.',
    });
  });

  test(
    "uploading twice keeps both files in the deal's folder " + 'and points at the newest',
    async () => {
      const runtime = await startRuntime();
      const deal = create(runtime, { name: 'Onboarding for Acme' });

      const first = saved(
        runtime.call<SaveResult>('uploadQuote', quoteUpload(deal, 'quote-v1.pdf')),
      );
      const second = saved(
        runtime.call<SaveResult>('uploadQuote', quoteUpload(first.deal, 'quote-v2.pdf')),
      );

      const files = driveFiles(runtime);
      expect(files.map((f) => f.name)).toEqual(['quote-v1.pdf', 'quote-v2.pdf']);
      expect(files[0]?.folder).toMatch(/^Deal Desk quotes\/D-0001 Onboarding for Acme#/);
      expect(files[1]?.folder).toBe(files[0]?.folder);
      expect(second.deal.quoteLink).toBe(`https://drive.google.com/file/d/${files[1]?.id}/view`);
      expect(second.deal.version).toBe(3);
      expect(second.quote).toMatchObject({ name: 'quote-v2.pdf', problem: null });
      expect(second.quote?.lastUpdated).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(second.timeline.filter((e) => e.kind === 'quote').map((e) => e.details)).toEqual([
        "Quote uploaded: quote-v2.pdf (earlier quotes kept in the deal's folder)",
        'Quote uploaded: quote-v1.pdf',
      ]);
    },
  );

  test('shows the name and last change of a Drive file the user can open', async () => {
    const runtime = await startRuntime();
    const fileId = runtime.drive.addFile({
      name: 'Acme quote.pdf',
      lastUpdated: Date.UTC(2024, 2, 14, 16, 30),
    });

    const deal = create(runtime, { quoteLink: `https://drive.google.com/open?id=${fileId}` });
    select(runtime, 'Deals', 2);
    const quote = runtime.call<DealFormData>('openDealForm').view?.quote;

    expect(deal.quoteLink).toBe(`https://drive.google.com/file/d/${fileId}/view`);
    expect(quote).toEqual({
      fileId,
      url: deal.quoteLink,
      name: 'Acme quote.pdf',
      lastUpdated: '2024-03-14T16:30:00.000Z',
      problem: null,
    });
  });

  test('makes the quotes folder again when someone put it in the trash', async () => {
    const runtime = await startRuntime();
    const deal = create(runtime);
    const first = saved(runtime.call<SaveResult>('uploadQuote', quoteUpload(deal, 'v1.pdf')));
    // Drive trashes what is inside a trashed folder along with it.
    for (const entry of runtime.drive.entries.values()) {
      if (entry.id !== runtime.drive.rootId) entry.trashed = true;
    }

    saved(runtime.call<SaveResult>('uploadQuote', quoteUpload(first.deal, 'v2.pdf')));

    const [v1, v2] = driveFiles(runtime);
    expect(v2?.folder).toMatch(/^Deal Desk quotes\/D-0001 Onboarding#/);
    expect(v2?.folder).not.toBe(v1?.folder);
  });

  test('refuses a file over 10 MB before it reaches Drive', async () => {
    const runtime = await startRuntime();
    const deal = create(runtime);
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 1).toString('base64');

    const result = refused(
      runtime.call<SaveResult>('uploadQuote', { ...quoteUpload(deal, 'huge.pdf'), base64: big }),
    );

    expect(result.fieldErrors[0]?.field).toBe('quoteLink');
    expect(result.message).toMatch(/^"huge\.pdf" is 10\.0 MB and a quote can be at most 10 MB\./);
    expect(driveFiles(runtime)).toEqual([]);
  });
});

describe('what crosses google.script.run', () => {
  test('the plain-data check itself finds Dates, undefined and functions at any depth', () => {
    const value = { a: [1, undefined], b: { when: new Date(0) }, c: () => 1, d: { e: undefined } };

    expect(nonPlainPaths(value)).toEqual([
      '$.a[1] is undefined',
      '$.b.when is a Date',
      '$.c is a function',
      '$.d.e is undefined',
    ]);
  });

  test('every response is plain data: no Dates, no undefined, no functions', async () => {
    const runtime = await startRuntime();
    const deal = saved(save(runtime, wonDeal())).deal;
    // invoke, not call: call would clone the result as JSON and hide what the server returned.
    const raw = (name: string, ...args: unknown[]) => runtime.invoke(name, ...args);
    const responses: unknown[] = [
      raw('openDealForm'),
      raw('loadDeal', deal.id),
      raw('searchDeals', ''),
      raw('saveDeal', { deal: { ...deal, name: 'Renamed' }, base: deal }),
      raw('saveDeal', { deal: newDeal({ stage: 'Won' }), base: null }),
      raw('saveDeal', { deal: { ...deal, name: 'Stale' }, base: deal }),
      raw('uploadQuote', quoteUpload({ ...deal, version: 2 }, 'quote.pdf')),
      raw('saveDeal', { deal: newDeal({ quoteLink: `${MISSING_FILE_LINK}` }), base: null }),
    ];

    expect(responses.flatMap((response, i) => nonPlainPaths(response, `response ${i}`))).toEqual(
      [],
    );
    expect(responses.filter((r) => (r as SaveResult).ok === false)).toHaveLength(2);
  });

  test('a deal and account that look like formulas or HTML are stored as text', async () => {
    const runtime = await startRuntime();
    const name = '=HYPERLINK("x")';
    const account = '<img src=x onerror=alert(1)>';

    const deal = create(runtime, { name, account, poNumber: '+SUM(A1)' });

    expect(deal).toMatchObject({ name, account });
    expect(recordsOf(runtime, 'Deals')[0]).toMatchObject({
      'Deal name': name,
      Account: account,
      'PO number': '+SUM(A1)',
    });
    expect(formulasOf(runtime, 'Deals')).toEqual([]);
    expect(formulasOf(runtime, 'Activity')).toEqual([]);
    expect(runtime.call<DealView>('loadDeal', deal.id).deal).toMatchObject({ name, account });
  });
});

describe('cost', () => {
  /** Spreadsheet service calls for one new deal and one edit, with `count` deals present. */
  async function callsPerSave(count: number): Promise<number> {
    const runtime = await startRuntime();
    importDeals(runtime, count);
    const deal = runtime.call<DealView>('loadDeal', 'D-0002').deal;
    runtime.resetStats();

    create(runtime);
    saved(save(runtime, { ...deal, name: 'Renamed' }, deal));

    const calls = runtime.stats()['Spreadsheet'] ?? {};
    return Object.values(calls).reduce((sum, n) => sum + n, 0);
  }

  test(
    'Spreadsheet calls for a save do not grow ' + 'with the number of deals (10 vs 500)',
    async () => {
      const few = await callsPerSave(10);
      const many = await callsPerSave(500);

      expect(many).toBe(few);
    },
  );
});

// ---------------------------------------------------------------------------------------
// Helpers that need the runtime's own API

function importDeals(runtime: LocalRuntime, count: number): void {
  const rows = Array.from({ length: count }, (_, i) => [
    String(i + 1),
    `Deal ${i + 1}`,
    `Account ${i + 1}`,
    'Lead',
  ]);
  runtime.call('importDeals', {
    csv: csvOf([['Record ID', 'Deal Name', 'Associated Company', 'Deal Stage'], ...rows]),
    currency: 'USD',
  });
}

function quoteUpload(deal: Deal, fileName: string) {
  return {
    dealId: deal.id,
    version: deal.version,
    fileName,
    mimeType: 'application/pdf',
    base64: Buffer.from(`%PDF-1.4 ${fileName}`).toString('base64'),
  };
}

function driveFiles(runtime: LocalRuntime): { id: string; name: string; folder: string }[] {
  const entries = [...runtime.drive.entries.values()];
  const folderOf = (id: string | undefined) => entries.find((e) => e.id === id);
  return entries
    .filter((entry) => entry.kind === 'file')
    .map((entry) => {
      const folder = folderOf(entry.parents[0]);
      const root = folderOf(folder?.parents[0]);
      return {
        id: entry.id,
        name: entry.name,
        folder: `${root?.name}/${folder?.name}#${folder?.id}`,
      };
    });
}

describe('the owner, from the team list', () => {
  test('a new deal whose owner is not on the team list is refused on the owner field', async () => {
    const runtime = await addOnWithSetup();

    const result = refused(save(runtime, newDeal({ owner: 'Mallory' })));

    expect(result.fieldErrors).toEqual([
      { field: 'owner', message: expect.stringContaining('"Mallory" is not on the team list') },
    ]);
    expect(recordsOf(runtime, 'Deals')).toEqual([]);
  });

  test('team members are accepted by name or email, in any case', async () => {
    const runtime = await addOnWithSetup();

    expect(create(runtime, { owner: 'sam seller' }).owner).toBe('sam seller');
    expect(create(runtime, { owner: 'Fran.Finance@example.com' }).id).toBe('D-0002');
  });

  test('an imported owner from another system is kept when the deal is edited', async () => {
    const runtime = await addOnWithSetup();
    runtime.call('importDeals', {
      csv: 'Record ID,Deal Name,Deal owner,Deal Stage\n7,Imported,Moses Frase,Lead',
    });
    const deal = runtime.call<DealView>('loadDeal', 'D-0001').deal;

    const view = saved(save(runtime, { ...deal, name: 'Imported, renamed' }, deal));

    expect(view.deal.owner).toBe('Moses Frase');
  });
});
