import { emptyDeal, type Deal } from '../../src/domain/deal';
import {
  findPaymentTerms,
  instalmentsFor,
  parseTermsRule,
  type Instalment,
  type TermsRule,
} from '../../src/domain/payment-terms';
import { DEFAULT_SCHEME } from '../../src/domain/scheme';
import type { Scheme } from '../../src/domain/scheme-types';

function wonDeal(changes: Partial<Deal> = {}): Deal {
  return {
    ...emptyDeal(),
    id: 'D-0001',
    name: 'Acme rollout',
    account: 'Acme',
    stage: 'Won',
    amount: 100000,
    currency: 'USD',
    paymentTerms: 'Net 30',
    closeDate: '2024-03-15',
    ...changes,
  };
}

function schemeWithPreset(name: string, rule = name): Scheme {
  return { ...DEFAULT_SCHEME, paymentTerms: [...DEFAULT_SCHEME.paymentTerms, { name, rule }] };
}

describe('parseTermsRule', () => {
  test.each<[string, TermsRule]>([
    ['Net 30', { kind: 'net', days: 30 }],
    ['Net30', { kind: 'net', days: 30 }],
    ['net   45', { kind: 'net', days: 45 }],
    ['  NET 60  ', { kind: 'net', days: 60 }],
    ['Net 0', { kind: 'net', days: 0 }],
    ['Net 365', { kind: 'net', days: 365 }],
    ['Due on receipt', { kind: 'net', days: 0 }],
    ['due  on RECEIPT', { kind: 'net', days: 0 }],
    ['30% deposit, balance Net 30', { kind: 'deposit', depositPercent: 30, balanceDays: 30 }],
    ['30% deposit balance net 30', { kind: 'deposit', depositPercent: 30, balanceDays: 30 }],
    ['50 % Deposit , Balance Net15', { kind: 'deposit', depositPercent: 50, balanceDays: 15 }],
    ['33.3% deposit, balance Net 30', { kind: 'deposit', depositPercent: 33.3, balanceDays: 30 }],
    ['1% deposit, balance Net 10', { kind: 'deposit', depositPercent: 1, balanceDays: 10 }],
    ['99% deposit, balance Net 10', { kind: 'deposit', depositPercent: 99, balanceDays: 10 }],
    [
      '20% deposit, balance due on receipt',
      { kind: 'deposit', depositPercent: 20, balanceDays: 0 },
    ],
  ])('reads "%s"', (text, rule) => {
    expect(parseTermsRule(text)).toEqual(rule);
  });

  test.each([
    ['empty text', ''],
    ['net without days', 'Net'],
    ['more than 365 days', 'Net 366'],
    ['negative days', 'Net -5'],
    ['days spelled out', 'Net thirty'],
    ['a 0% deposit', '0% deposit, balance Net 30'],
    ['a 100% deposit', '100% deposit, balance Net 30'],
    ['a deposit above 99%', '99.5% deposit, balance Net 30'],
    ['a deposit below 1%', '0.5% deposit, balance Net 30'],
    ['a deposit with no balance', '30% deposit'],
    ['a balance beyond 365 days', '30% deposit, balance Net 400'],
    ['early-payment discount terms', '2/10 Net 30'],
  ])('refuses %s', (_case, text) => {
    expect(parseTermsRule(text)).toBeNull();
  });
});

describe('findPaymentTerms', () => {
  test.each([
    ['Net 30', 'Net 30'],
    ['net 30', 'Net 30'],
    ['DUE ON RECEIPT', 'Due on receipt'],
  ])('finds "%s" as the preset "%s"', (name, presetName) => {
    expect(findPaymentTerms(DEFAULT_SCHEME, name)?.name).toBe(presetName);
  });

  test('finds nothing for a name that is not a preset', () => {
    expect(findPaymentTerms(DEFAULT_SCHEME, 'Net 31')).toBeUndefined();
  });
});

describe('instalmentsFor: net terms', () => {
  test.each([
    ['Net 30', '2024-03-15', '2024-04-14'],
    ['Due on receipt', '2024-03-15', '2024-03-15'],
    ['Net 60', '2024-12-15', '2025-02-13'],
    ['Net 15', '2024-02-20', '2024-03-06'],
  ])('%s from a close date of %s is one instalment due on %s', (terms, closeDate, dueOn) => {
    const deal = wonDeal({ paymentTerms: terms, closeDate });

    expect(instalmentsFor(deal, DEFAULT_SCHEME)).toEqual({
      instalments: [
        {
          number: 1,
          label: 'Full amount',
          amount: 100000,
          currency: 'USD',
          invoiceOn: closeDate,
          dueOn,
        },
      ],
      problem: null,
    });
  });

  test("uses the scheme's default terms when the deal has none", () => {
    const { instalments } = instalmentsFor(wonDeal({ paymentTerms: '' }), DEFAULT_SCHEME);

    expect(instalments.map((i) => i.dueOn)).toEqual(['2024-04-14']);
  });

  test('finds the preset whatever the case of the name on the deal', () => {
    const { instalments } = instalmentsFor(wonDeal({ paymentTerms: 'net 15' }), DEFAULT_SCHEME);

    expect(instalments.map((i) => i.dueOn)).toEqual(['2024-03-30']);
  });

  test("follows the preset's rule rather than its name", () => {
    const scheme = schemeWithPreset('Standard', 'Net 45');
    const { instalments } = instalmentsFor(wonDeal({ paymentTerms: 'Standard' }), scheme);

    expect(instalments.map((i) => i.dueOn)).toEqual(['2024-04-29']);
  });
});

describe('instalmentsFor: deposit terms', () => {
  const terms = '30% deposit, balance Net 30';

  test('invoices the deposit on closing and the balance on delivery', () => {
    const deal = wonDeal({ paymentTerms: terms, deliveryDate: '2024-06-10' });

    expect(instalmentsFor(deal, DEFAULT_SCHEME)).toEqual({
      instalments: [
        {
          number: 1,
          label: 'Deposit (30%)',
          amount: 30000,
          currency: 'USD',
          invoiceOn: '2024-03-15',
          dueOn: '2024-03-15',
        },
        {
          number: 2,
          label: 'Balance (70%)',
          amount: 70000,
          currency: 'USD',
          invoiceOn: '2024-06-10',
          dueOn: '2024-07-10',
        },
      ],
      problem: null,
    });
  });

  test('leaves the balance without dates until there is a delivery date', () => {
    const deal = wonDeal({ paymentTerms: terms, deliveryDate: null });
    const balance = instalmentsFor(deal, DEFAULT_SCHEME).instalments[1];

    expect(balance).toMatchObject<Partial<Instalment>>({ invoiceOn: null, dueOn: null });
  });

  test.each([
    ['1 cent', 1, 'USD', [0, 1]],
    ['an amount that does not divide evenly', 100001, 'USD', [30000, 70001]],
    ['yen', 1000, 'JPY', [300, 700]],
    ['yen that do not divide evenly', 999, 'JPY', [300, 699]],
    ['nothing', 0, 'USD', [0, 0]],
  ])('splits %s so the instalments add up to the amount', (_case, amount, currency, parts) => {
    const deal = wonDeal({ paymentTerms: terms, amount, currency, deliveryDate: '2024-06-10' });
    const { instalments } = instalmentsFor(deal, DEFAULT_SCHEME);

    expect(instalments.map((i) => i.amount)).toEqual(parts);
  });

  test('labels and splits a deposit with a decimal percentage', () => {
    const scheme = schemeWithPreset('33.3% deposit, balance Net 30');
    const deal = wonDeal({ paymentTerms: '33.3% deposit, balance Net 30', amount: 1000 });
    const { instalments } = instalmentsFor(deal, scheme);

    expect(instalments.map((i) => [i.label, i.amount])).toEqual([
      ['Deposit (33.3%)', 333],
      ['Balance (66.7%)', 667],
    ]);
  });

  test('gives the rounding remainder to the balance on an even split', () => {
    const deal = wonDeal({ paymentTerms: '50% deposit, balance Net 30', amount: 101 });
    const { instalments } = instalmentsFor(deal, DEFAULT_SCHEME);

    expect(instalments.map((i) => i.amount)).toEqual([51, 50]);
  });
});

describe('instalmentsFor: deals whose instalments cannot be worked out', () => {
  test.each([
    ['no amount', { amount: null }, 'Amount is needed to work out its invoices: fill it in.'],
    [
      'no amount and no close date',
      { amount: null, closeDate: null },
      'Amount and Close date are needed to work out its invoices: fill them in.',
    ],
    [
      'nothing at all',
      { amount: null, currency: '', closeDate: null },
      'Amount, Currency and Close date are needed to work out its invoices: fill them in.',
    ],
    [
      'a currency that is not ISO 4217',
      { currency: 'usd' },
      'Currency "usd" is not an ISO 4217 code: use one such as USD or EUR.',
    ],
    [
      'a negative amount',
      { amount: -5 },
      'Amount must be 0 or more, with no more decimals than its currency allows, to work ' +
        'out its invoices: correct the amount.',
    ],
    [
      'an amount finer than the minor unit',
      { amount: 10.5 },
      'Amount must be 0 or more, with no more decimals than its currency allows, to work ' +
        'out its invoices: correct the amount.',
    ],
    [
      'a close date that is not a real date',
      { closeDate: '2023-02-29' },
      'Close date is not a real date: correct it.',
    ],
    [
      'payment terms that are not a preset',
      { paymentTerms: 'Net 31' },
      'The payment terms "Net 31" are not a preset on the Settings sheet: pick one of ' +
        'Due on receipt, Net 15, Net 30, Net 45, Net 60, 30% deposit, balance Net 30, ' +
        '50% deposit, balance Net 30.',
    ],
  ])('explains a deal with %s', (_case, changes: Partial<Deal>, problem) => {
    expect(instalmentsFor(wonDeal(changes), DEFAULT_SCHEME)).toEqual({ instalments: [], problem });
  });

  test("explains a preset whose rule Deal Desk can't read", () => {
    const scheme = schemeWithPreset('Quarterly', 'every quarter');
    const result = instalmentsFor(wonDeal({ paymentTerms: 'Quarterly' }), scheme);

    expect(result).toEqual({
      instalments: [],
      problem:
        'The payment terms "Quarterly" have a rule Deal Desk can\'t read ("every quarter"): ' +
        'ask an admin to fix it on the Settings sheet.',
    });
  });
});
