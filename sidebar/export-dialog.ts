/**
 * The "Export pending invoices" dialog: pick the date, download the CSV. The file is built
 * on the server (formula-safe, UTF-8 with BOM) and handed to the browser as a download.
 */

import { callServer } from './lib/server';
import { byId, setBusy, showStatus } from './lib/dom';

const form = byId<HTMLFormElement>('export-form');
const status = byId('status');
const asOf = byId<HTMLInputElement>('as-of');

async function download(): Promise<void> {
  setBusy(form, true);
  showStatus(status, 'Building the list…', 'info');
  try {
    const result = await callServer(
      'exportPendingInvoices',
      asOf.value ? { asOf: asOf.value } : {},
    );
    const blob = new Blob([result.csv], { type: 'text/csv;charset=utf-8' });
    const link = byId<HTMLAnchorElement>('download-link');
    link.href = URL.createObjectURL(blob);
    link.download = result.fileName;
    link.click();
    showStatus(status, `${result.summary.message} Saved as ${result.fileName}.`, 'ok');
  } catch (error) {
    showStatus(status, (error as Error).message, 'error');
  } finally {
    setBusy(form, false);
  }
}

byId('download-button').addEventListener('click', () => void download());
byId('close-button').addEventListener('click', () => google.script.host.close());
