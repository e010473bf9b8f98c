// Utilities.parseCsv: RFC 4180 quoting, line breaks and delimiters.

import { parseCsv } from '../../local/utilities';

describe('parseCsv', () => {
  test('plain fields, LF and CRLF line ends, no empty record after the last line break', () => {
    expect(parseCsv('a,b\nc,d\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseCsv('a,b\r\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  test('quoted fields hold commas, escaped quotes and line breaks', () => {
    const csv = 'id,note\r\n1,"Comma, ""quoted"""\r\n2,"two\r\nlines"\r\n3,"lf\nonly"\r\n';
    expect(parseCsv(csv)).toEqual([
      ['id', 'note'],
      ['1', 'Comma, "quoted"'],
      ['2', 'two\r\nlines'],
      ['3', 'lf\nonly'],
    ]);
  });

  test('empty fields, trailing delimiters and empty quoted fields survive', () => {
    expect(parseCsv('a,,c,\n"",x')).toEqual([
      ['a', '', 'c', ''],
      ['', 'x'],
    ]);
  });

  test('another delimiter', () => {
    expect(parseCsv('a;"b;c"\n', ';')).toEqual([['a', 'b;c']]);
  });

  test('an unterminated quote is an error', () => {
    expect(() => parseCsv('a,"b\n')).toThrow('Could not parse text.');
  });

  test('the empty text has no records', () => {
    expect(parseCsv('')).toEqual([]);
  });
});
