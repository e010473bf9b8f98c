/**
 * A small RFC 4180 reader for tests: it stands in for Apps Script's Utilities.parseCsv when
 * tests feed real CSV files to the importer, and reads back what the CSV writer produced.
 */

/**
 * Rows of fields from CSV text: quoted fields may hold commas, doubled quotes and line breaks;
 * rows end with CRLF, LF or CR; a leading BOM and a final line end add nothing.
 */
export function parseCsv(text: string): string[][] {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;

  while (i < source.length) {
    const char = source[i];
    if (char === '"' && field === '') {
      const end = quotedFieldEnd(source, i);
      field = source.slice(i + 1, end).replace(/""/g, '"');
      i = end + 1;
    } else if (char === ',') {
      row.push(field);
      field = '';
      i += 1;
    } else if (char === '\r' || char === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += char === '\r' && source[i + 1] === '\n' ? 2 : 1;
    } else {
      field += char;
      i += 1;
    }
  }

  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** The index of the quote that closes the quoted field opening at `start`. */
function quotedFieldEnd(source: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const quote = source.indexOf('"', i);
    if (quote < 0) throw new Error(`Unclosed quote in CSV at character ${start}.`);
    if (source[quote + 1] !== '"') return quote;
    i = quote + 2;
  }
}
