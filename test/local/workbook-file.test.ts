// Saving and loading the workbook file when the file is not what it should be: read-only,
// a folder, in a folder that is missing, not an .xlsx at all. Each is refused in one plain
// line that names the workbook, and the file is left exactly as it was.

import { chmodSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalWorkbook, WorkbookFileError } from '../../local/workbook';
import { tempDir } from './fake-bundle';

/** A minimal zip archive holding one text file and no workbook (stored, no compression). */
function zipWithoutWorkbook(): Buffer {
  const name = Buffer.from('a.txt');
  const data = Buffer.from('hi');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4);
  local.writeUInt32LE(0x3610a686, 14); // crc32("hi")
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(10, 6);
  central.writeUInt32LE(0x3610a686, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  const centralAt = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralAt, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

describe('saving the workbook file', () => {
  test('a read-only workbook is refused and left alone: same bytes, same mode', async () => {
    const dir = tempDir();
    const path = join(dir, 'book.xlsx');
    await LocalWorkbook.create().save(path);
    chmodSync(path, 0o444);
    const before = readFileSync(path);

    const saving = LocalWorkbook.create().save(path);

    await expect(saving).rejects.toThrow(WorkbookFileError);
    await expect(saving).rejects.toThrow(/^.*book\.xlsx is read-only: /);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o444);
    expect(readdirSync(dir)).toEqual(['book.xlsx']);
  });

  test('saving over a workbook keeps its permissions', async () => {
    const path = join(tempDir(), 'book.xlsx');
    await LocalWorkbook.create().save(path);
    chmodSync(path, 0o600);

    await LocalWorkbook.create().save(path);

    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  test('a missing folder is named, not the temporary file', async () => {
    const path = join(tempDir(), 'missing', 'book.xlsx');

    const saving = LocalWorkbook.create().save(path);

    await expect(saving).rejects.toThrow(`${path} can't be saved: there is no folder`);
    await expect(saving).rejects.not.toThrow(/\.tmp/);
  });

  test('a folder in place of the workbook is refused', async () => {
    const path = join(tempDir(), 'book.xlsx');
    mkdirSync(path);

    await expect(LocalWorkbook.create().save(path)).rejects.toThrow(
      `${path} is a folder, not an Excel workbook (.xlsx).`,
    );
  });
});

describe('loading the workbook file', () => {
  test.each([
    ['an empty file', Buffer.alloc(0), /it is damaged or not an \.xlsx file at all/],
    ['a text file', Buffer.from('Deal,Amount\n'), /it is damaged or not an \.xlsx file at all/],
    ['a zip that holds no workbook', zipWithoutWorkbook(), /it has no worksheets/],
  ])('%s is not an Excel workbook Deal Desk can read', async (_, bytes, reason) => {
    const path = join(tempDir(), 'book.xlsx');
    writeFileSync(path, bytes);

    const loading = LocalWorkbook.load(path);

    await expect(loading).rejects.toThrow(WorkbookFileError);
    await expect(loading).rejects.toThrow(
      `${path} is not an Excel workbook (.xlsx) Deal Desk can read: `,
    );
    await expect(LocalWorkbook.load(path)).rejects.toThrow(reason);
  });

  test('a folder is said to be a folder', async () => {
    const path = join(tempDir(), 'book.xlsx');
    mkdirSync(path);

    await expect(LocalWorkbook.open(path)).rejects.toThrow(
      `${path} is a folder, not an Excel workbook (.xlsx).`,
    );
  });
});
