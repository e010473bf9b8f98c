import {
  addOnWithSetup,
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
