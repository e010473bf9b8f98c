// Loading a bundle and calling into it: cloning like google.script.run, the restricted first
// open, counting, the injected clock, realms, menus, edit and time-driven triggers.

import { createRuntime } from '../../local/runtime';
import { fakeBundle } from './fake-bundle';

const BUNDLE =
  `
function hello() { return SpreadsheetApp.getActive().getSheets().length; }
function echo(value) { return { value: value, isArray: Array.isArray(value), ` +
  `realmArray: value instanceof Array }; }
function mutate(list) { list.push('added'); return list.length; }
function today() { return new Date(); }
function todayText() { return Utilities.formatDate(new Date(), 'Etc/UTC', 'yyyy-MM-dd HH:mm'); }
function nowMs() { return Date.now(); }
function holes() { return [1, undefined, 3]; }
function sheetObject() { return SpreadsheetApp.getActive().getSheets()[0]; }
function fails() { SpreadsheetApp.getActive().getSheets()[0].getRange(1, 1, 2, 1)` +
  `.setValues([['only one']]); }
function realmChecks() {
  var sheet = SpreadsheetApp.getActive().getSheets()[0];
  sheet.getRange('A1').setValue('2024-01-05');
  var value = sheet.getRange('A1').getValue();
  var caught;
  try { sheet.getRange(0, 1); } catch (e) { caught = e instanceof Error; }
  return { dateInstance: value instanceof Date, errorInstance: caught };
}
function onOpen(e) {
  SpreadsheetApp.getUi().createAddonMenu().addItem('Say hello', 'hello')` +
  `.addItem('Write', 'write').addToUi();
  Logger.log('opened in %s', e.authMode);
}
function write() { SpreadsheetApp.getActive().getSheets()[0].getRange('B2').setValue('written');` +
  ` return 'ok'; }
function install() {
  ScriptApp.newTrigger('daily').timeBased().everyDays(1).atHour(6).create();
  ScriptApp.newTrigger('edited').forSpreadsheet(SpreadsheetApp.getActive()).onEdit().create();
}
var seen = [];
function daily(e) { seen.push('daily ' + e['day-of-month'] + ' ' + e.authMode); }
function edited(e) { seen.push('edited ' + e.range.getA1Notation()` +
  ` + ' ' + e.oldValue + ' -> ' + e.value); }
function seenEvents() { return seen; }
`;

const bundle = () => fakeBundle(BUNDLE);

describe('loading and calling the bundle', () => {
  test('calls top-level functions by name; unknown names fail like Apps Script', async () => {
    const rt = await createRuntime({ bundleDir: bundle() });
    expect(rt.call('hello')).toBe(1);
    expect(typeof rt.globals.hello).toBe('function');
    expect(() => rt.call('nope')).toThrow('Script function not found: nope');
    expect(rt.globals.setTimeout).toBeUndefined();
    expect(rt.globals.require).toBeUndefined();
  });

  test(
    'call clones arguments into the bundle realm and results out, ' + 'as google.script.run',
    async () => {
      const rt = await createRuntime({ bundleDir: bundle() });
      const list = ['a'];
      expect(rt.call('echo', { when: '2024-01-01', n: [1, 2] })).toEqual({
        value: { when: '2024-01-01', n: [1, 2] },
        isArray: false,
        realmArray: false,
      });
      expect(rt.call<{ realmArray: boolean }>('echo', [1]).realmArray).toBe(true);
      expect(rt.call('mutate', list)).toBe(2);
      expect(list).toEqual(['a']);
      expect(rt.invoke('mutate', list)).toBe(2);
      expect(list).toEqual(['a', 'added']);
    },
  );

  test(
    'a Date, undefined in an array, or an Apps Script object ' + 'cannot be returned by call',
    async () => {
      const rt = await createRuntime({ bundleDir: bundle() });
      expect(() => rt.call('today')).toThrow(/today returned a Date/);
      expect(() => rt.call('holes')).toThrow(/holes returned undefined at \[1\]/);
      expect(() => rt.call('sheetObject')).toThrow(/sheetObject returned a LocalSheet/);
      expect(() => rt.call('echo', new Date())).toThrow(/argument 1 of echo a Date/);
      expect(Object.prototype.toString.call(rt.invoke('today'))).toBe('[object Date]');
    },
  );

  test(
    'errors reach the caller with Apps Script’s message; ' +
      'the bundle sees its own realm’s Error and Date',
    async () => {
      const rt = await createRuntime({ bundleDir: bundle() });
      expect(() => rt.call('fails')).toThrow(
        'The number of rows in the data does not match the number of rows in the range. ' +
          'The data has 1 but the range has 2.',
      );
      expect(rt.call('realmChecks')).toEqual({ dateInstance: true, errorInstance: true });
    },
  );

  test('new Date() and Date.now() inside the bundle read the injected clock', async () => {
    const clock = Date.UTC(2030, 5, 15, 8, 30);
    const rt = await createRuntime({ bundleDir: bundle(), clock: () => clock });
    expect(rt.call('nowMs')).toBe(clock);
    expect(rt.call('todayText')).toBe('2030-06-15 08:30');
  });
});

describe('authorization and counting', () => {
  test('in AuthMode.NONE only the menu works, and stats show what was touched', async () => {
    const rt = await createRuntime({ bundleDir: bundle(), authMode: 'NONE' });
    rt.open();
    expect(rt.ui.menus[0]?.items.map((item) => item.functionName)).toEqual(['hello', 'write']);
    expect(rt.logs).toEqual(['opened in NONE']);
    expect(rt.stats()).toEqual({
      Spreadsheet: { 'SpreadsheetApp.getUi': 1 },
      Ui: { 'Ui.createAddonMenu': 1, 'Menu.addItem': 2, 'Menu.addToUi': 1 },
      Logger: { 'Logger.log': 1 },
    });
    expect(() => rt.call('hello')).toThrow('Authorization is required to perform that action.');

    rt.setAuthMode('FULL');
    rt.resetStats();
    expect(rt.clickMenu('Say hello')).toBe(1);
    expect(rt.stats()).toEqual({
      Spreadsheet: { 'SpreadsheetApp.getActive': 1, 'Spreadsheet.getSheets': 1 },
    });
  });

  test(
    'LIMITED is as strict as NONE here ' + '(the add-on must not touch services in onOpen)',
    async () => {
      const rt = await createRuntime({ bundleDir: bundle(), authMode: 'LIMITED' });
      expect(() => rt.invoke('write')).toThrow(/Authorization is required/);
    },
  );
});

describe('triggers', () => {
  test(
    'installed triggers fire from the runtime: ' +
      'time-driven on demand, ' +
      'edit on a person’s edit',
    async () => {
      const rt = await createRuntime({ bundleDir: bundle(), clock: () => Date.UTC(2024, 2, 9, 6) });
      rt.call('install');
      expect(rt.fireTimeTriggers()).toEqual(['daily']);
      rt.edit('Sheet1', 3, 2, '42');
      rt.edit('Sheet1', 3, 2, 'forty-two');
      expect(rt.call('seenEvents')).toEqual([
        'daily 9 FULL',
        'edited B3 undefined -> 42',
        'edited B3 42 -> forty-two',
      ]);
      expect(rt.workbook.cell('Sheet1', 3, 2).value).toBe('forty-two');
    },
  );
});
