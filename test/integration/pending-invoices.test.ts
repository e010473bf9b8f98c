import {
  addOnWithSetup,
  csvOf,
  errorOf,
  recordsOf,
  spreadsheetOf,
  valuesOf,
  type LocalRuntime,
} from '../helpers/add-on';

interface Summary {
  asOf: string;
  count: number;
  totals: { currency: string; amount: number; count: number }[];
  skipped: { dealId: string }[];
  message: string;
}

const HEADER = [
  'Record ID',
  'Deal Name',
  'Company',
  'Deal Stage',
  'Amount',
  'Currency',
  'Payment terms',
  'Close Date',
  'Delivery date',
  'Start date',
  'Billing contact',
];
const FULFIL = ['2024-01-20', 'ap@example.com'];

function seed(runtime: LocalRuntime): void {
  runtime.call('importDeals', {
    csv: csvOf([
      HEADER,
      ['1', 'Won net', 'Acme', 'Won', '1000', 'USD', 'Net 30', '2024-01-10', '', '', ''],
      [
        '2',
        'Won deposit',
        'Globex',
        'Ready for fulfilment',
        '999.99',
        'USD',
        '30% deposit, balance Net 30',
        '2024-01-15',
        '2024-03-01',
        ...FULFIL,
      ],
      [
        '3',
        'Euro deal',
        'Initech',
        'Delivered',
        '500',
        'EUR',
        'Net 15',
        '2024-02-01',
        '2024-02-20',
        ...FULFIL,
      ],
      ['4', 'Lost one', 'Hooli', 'Lost', '0', 'USD', '', '2024-01-05', '', '', ''],
      ['5', 'Still open', 'Hooli', 'Proposal', '700', 'USD', '', '', '', '', ''],
      ['6', 'Future close', 'Acme', 'Won', '50', 'USD', 'Net 30', '2024-06-01', '', '', ''],
    ]),
  });
}

function rebuild(runtime: LocalRuntime, asOf: string): Summary {
  return runtime.call<Summary>('rebuildPendingInvoices', { asOf });
}

describe('Pending invoices', () => {
  test('lists each due instalment of won deals with totals per currency', async () => {
    const runtime = await addOnWithSetup();
    seed(runtime);

    const summary = rebuild(runtime, '2024-03-15');

    // Won net (1000), deposit 30% of 999.99 = 300.00, balance 699.99 (delivered 03-01), Euro 500.
    expect(summary.count).toBe(4);
    expect(summary.totals).toEqual([
      { currency: 'EUR', amount: 500, count: 1, text: '500.00 EUR' },
      { currency: 'USD', amount: 1999.99, count: 3, text: '1,999.99 USD' },
    ]);
    const lines = recordsOf(runtime, 'Pending invoices').filter((r) =>
      String(r['Deal ID']).startsWith('D-'),
    );
    expect(lines.map((l) => [l['Deal name'], l['Amount']])).toEqual([
      ['Won net', 1000],
      ['Won deposit', 300],
      ['Euro deal', 500],
      ['Won deposit', 699.99],
    ]);
  });

  test('an instalment on the Invoices sheet is no longer pending', async () => {
    const runtime = await addOnWithSetup();
    seed(runtime);
    const invoices = spreadsheetOf(runtime).getSheetByName('Invoices')!;
    invoices.getRange(2, 1, 1, 6).setValues([["'D-0001", 1, 'INV-1', 1000, 'USD', '2024-01-11']]);

    const summary = rebuild(runtime, '2024-03-15');

    expect(summary.count).toBe(3);
    expect(recordsOf(runtime, 'Pending invoices').some((r) => r['Deal name'] === 'Won net')).toBe(
      false,
    );
  });

  test('rebuilding replaces the previous list entirely', async () => {
    const runtime = await addOnWithSetup();
    seed(runtime);
    rebuild(runtime, '2024-12-31');

    rebuild(runtime, '2024-01-12');

    const rows = valuesOf(runtime, 'Pending invoices')
      .slice(1)
      .filter((r) => String(r[0]).startsWith('D-'));
    expect(rows.map((r) => r[1])).toEqual(['Won net']);
    // Header, one line, a blank row, one total and one spare row: nothing left over.
    expect(spreadsheetOf(runtime).getSheetByName('Pending invoices')!.getMaxRows()).toBe(5);
  });

  test('a bad as-of date is refused in plain words', async () => {
    const runtime = await addOnWithSetup();

    expect(errorOf(() => rebuild(runtime, '31/12/2024'))).toMatch(
      /As of: "31\/12\/2024" is not a date/,
    );
  });

  test('the CSV export has a BOM, RFC 4180 quoting and neutralised formula text', async () => {
    const runtime = await addOnWithSetup();
    runtime.call('importDeals', {
      csv: csvOf([
        HEADER,
        ['1', '=cmd|calc', 'Comma, "quoted"', 'Won', '5', 'USD', 'Net 30', '2024-01-10', ''],
      ]),
    });

    const { csv, fileName } = runtime.call<{ csv: string; fileName: string }>(
      'exportPendingInvoices',
      { asOf: '2024-02-01' },
    );

    expect(fileName).toBe('pending-invoices-2024-02-01.csv');
    expect(csv.startsWith('\uFEFFDeal ID,')).toBe(true);
    expect(csv).toContain(`,'=cmd|calc,"Comma, ""quoted""",`);
  });

  test('a won deal with a broken amount cell is skipped and reported, not guessed', async () => {
    const runtime = await addOnWithSetup();
    seed(runtime);
    const deals = spreadsheetOf(runtime).getSheetByName('Deals')!;
    const amountColumn = (valuesOf(runtime, 'Deals')[0] as string[]).indexOf('Amount') + 1;
    deals.getRange(2, amountColumn).setValue('a lot');

    const summary = rebuild(runtime, '2024-03-15');

    expect(summary.skipped).toEqual([
      expect.objectContaining({
        dealId: 'D-0001',
        problem: expect.stringMatching(/Deals row 2: Amount: "a lot" is not an amount/),
      }),
    ]);
    expect(summary.message).toMatch(/1 won deals? skipped/);
  });

  test(
    'a won deal whose stage was mistyped in the grid is reported, ' + 'not silently dropped',
    async () => {
      const runtime = await addOnWithSetup();
      seed(runtime);
      const deals = spreadsheetOf(runtime).getSheetByName('Deals')!;
      const stageColumn = (valuesOf(runtime, 'Deals')[0] as string[]).indexOf('Stage') + 1;
      deals.getRange(2, stageColumn).setValue('Wonn');

      const summary = rebuild(runtime, '2024-03-15');

      expect(summary.count).toBe(3);
      expect(summary.skipped).toEqual([
        expect.objectContaining({
          dealId: 'D-0001',
          problem: expect.stringMatching(/stage "Wonn" is not in the scheme/),
        }),
      ]);
    },
  );

  test('Spreadsheet service calls do not grow with the number of deals', async () => {
    const calls = async (count: number) => {
      const runtime = await addOnWithSetup();
      const rows = Array.from({ length: count }, (_, i) => [
        String(i),
        `Deal ${i}`,
        'Acme',
        'Won',
        '10',
        'USD',
        'Net 30',
        '2024-01-10',
        '',
      ]);
      runtime.call('importDeals', { csv: csvOf([HEADER, ...rows]) });
      runtime.resetStats();
      rebuild(runtime, '2024-03-15');
      const spreadsheet = runtime.stats()['Spreadsheet'] ?? {};
      return Object.values(spreadsheet).reduce((sum, n) => sum + n, 0);
    };

    expect(await calls(500)).toBe(await calls(20));
  });

  test('the menu item shows a toast with the count and totals', async () => {
    const runtime = await addOnWithSetup();
    seed(runtime);

    runtime.invoke('showPendingInvoices');

    expect(runtime.ui.alerts).toEqual([]);
    expect(runtime.ui.toasts.map((t) => t.message).pop()).toMatch(
      /^\d+ instalments? to invoice as of \d{4}-\d{2}-\d{2}: /,
    );
  });
});
