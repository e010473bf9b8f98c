import { emptyDeal, type Deal } from '../../src/domain/deal';
import type { DealFieldKey } from '../../src/domain/deal-fields';
import { missingForStage, validateDeal } from '../../src/domain/deal-validation';
import type { FieldError } from '../../src/domain/errors';
import { DEFAULT_SCHEME, findStage } from '../../src/domain/scheme';
import type { Stage } from '../../src/domain/scheme-types';

const STAGE_LIST =
  'Lead, Qualified, Proposal, Negotiation, Won, Ready for fulfilment, In delivery, ' +
  'Delivered, Lost';

/** A deal that meets every rule of the default scheme's Delivered stage. */
function completeDeal(changes: Partial<Deal> = {}): Deal {
  return {
    ...emptyDeal(),
    id: 'D-0042',
    name: 'Acme rollout',
    account: 'Acme',
    owner: 'sam.seller@example.com',
    stage: 'Delivered',
    tags: ['Renewal'],
    amount: 1250000,
    currency: 'USD',
    paymentTerms: '30% deposit, balance Net 30',
    closeDate: '2024-03-15',
    startDate: '2024-04-01',
    deliveryDate: '2024-06-10',
    contractEnd: '2025-03-31',
    reminderLeadDays: 45,
    quoteLink: 'https://drive.google.com/file/d/1AbC_dEf-GhIjKlMnOp/view',
    billingContact: 'ap@acme.example',
    ...changes,
  };
}

function leadDeal(changes: Partial<Deal> = {}): Deal {
  return { ...emptyDeal(), name: 'Acme rollout', stage: 'Lead', ...changes };
}

function stage(name: string): Stage {
  const found = findStage(DEFAULT_SCHEME, name);
  if (!found) throw new Error(`The default scheme has no stage ${name}.`);
  return found;
}

describe('validateDeal: deals that may be saved', () => {
  test.each<[string, Deal]>([
    ['a complete delivered deal', completeDeal()],
    ['a lead with only a name', leadDeal()],
    ['a stage written in another case', completeDeal({ stage: 'delivered' })],
    ['a name of exactly 200 characters', leadDeal({ name: 'x'.repeat(200) })],
    ['an amount of 0', completeDeal({ amount: 0 })],
    ['delivery on the day work starts', completeDeal({ deliveryDate: '2024-04-01' })],
    ['a contract that ends the day it starts', completeDeal({ contractEnd: '2024-04-01' })],
    [
      'several tags of a group that allows any number',
      completeDeal({ tags: ['Renewal', 'Upsell'] }),
    ],
    ['one tag from each group', completeDeal({ tags: ['Overdue', 'Renewal'] })],
    ['a tag written in another case', completeDeal({ tags: ['paid in full'] })],
    ['reminder lead days of 0', completeDeal({ reminderLeadDays: 0 })],
    ['reminder lead days of 365', completeDeal({ reminderLeadDays: 365 })],
    ['payment terms written in another case', completeDeal({ paymentTerms: 'net 30' })],
    [
      'a Docs link as the quote',
      completeDeal({ quoteLink: 'docs.google.com/document/d/1AbCdEfGhIjK' }),
    ],
    ['a start date before the close date', completeDeal({ startDate: '2024-01-01' })],
  ])('accepts %s', (_case, deal) => {
    expect(validateDeal(deal, DEFAULT_SCHEME)).toEqual([]);
  });
});

describe('validateDeal: one problem at a time', () => {
  test.each<[string, Deal, FieldError]>([
    [
      'a deal with no name',
      leadDeal({ name: '  ' }),
      { field: 'name', message: 'Deal name is needed: enter a short name for the deal.' },
    ],
    [
      'a name longer than 200 characters',
      leadDeal({ name: 'x'.repeat(201) }),
      { field: 'name', message: 'Deal name is 201 characters long: shorten it to 200 or fewer.' },
    ],
    [
      'a stage the scheme does not have',
      leadDeal({ stage: 'Closed' }),
      {
        field: 'stage',
        message:
          `Stage "Closed" is not one of this spreadsheet's stages: ` + `pick one of ${STAGE_LIST}.`,
      },
    ],
    [
      'a deal with no stage',
      leadDeal({ stage: '' }),
      { field: 'stage', message: `Stage is needed: pick one of ${STAGE_LIST}.` },
    ],
    [
      'a won deal with no amount',
      completeDeal({ stage: 'Won', amount: null }),
      {
        field: 'amount',
        message: 'Amount is needed before a deal can be Won: enter the agreed price.',
      },
    ],
    [
      'a won deal with no close date',
      completeDeal({ stage: 'Won', closeDate: null }),
      {
        field: 'closeDate',
        message: 'Close date is needed before a deal can be Won: enter the day the deal closed.',
      },
    ],
    [
      'a deal ready for fulfilment with no billing contact',
      completeDeal({ stage: 'ready for fulfilment', billingContact: '' }),
      {
        field: 'billingContact',
        message:
          'Billing contact is needed before a deal can be Ready for fulfilment: enter the ' +
          'email address invoices go to.',
      },
    ],
    [
      'a qualified deal whose account is only spaces',
      leadDeal({ stage: 'Qualified', account: '   ' }),
      {
        field: 'account',
        message: 'Account is needed before a deal can be Qualified: enter the customer account.',
      },
    ],
    [
      'a tag the scheme does not have',
      completeDeal({ tags: ['VIP'] }),
      {
        field: 'tags',
        message:
          '"VIP" is not one of the tags on the Settings sheet: remove it, or ask an admin to ' +
          'add it.',
      },
    ],
    [
      'two tags of a one-per-deal group',
      completeDeal({ tags: ['Paid in full', 'Renewal', 'Overdue'] }),
      {
        field: 'tags',
        message:
          '"Paid in full" and "Overdue" are in the "Payment status" group, which allows one ' +
          'tag per deal: keep only one of them.',
      },
    ],
    [
      'a negative amount',
      completeDeal({ amount: -100 }),
      { field: 'amount', message: "Amount can't be negative: enter the agreed price, 0 or more." },
    ],
    [
      'an amount finer than the minor unit',
      completeDeal({ amount: 100.5 }),
      { field: 'amount', message: 'Amount has more decimals than its currency allows: round it.' },
    ],
    [
      'a currency that is not an ISO 4217 code',
      completeDeal({ currency: 'usd' }),
      {
        field: 'currency',
        message:
          'Currency "usd" is not an ISO 4217 code: use a three-letter code in capitals, such ' +
          'as USD or EUR.',
      },
    ],
    [
      'an amount with no currency on a stage that does not require one',
      leadDeal({ amount: 5000 }),
      {
        field: 'currency',
        message: 'Currency is needed with an amount: enter a code such as USD.',
      },
    ],
    [
      'payment terms that are not a preset',
      completeDeal({ paymentTerms: 'Net 31' }),
      {
        field: 'paymentTerms',
        message:
          'Payment terms "Net 31" are not one of the presets: pick one of Due on receipt, ' +
          'Net 15, Net 30, Net 45, Net 60, 30% deposit, balance Net 30, 50% deposit, balance ' +
          'Net 30.',
      },
    ],
    [
      'a close date that is not on the calendar',
      completeDeal({ closeDate: '2023-02-29' }),
      {
        field: 'closeDate',
        message: 'Close date "2023-02-29" is not a real date: enter a date on the calendar.',
      },
    ],
    [
      'a delivery date before the start date',
      completeDeal({ deliveryDate: '2024-03-31' }),
      {
        field: 'deliveryDate',
        message:
          'Delivery date 2024-03-31 is before the start date 2024-04-01: correct whichever ' +
          'of the two is wrong.',
      },
    ],
    [
      'a contract that ends before it starts',
      completeDeal({ contractEnd: '2024-03-01' }),
      {
        field: 'contractEnd',
        message:
          'Contract end 2024-03-01 is before the start date 2024-04-01: correct whichever ' +
          'of the two is wrong.',
      },
    ],
    [
      'a billing contact that is not an email address',
      completeDeal({ billingContact: 'accounts payable' }),
      {
        field: 'billingContact',
        message:
          'Billing contact "accounts payable" doesn\'t look like an email address: enter it ' +
          'like name@example.com.',
      },
    ],
    [
      'a quote link outside Google Drive',
      completeDeal({ quoteLink: 'https://example.com/quote.pdf' }),
      {
        field: 'quoteLink',
        message:
          '"https://example.com/quote.pdf" is not a Google Drive link. Paste the link from ' +
          "Drive's Share or Copy link button, or upload the file instead.",
      },
    ],
  ])('reports %s', (_case, deal, error) => {
    expect(validateDeal(deal, DEFAULT_SCHEME)).toEqual([error]);
  });

  test.each([366, -1, 2.5])('reports %d reminder lead days', (days) => {
    expect(validateDeal(completeDeal({ reminderLeadDays: days }), DEFAULT_SCHEME)).toEqual([
      {
        field: 'reminderLeadDays',
        message:
          'Reminder lead days must be a whole number of days from 0 to 365: correct it, or ' +
          'leave it empty to use the default.',
      },
    ]);
  });
});

describe('validateDeal: amounts beyond what money can hold exactly', () => {
  test.each([
    ['USD', 100_000_000_000_001],
    ['JPY', 1_000_000_000_001],
  ])('refuses a %s amount over one trillion, naming the limit', (currency, amount) => {
    const errors = validateDeal(completeDeal({ currency, amount }), DEFAULT_SCHEME);

    expect(errors).toEqual([
      { field: 'amount', message: expect.stringContaining('amounts go up to 1,000,000,000,000') },
    ]);
  });

  test('accepts exactly one trillion', () => {
    expect(
      validateDeal(completeDeal({ currency: 'USD', amount: 100_000_000_000_000 }), DEFAULT_SCHEME),
    ).toEqual([]);
  });
});

describe('validateDeal: several problems', () => {
  test('reports every problem at once', () => {
    const deal = completeDeal({
      stage: 'Won',
      amount: null,
      currency: 'usd',
      tags: ['VIP'],
      billingContact: 'nobody',
    });

    expect(validateDeal(deal, DEFAULT_SCHEME).map((e) => e.field)).toEqual([
      'amount',
      'tags',
      'currency',
      'billingContact',
    ]);
  });

  test('reports each missing field of the stage separately', () => {
    const deal = leadDeal({ stage: 'Won' });

    expect(validateDeal(deal, DEFAULT_SCHEME).map((e) => e.field)).toEqual([
      'account',
      'amount',
      'currency',
      'paymentTerms',
      'closeDate',
    ]);
  });

  test('reports a missing name once, even when the stage requires it', () => {
    const deal = completeDeal({ name: '' });

    expect(validateDeal(deal, DEFAULT_SCHEME).filter((e) => e.field === 'name')).toHaveLength(1);
  });

  test('reports a missing currency once when an amount needs it and so does the stage', () => {
    const deal = completeDeal({ currency: '' });

    expect(validateDeal(deal, DEFAULT_SCHEME).filter((e) => e.field === 'currency')).toEqual([
      {
        field: 'currency',
        message:
          'Currency is needed before a deal can be Delivered: enter the currency code, such ' +
          'as USD.',
      },
    ]);
  });

  test('checks no stage requirements when the stage is unknown', () => {
    const deal = leadDeal({ stage: 'Closed' });

    expect(validateDeal(deal, DEFAULT_SCHEME).map((e) => e.field)).toEqual(['stage']);
  });
});

describe('missingForStage', () => {
  test.each<[string, string, Deal, DealFieldKey[]]>([
    ['a named lead', 'Lead', leadDeal(), []],
    ['a nameless lead', 'Lead', leadDeal({ name: '' }), ['name']],
    [
      'a named lead',
      'Won',
      leadDeal(),
      ['account', 'amount', 'currency', 'paymentTerms', 'closeDate'],
    ],
    ['a complete deal', 'Delivered', completeDeal(), []],
    [
      'a deal with no delivery date',
      'Delivered',
      completeDeal({ deliveryDate: null }),
      ['deliveryDate'],
    ],
  ])('lists what %s lacks to be %s', (_case, stageName, deal, missing) => {
    expect(missingForStage(deal, stage(stageName))).toEqual(missing);
  });

  test('counts an empty tag list as missing when a stage requires tags', () => {
    const needsTags: Stage = { name: 'Tagged', kind: 'open', requiredFields: ['tags'] };

    expect(missingForStage(leadDeal({ tags: [] }), needsTags)).toEqual(['tags']);
  });
});
