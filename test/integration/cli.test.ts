import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvOf } from '../helpers/add-on';

const BIN = join(__dirname, '../../bin/deal-desk.mjs');

function deskRun(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const HEADER = ['Record ID', 'Deal Name', 'Company', 'Deal Stage', 'Amount', 'Close Date'];

describe('the deal-desk command', () => {
  let dir: string;
  let workbook: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'deal-desk-cli-'));
    workbook = join(dir, 'book.xlsx');
  });

  test('init, import and pending-invoices work end to end and print short summaries', () => {
    const csv = join(dir, 'deals.csv');
    writeFileSync(
      csv,
      csvOf([
        HEADER,
        ['1', 'A', 'Acme', 'Closed Won', '100', '2024-01-02'],
        ['2', 'B', 'Acme', 'Bad', 'x', ''],
      ]),
    );
    const out = join(dir, 'pending.csv');

    const init = deskRun(['init', '--workbook', workbook]);
    const imported = deskRun([
      'import',
      csv,
      '--workbook',
      workbook,
      '--currency',
      'GBP',
      '--stage-map',
      'Closed Won=Won',
    ]);
    const pending = deskRun([
      'pending-invoices',
      '--workbook',
      workbook,
      '--as-of',
      '2024-02-01',
      '--csv',
      out,
      '--stats',
    ]);

    expect(init).toMatchObject({ code: 0, stdout: expect.stringMatching(/created Deals/) });
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(
      /2 rows read: 1 imported \(1 added, 0 updated, 0 unchanged\), 1 rejected/,
    );
    expect(imported.stdout).toMatch(/row 3, Deal Stage: /);
    expect(pending.code).toBe(0);
    expect(pending.stdout).toMatch(/1 instalments to invoice as of 2024-02-01: 100.00 GBP/);
    expect(readFileSync(out, 'utf8')).toMatch(/^\uFEFFDeal ID,/);
    const stats = JSON.parse(pending.stderr.trim().split('\n').pop() ?? '{}');
    expect(stats.Spreadsheet['Range.getValues']).toBeGreaterThan(0);
  });

  test('import into a workbook that does not exist yet creates and sets it up', () => {
    const csv = join(dir, 'deals.csv');
    writeFileSync(csv, csvOf([HEADER, ['1', 'A', 'Acme', 'Lead', '', '']]));

    const result = deskRun(['import', csv, '--workbook', workbook]);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Created .*book\.xlsx and set up Deal Desk/);
    expect(existsSync(workbook)).toBe(true);
  });

  test.each([
    [['pending-invoices', '--workbook', 'missing.xlsx'], /There is no workbook missing\.xlsx/],
    [['import', 'nope.csv', '--workbook', 'x.xlsx'], /There is no file nope\.csv/],
    [['init'], /--workbook FILE\.xlsx/],
    [['frobnicate'], /Unknown command "frobnicate"/],
    [['init', '--workbook', 'a.xlsx', '--bogus'], /Unknown option '--bogus'/],
  ])('bad input %j exits non-zero with a one-line reason', (args, reason) => {
    const result = deskRun(args);

    expect(result.code).not.toBe(0);
    expect(result.stderr.split('\n')[0]).toMatch(reason);
  });

  test('a failing command leaves the workbook file exactly as it was', () => {
    deskRun(['init', '--workbook', workbook]);
    const before = readFileSync(workbook);
    const mtime = statSync(workbook).mtimeMs;

    const result = deskRun(['pending-invoices', '--workbook', workbook, '--as-of', 'yesterday']);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/As of: "yesterday" is not a date/);
    expect(readFileSync(workbook).equals(before)).toBe(true);
    expect(statSync(workbook).mtimeMs).toBe(mtime);
  });

  test('a malformed stage map is refused before anything is written', () => {
    const csv = join(dir, 'deals.csv');
    writeFileSync(csv, csvOf([HEADER, ['1', 'A', 'Acme', 'Lead', '', '']]));
    deskRun(['init', '--workbook', workbook]);
    const before = readFileSync(workbook);

    const result = deskRun(['import', csv, '--workbook', workbook, '--stage-map', 'Won']);

    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(workbook).equals(before)).toBe(true);
  });
});

describe('the build', () => {
  test('clasp would push exactly the bundle, the dialogs and the manifest', () => {
    const root = join(__dirname, '../..');
    const clasp = join(root, 'node_modules/@google/clasp/build/src/index.js');
    const output = execFileSync(process.execPath, [clasp, 'show-file-status', '--json'], {
      cwd: root,
      encoding: 'utf8',
    });

    const { filesToPush } = JSON.parse(output) as { filesToPush: string[] };

    expect([...filesToPush].sort()).toEqual([
      'build/Code.js',
      'build/appsscript.json',
      'build/deal-form.html',
      'build/export-dialog.html',
      'build/import-dialog.html',
    ]);
  });
});
