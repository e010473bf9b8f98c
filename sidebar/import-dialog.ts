/**
 * The "Import deals" dialog: pick a CSV, review how its columns and stages map and which
 * rows would be rejected, adjust, then import. Preview writes nothing.
 */

import { countOf } from '../src/domain/wording';
import type { ImportReport, ImportRequest } from '../src/entry/import';
import { decodeCsvBytes, describeCsvEncoding } from './lib/csv-text';
import { callServer } from './lib/server';
import { byId, el, replaceChildren, setBusy, showStatus } from './lib/dom';

interface DialogState {
  csv: string;
  fileName: string;
  /** Said with every status while this file is open, e.g. "Read as Windows-1252 …". */
  encodingNote: string;
  mapping: Record<string, string>;
  stageMap: Record<string, string>;
  /** True while the last preview is current and importable: the Import button's state. */
  previewed: boolean;
}

const state: DialogState = {
  csv: '',
  fileName: '',
  encodingNote: '',
  mapping: {},
  stageMap: {},
  previewed: false,
};

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

/** Reads the chosen file as bytes, so a file that is not UTF-8 is still read right. */
async function readChosenFile(): Promise<void> {
  const file = byId<HTMLInputElement>('file').files?.[0];
  // Whatever the previous file showed no longer applies.
  Object.assign(state, { csv: '', fileName: '', encodingNote: '', mapping: {}, stageMap: {} });
  clearPreview(true);
  if (!file) {
    showStatus(status, '');
    return;
  }

  const decoded = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
  state.fileName = file.name;
  state.encodingNote = describeCsvEncoding(decoded.encoding) ?? '';
  if (decoded.text.trim() === '') {
    showStatus(status, `${file.name} is empty: choose a CSV export with deals in it.`, 'error');
    return;
  }
  state.csv = decoded.text;
  await preview();
}

async function preview(): Promise<void> {
  if (!state.csv) {
    clearPreview(true);
    showStatus(status, 'Choose a CSV file first.', 'error');
    return;
  }
  state.previewed = false;
  await withServer('Checking the file…', async () => {
    const report = await callServer('previewImport', request());
    render(report);
    if (report.needsMapping !== null) {
      showStatus(status, withNote(report.needsMapping), 'error');
      return;
    }
    state.previewed = true;
    const verdict =
      report.rejectedCount > 0
        ? ` ${countOf(report.rejectedCount, 'row')} will be skipped (listed below).`
        : '';
    showStatus(
      status,
      withNote(
        `Ready: ${countOf(report.inserted, 'new deal')}, ` +
          `${countOf(report.updated, 'update')}.${verdict}`,
      ),
      'info',
    );
  });
}

async function runImport(): Promise<void> {
  await withServer('Importing…', async () => {
    const report = await callServer('importDeals', request());
    state.previewed = false;
    render(report);
    showStatus(
      status,
      `Imported: ${countOf(report.inserted, 'deal')} added, ${report.updated} updated, ` +
        `${report.unchanged} unchanged, ${countOf(report.rejectedCount, 'row')} skipped.`,
      'ok',
    );
  });
}

/** Runs a server call with the form disabled, and shows any failure next to the form. */
async function withServer(message: string, work: () => Promise<void>): Promise<void> {
  setBusy(form, true);
  showStatus(status, message, 'info');
  try {
    await work();
  } catch (error) {
    if (!state.previewed) clearPreview(false);
    showStatus(status, withNote((error as Error).message), 'error');
  } finally {
    setBusy(form, false);
    importButton.disabled = !state.previewed;
  }
}

/** `message`, followed by how the file was read when that is worth knowing. */
function withNote(message: string): string {
  return state.encodingNote ? `${message} ${state.encodingNote}` : message;
}

/**
 * Empties the counts, stages and rejected rows, which no longer describe the file. The
 * column mapping stays unless `everything`: it belongs to this file, and is how a person
 * fixes a mapping the server refused.
 */
function clearPreview(everything: boolean): void {
  state.previewed = false;
  importButton.disabled = true;
  replaceChildren(byId('counts'));
  replaceChildren(byId('stages'));
  replaceChildren(byId('rejected'));
  byId('rejected-title').textContent = 'Rows that will not be imported';
  if (everything) replaceChildren(byId('mapping'));
  byId('preview').hidden = everything || byId('mapping').childElementCount === 0;
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
      if (select.value === '') delete state.stageMap[stage.value];
      else state.stageMap[stage.value] = select.value;
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
    report.needsMapping !== null
      ? 'Rows are checked once the columns above are mapped'
      : report.rejectedCount === 0
        ? 'Every row can be imported'
        : `Rows that will not be imported (${report.rejectedCount}` +
          (report.rejectedCount > report.rejected.length
            ? `, first ${report.rejected.length} shown`
            : '') +
          ')';
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
