import { emptyDeal, nextDealId, type Deal } from '../../src/domain/deal';
import {
  computePendingInvoices,
  invoicedTotals,
  type InvoiceRecord,
  type PendingInvoiceLine,
} from '../../src/domain/pending-invoices';
import { DEFAULT_SCHEME } from '../../src/domain/scheme';

const AS_OF = '2024-04-01';

function wonDeal(changes: Partial<Deal> = {}): Deal {
  return {
    ...emptyDeal(),
    id: 'D-0001',
    name: 'Acme rollout',
    account: 'Acme',
    owner: 'sam.seller@example.com',
    stage: 'Won',
    amount: 100000,
    currency: 'USD',
    paymentTerms: 'Net 30',
    closeDate: '2024-03-15',
    poNumber: 'PO-7',
    billingContact: 'ap@acme.example',
    ...changes,
  };
}

function depositDeal(changes: Partial<Deal> = {}): Deal {
  return wonDeal({ paymentTerms: '30% deposit, balance Net 30', ...changes });
}

function invoice(dealId: string, instalment: number, amount = 100000): InvoiceRecord {
  return {
    dealId,
    instalment,
    invoiceNumber: `INV-${dealId}-${instalment}`,
    amount,
    currency: 'USD',
    issuedOn: '2024-03-20',
    issuedBy: 'fran.finance@example.com',
    comment: '',
    paidOn: null,
  };
}

function pending(deals: Deal[], invoices: InvoiceRecord[] = [], asOf = AS_OF) {
  return computePendingInvoices(deals, invoices, DEFAULT_SCHEME, asOf);
}

function keys(lines: readonly PendingInvoiceLine[]): string[] {
  return lines.map((line) => `${line.dealId}/${line.instalment}`);
}

describe('computePendingInvoices: what is listed', () => {
  test('lists a won deal that has not been invoiced, with what finance needs', () => {
    expect(pending([wonDeal()]).lines).toEqual([
      {
        dealId: 'D-0001',
        dealName: 'Acme rollout',
        account: 'Acme',
        owner: 'sam.seller@example.com',
        stage: 'Won',
        instalment: 1,
        instalmentLabel: 'Full amount',
        amount: 100000,
        currency: 'USD',
        invoiceOn: '2024-03-15',
        dueOn: '2024-04-14',
        paymentTerms: 'Net 30',
        poNumber: 'PO-7',
        billingContact: 'ap@acme.example',
        daysWaiting: 17,
      },
    ]);
  });

  test.each([
    ['Lead', 0],
    ['Negotiation', 0],
    ['Won', 1],
    ['Ready for fulfilment', 1],
    ['In delivery', 1],
    ['Delivered', 1],
    ['Lost', 0],
    ['Closed', 0],
  ])('lists a deal in the stage %s %i times', (stage, count) => {
    expect(pending([wonDeal({ stage })]).lines).toHaveLength(count);
  });

  test('names the stage as the scheme spells it', () => {
    expect(pending([wonDeal({ stage: 'in DELIVERY' })]).lines[0]?.stage).toBe('In delivery');
  });

  test('leaves out an instalment that has been invoiced', () => {
    expect(pending([wonDeal()], [invoice('D-0001', 1)]).lines).toEqual([]);
  });

  test('still lists an instalment when only other deals have been invoiced', () => {
    const invoices = [invoice('D-0002', 1), invoice('D-0001', 2)];

    expect(keys(pending([wonDeal()], invoices).lines)).toEqual(['D-0001/1']);
  });

  test('leaves out an instalment that may not be invoiced until after the day', () => {
    expect(pending([wonDeal({ closeDate: '2024-04-02' })]).lines).toEqual([]);
  });

  test('lists an instalment that may be invoiced on the day itself, waiting 0 days', () => {
    const { lines } = pending([wonDeal({ closeDate: AS_OF })]);

    expect(lines.map((line) => line.daysWaiting)).toEqual([0]);
  });

  test('lists only the deposit before there is a delivery date', () => {
    expect(keys(pending([depositDeal({ deliveryDate: null })]).lines)).toEqual(['D-0001/1']);
  });

  test('lists the balance once the deal is delivered and the deposit invoiced', () => {
    const deal = depositDeal({ deliveryDate: '2024-03-25' });
    const { lines } = pending([deal], [invoice('D-0001', 1, 30000)]);

    expect(lines).toMatchObject([
      {
        instalment: 2,
        instalmentLabel: 'Balance (70%)',
        amount: 70000,
        invoiceOn: '2024-03-25',
        dueOn: '2024-04-24',
        daysWaiting: 7,
      },
    ]);
  });
});

describe('computePendingInvoices: deals that cannot be worked out', () => {
  test('sets aside a won deal with no amount, saying why', () => {
    const result = pending([wonDeal({ amount: null })]);

    expect(result).toMatchObject({
      lines: [],
      skipped: [
        {
          dealId: 'D-0001',
          dealName: 'Acme rollout',
          problem: 'Amount is needed to work out its invoices: fill it in.',
        },
      ],
    });
  });

  test('says nothing about an open deal with no amount', () => {
    expect(pending([wonDeal({ stage: 'Proposal', amount: null })]).skipped).toEqual([]);
  });

  test('says nothing about a lost deal with no amount', () => {
    expect(pending([wonDeal({ stage: 'Lost', amount: null })]).skipped).toEqual([]);
  });

  test.each([
    ['Wonn', /stage "Wonn" is not in the scheme/],
    ['', /It has no stage/],
  ])(
    'reports a deal whose stage %j is not in the scheme instead of leaving it out',
    (stage, why) => {
      const result = pending([wonDeal({ stage })]);

      expect(result.lines).toEqual([]);
      expect(result.skipped).toEqual([
        { dealId: 'D-0001', dealName: 'Acme rollout', problem: expect.stringMatching(why) },
      ]);
    },
  );
});

describe('computePendingInvoices: order and totals', () => {
  test('sorts by invoice day, then deal number, then instalment', () => {
    const deals = [
      wonDeal({ id: 'D-10000', closeDate: '2024-03-01' }),
      wonDeal({ id: 'D-9999', closeDate: '2024-03-01' }),
      depositDeal({ id: 'D-0003', closeDate: '2024-02-15', deliveryDate: '2024-03-01' }),
      wonDeal({ id: 'D-0005', closeDate: '2024-02-01' }),
    ];

    expect(keys(pending(deals).lines)).toEqual([
      'D-0005/1',
      'D-0003/1',
      'D-0003/2',
      'D-9999/1',
      'D-10000/1',
    ]);
  });

  test('totals each currency separately, in currency order', () => {
    const deals = [
      wonDeal({ id: 'D-0001', amount: 100000, currency: 'USD' }),
      wonDeal({ id: 'D-0002', amount: 50000, currency: 'EUR' }),
      wonDeal({ id: 'D-0003', amount: 20000, currency: 'USD' }),
    ];

    expect(pending(deals).totals).toEqual([
      { currency: 'EUR', amount: 50000, count: 1 },
      { currency: 'USD', amount: 120000, count: 2 },
    ]);
  });

  test('returns an empty list, dated, when nothing is pending', () => {
    expect(pending([])).toEqual({ asOf: AS_OF, lines: [], totals: [], skipped: [] });
  });

  // Speed is measured by `npm run bench`; this checks the result at that size is right.
  test('lists the right half of 50,000 deals when every other one is invoiced', () => {
    const deals = Array.from({ length: 50_000 }, (_, i) => wonDeal({ id: nextDealId(i) }));
    const invoices = deals.map((deal, i) => invoice(deal.id, i % 2 === 0 ? 1 : 2));

    const { lines } = pending(deals, invoices);

    expect(lines).toHaveLength(25_000);
    expect(lines[0]?.dealId).toBe(nextDealId(1));
  });
});

describe('invoicedTotals', () => {
  test('adds up the invoices of each deal', () => {
    const invoices = [
      invoice('D-0001', 1, 30000),
      invoice('D-0002', 1, 5000),
      invoice('D-0001', 2, 70000),
    ];

    expect(invoicedTotals(invoices)).toEqual(
      new Map([
        ['D-0001', 100000],
        ['D-0002', 5000],
      ]),
    );
  });

  test('has no total for a deal with no invoices', () => {
    expect(invoicedTotals([invoice('D-0001', 1)]).get('D-0002')).toBeUndefined();
  });
});
