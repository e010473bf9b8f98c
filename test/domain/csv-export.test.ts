import { pendingInvoicesCsv, toCsv } from '../../src/domain/csv-export';
import type { PendingInvoiceLine, PendingInvoices } from '../../src/domain/pending-invoices';
import { parseCsv } from '../helpers/csv';

const BOM = '\uFEFF';

/** The one data field `value` becomes, as written (without BOM or line end). */
function written(value: string | number | null): string {
  return toCsv(['h'], [[value]]).slice(BOM.length + 'h\r\n'.length, -2);
}

describe('toCsv', () => {
  it('starts with a byte order mark and ends every row with CRLF', () => {
    const csv = toCsv(['Deal', 'Amount'], [['Acme', 10]]);

    expect(csv).toBe(`${BOM}Deal,Amount\r\nAcme,10\r\n`);
  });

  it('writes only the header row when there are no rows', () => {
    expect(toCsv(['Deal ID', 'Deal name'], [])).toBe(`${BOM}Deal ID,Deal name\r\n`);
  });

  it.each<[string, string | number | null, string]>([
    ['a formula', '=1+1', "'=1+1"],
    ['a leading plus', '+1', "'+1"],
    ['a negative number written as text', '-1', "'-1"],
    ['a negative number', -1, '-1'],
    ['an at sign', '@SUM(A1:A3)', "'@SUM(A1:A3)"],
    ['a leading tab', '\t=1+1', "'\t=1+1"],
    ['a leading carriage return', '\r=1+1', `"'\r=1+1"`],
    ['a formula that needs quoting', '=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['plain text', 'Acme Corp', 'Acme Corp'],
    ['a sign inside the text', 'A-1 = B', 'A-1 = B'],
    ['a comma', 'Acme, Inc.', '"Acme, Inc."'],
    ['a quote', 'The "big" deal', '"The ""big"" deal"'],
    ['a line break', 'line 1\nline 2', '"line 1\nline 2"'],
    ['a CRLF line break', 'line 1\r\nline 2', '"line 1\r\nline 2"'],
    ['null', null, ''],
    ['empty text', '', ''],
    ['a whole number', 1054, '1054'],
    ['a decimal', 1054.5, '1054.5'],
    ['a large amount', 10005534.99, '10005534.99'],
    ['zero', 0, '0'],
    ['minus zero', -0, '0'],
  ])('writes %s as it should', (_case, value, expected) => {
    expect(written(value)).toBe(expected);
  });

  it('refuses a number that is not finite', () => {
    expect(() => toCsv(['Amount'], [[Number.NaN]])).toThrow('NaN');
  });

  it('reads back as the same fields through an RFC 4180 reader', () => {
    const rows = [['Acme, Inc.', 'say "hi"\r\nbye', '', 'plain']];

    const parsed = parseCsv(toCsv(['a', 'b', 'c', 'd'], rows));

    expect(parsed).toEqual([['a', 'b', 'c', 'd'], ...rows]);
  });
});

describe('pendingInvoicesCsv', () => {
  const line: PendingInvoiceLine = {
    dealId: 'D-0042',
    dealName: '=HYPERLINK("x")',
    account: 'Acme, Inc.',
    owner: 'Dana',
    stage: 'Won',
    instalment: 1,
    instalmentLabel: '30% deposit',
    amount: 105450,
    currency: 'USD',
    invoiceOn: '2024-03-01',
    dueOn: null,
    paymentTerms: '30% deposit, balance Net 30',
    poNumber: 'PO-7',
    billingContact: 'ap@acme.example',
    daysWaiting: 12,
  };

  function pendingWith(lines: PendingInvoiceLine[]): PendingInvoices {
    return { asOf: '2024-03-13', lines, totals: [], skipped: [] } as unknown as PendingInvoices;
  }

  it('writes one row per instalment under the finance headers, amounts in major units', () => {
    const [header, row] = parseCsv(pendingInvoicesCsv(pendingWith([line])));

    expect(header).toEqual([
      'Deal ID',
      'Deal name',
      'Account',
      'Owner',
      'Stage',
      'Instalment',
      'Description',
      'Amount',
      'Currency',
      'Invoice on',
      'Due on',
      'Payment terms',
      'PO number',
      'Billing contact',
      'Days waiting',
    ]);
    expect(row).toEqual([
      'D-0042',
      `'=HYPERLINK("x")`,
      'Acme, Inc.',
      'Dana',
      'Won',
      '1',
      '30% deposit',
      '1054.5',
      'USD',
      '2024-03-01',
      '',
      '30% deposit, balance Net 30',
      'PO-7',
      'ap@acme.example',
      '12',
    ]);
  });

  it("writes amounts in the currency's own minor unit", () => {
    const yen = { ...line, amount: 150000, currency: 'JPY' };

    const [, row] = parseCsv(pendingInvoicesCsv(pendingWith([yen])));

    expect(row?.[7]).toBe('150000');
  });

  it('writes just the header when nothing is pending', () => {
    expect(parseCsv(pendingInvoicesCsv(pendingWith([])))).toHaveLength(1);
  });
});
