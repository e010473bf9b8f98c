import {
  describeAmountProblem,
  formatMoney,
  isCurrencyCode,
  MAX_AMOUNT,
  MAX_AMOUNT_TEXT,
  minorDigits,
  parseAmountText,
  readAmountNumber,
  readAmountText,
  splitByWeights,
  toMajorUnits,
  toMinorUnits,
} from '../../src/domain/money';

describe('isCurrencyCode', () => {
  test.each(['USD', 'EUR', 'JPY', 'KWD', 'CHF'])('accepts %s', (code) => {
    expect(isCurrencyCode(code)).toBe(true);
  });

  test.each([
    ['a code in lower case', 'usd'],
    ['a code that is not ISO 4217', 'EURO'],
    ['a metal', 'XAU'],
    ['a currency symbol', '$'],
    ['empty text', ''],
  ])('refuses %s', (_case, code) => {
    expect(isCurrencyCode(code)).toBe(false);
  });
});

describe('minorDigits', () => {
  test.each([
    ['USD', 2],
    ['EUR', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['KWD', 3],
    ['CLF', 4],
  ])('%s has %i decimals', (currency, digits) => {
    expect(minorDigits(currency)).toBe(digits);
  });
});

describe('toMinorUnits', () => {
  test.each([
    [1054.5, 'USD', 105450],
    [0.1, 'USD', 10],
    [19.99, 'USD', 1999],
    [1000, 'JPY', 1000],
    [1.234, 'KWD', 1234],
    [0, 'USD', 0],
  ])('%d %s is %i minor units', (major, currency, minor) => {
    expect(toMinorUnits(major, currency)).toBe(minor);
  });

  test.each([
    [1054.555, 'USD'],
    [1.5, 'JPY'],
    [1.2345, 'KWD'],
  ])('refuses %d %s, which is finer than the minor unit', (major, currency) => {
    expect(toMinorUnits(major, currency)).toBeNull();
  });
});

describe('toMajorUnits', () => {
  test.each([
    [105450, 'USD', 1054.5],
    [1, 'USD', 0.01],
    [1000, 'JPY', 1000],
    [1234, 'KWD', 1.234],
  ])('%i minor units of %s is %d', (minor, currency, major) => {
    expect(toMajorUnits(minor, currency)).toBe(major);
  });
});

describe('parseAmountText', () => {
  test.each([
    ['1054', 'USD', 105400],
    ['1,054.50', 'USD', 105450],
    ['$1,054.50', 'USD', 105450],
    ['€ 3', 'EUR', 300],
    ['£7', 'GBP', 700],
    ['$5', 'CAD', 500],
    ['¥500', 'JPY', 500],
    [' 12 ', 'USD', 1200],
    ['-5', 'USD', -500],
    ['1,000', 'JPY', 1000],
  ])('reads "%s" in %s as %i', (text, currency, minor) => {
    expect(parseAmountText(text, currency)).toBe(minor);
  });

  test.each([
    ['letters', 'abc', 'USD'],
    ['a misplaced thousands separator', '1,05', 'USD'],
    ['more decimals than the currency has', '1.005', 'USD'],
    ['decimals in a currency without them', '10.5', 'JPY'],
    ['empty text', '', 'USD'],
    ['the euro sign on a dollar amount', '€100', 'USD'],
    ['the pound sign on a euro amount', '£5', 'EUR'],
    ['the dollar sign on a pound amount', '$5', 'GBP'],
  ])('refuses %s', (_case, text, currency) => {
    expect(parseAmountText(text, currency)).toBeNull();
  });
});

describe('the largest amount', () => {
  test('is a trillion, written the way the messages write it', () => {
    expect(MAX_AMOUNT).toBe(1_000_000_000_000);
    expect(MAX_AMOUNT_TEXT).toBe(formatMoney(MAX_AMOUNT, 'JPY').replace(' JPY', ''));
  });

  test.each([
    ['twenty nines', '99999999999999999999', 'USD'],
    ['one past the largest safe integer', '9007199254740993', 'USD'],
    ['a cent over a trillion', '1,000,000,000,000.01', 'USD'],
    ['a negative amount beyond it', '-1000000000001', 'USD'],
    ['a trillion in a 4-decimal currency, beyond exact minor units', '1000000000000', 'CLF'],
  ])('parseAmountText refuses %s', (_case, text, currency) => {
    expect(parseAmountText(text, currency)).toBeNull();
    expect(readAmountText(text, currency)).toEqual({ ok: false, problem: 'tooLarge' });
  });

  test.each([
    ['1,000,000,000,000', 'USD', 100_000_000_000_000],
    ['999999999999.99', 'USD', 99_999_999_999_999],
    ['1000000000000', 'JPY', 1_000_000_000_000],
    ['000000000000012.5', 'USD', 1250],
  ])('parseAmountText reads "%s" %s exactly as %i', (text, currency, minor) => {
    expect(parseAmountText(text, currency)).toBe(minor);
  });

  test.each([
    [1e20, 'USD'],
    [9007199254740993, 'USD'],
    [1_000_000_000_000.5, 'USD'],
    [Infinity, 'USD'],
  ])('toMinorUnits refuses %d %s', (major, currency) => {
    expect(toMinorUnits(major, currency)).toBeNull();
  });

  test('toMinorUnits keeps cents right next to the limit', () => {
    expect(toMinorUnits(999_999_999_999.99, 'USD')).toBe(99_999_999_999_999);
    expect(toMinorUnits(1_000_000_000_000, 'USD')).toBe(100_000_000_000_000);
  });
});

describe('why an amount was refused', () => {
  test.each([
    ['12.345', 'USD', 'tooManyDecimals'],
    ['10.5', 'JPY', 'tooManyDecimals'],
    ['lots', 'USD', 'notAmount'],
    ['1,05', 'USD', 'notAmount'],
    ['1e3', 'USD', 'notAmount'],
    ['99999999999999999999', 'USD', 'tooLarge'],
  ])('"%s" in %s: %s', (text, currency, problem) => {
    expect(readAmountText(text, currency)).toEqual({ ok: false, problem });
  });

  test('trailing zeros after the point are not extra decimals', () => {
    expect(readAmountText('12.340', 'USD')).toEqual({ ok: true, minor: 1234 });
    expect(readAmountText('-0', 'USD')).toEqual({ ok: true, minor: 0 });
  });

  test.each([
    [1054.555, 'USD', 'tooManyDecimals'],
    [1e15, 'USD', 'tooLarge'],
    [NaN, 'USD', 'notAmount'],
  ])('the number %d in %s: %s', (major, currency, problem) => {
    expect(readAmountNumber(major, currency)).toEqual({ ok: false, problem });
  });

  test('a too-large amount is told the limit', () => {
    expect(describeAmountProblem('99999999999999999999', 'USD', 'tooLarge')).toBe(
      '"99999999999999999999" is more than Deal Desk can hold: amounts go up to 1,000,000,000,000.',
    );
  });

  test('an amount with too many decimals is told how many the currency has', () => {
    expect(describeAmountProblem('12.345', 'USD', 'tooManyDecimals')).toContain(
      'USD amounts have at most 2 decimals',
    );
    expect(describeAmountProblem('10.5', 'JPY', 'tooManyDecimals')).toContain(
      'JPY amounts are written with no decimals',
    );
  });

  test('anything else is not an amount', () => {
    expect(describeAmountProblem('lots', 'USD', 'notAmount')).toMatch(
      /^"lots" is not an amount in USD: write a number such as 1054\.50/,
    );
  });
});

describe('formatMoney', () => {
  test.each([
    [1000553400, 'USD', '10,005,534.00 USD'],
    [5, 'USD', '0.05 USD'],
    [-150, 'USD', '-1.50 USD'],
    [1234, 'JPY', '1,234 JPY'],
    [1234, 'KWD', '1.234 KWD'],
  ])('writes %i %s as "%s"', (minor, currency, text) => {
    expect(formatMoney(minor, currency)).toBe(text);
  });
});

describe('splitByWeights', () => {
  test.each([
    [100, [30, 70], [30, 70]],
    [1, [30, 70], [0, 1]],
    [100001, [30, 70], [30000, 70001]],
    [999, [30, 70], [300, 699]],
    [10, [1, 1, 1], [3, 3, 4]],
    [5, [50, 50], [3, 2]],
    [0, [30, 70], [0, 0]],
    [1234, [1], [1234]],
  ])('splits %i by %j into %j', (total, weights, parts) => {
    expect(splitByWeights(total, weights)).toEqual(parts);
  });
});
