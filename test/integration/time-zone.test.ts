import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime } from '../../local/runtime';
import { BUILD_DIR, csvOf, recordsOf, spreadsheetOf, type LocalRuntime } from '../helpers/add-on';

const HEADER = [
  'Record ID',
  'Deal Name',
  'Company',
  'Deal Stage',
  'Amount',
  'Close Date',
  'Delivery date',
];

function dayShown(runtime: LocalRuntime, value: unknown): string {
  const utilities = runtime.globals.Utilities as GoogleAppsScript.Utilities.Utilities;
  const zone = spreadsheetOf(runtime).getSpreadsheetTimeZone();
  return utilities.formatDate(value as GoogleAppsScript.Base.Date, zone, 'yyyy-MM-dd');
}

describe('calendar dates when the spreadsheet and the script are in different time zones', () => {
  const originalTz = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'America/Los_Angeles';
  });
  afterAll(() => {
    process.env.TZ = originalTz;
  });

  test.each(['Pacific/Auckland', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'])(
    'a %s spreadsheet keeps every imported day, through a save and a reload',
    async (zone) => {
      const path = join(mkdtempSync(join(tmpdir(), 'deal-desk-tz-')), 'book.xlsx');
      const first = await createRuntime({
        bundleDir: BUILD_DIR,
        workbookPath: path,
        spreadsheetTimeZone: zone,
        scriptTimeZone: 'America/Los_Angeles',
      });
      first.call('runSetup');
      first.call('importDeals', {
        csv: csvOf([
          HEADER,
          ['1', 'New year', 'Acme', 'Won', '10', '2024-01-01', ''],
          ['2', 'DST start NZ', 'Acme', 'Won', '10', '2024-09-29', '2024-04-07'],
          ['3', 'Leap day', 'Acme', 'Won', '10', '2024-02-29', ''],
        ]),
      });
      await first.save();

      const reloaded = await createRuntime({
        bundleDir: BUILD_DIR,
        workbookPath: path,
        scriptTimeZone: 'America/Los_Angeles',
      });
      const deals = recordsOf(reloaded, 'Deals');
      const summary = reloaded.call<{ count: number }>('rebuildPendingInvoices', {
        asOf: '2024-01-01',
      });

      expect(spreadsheetOf(reloaded).getSpreadsheetTimeZone()).toBe(zone);
      expect(deals.map((d) => dayShown(reloaded, d['Close date']))).toEqual([
        '2024-01-01',
        '2024-09-29',
        '2024-02-29',
      ]);
      expect(dayShown(reloaded, deals[1]?.['Delivery date'])).toBe('2024-04-07');
      expect(summary.count).toBe(1);
      const pending = recordsOf(reloaded, 'Pending invoices')[0];
      expect(dayShown(reloaded, pending?.['Invoice on'])).toBe('2024-01-01');
    },
  );
});
