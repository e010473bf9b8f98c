/**
 * Creates or repairs Deal Desk's sheets: headers, frozen header row, formats and dropdowns
 * from the scheme. Every step first looks at what is there, so running it twice changes
 * nothing, and it never moves or deletes a column someone added.
 */

import { settingsRowsFromScheme } from '../domain/scheme';
import type { Scheme } from '../domain/scheme-types';
import { dealDeskError } from '../domain/errors';
import { textCell } from './cells';
import { SheetTable } from './table';
import { ALL_SHEETS, DEALS, NUMBER_FORMATS, SETTINGS, TASKS, type SheetSpec } from './sheet-specs';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const DERIVED_NOTE =
  'Rebuilt by Deal Desk > Pending invoices. Edits here are overwritten: record invoices on ' +
  'the Invoices sheet instead.';

export interface SetupReport {
  created: string[];
  repaired: string[];
}

/** Makes every Deal Desk sheet exist with its headers, formats and dropdowns. */
export function setUpSheets(
  spreadsheet: Spreadsheet,
  scheme: Scheme,
  settingsExist: boolean,
): SetupReport {
  refuseDuplicateHeaders(spreadsheet);

  const report: SetupReport = { created: [], repaired: [] };
  for (const spec of ALL_SHEETS) {
    const { sheet, created } = sheetFor(spreadsheet, spec);
    const addedHeaders = ensureHeaders(sheet, spec);
    if (created) report.created.push(spec.name);
    else if (addedHeaders.length > 0) {
      report.repaired.push(`${spec.name} (${addedHeaders.join(', ')})`);
    }
    ensureLayout(sheet, spec);
  }

  const wroteDefaults = !settingsExist && writeDefaultSettings(spreadsheet, scheme);
  if (wroteDefaults && !report.created.includes(SETTINGS.name)) {
    report.repaired.push(`${SETTINGS.name} (it was empty: the default scheme was written)`);
  }
  applyDropdowns(spreadsheet, scheme);
  removeEmptyStarterSheet(spreadsheet);
  return report;
}

/**
 * Two columns with the same Deal Desk header make every action ambiguous, and setup can't
 * tell which one to keep; it stops before writing anything and names the column.
 */
function refuseDuplicateHeaders(spreadsheet: Spreadsheet): void {
  for (const spec of ALL_SHEETS) {
    const sheet = spreadsheet.getSheetByName(spec.name);
    if (!sheet || sheet.getLastColumn() === 0) continue;

    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] ?? [];
    const names = header.map((cell) => String(cell).trim().toLowerCase());
    const twice = spec.columns.find(
      (c) => names.filter((n) => n === c.header.toLowerCase()).length > 1,
    );
    if (twice) throw dealDeskError('duplicateColumn', { sheet: spec.name, column: twice.header });
  }
}

function sheetFor(spreadsheet: Spreadsheet, spec: SheetSpec): { sheet: Sheet; created: boolean } {
  const existing = spreadsheet.getSheetByName(spec.name);
  if (existing) return { sheet: existing, created: false };
  return {
    sheet: spreadsheet.insertSheet(spec.name, spreadsheet.getSheets().length),
    created: true,
  };
}

/** Adds missing headers after the last used column; returns their names. */
function ensureHeaders(sheet: Sheet, spec: SheetSpec): string[] {
  const width = Math.max(sheet.getLastColumn(), 1);
  const header = sheet.getRange(1, 1, 1, width).getValues()[0] ?? [];
  const present = new Set(header.map((cell) => String(cell).trim().toLowerCase()));
  const missing = spec.columns.map((c) => c.header).filter((h) => !present.has(h.toLowerCase()));
  if (missing.length === 0) return [];

  const start = header.every((cell) => cell === '') ? 1 : sheet.getLastColumn() + 1;
  sheet.getRange(1, start, 1, missing.length).setValues([missing.map(textCell)]);
  return missing;
}

function ensureLayout(sheet: Sheet, spec: SheetSpec): void {
  if (sheet.getFrozenRows() !== 1) sheet.setFrozenRows(1);
  const width = sheet.getLastColumn();
  sheet.getRange(1, 1, 1, width).setFontWeight('bold');

  const header = sheet.getRange(1, 1, 1, width).getValues()[0] ?? [];
  const rows = Math.max(sheet.getMaxRows() - 1, 1);
  for (const column of spec.columns) {
    const format = NUMBER_FORMATS[column.kind];
    const index = header.findIndex(
      (h) => String(h).trim().toLowerCase() === column.header.toLowerCase(),
    );
    if (format && index >= 0) sheet.getRange(2, index + 1, rows, 1).setNumberFormat(format);
  }
  if (spec.derived) markDerived(sheet);
}

function markDerived(sheet: Sheet): void {
  const corner = sheet.getRange(1, 1);
  if (corner.getNote() !== DERIVED_NOTE) corner.setNote(DERIVED_NOTE);
  sheet.setTabColor('#9e9e9e');
}

/** Writes the default scheme into an empty Settings sheet; false when it had rows already. */
function writeDefaultSettings(spreadsheet: Spreadsheet, scheme: Scheme): boolean {
  const table = SheetTable.read(spreadsheet, SETTINGS, ['section', 'name', 'kind', 'value']);
  if (table.rows.some((_, index) => !table.isBlankRow(index))) return false;

  const rows = settingsRowsFromScheme(scheme).map((row) =>
    table.composeRow({
      section: textCell(row.section),
      name: textCell(row.name),
      kind: textCell(row.kind),
      value: textCell(row.value),
    }),
  );
  table.append(rows);
  return true;
}

/** Dropdowns come from the scheme; owners may be outside the team list, so that one warns. */
function applyDropdowns(spreadsheet: Spreadsheet, scheme: Scheme): void {
  const lists: { spec: SheetSpec; header: string; values: string[]; strict: boolean }[] = [
    { spec: DEALS, header: 'Stage', values: scheme.stages.map((s) => s.name), strict: true },
    {
      spec: DEALS,
      header: 'Payment terms',
      values: scheme.paymentTerms.map((p) => p.name),
      strict: true,
    },
    { spec: DEALS, header: 'Owner', values: scheme.team.map((m) => m.name), strict: false },
    { spec: TASKS, header: 'Status', values: ['Open', 'Done'], strict: true },
    { spec: SETTINGS, header: 'Section', values: SETTINGS_SECTIONS, strict: true },
  ];
  for (const list of lists) {
    if (list.values.length > 0)
      applyDropdown(spreadsheet, list.spec, list.header, list.values, list.strict);
  }
}

const SETTINGS_SECTIONS = [
  'Stage',
  'Tag group',
  'Tag',
  'Payment terms',
  'Team',
  'Handover task',
  'Option',
];

function applyDropdown(
  spreadsheet: Spreadsheet,
  spec: SheetSpec,
  header: string,
  values: string[],
  strict: boolean,
): void {
  const sheet = spreadsheet.getSheetByName(spec.name);
  if (!sheet) return;
  const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] ?? [];
  const index = headers.findIndex((h) => String(h).trim().toLowerCase() === header.toLowerCase());
  if (index < 0) return;

  const rule = SpreadsheetApp.newDataValidation()
    .requireValueInList(values, true)
    .setAllowInvalid(!strict)
    .setHelpText(`Pick one of: ${values.join(', ')} (Settings sheet).`)
    .build();
  sheet.getRange(2, index + 1, Math.max(sheet.getMaxRows() - 1, 1), 1).setDataValidation(rule);
}

/** A new spreadsheet starts with an empty "Sheet1"; once Deal Desk's tabs exist it is clutter. */
function removeEmptyStarterSheet(spreadsheet: Spreadsheet): void {
  const starter = spreadsheet.getSheetByName('Sheet1');
  if (starter && starter.getLastRow() === 0 && spreadsheet.getSheets().length > 1) {
    spreadsheet.deleteSheet(starter);
  }
}
