// SpreadsheetApp over the local workbook: USER_ENTERED writes, typed reads, shape errors, the
// spreadsheet's time zone, layout changes, validations, and what survives an xlsx round trip.

import { join } from 'node:path';
import { createRuntime, type LocalRuntime, type RuntimeOptions } from '../../local/runtime';
import { tempDir } from './fake-bundle';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

async function runtime(options: RuntimeOptions = {}): Promise<LocalRuntime> {
  return createRuntime({ loadBundle: false, ...options });
}

function active(rt: LocalRuntime): Spreadsheet {
  return (rt.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActive();
}

function errorOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

const isDateValue = (value: unknown) => Object.prototype.toString.call(value) === '[object Date]';

describe('writing values as Sheets does (USER_ENTERED)', () => {
  test('strings are read as typed; numbers, booleans and empties are kept', async () => {
    const rt = await runtime();
    const sheet = active(rt).getSheets()[0]!;
    sheet
      .getRange(1, 1, 1, 8)
      .setValues([["'=1+1", '=SUM(A2:A3)', '42', 'TRUE', '2024-01-05', 7, false, null]]);

    expect(rt.workbook.cell('Sheet1', 1, 1)).toMatchObject({ kind: 'text', value: '=1+1' });
    expect(rt.workbook.cell('Sheet1', 1, 2)).toMatchObject({
      kind: 'formula',
      value: '=SUM(A2:A3)',
    });
    const values = sheet.getRange(1, 1, 1, 8).getValues()[0]!;
    expect(values.slice(0, 4)).toEqual(['=1+1', '', 42, true]);
    expect(isDateValue(values[4])).toBe(true);
    expect(values.slice(5)).toEqual([7, false, '']);
    expect(sheet.getRange(1, 1, 1, 2).getFormulas()).toEqual([['', '=SUM(A2:A3)']]);
    expect(sheet.getRange('E1').getDisplayValue()).toBe('2024-01-05');
  });

  test('setValues refuses data that does not fit the range, with Sheets’ messages', async () => {
    const sheet = active(await runtime()).getSheets()[0]!;
    expect(errorOf(() => sheet.getRange(1, 1, 3, 2).setValues([['a', 'b']]))).toBe(
      'The number of rows in the data does not match the number of rows in the range. ' +
        'The data has 1 but the range has 3.',
    );
    expect(errorOf(() => sheet.getRange(1, 1, 1, 2).setValues([['a', 'b', 'c']]))).toBe(
      'The number of columns in the data does not match the number of columns in the range. ' +
        'The data has 3 but the range has 2.',
    );
    expect(
      errorOf(() => sheet.getRange(1, 1, 1, 2).setValues(['a', 'b'] as unknown as unknown[][])),
    ).toBe(
      "The parameters (String[]) don't match the method signature " +
        'for SpreadsheetApp.Range.setValues.',
    );
    expect(errorOf(() => sheet.getRange(0, 1))).toBe('The starting row of the range is too small.');
    expect(sheet.getLastRow()).toBe(0);
  });

  test('a cell over 50,000 characters is refused and nothing is written', async () => {
    const sheet = active(await runtime()).getSheets()[0]!;
    const message = errorOf(() =>
      sheet.getRange(1, 1, 1, 2).setValues([['ok', 'x'.repeat(50_001)]]),
    );
    expect(message).toMatch(/more than the maximum of 50000 characters/);
    expect(sheet.getLastRow()).toBe(0);
  });

  test('writing past the last row grows the sheet, as Sheets now does', async () => {
    const sheet = active(await runtime()).getSheets()[0]!;
    sheet.getRange(1001, 1, 2, 1).setValues([['a'], ['b']]);
    expect(sheet.getMaxRows()).toBe(1002);
    expect(sheet.getLastRow()).toBe(1002);
    sheet.appendRow(['c', 5]);
    expect(sheet.getRange(1003, 1, 1, 2).getValues()).toEqual([['c', 5]]);
  });

  test('getLastRow/getLastColumn are 0 on an empty sheet; getDataRange is then A1', async () => {
    const sheet = active(await runtime()).getSheets()[0]!;
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([0, 0]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
    sheet.getRange('B2:C3').setValue('x');
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C3');
  });
});

describe('dates follow the spreadsheet time zone', () => {
  const originalTz = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'America/Los_Angeles';
  });
  afterAll(() => {
    process.env.TZ = originalTz;
  });

  test(
    'the calendar day survives write → save → load → read ' + 'in Pacific/Auckland',
    async () => {
      const path = join(tempDir(), 'dates.xlsx');
      const first = await runtime({ workbookPath: path, spreadsheetTimeZone: 'Pacific/Auckland' });
      const ss = active(first);
      const utilities = first.globals.Utilities as GoogleAppsScript.Utilities.Utilities;
      // Midnight in Auckland (on both DST change days) is the previous day in Los Angeles and UTC.
      const midnights = {
        '2024-01-01': '+13:00',
        '2024-04-07': '+13:00',
        '2024-09-29': '+12:00',
        '2024-02-29': '+13:00',
      };
      const days = Object.keys(midnights);
      const instants = Object.entries(midnights).map(
        ([day, offset]) => new Date(`${day}T00:00:00${offset}`),
      );
      ss.getSheets()[0]!
        .getRange(1, 1, days.length, 2)
        .setValues(days.map((day, i) => [day, instants[i]]));
      await first.save();

      const second = await runtime({ workbookPath: path, spreadsheetTimeZone: 'Etc/UTC' });
      const reloaded = active(second);
      expect(reloaded.getSpreadsheetTimeZone()).toBe('Pacific/Auckland');
      const values = reloaded.getSheets()[0]!.getDataRange().getValues();
      const shown = values.map((row) =>
        row.map((cell) => utilities.formatDate(cell as Date, 'Pacific/Auckland', 'yyyy-MM-dd')),
      );
      expect(shown).toEqual(days.map((day) => [day, day]));
      expect(second.workbook.sheetValues('Sheet1').map((row) => row[0])).toEqual(days);
    },
  );

  test(
    'a Date is an instant: it is shown in the spreadsheet zone, ' + 'not the script zone',
    async () => {
      const rt = await runtime({ spreadsheetTimeZone: 'Pacific/Auckland' });
      const sheet = active(rt).getSheets()[0]!;
      sheet.getRange('A1').setValue(new Date(Date.UTC(2024, 0, 31, 12, 0)));
      expect(rt.workbook.sheetValues('Sheet1')).toEqual([['2024-02-01 01:00:00']]);
    },
  );

  test(
    'a number formatted as a date reads as a Date; ' + 'a date formatted as a number as a serial',
    async () => {
      const rt = await runtime();
      const sheet = active(rt).getSheets()[0]!;
      sheet.getRange('A1:B1').setValues([[45292, '2024-01-01']]);
      sheet.getRange('A1').setNumberFormat('yyyy-mm-dd');
      sheet.getRange('B1').setNumberFormat('0');
      const [a, b] = sheet.getRange('A1:B1').getValues()[0]!;
      expect((a as Date).toISOString()).toBe('2024-01-01T00:00:00.000Z');
      expect(b).toBe(45292);
    },
  );
});

describe('sheets, layout and selection', () => {
  test('insert, delete and move columns carry formats, notes and validations along', async () => {
    const rt = await runtime();
    const app = rt.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const sheet = active(rt).getSheets()[0]!;
    sheet.getRange('A1:C2').setValues([
      ['ID', 'Stage', 'Amount'],
      ['D-1', 'Won', 5],
    ]);
    sheet
      .getRange('B2')
      .setNote('why')
      .setDataValidation(app.newDataValidation().requireValueInList(['Lead', 'Won']).build());
    sheet.getRange('C2').setNumberFormat('#,##0.00');

    sheet.insertColumnBefore(1);
    rt.workbook.moveColumns('Sheet1', 4, 1, 2); // Amount goes before ID
    expect(rt.workbook.sheetValues('Sheet1')).toEqual([
      ['', 'Amount', 'ID', 'Stage'],
      ['', 5, 'D-1', 'Won'],
    ]);
    expect(sheet.getRange('B2').getDisplayValue()).toBe('5.00');
    expect(sheet.getRange('D2').getNote()).toBe('why');
    expect(sheet.getRange('D2').getDataValidation()?.getCriteriaValues()[0]).toEqual([
      'Lead',
      'Won',
    ]);

    sheet.deleteColumn(1);
    rt.workbook.insertColumns('Sheet1', 2);
    expect(rt.workbook.sheetValues('Sheet1')[0]).toEqual(['Amount', '', 'ID', 'Stage']);
    expect(sheet.getMaxColumns()).toBe(27);
  });

  test('rows: insert, delete, and the rule that some rows must stay', async () => {
    const sheet = active(await runtime()).getSheets()[0]!;
    sheet.getRange('A1:A3').setValues([['a'], ['b'], ['c']]);
    sheet.setFrozenRows(1);
    sheet.insertRowsAfter(1, 2);
    expect(sheet.getRange('A1:A5').getValues().flat()).toEqual(['a', '', '', 'b', 'c']);
    sheet.deleteRows(2, 2);
    expect(sheet.getDataRange().getValues().flat()).toEqual(['a', 'b', 'c']);
    expect(errorOf(() => sheet.deleteRows(2, sheet.getMaxRows() - 1))).toBe(
      'Sorry, it is not possible to delete all non-frozen rows.',
    );
  });

  test('insertSheet activates the new sheet; names are unique regardless of case', async () => {
    const rt = await runtime();
    const ss = active(rt);
    const deals = ss.insertSheet('Deals');
    expect(ss.getActiveSheet().getName()).toBe('Deals');
    expect(ss.getSheetByName('deals')?.getSheetId()).toBe(deals.getSheetId());
    expect(errorOf(() => ss.insertSheet('DEALS'))).toBe(
      'A sheet with the name "DEALS" already exists. Please enter another name.',
    );
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Sheet1', 'Deals']);
    ss.deleteSheet(ss.getSheetByName('Sheet1')!);
    expect(errorOf(() => ss.deleteSheet(deals))).toBe(
      "You can't remove all the visible sheets in a document.",
    );
  });

  test('the selection a test makes is what getActiveRange / getActiveCell return', async () => {
    const rt = await runtime();
    const ss = active(rt);
    ss.insertSheet('Deals');
    rt.workbook.select('Sheet1', 4, 2, 1, 3);
    expect(ss.getActiveSheet().getName()).toBe('Sheet1');
    expect(ss.getActiveRange()?.getA1Notation()).toBe('B4:D4');
    expect(ss.getActiveCell().getA1Notation()).toBe('B4');
  });

  test('A1 notation: cells, rectangles, whole columns and sheet-qualified references', async () => {
    const ss = active(await runtime());
    const sheet = ss.getSheets()[0]!;
    expect(sheet.getRange('C3:A1').getA1Notation()).toBe('A1:C3');
    expect(sheet.getRange('B:C').getNumRows()).toBe(1000);
    expect(ss.getRange("'Sheet1'!B2").getA1Notation()).toBe('B2');
    expect(errorOf(() => sheet.getRange('nonsense'))).toBe('Range not found');
  });
});

describe('what the xlsx file keeps', () => {
  test(
    'sheets, metadata, validations, formats, frozen rows and hidden state survive; ' +
      'the metadata sheet stays invisible',
    async () => {
      const path = join(tempDir(), 'book.xlsx');
      const first = await runtime({ workbookPath: path, spreadsheetTimeZone: 'Europe/Paris' });
      const app = first.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
      const ss = app.getActive();
      const deals = ss.insertSheet('Deals');
      deals
        .getRange('A1:C1')
        .setValues([['ID', 'Stage', 'Notes']])
        .setFontWeight('bold');
      deals.setFrozenRows(1);
      deals.getRange('A2:C2').setValues([["'00042", 'Won', 'Comma, "quoted"']]);
      const rule = app
        .newDataValidation()
        .requireValueInList(['Lead', 'Won, finally', 'Lost'], true)
        .setAllowInvalid(false)
        .setHelpText('Pick one')
        .build();
      deals.getRange(2, 2, deals.getMaxRows() - 1, 1).setDataValidation(rule);
      deals.getRange('C2').setNote('a note');
      ss.insertSheet('Archive').hideSheet();
      (first.globals.PropertiesService as GoogleAppsScript.Properties.PropertiesService)
        .getDocumentProperties()
        .setProperty('k', 'v');
      await first.save();
      await first.save(); // saving twice (over the file) is fine

      const second = await runtime({ workbookPath: path });
      const again = active(second);
      expect(again.getId()).toBe(ss.getId());
      expect(again.getSpreadsheetTimeZone()).toBe('Europe/Paris');
      expect(again.getSheets().map((s) => s.getName())).toEqual(['Sheet1', 'Deals', 'Archive']);
      expect(again.getSheetByName('_deal_desk_local')).toBeNull();
      expect(again.getSheetByName('Archive')?.isSheetHidden()).toBe(true);
      const reloaded = again.getSheetByName('Deals')!;
      expect(reloaded.getSheetId()).toBe(deals.getSheetId());
      expect(reloaded.getFrozenRows()).toBe(1);
      expect(reloaded.getMaxRows()).toBe(1000);
      expect(reloaded.getRange('A1').getFontWeight()).toBe('bold');
      expect(reloaded.getDataRange().getValues()).toEqual([
        ['ID', 'Stage', 'Notes'],
        ['00042', 'Won', 'Comma, "quoted"'],
      ]);
      expect(reloaded.getRange('C2').getNote()).toBe('a note');
      const kept = reloaded.getRange('B1000').getDataValidation()!;
      expect(kept.getCriteriaValues()).toEqual([['Lead', 'Won, finally', 'Lost'], true]);
      expect([kept.getAllowInvalid(), kept.getHelpText()]).toEqual([false, 'Pick one']);
      expect(reloaded.getRange('B1').getDataValidation()).toBeNull();
      expect(second.workbook.documentProperties.get('k')).toBe('v');

      // A file this runtime read and saves again keeps whole-column rules
      // (exceljs alone would not).
      await second.save();
      const third = active(await runtime({ workbookPath: path })).getSheetByName('Deals')!;
      expect(third.getRange('B2').getDataValidation()?.getHelpText()).toBe('Pick one');
      expect(third.getRange('A2').getDataValidation()).toBeNull();
    },
  );

  test('a new workbook without a path keeps a default Sheet1 and cannot be saved', async () => {
    const rt = await runtime();
    expect(rt.workbook.sheetNames()).toEqual(['Sheet1']);
    await expect(rt.save()).rejects.toThrow('no workbookPath');
  });
});
