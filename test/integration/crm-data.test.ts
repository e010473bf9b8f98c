// Needs ../shared/data (the public CRM data set); skipped where absent, required in CI.
import { readFileSync } from 'node:fs';
import { addOnWithSetup, recordsOf, type LocalRuntime } from '../helpers/add-on';
import { describeWithSharedData, SALES_PIPELINE_CSV } from '../helpers/shared-data';

interface Report {
  totalRows: number;
  accepted: number;
  rejectedCount: number;
  blankRows: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

const STAGE_MAP = 'Won=Won,Lost=Lost,Engaging=Qualified,Prospecting=Lead';

describeWithSharedData('the public CRM data set (8,800 opportunities)', () => {
  let runtime: LocalRuntime;
  let first: Report;

  beforeAll(async () => {
    runtime = await addOnWithSetup();
    const csv = readFileSync(SALES_PIPELINE_CSV, 'utf8');
    first = runtime.call<Report>('importDeals', {
      csv,
      fileName: 'sales_pipeline.csv',
      currency: 'USD',
      stageMap: STAGE_MAP,
    });
  });

  test('the import report accounts for every one of the 8,800 rows', () => {
    expect(first.totalRows).toBe(8800);
    expect(first.accepted + first.rejectedCount + first.blankRows).toBe(8800);
    expect(first.inserted).toBe(first.accepted);
  });

  test('Pending invoices as of 2018-01-01 lists the 4,238 won deals, 10,005,534 USD', () => {
    const summary = runtime.call<{ count: number; totals: { currency: string; amount: number }[] }>(
      'rebuildPendingInvoices',
      { asOf: '2018-01-01' },
    );

    expect(summary.count).toBe(4238);
    expect(summary.totals).toEqual([
      expect.objectContaining({ currency: 'USD', amount: 10005534, count: 4238 }),
    ]);
    const stages = new Set(
      recordsOf(runtime, 'Pending invoices')
        .map((r) => r['Stage'])
        .filter(Boolean),
    );
    expect([...stages]).toEqual(['Won']);
  });

  test('importing the file a second time adds nothing and changes neither figure', () => {
    const csv = readFileSync(SALES_PIPELINE_CSV, 'utf8');

    const again = runtime.call<Report>('importDeals', {
      csv,
      currency: 'USD',
      stageMap: STAGE_MAP,
    });
    const summary = runtime.call<{ count: number; totals: { amount: number }[] }>(
      'rebuildPendingInvoices',
      { asOf: '2018-01-01' },
    );

    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: first.accepted });
    expect(recordsOf(runtime, 'Deals')).toHaveLength(first.accepted);
    expect(summary.count).toBe(4238);
    expect(summary.totals[0]?.amount).toBe(10005534);
  });
});
