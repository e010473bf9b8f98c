/**
 * The text of a CSV file from its bytes. Spreadsheet programs save CSV as UTF-8 (often with a
 * byte-order mark), as UTF-16 ("Unicode text", always with one), or in the Windows code page
 * (Excel's plain "CSV" on Windows). Bytes that are not valid UTF-8 are read as Windows-1252,
 * which maps every byte to a character, so "Café" saved by Excel arrives as "Café" rather
 * than "Caf\uFFFD". Shared by the import dialog (browser) and the command-line tool (Node).
 */

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface CsvText {
  /** The file's text, without the byte-order mark. */
  readonly text: string;
  readonly encoding: CsvEncoding;
}

/** Decodes a CSV file's bytes: by its byte-order mark, else as UTF-8, else as Windows-1252. */
export function decodeCsvBytes(bytes: Uint8Array): CsvText {
  const encoding = bomEncoding(bytes);
  // TextDecoder drops the byte-order mark of the encoding it decodes.
  if (encoding !== null) return { text: new TextDecoder(encoding).decode(bytes), encoding };

  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/**
 * Bytes 0x80 to 0x9F in Windows-1252 (the WHATWG table: the five unassigned bytes keep their
 * own code point). Every other byte is the code point of the same number.
 */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/**
 * Windows-1252 by table rather than TextDecoder: Node before 23 decodes the label
 * "windows-1252" as ISO-8859-1, which turns € and the curly quotes into control characters.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk = 8192;
  for (let start = 0; start < bytes.length; start += chunk) {
    const codes = Array.from(bytes.subarray(start, start + chunk), (byte) =>
      byte >= 0x80 && byte < 0xa0 ? (WINDOWS_1252_HIGH[byte - 0x80] ?? byte) : byte,
    );
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

/** A line for the person when the file was not UTF-8, or null when it was. */
export function describeCsvEncoding(encoding: CsvEncoding): string | null {
  switch (encoding) {
    case 'windows-1252':
      return 'Read as Windows-1252 (not UTF-8): check that accented letters look right.';
    case 'utf-16le':
    case 'utf-16be':
      return 'Read as UTF-16.';
    default:
      return null;
  }
}

function bomEncoding(bytes: Uint8Array): CsvEncoding | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}
