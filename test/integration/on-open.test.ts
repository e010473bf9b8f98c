import { createRuntime } from '../../local/runtime';
import { BUILD_DIR } from '../helpers/add-on';

describe('onOpen in the restricted mode an add-on first opens in', () => {
  test('builds the full Deal Desk menu while every other service throws', async () => {
    const runtime = await createRuntime({ bundleDir: BUILD_DIR, authMode: 'NONE' });

    runtime.invoke('onOpen', { authMode: 'NONE' });

    expect(runtime.ui.menus).toHaveLength(1);
    const captions = runtime.ui.menus[0]?.items.map((item) => item.caption);
    expect(captions).toEqual(
      expect.arrayContaining(['Set up Deal Desk', 'Import deals…', 'Pending invoices']),
    );
    const stats = runtime.stats();
    expect(
      Object.keys(stats).filter((service) => !['Ui', 'Spreadsheet'].includes(service)),
    ).toEqual([]);
  });

  test('the restricted runtime really refuses authorised services', async () => {
    const runtime = await createRuntime({ bundleDir: BUILD_DIR, authMode: 'NONE' });

    expect(() => runtime.call('runSetup')).toThrow(/needs your permission first/);
  });

  test('every menu item names a top-level function of the bundle', async () => {
    const runtime = await createRuntime({ bundleDir: BUILD_DIR });

    runtime.invoke('onOpen', {});

    for (const item of runtime.ui.menus[0]?.items ?? []) {
      if (item.functionName) expect(typeof runtime.globals[item.functionName]).toBe('function');
    }
  });
});
