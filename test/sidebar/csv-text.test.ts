import { decodeCsvBytes, describeCsvEncoding } from '../../sidebar/lib/csv-text';

const TEXT = 'Deal name,Amount\nCafé déal €,12\n';

function utf16(text: string, littleEndian: boolean, bom = true): Uint8Array {
  const units = [...(bom ? [0xfeff] : []), ...Array.from(text, (c) => c.charCodeAt(0))];
  const bytes = new Uint8Array(units.length * 2);
  const view = new DataView(bytes.buffer);
  units.forEach((unit, i) => view.setUint16(i * 2, unit, littleEndian));
  return bytes;
}

/** Windows-1252 bytes for text made of Latin-1 letters and the euro sign. */
function windows1252(text: string): Uint8Array {
  return Uint8Array.from(Array.from(text, (c) => (c === '€' ? 0x80 : c.charCodeAt(0))));
}

describe('decodeCsvBytes', () => {
  test('reads UTF-8 without a byte-order mark', () => {
    expect(decodeCsvBytes(new TextEncoder().encode(TEXT))).toEqual({
      text: TEXT,
      encoding: 'utf-8',
    });
  });

  test('reads UTF-8 with a byte-order mark and drops the mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(TEXT)]);

    expect(decodeCsvBytes(bytes)).toEqual({ text: TEXT, encoding: 'utf-8' });
  });

  test('reads a Windows-1252 file (Excel on Windows) instead of corrupting it', () => {
    const result = decodeCsvBytes(windows1252(TEXT));

    expect(result).toEqual({ text: TEXT, encoding: 'windows-1252' });
    expect(result.text).not.toContain('\uFFFD');
  });

  test.each([
    ['little-endian', true, 'utf-16le'],
    ['big-endian', false, 'utf-16be'],
  ])('reads %s UTF-16 by its byte-order mark', (_case, littleEndian, encoding) => {
    expect(decodeCsvBytes(utf16(TEXT, littleEndian))).toEqual({ text: TEXT, encoding });
  });

  test('reads an empty file as empty UTF-8 text', () => {
    expect(decodeCsvBytes(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8' });
  });
});

describe('describeCsvEncoding', () => {
  test('says when a file was not read as UTF-8', () => {
    expect(describeCsvEncoding('windows-1252')).toMatch(/^Read as Windows-1252 \(not UTF-8\)/);
    expect(describeCsvEncoding('utf-16le')).toBe('Read as UTF-16.');
    expect(describeCsvEncoding('utf-8')).toBeNull();
  });
});

describe('Windows-1252', () => {
  test('decodes every byte as the WHATWG table does, curly quotes and dashes included', () => {
    const bytes = Uint8Array.from([0x80, 0x93, 0x94, 0x96, 0x99, 0x9f, 0x81, 0xa0, 0xe9, 0xff]);

    expect(decodeCsvBytes(bytes).text).toBe('€\u201c\u201d–™Ÿ\u0081\u00a0éÿ');
  });

  test('decodes a large file whole', () => {
    const line = windows1252('Café déal €,12\n');
    const bytes = new Uint8Array(line.length * 10_000);
    for (let i = 0; i < 10_000; i++) bytes.set(line, i * line.length);

    const { text, encoding } = decodeCsvBytes(bytes);

    expect(encoding).toBe('windows-1252');
    expect(text).toBe('Café déal €,12\n'.repeat(10_000));
  });
});
