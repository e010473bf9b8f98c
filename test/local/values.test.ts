// What a typed string becomes in a cell (Sheets' USER_ENTERED), and how cells are displayed.

import { Formula, displayCell, formatSheetsNumber, parseUserInput } from '../../local/values';

const wall = (iso: string) => new Date(`${iso}Z`);

describe('parseUserInput reads text as a person typing it', () => {
  test.each([
    ["'=1+1", '=1+1'],
    ["'00123", '00123'],
    ["'TRUE", 'TRUE'],
    ["'2024-01-05", '2024-01-05'],
    ["'", ''],
    ['hello', 'hello'],
    ['+A1', '+A1'],
    ['12 apples', '12 apples'],
    ['2023-02-29', '2023-02-29'],
    ['1,00', '1,00'],
  ])('%j is the text %j', (input, text) => {
    expect(parseUserInput(input, undefined).cell).toBe(text);
  });

  test('a leading = makes a formula, which is how formula injection happens', () => {
    const { cell } = parseUserInput('=HYPERLINK("http://x","y")', undefined);
    expect(cell).toBeInstanceOf(Formula);
    expect((cell as Formula).text).toBe('=HYPERLINK("http://x","y")');
  });

  test.each([
    ['42', 42],
    ['-3.5', -3.5],
    ['+7', 7],
    ['00123', 123],
    ['.5', 0.5],
    ['1e3', 1000],
    ['1,000', 1000],
    ['1,234,567.5', 1234567.5],
    ['50%', 0.5],
    ['$1,200.50', 1200.5],
  ])('%j is the number %j', (input, number) => {
    expect(parseUserInput(input, undefined).cell).toBe(number);
  });

  test.each([
    ['TRUE', true],
    ['false', false],
    ['True', true],
  ])('%j is the boolean %j', (input, value) => {
    expect(parseUserInput(input, undefined).cell).toBe(value);
  });

  test.each([
    ['2024-01-05', '2024-01-05T00:00:00', 'yyyy-mm-dd'],
    ['2024-1-5', '2024-01-05T00:00:00', 'yyyy-mm-dd'],
    ['2024-02-29', '2024-02-29T00:00:00', 'yyyy-mm-dd'],
    ['1/5/2024', '2024-01-05T00:00:00', 'm/d/yyyy'],
    ['2024-03-10 14:30', '2024-03-10T14:30:00', 'yyyy-mm-dd hh:mm:ss'],
    ['13:45', '1899-12-30T13:45:00', 'h:mm'],
  ])('%j is the wall-time date %s with format %s', (input, iso, format) => {
    const parsed = parseUserInput(input, undefined);
    expect((parsed.cell as Date).toISOString()).toBe(`${iso}.000Z`);
    expect(parsed.format).toBe(format);
  });

  test('under the plain-text format nothing is interpreted', () => {
    expect(parseUserInput('00123', '@').cell).toBe('00123');
    expect(parseUserInput('=1+1', '@').cell).toBe('=1+1');
    expect(parseUserInput('2024-01-05', '@').cell).toBe('2024-01-05');
  });

  test('an empty string empties the cell', () => {
    expect(parseUserInput('', undefined).cell).toBe('');
  });
});

describe('displayCell shows a cell under its number format', () => {
  test('dates', () => {
    expect(displayCell(wall('2024-03-09T00:00:00'), undefined)).toBe('2024-03-09');
    expect(displayCell(wall('2024-03-09T07:05:00'), undefined)).toBe('2024-03-09 07:05:00');
    expect(displayCell(wall('2024-03-09T00:00:00'), 'yyyy-mm-dd')).toBe('2024-03-09');
    expect(displayCell(wall('2024-03-09T15:05:09'), 'd mmm yyyy h:mm am/pm')).toBe(
      '9 Mar 2024 3:05 PM',
    );
    expect(displayCell(wall('2024-03-09T15:05:09'), 'dddd, mmmm d')).toBe('Saturday, March 9');
  });

  test('numbers', () => {
    expect(displayCell(1234.5, undefined)).toBe('1234.5');
    expect(displayCell(1 / 3, undefined)).toBe('0.3333333333');
    expect(displayCell(1234.5, '#,##0.00')).toBe('1,234.50');
    expect(displayCell(-1234.5, '#,##0.00')).toBe('-1,234.50');
    expect(displayCell(0.256, '0%')).toBe('26%');
    expect(displayCell(0.256, '0.0%')).toBe('25.6%');
    expect(displayCell(12, '"$"#,##0')).toBe('$12');
    expect(formatSheetsNumber(-5, '#,##0;(#,##0)')).toBe('(5)');
    expect(displayCell(45000, 'yyyy-mm-dd')).toBe('2023-03-15');
  });

  test('text, booleans, empty cells and formulas', () => {
    expect(displayCell('x', undefined)).toBe('x');
    expect(displayCell(true, undefined)).toBe('TRUE');
    expect(displayCell(undefined, undefined)).toBe('');
    expect(displayCell(new Formula('=1+1'), undefined)).toBe('');
  });
});
