import {
  formatMoney,
  isCurrencyCode,
  minorDigits,
  parseAmountText,
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
  ])('refuses %s', (_case, text, currency) => {
    expect(parseAmountText(text, currency)).toBeNull();
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
