import { createRuntime } from '../../local/runtime';
import { BUILD_DIR, snapshotOf, spreadsheetOf, valuesOf } from '../helpers/add-on';

const SHEETS = ['Deals', 'Activity', 'Tasks', 'Invoices', 'Pending invoices', 'Settings'];

describe('Set up Deal Desk', () => {
  test('creates every sheet with its header row frozen and the default scheme', async () => {
    const runtime = await createRuntime({ bundleDir: BUILD_DIR });

    runtime.call('runSetup');

    const spreadsheet = spreadsheetOf(runtime);
    expect(spreadsheet.getSheets().map((s) => s.getName())).toEqual(SHEETS);
    for (const name of SHEETS) expect(spreadsheet.getSheetByName(name)?.getFrozenRows()).toBe(1);
    expect(valuesOf(runtime, 'Deals')[0]).toEqual(
      expect.arrayContaining(['Deal ID', 'Deal name', 'Stage', 'Amount']),
    );
    const settings = valuesOf(runtime, 'Settings');
    expect(settings[0]).toEqual(['Section', 'Name', 'Kind', 'Value']);
    expect(settings.some((row) => row[0] === 'Stage' && row[1] === 'Won' && row[2] === 'won')).toBe(
      true,
    );
  });

  test('running it twice changes nothing', async () => {
    const runtime = await createRuntime({ bundleDir: BUILD_DIR });
    runtime.call('runSetup');
    const first = snapshotOf(runtime);

    const report = runtime.call<{ created: string[]; repaired: string[] }>('runSetup');

    expect(report).toEqual({ created: [], repaired: [] });
    expect(snapshotOf(runtime)).toBe(first);
  });

  test('puts back a deleted column at the end without moving the others', async () => {
    const runtime = await createRuntime({ bundleDir: BUILD_DIR });
    runtime.call('runSetup');
    const deals = spreadsheetOf(runtime).getSheetByName('Deals')!;
    const header = valuesOf(runtime, 'Deals')[0] as string[];
    deals.deleteColumn(header.indexOf('PO number') + 1);

    const report = runtime.call<{ repaired: string[] }>('runSetup');

    expect(report.repaired).toEqual(['Deals (PO number)']);
    const repaired = valuesOf(runtime, 'Deals')[0] as string[];
    expect(repaired[repaired.length - 1]).toBe('PO number');
  });

  test('the Stage column offers the scheme stages as a dropdown', async () => {
    const runtime = await createRuntime({ bundleDir: BUILD_DIR });
    runtime.call('runSetup');
    const deals = spreadsheetOf(runtime).getSheetByName('Deals')!;
    const stageColumn = (valuesOf(runtime, 'Deals')[0] as string[]).indexOf('Stage') + 1;

    const rule = deals.getRange(2, stageColumn).getDataValidation();

    expect(rule?.getCriteriaValues()[0]).toEqual(expect.arrayContaining(['Lead', 'Won', 'Lost']));
  });

  test(
    'the Settings sheet is validated: a broken scheme ' + 'stops setup with the row named',
    async () => {
      const runtime = await createRuntime({ bundleDir: BUILD_DIR });
      runtime.call('runSetup');
      const settings = spreadsheetOf(runtime).getSheetByName('Settings')!;
      settings
        .getRange(settings.getLastRow() + 1, 1, 1, 4)
        .setValues([['Stage', 'Won', 'won', '']]);

      expect(() => runtime.call('runSetup')).toThrow(/Settings row \d+/);
    },
  );

  test('two columns with the same header stop setup before anything is written', async () => {
    const runtime = await createRuntime({ bundleDir: BUILD_DIR });
    runtime.call('runSetup');
    const deals = spreadsheetOf(runtime).getSheetByName('Deals')!;
    deals.getRange(1, deals.getLastColumn() + 1).setValue('Amount');
    const before = snapshotOf(runtime);

    expect(() => runtime.call('runSetup')).toThrow(/"Deals" sheet has two "Amount" columns/);
    expect(snapshotOf(runtime)).toBe(before);
  });

  test('an emptied Settings sheet gets the default scheme back, and setup says so', async () => {
    const runtime = await createRuntime({ bundleDir: BUILD_DIR });
    runtime.call('runSetup');
    const settings = spreadsheetOf(runtime).getSheetByName('Settings')!;
    settings.getRange(2, 1, settings.getLastRow() - 1, 4).clearContent();

    const report = runtime.call<{ repaired: string[] }>('runSetup');

    expect(report.repaired).toEqual(['Settings (it was empty: the default scheme was written)']);
    expect(valuesOf(runtime, 'Settings').length).toBeGreaterThan(10);
  });
});
