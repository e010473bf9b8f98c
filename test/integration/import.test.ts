import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createRuntime } from '../../local/runtime';
import {
  addOnWithSetup,
  BUILD_DIR,
  csvOf,
  errorOf,
  recordsOf,
  snapshotOf,
  spreadsheetOf,
  valuesOf,
  type LocalRuntime,
} from '../helpers/add-on';

interface Report {
  totalRows: number;
  accepted: number;
  rejectedCount: number;
  rejected: { row: number; errors: { field: string; message: string }[] }[];
  inserted: number;
  updated: number;
  unchanged: number;
  headers: string[];
  mapping: { field: string; header: string | null }[];
  needsMapping: string | null;
}

const HUBSPOT_HEADER = [
  'Record ID',
  'Deal Name',
  'Associated Company',
  'Deal Stage',
  'Amount',
  'Close Date',
];

function importRows(runtime: LocalRuntime, rows: string[][], extra: object = {}): Report {
  return runtime.call<Report>('importDeals', { csv: csvOf(rows), fileName: 'test.csv', ...extra });
}

describe('Import deals', () => {
  test('reads a HubSpot export by its header names and allocates readable ids', async () => {
    const runtime = await addOnWithSetup();

    const report = importRows(runtime, [
      HUBSPOT_HEADER,
      ['101', 'Onboarding', 'Acme', 'Won', '1200.50', '2024-03-01'],
      ['102', 'Licence', 'Globex', 'Lead', '', ''],
    ]);

    expect(report).toMatchObject({ totalRows: 2, accepted: 2, inserted: 2, rejectedCount: 0 });
    const deals = recordsOf(runtime, 'Deals');
    expect(deals.map((d) => d['Deal ID'])).toEqual(['D-0001', 'D-0002']);
    expect(deals[0]).toMatchObject({
      'Deal name': 'Onboarding',
      Account: 'Acme',
      Amount: 1200.5,
      Currency: 'USD',
    });
  });

  test('keeps commas, quotes and line breaks inside fields', async () => {
    const runtime = await addOnWithSetup();
    const name = 'Phase 2, "the big one"\nsecond line';

    importRows(runtime, [HUBSPOT_HEADER, ['7', name, 'Acme, Inc.', 'Lead', '', '']]);

    expect(recordsOf(runtime, 'Deals')[0]).toMatchObject({
      'Deal name': name,
      Account: 'Acme, Inc.',
    });
  });

  test('stores a formula-looking deal name as text, never as a formula', async () => {
    const runtime = await addOnWithSetup();

    importRows(runtime, [HUBSPOT_HEADER, ['9', '=HYPERLINK("x")', '+SUM(A1)', 'Lead', '', '']]);

    const deals = spreadsheetOf(runtime).getSheetByName('Deals')!;
    expect(
      deals
        .getDataRange()
        .getFormulas()
        .flat()
        .filter((f) => f !== ''),
    ).toEqual([]);
    expect(recordsOf(runtime, 'Deals')[0]).toMatchObject({
      'Deal name': '=HYPERLINK("x")',
      Account: '+SUM(A1)',
    });
  });

  test('rejects a non-number amount and an unknown stage with row, column and reason', async () => {
    const runtime = await addOnWithSetup();

    const report = importRows(runtime, [
      HUBSPOT_HEADER,
      ['1', 'Good', 'Acme', 'Lead', '', ''],
      ['2', 'Bad amount', 'Acme', 'Proposal', 'lots', ''],
      ['3', 'Bad stage', 'Acme', 'Maybe', '10', ''],
    ]);

    expect(report).toMatchObject({ accepted: 1, rejectedCount: 2, inserted: 1 });
    const [amount, stage] = report.rejected;
    expect(amount?.row).toBe(3);
    expect(amount?.errors).toEqual([
      expect.objectContaining({ field: 'Amount', message: expect.stringMatching(/lots/) }),
    ]);
    expect(stage?.row).toBe(4);
    expect(stage?.errors).toEqual([
      expect.objectContaining({ field: 'Deal Stage', message: expect.stringMatching(/Maybe/) }),
    ]);
    expect(recordsOf(runtime, 'Deals').map((d) => d['Deal name'])).toEqual(['Good']);
  });

  test('importing the same file again updates instead of duplicating', async () => {
    const runtime = await addOnWithSetup();
    const rows = [HUBSPOT_HEADER, ['101', 'Onboarding', 'Acme', 'Lead', '', '']];
    importRows(runtime, rows);

    const again = importRows(runtime, rows);
    const changed = importRows(runtime, [
      HUBSPOT_HEADER,
      ['101', 'Onboarding', 'Acme', 'Qualified', '', ''],
    ]);

    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    expect(changed).toMatchObject({ inserted: 0, updated: 1 });
    const deals = recordsOf(runtime, 'Deals');
    expect(deals).toHaveLength(1);
    expect(deals[0]).toMatchObject({ 'Deal ID': 'D-0001', Stage: 'Qualified', Version: 2 });
    const kinds = recordsOf(runtime, 'Activity').map((a) => a['Kind']);
    expect(kinds).toEqual(['created', 'stage change']);
  });

  test('works with a column inserted and the columns reordered in Deals', async () => {
    const runtime = await addOnWithSetup();
    const deals = spreadsheetOf(runtime).getSheetByName('Deals')!;
    deals.insertColumnBefore(1);
    deals.getRange(1, 1).setValue('My notes');
    const header = valuesOf(runtime, 'Deals')[0] as string[];
    const reordered = [...header].reverse();
    deals.getRange(1, 1, 1, reordered.length).setValues([reordered]);

    importRows(runtime, [HUBSPOT_HEADER, ['1', 'Reordered', 'Acme', 'Won', '99', '2024-01-31']]);

    const record = recordsOf(runtime, 'Deals')[0];
    expect(record).toMatchObject({
      'Deal ID': 'D-0001',
      'Deal name': 'Reordered',
      Account: 'Acme',
      Amount: 99,
      'My notes': '',
    });
  });

  test('keeps a formula in a column of the user’s own when it updates rows', async () => {
    const runtime = await addOnWithSetup();
    importRows(runtime, [HUBSPOT_HEADER, ['1', 'A', 'Acme', 'Lead', '', '']]);
    const deals = spreadsheetOf(runtime).getSheetByName('Deals')!;
    const extra = deals.getLastColumn() + 1;
    deals.getRange(1, extra).setValue('Double');
    deals.getRange(2, extra).setFormula('=1+1');

    importRows(runtime, [HUBSPOT_HEADER, ['1', 'A', 'Acme', 'Qualified', '', '']]);

    expect(deals.getRange(2, extra).getFormula()).toBe('=1+1');
  });

  test('a deleted required column stops the import before anything is written', async () => {
    const runtime = await addOnWithSetup();
    const deals = spreadsheetOf(runtime).getSheetByName('Deals')!;
    deals.deleteColumn((valuesOf(runtime, 'Deals')[0] as string[]).indexOf('Stage') + 1);
    const before = snapshotOf(runtime);

    const message = errorOf(() =>
      importRows(runtime, [HUBSPOT_HEADER, ['1', 'A', 'Acme', 'Lead', '', '']]),
    );

    expect(message).toMatch(/"Deals" sheet has no column "Stage"/);
    expect(snapshotOf(runtime)).toBe(before);
  });

  test('releases the document lock when an import fails', async () => {
    const runtime = await addOnWithSetup();
    spreadsheetOf(runtime).getSheetByName('Deals')!.deleteColumn(1);

    errorOf(() => importRows(runtime, [HUBSPOT_HEADER, ['1', 'A', 'Acme', 'Lead', '', '']]));

    const lock = (
      runtime.globals.LockService as GoogleAppsScript.Lock.LockService
    ).getDocumentLock();
    expect(lock.tryLock(0)).toBe(true);
    lock.releaseLock();
  });

  test('the preview reports the same plan and writes nothing', async () => {
    const runtime = await addOnWithSetup();
    const before = snapshotOf(runtime);

    const report = runtime.call<Report>('previewImport', {
      csv: csvOf([
        HUBSPOT_HEADER,
        ['1', 'A', 'Acme', 'Lead', '', ''],
        ['2', 'B', 'Acme', 'Nope', '', ''],
      ]),
    });

    expect(report).toMatchObject({ accepted: 1, rejectedCount: 1, inserted: 1 });
    expect(snapshotOf(runtime)).toBe(before);
  });

  test('a stage map and an explicit column mapping handle other exports', async () => {
    const runtime = await addOnWithSetup();

    const report = importRows(
      runtime,
      [
        ['Ref', 'What', 'Who', 'Phase', 'Worth', 'Signed'],
        ['x1', 'Deal X', 'Acme', 'Closed won', '500', '2024-05-05'],
      ],
      {
        stageMap: 'Closed won=Won',
        mapping: {
          sourceId: 'Ref',
          name: 'What',
          account: 'Who',
          stage: 'Phase',
          amount: 'Worth',
          closeDate: 'Signed',
        },
        currency: 'EUR',
      },
    );

    expect(report).toMatchObject({ accepted: 1, rejectedCount: 0 });
    expect(recordsOf(runtime, 'Deals')[0]).toMatchObject({
      Stage: 'Won',
      Amount: 500,
      Currency: 'EUR',
      'Payment terms': 'Net 30',
    });
  });
});

describe('Import deals: files the aliases do not recognise', () => {
  const ROWS = [
    ['Title2', 'Worth', 'Phase'],
    ['Kiosk', '500', 'Lead'],
    ['Signage', '20', 'Qualified'],
  ];

  test(
    'the preview returns the headers and an empty mapping to fill in, ' + 'not an error',
    async () => {
      const runtime = await addOnWithSetup();

      const report = runtime.call<Report>('previewImport', { csv: csvOf(ROWS), fileName: 'x.csv' });

      expect(report).toMatchObject({
        headers: ['Title2', 'Worth', 'Phase'],
        totalRows: 2,
        accepted: 0,
        rejectedCount: 0,
        inserted: 0,
        updated: 0,
      });
      expect(report.mapping.every((m) => m.header === null)).toBe(true);
      expect(report.needsMapping).toMatch(/"Deal name" and "Stage"/);
    },
  );

  test('the import refuses until the name and the stage are mapped, writing nothing', async () => {
    const runtime = await addOnWithSetup();
    const before = snapshotOf(runtime);

    const message = errorOf(() => importRows(runtime, ROWS));

    expect(message).toMatch(/could not find a column for "Deal name" and "Stage"/);
    expect(snapshotOf(runtime)).toBe(before);
  });

  test('mapped by hand (by key or by label), the preview and the import go through', async () => {
    const runtime = await addOnWithSetup();
    const mapping = { 'Deal name': 'Title2', stage: 'Phase', Amount: 'Worth' };

    const preview = runtime.call<Report>('previewImport', { csv: csvOf(ROWS), mapping });
    const report = importRows(runtime, ROWS, { mapping });

    expect(preview).toMatchObject({ needsMapping: null, accepted: 1, rejectedCount: 1 });
    expect(report).toMatchObject({ inserted: 1, rejectedCount: 1 });
    expect(recordsOf(runtime, 'Deals')[0]).toMatchObject({ 'Deal name': 'Kiosk', Amount: 500 });
  });
});

describe('Import deals: requests are not trusted', () => {
  test.each([
    ['a mapping to a number', { mapping: { name: 5 } }, /"name" must be mapped to a column header/],
    ['a mapping of an unknown field', { mapping: { title: 'x' } }, /"title" is not a deal field/],
    ['a stage map to a number', { stageMap: { Won: 5 } }, /"Won" maps to 5/],
    ['a currency that is a number', { currency: 5 }, /three-letter code such as USD, not 5/],
    ['no file text', { csv: 42 }, /did not arrive as text/],
  ])('%s is refused with a plain reason', async (_case, extra, reason) => {
    const runtime = await addOnWithSetup();
    const before = snapshotOf(runtime);
    const request = { csv: csvOf([HUBSPOT_HEADER, ['1', 'A', 'Acme', 'Lead', '', '']]), ...extra };

    for (const name of ['previewImport', 'importDeals']) {
      const message = errorOf(() => runtime.call(name, request));
      expect(message).toMatch(reason);
      expect(message).not.toMatch(/Something went wrong|is not a function/);
    }
    expect(snapshotOf(runtime)).toBe(before);
  });

  test('a bad mapping lists the fields that can be mapped', async () => {
    const runtime = await addOnWithSetup();

    const message = errorOf(() => importRows(runtime, [HUBSPOT_HEADER], { mapping: { name: 5 } }));

    expect(message).toContain('name (Deal name), account (Account), owner (Owner)');
  });
});

describe('Import deals: what the file holds', () => {
  test('an unclosed quote is reported as a CSV problem, not "Something went wrong"', async () => {
    const runtime = await addOnWithSetup();
    const csv = 'Deal Name,Deal Stage\r\nKiosk,Lead\r\n"Signage,Lead\r\n';

    const messages = ['previewImport', 'importDeals'].map((name) =>
      errorOf(() => runtime.call(name, { csv })),
    );

    for (const message of messages) {
      expect(message).toBe(
        'The file is not a valid CSV: a quoted field is never closed (it opens on line 3). ' +
          'Check for a stray " character, or export the file again.',
      );
    }
  });

  test('payment terms, stages and tags are stored as the scheme spells them', async () => {
    const runtime = await addOnWithSetup();

    importRows(runtime, [
      ['Deal Name', 'Deal Stage', 'Payment terms', 'Tags'],
      ['Kiosk', 'lead', 'net 30', 'renewal'],
    ]);

    expect(recordsOf(runtime, 'Deals')[0]).toMatchObject({
      Stage: 'Lead',
      'Payment terms': 'Net 30',
      Tags: 'Renewal',
    });
  });

  test('an amount beyond the limit, or too precise, says so', async () => {
    const runtime = await addOnWithSetup();

    const report = importRows(runtime, [
      HUBSPOT_HEADER,
      ['1', 'Huge', 'Acme', 'Lead', '99999999999999999999', ''],
      ['2', 'Unsafe', 'Acme', 'Lead', '9007199254740993', ''],
      ['3', 'Precise', 'Acme', 'Lead', '12.345', ''],
    ]);

    expect(report.rejected.map((r) => r.errors[0]?.message)).toEqual([
      '"99999999999999999999" is more than Deal Desk can hold: amounts go up to 1,000,000,000,000.',
      '"9007199254740993" is more than Deal Desk can hold: amounts go up to 1,000,000,000,000.',
      expect.stringContaining('USD amounts have at most 2 decimals'),
    ]);
    expect(recordsOf(runtime, 'Deals')).toEqual([]);
  });

  test('an amount cell beyond the limit is read as a problem that says the limit', async () => {
    const runtime = await addOnWithSetup();
    importRows(runtime, [HUBSPOT_HEADER, ['1', 'A', 'Acme', 'Won', '100', '2024-01-02']]);
    const deals = spreadsheetOf(runtime).getSheetByName('Deals')!;
    const amountColumn = (valuesOf(runtime, 'Deals')[0] as string[]).indexOf('Amount') + 1;
    deals.getRange(2, amountColumn).setValue(1e15);

    const summary = runtime.call<{ skipped: { problem: string }[] }>('rebuildPendingInvoices', {
      asOf: '2024-03-01',
    });

    expect(summary.skipped.map((s) => s.problem)).toEqual([
      expect.stringContaining(
        'is more than Deal Desk can hold: amounts go up to 1,000,000,000,000.',
      ),
    ]);
  });

  test('the finished toast counts deals in words: "1 deal added"', async () => {
    const runtime = await addOnWithSetup();

    importRows(runtime, [HUBSPOT_HEADER, ['1', 'A', 'Acme', 'Lead', '', '']]);

    expect(runtime.ui.toasts.map((t) => t.message).pop()).toBe('1 deal added, 0 deals updated.');
  });
});

describe('deal-desk import', () => {
  const BIN = join(__dirname, '../../bin/deal-desk.mjs');
  let dir: string;
  let workbook: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'deal-desk-import-'));
    workbook = join(dir, 'book.xlsx');
  });

  function desk(args: string[]) {
    const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  function file(name: string, content: string | Uint8Array): string {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  }

  /** The deal names the workbook file holds. */
  async function dealNamesIn(path: string): Promise<unknown[]> {
    const runtime = await createRuntime({ bundleDir: BUILD_DIR, workbookPath: path });
    return recordsOf(runtime, 'Deals').map((d) => d['Deal name']);
  }

  test('reads a Windows-1252 file without corrupting it, and says how it read it', async () => {
    const text = 'Deal Name,Deal Stage\r\nCafé déal €,Lead\r\n';
    const bytes = Uint8Array.from(Array.from(text, (c) => (c === '€' ? 0x80 : c.charCodeAt(0))));

    const result = desk(['import', file('deals.csv', bytes), '--workbook', workbook]);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Read as Windows-1252 (not UTF-8)');
    expect(await dealNamesIn(workbook)).toEqual(['Café déal €']);
  });

  test('reads a UTF-16 file with a byte-order mark', async () => {
    const text = '\uFEFFDeal Name,Deal Stage\r\nCafé,Lead\r\n';
    const bytes = new Uint8Array(text.length * 2);
    Array.from(text).forEach((c, i) =>
      new DataView(bytes.buffer).setUint16(i * 2, c.charCodeAt(0), true),
    );

    const result = desk(['import', file('deals.csv', bytes), '--workbook', workbook]);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/1 imported \(1 added/);
    expect(await dealNamesIn(workbook)).toEqual(['Café']);
  });

  test('a file whose every row is rejected exits 1, with the summary printed', () => {
    const csv = file('deals.csv', 'Deal Name,Deal Stage\r\nA,Nowhere\r\nB,Nowhere\r\n');

    const result = desk(['import', csv, '--workbook', workbook]);

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/2 rows read: 0 imported .* 2 rejected/);
    expect(result.stdout).toMatch(/row 2, Deal Stage: "Nowhere" is not a stage/);
    expect(result.stderr).toMatch(/^deal-desk: Nothing was imported: every row of .* was rejected/);
    expect(existsSync(workbook)).toBe(false);
  });

  test.each([
    ['a header that is a number', '{"name": 5}', /"name" must be mapped to a column header/],
    ['an unknown field', '{"title": "Title2"}', /"title" is not a deal field/],
    ['JSON that is a list', '["name"]', /must be JSON like/],
    ['JSON that is null', 'null', /must be JSON like/],
  ])('a --mapping file with %s is refused, naming the valid fields', (_case, json, reason) => {
    const csv = file('deals.csv', 'Title2,Phase\r\nKiosk,Lead\r\n');
    const mapping = file('mapping.json', json);

    const result = desk(['import', csv, '--workbook', workbook, '--mapping', mapping]);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(reason);
    expect(result.stderr).toContain('name (Deal name)');
    expect(result.stderr).not.toMatch(/is not a function/);
  });

  test('a --mapping file may name fields by their labels', () => {
    const csv = file('deals.csv', 'Title2,Phase\r\nKiosk,Lead\r\n');
    const mapping = file('mapping.json', '{"Deal name": "Title2", "Stage": "Phase"}');

    const result = desk(['import', csv, '--workbook', workbook, '--mapping', mapping]);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/1 imported \(1 added/);
  });
});

describe('rows added below the formatted part of the sheet', () => {
  test('make room first and carry the money and date formats of their columns', async () => {
    const runtime = await addOnWithSetup();
    const deals = spreadsheetOf(runtime).getSheetByName('Deals')!;
    const rows = deals.getMaxRows() + 5;
    const csv = [
      HUBSPOT_HEADER,
      ...Array.from({ length: rows }, (_, i) => [
        String(i),
        `Deal ${i}`,
        'Acme',
        'Won',
        '1000',
        '2024-03-01',
      ]),
    ];

    runtime.call('importDeals', { csv: csvOf(csv) });

    const header = valuesOf(runtime, 'Deals')[0] as string[];
    const lastRow = rows + 1;
    expect(deals.getMaxRows()).toBeGreaterThanOrEqual(lastRow);
    expect(deals.getRange(lastRow, header.indexOf('Amount') + 1).getNumberFormat()).toBe(
      '#,##0.00',
    );
    expect(deals.getRange(lastRow, header.indexOf('Close date') + 1).getNumberFormat()).toBe(
      'yyyy-mm-dd',
    );
  });
});
