import { emptyDeal } from '../../src/domain/deal';
import { canonicalQuoteLink, dealFromClient, tidyDeal } from '../../src/domain/deal-input';
import { DEFAULT_SCHEME } from '../../src/domain/scheme';

const ID = '1AbC_dEf-GhIjKlMnOp';
const CANONICAL = `https://drive.google.com/file/d/${ID}/view`;

describe('dealFromClient', () => {
  test('reads a well-formed deal unchanged', () => {
    const deal = { ...emptyDeal(), name: 'Acme', amount: 120000, tags: ['Renewal'] };

    expect(dealFromClient(deal)).toEqual({ deal, errors: [] });
  });

  test('reads nothing at all as an empty deal', () => {
    expect(dealFromClient(undefined)).toEqual({ deal: emptyDeal(), errors: [] });
    expect(dealFromClient('D-0001')).toEqual({ deal: emptyDeal(), errors: [] });
  });

  test.each([
    ['a string amount', { amount: '1200' }, 'amount'],
    ['an amount that is not a finite number', { amount: Infinity }, 'amount'],
    ['an object as lead days', { reminderLeadDays: {} }, 'reminderLeadDays'],
  ])('reports %s on its field and leaves it empty', (_case, input, field) => {
    const { deal, errors } = dealFromClient({ ...emptyDeal(), ...input });

    expect(errors).toEqual([{ field, message: expect.stringContaining('must be a number') }]);
    expect(deal[field as 'amount']).toBeNull();
  });

  test('turns empty dates into null and drops blank tags and non-text values', () => {
    const { deal } = dealFromClient({
      closeDate: '',
      startDate: null,
      tags: ['Renewal', '', 7, null],
      name: { evil: true },
    });

    expect(deal).toMatchObject({ closeDate: null, startDate: null, name: '' });
    expect(deal.tags).toEqual(['Renewal', '7']);
  });
});

describe('tidyDeal', () => {
  test("spells stage, tags and payment terms the scheme's way and trims text", () => {
    const deal = {
      ...emptyDeal(),
      name: '  Acme rollout ',
      stage: 'won',
      tags: ['renewal', 'Renewal', ' deposit paid'],
      paymentTerms: 'net 30',
      currency: 'usd',
    };

    expect(tidyDeal(deal, DEFAULT_SCHEME)).toMatchObject({
      name: 'Acme rollout',
      stage: 'Won',
      tags: ['Renewal', 'Deposit Paid'],
      paymentTerms: 'Net 30',
      currency: 'USD',
    });
  });

  test('keeps a value the scheme does not know as typed, for validation to report', () => {
    const deal = { ...emptyDeal(), stage: 'Maybe', tags: ['Shiny'] };

    expect(tidyDeal(deal, DEFAULT_SCHEME)).toMatchObject({ stage: 'Maybe', tags: ['Shiny'] });
  });
});

describe('canonicalQuoteLink', () => {
  test.each([
    `https://drive.google.com/file/d/${ID}/view?usp=sharing`,
    `https://drive.google.com/open?id=${ID}`,
    `https://docs.google.com/document/d/${ID}/edit`,
    `  https://docs.google.com/spreadsheets/d/${ID}/edit#gid=0 `,
  ])('makes %s the canonical file link', (link) => {
    expect(canonicalQuoteLink(link)).toBe(CANONICAL);
  });

  test('leaves anything else as typed', () => {
    expect(canonicalQuoteLink(' https://example.com/quote.pdf ')).toBe(
      'https://example.com/quote.pdf',
    );
  });
});
