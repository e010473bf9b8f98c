import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvOf } from '../helpers/add-on';

const BIN = join(__dirname, '../../bin/deal-desk.mjs');

/** Runs the command in `cwd` (default: the repository root, as `npx deal-desk` there). */
function deskRun(args: string[], cwd?: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd });
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
    expect(pending.stdout).toMatch(/1 instalment to invoice as of 2024-02-01: 100.00 GBP/);
    expect(pending.stdout).toMatch(/^ {2}100\.00 GBP in 1 instalment$/m);
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

describe('the deal-desk command outside the project folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'deal-desk-cwd-'));
  });

  test('runs from any folder, with workbook paths relative to that folder', () => {
    const result = deskRun(['init', '--workbook', 'book.xlsx'], dir);

    expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/created Deals/) });
    expect(existsSync(join(dir, 'book.xlsx'))).toBe(true);
  });

  test('the preview starts from any folder, making the missing demo workbook', async () => {
    const child = spawn(process.execPath, [BIN, 'preview', '--workbook', 'p.xlsx', '--port', '0'], {
      cwd: dir,
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        const seen = (chunk: Buffer) => {
          output += chunk.toString();
          const match = /preview of p\.xlsx: (http:\S+)/.exec(output);
          if (match) resolve(match[1] as string);
        };
        child.stdout.on('data', seen);
        child.stderr.on('data', seen);
        child.on('exit', () => reject(new Error(`The preview stopped: ${output}`)));
      });
      const state = (await (await fetch(`${url}api/state`)).json()) as {
        sheets: { name: string }[];
      };

      expect(state.sheets.map((sheet) => sheet.name)).toContain('Deals');
      expect(existsSync(join(dir, 'p.xlsx'))).toBe(true);
    } finally {
      child.kill();
    }
  });
});

describe('refusals that leave files alone', () => {
  let dir: string;
  let workbook: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'deal-desk-refuse-'));
    workbook = join(dir, 'book.xlsx');
  });

  test('demo will not add demo deals to a workbook that exists', () => {
    deskRun(['init', '--workbook', workbook]);
    const before = readFileSync(workbook);

    const result = deskRun(['demo', '--workbook', workbook]);

    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      `${workbook} already exists: demo makes a new workbook; pick another file name or delete it.`,
    );
    expect(readFileSync(workbook).equals(before)).toBe(true);
  });

  test('demo makes a new workbook with the deals asked for', () => {
    const result = deskRun(['demo', '--workbook', workbook, '--deals', '4', '--seed', '7']);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Created .*book\.xlsx\./);
  });

  test.each([
    [['--deals', '0'], /^--deals must be a whole number from 1 to 100,000, not "0"\.$/],
    [['--deals', 'abc'], /^--deals must be a whole number from 1 to 100,000, not "abc"\.$/],
    [['--deals', '-5'], /^--deals must be a whole number from 1 to 100,000, not "-5"\.$/],
    [['--deals', '1e9'], /^--deals must be a whole number from 1 to 100,000, not "1e9"\.$/],
    [['--deals', '2.5'], /^--deals must be a whole number/],
    [['--seed', 'x'], /^--seed must be a whole number from 0 to /],
    [['--seed', '-1'], /^--seed must be a whole number from 0 to /],
  ])('demo %j is refused before anything is made', (args, reason) => {
    const result = deskRun(['demo', '--workbook', workbook, ...args]);

    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(reason);
    expect(existsSync(workbook)).toBe(false);
  });

  test('an empty --as-of is refused rather than taken as today', () => {
    deskRun(['init', '--workbook', workbook]);

    const result = deskRun(['pending-invoices', '--workbook', workbook, '--as-of', '']);

    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      '--as-of needs a date (YYYY-MM-DD); leave it out to mean today.',
    );
  });

  test('--time-zone on an existing workbook says that the workbook keeps its own', () => {
    deskRun(['init', '--workbook', workbook, '--time-zone', 'Europe/Berlin']);

    const result = deskRun(['init', '--workbook', workbook, '--time-zone', 'Asia/Tokyo']);

    expect(result.code).toBe(0);
    expect(result.stderr.trim()).toBe(
      `Note: ${workbook} keeps its own time zone, Europe/Berlin; ` +
        `--time-zone Asia/Tokyo only applies to a new workbook.`,
    );
  });

  test('a read-only workbook is refused and keeps its bytes and mode', () => {
    deskRun(['init', '--workbook', workbook]);
    chmodSync(workbook, 0o444);
    const before = readFileSync(workbook);

    const init = deskRun(['init', '--workbook', workbook]);
    const pending = deskRun(['pending-invoices', '--workbook', workbook, '--as-of', '2024-01-01']);

    for (const result of [init, pending]) {
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toMatch(
        new RegExp(`^deal-desk: ${workbook.replace(/\./g, '\\.')} is read-only: [^\n]+$`),
      );
    }
    expect(readFileSync(workbook).equals(before)).toBe(true);
    expect(statSync(workbook).mode & 0o777).toBe(0o444);
  });

  test.each([
    [
      'a folder as the workbook',
      ['pending-invoices', '--workbook', 'dir.xlsx'],
      /dir\.xlsx is a folder, not an Excel workbook/,
    ],
    [
      'a text file as the workbook',
      ['pending-invoices', '--workbook', 'text.xlsx'],
      /text\.xlsx is not an Excel workbook \(\.xlsx\) Deal Desk can read: /,
    ],
    [
      'a folder as the CSV to import',
      ['import', 'folder', '--workbook', 'new.xlsx'],
      /^folder is a folder: name the CSV file to import\.$/,
    ],
    [
      'a missing folder for --csv',
      ['pending-invoices', '--workbook', 'book.xlsx', '--csv', 'nope/out.csv'],
      /^--csv nope\/out\.csv: there is no folder nope to write it in\.$/,
    ],
    [
      'a folder as --csv',
      ['pending-invoices', '--workbook', 'book.xlsx', '--csv', 'folder'],
      /^--csv folder is a folder: /,
    ],
    [
      'a missing folder for the workbook',
      ['init', '--workbook', 'nope/book.xlsx'],
      /nope\/book\.xlsx can't be saved: there is no folder nope\.$/,
    ],
  ])('%s is refused in one plain line', (_, args, reason) => {
    deskRun(['init', '--workbook', 'book.xlsx'], dir);
    mkdirSync(join(dir, 'dir.xlsx'));
    mkdirSync(join(dir, 'folder'));
    writeFileSync(join(dir, 'text.xlsx'), 'not a workbook\n');
    const before = readdirSync(dir).sort();

    const result = deskRun(args, dir);

    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr.trim()).toMatch(reason);
    expect(result.stderr).not.toMatch(/E[A-Z]{3,}|\.tmp|zip file/);
    expect(readdirSync(dir).sort()).toEqual(before);
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
