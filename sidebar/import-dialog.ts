/**
 * The "Import deals" dialog: pick a CSV, review how its columns and stages map and which
 * rows would be rejected, adjust, then import. Preview writes nothing.
 */

import type { ImportReport, ImportRequest } from '../src/entry/import';
import { callServer } from './lib/server';
import { byId, el, replaceChildren, setBusy, showStatus } from './lib/dom';

interface DialogState {
  csv: string;
  fileName: string;
  mapping: Record<string, string>;
  stageMap: Record<string, string>;
  previewed: boolean;
}

const state: DialogState = { csv: '', fileName: '', mapping: {}, stageMap: {}, previewed: false };

const form = byId<HTMLFormElement>('import-form');
const status = byId('status');
const importButton = byId<HTMLButtonElement>('import-button');

function request(): ImportRequest {
  return {
    csv: state.csv,
    fileName: state.fileName,
    currency: byId<HTMLInputElement>('currency').value.trim().toUpperCase(),
    stageMap: state.stageMap,
    mapping: state.mapping,
  };
}

async function readChosenFile(): Promise<void> {
  const file = byId<HTMLInputElement>('file').files?.[0];
  if (!file) return;
  state.csv = await file.text();
  state.fileName = file.name;
  state.mapping = {};
  state.stageMap = {};
  await preview();
}

async function preview(): Promise<void> {
  if (!state.csv) {
    showStatus(status, 'Choose a CSV file first.', 'error');
    return;
  }
  await withServer('Checking the file…', async () => {
    const report = await callServer('previewImport', request());
    state.previewed = true;
    render(report);
    const verdict =
      report.rejectedCount > 0
        ? ` ${report.rejectedCount} rows will be skipped (listed below).`
        : '';
    showStatus(
      status,
      `Ready: ${report.inserted} new deals, ${report.updated} updates.${verdict}`,
      'info',
    );
  });
}

async function runImport(): Promise<void> {
  await withServer('Importing…', async () => {
    const report = await callServer('importDeals', request());
    render(report);
    showStatus(
      status,
      `Imported: ${report.inserted} deals added, ${report.updated} updated, ${report.unchanged} unchanged, ` +
        `${report.rejectedCount} rows skipped.`,
      'ok',
    );
    state.previewed = false;
  });
}

/** Runs a server call with the form disabled, and shows any failure next to the form. */
async function withServer(message: string, work: () => Promise<void>): Promise<void> {
  setBusy(form, true);
  showStatus(status, message, 'info');
  try {
    await work();
  } catch (error) {
    showStatus(status, (error as Error).message, 'error');
  } finally {
    setBusy(form, false);
    importButton.disabled = !state.previewed;
  }
}

function render(report: ImportReport): void {
  byId('preview').hidden = false;
  renderCounts(report);
  renderMapping(report);
  renderStages(report);
  renderRejected(report);
}

function renderCounts(report: ImportReport): void {
  const count = (label: string, value: number) => el('div', {}, el('b', {}, String(value)), label);
  replaceChildren(
    byId('counts'),
    count('rows in file', report.totalRows),
    count('new deals', report.inserted),
    count('updates', report.updated),
    count('unchanged', report.unchanged),
    count('rejected', report.rejectedCount),
    count('blank rows', report.blankRows),
  );
}

function renderMapping(report: ImportReport): void {
  const rows = report.fields.map((field) => {
    const current = report.mapping.find((m) => m.field === field.key)?.header ?? '';
    const select = el(
      'select',
      { 'data-field': field.key },
      el('option', { value: '' }, '(not imported)'),
    );
    for (const header of report.headers) select.append(el('option', { value: header }, header));
    select.value = current;
    select.addEventListener('change', () => {
      state.mapping[field.key] = select.value;
      markStale();
    });
    return el('tr', {}, el('td', {}, field.label), el('td', {}, select));
  });
  replaceChildren(
    byId('mapping'),
    el('tr', {}, el('th', {}, 'Deal field'), el('th', {}, 'Column in the file')),
    ...rows,
  );
}

function renderStages(report: ImportReport): void {
  const rows = report.sourceStages.map((stage) => {
    const select = el('select', {}, el('option', { value: '' }, '(not in the scheme: reject)'));
    for (const name of report.schemeStages) select.append(el('option', { value: name }, name));
    select.value = stage.becomes ?? '';
    select.addEventListener('change', () => {
      state.stageMap[stage.value] = select.value;
      markStale();
    });
    return el(
      'tr',
      {},
      el('td', {}, stage.value),
      el('td', {}, String(stage.count)),
      el('td', {}, select),
    );
  });
  const header = el(
    'tr',
    {},
    el('th', {}, 'In the file'),
    el('th', {}, 'Rows'),
    el('th', {}, 'Becomes'),
  );
  replaceChildren(byId('stages'), header, ...rows);
}

function renderRejected(report: ImportReport): void {
  byId('rejected-title').textContent =
    report.rejectedCount === 0
      ? 'Every row can be imported'
      : `Rows that will not be imported (${report.rejectedCount}${report.rejectedCount > report.rejected.length ? `, first ${report.rejected.length} shown` : ''})`;
  const rows = report.rejected.flatMap((rejected) =>
    rejected.errors.map((error) =>
      el(
        'tr',
        {},
        el('td', {}, String(rejected.row)),
        el('td', {}, error.field),
        el('td', {}, error.message),
      ),
    ),
  );
  const header = el('tr', {}, el('th', {}, 'Row'), el('th', {}, 'Column'), el('th', {}, 'Reason'));
  replaceChildren(byId('rejected'), ...(rows.length > 0 ? [header, ...rows] : []));
}

function markStale(): void {
  state.previewed = false;
  importButton.disabled = true;
  showStatus(status, 'Mapping changed: press Preview to check the file again.', 'info');
}

byId('file').addEventListener('change', () => void readChosenFile());
byId('currency').addEventListener('change', markStale);
byId('preview-button').addEventListener('click', () => void preview());
importButton.addEventListener('click', () => void runImport());
byId('close-button').addEventListener('click', () => google.script.host.close());
