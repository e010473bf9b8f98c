/**
 * Importing deals from a CSV export (HubSpot, Pipedrive, any spreadsheet). The dialog first
 * asks for a preview, which writes nothing; the import then repeats the same plan under the
 * lock and writes every accepted row in one go. Importing a file again updates the deals it
 * created instead of adding them twice.
 */

import { entriesForSave, type ActivityEntry } from '../domain/activity';
import { nextDealId, type Deal } from '../domain/deal';
import { DEAL_FIELDS, type DealFieldKey } from '../domain/deal-fields';
import { dealDeskError, type FieldError } from '../domain/errors';
import {
  describeCsvProblem,
  describeUnmapped,
  mergeImport,
  planImport,
  readCurrencyInput,
  readImportMapping,
  readStageMapInput,
  type ImportMerge,
  type ImportPlan,
  type SourceStage,
} from '../domain/importer';
import type { Scheme } from '../domain/scheme-types';
import { countOf } from '../domain/wording';
import { dealCells, readDeals, type DealRow } from '../sheets/deal-rows';
import { appendActivity } from '../sheets/activity-rows';
import { highestDealNumber, rememberDealNumber } from '../sheets/deal-ids';
import { withDocumentLock } from '../sheets/lock';
import { DEALS } from '../sheets/sheet-specs';
import { SheetTable } from '../sheets/table';
import { openWorkbook, readScheme, type Workbook } from '../sheets/workbook';
import { runMenuAction, serveCall } from './edge';

export interface ImportRequest {
  readonly csv: string;
  readonly fileName?: string;
  /** ISO 4217 code for rows that name no currency. */
  readonly currency?: string;
  /** "Won=Won,Engaging=Qualified" or the same as an object. */
  readonly stageMap?: string | Record<string, string>;
  /** Deal field key -> CSV header, for columns the aliases don't recognise. */
  readonly mapping?: Partial<Record<DealFieldKey, string>>;
}

export interface ImportReport {
  readonly fileName: string;
  readonly applied: boolean;
  readonly headers: string[];
  readonly mapping: ImportPlan['mapping'];
  readonly ignoredHeaders: string[];
  readonly totalRows: number;
  readonly blankRows: number;
  readonly accepted: number;
  readonly rejectedCount: number;
  /** The first rejected rows, each with every reason. */
  readonly rejected: { row: number; sourceId: string; errors: FieldError[] }[];
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly sourceStages: SourceStage[];
  readonly schemeStages: string[];
  readonly fields: { key: string; label: string }[];
  /**
   * Set when no column gives a field every deal needs (the deal name, the stage): what to
   * map by hand. The preview then reads no row, and an import is refused.
   */
  readonly needsMapping: string | null;
}

/** A request as it arrives: every option checked, nothing trusted. */
interface CheckedRequest {
  readonly csv: string;
  readonly fileName: string | undefined;
  readonly currency: string | undefined;
  readonly stageMap: Record<string, string>;
  readonly mapping: Partial<Record<DealFieldKey, string>>;
}

/** How many rejected rows a report lists in full; the count covers the rest. */
const REJECTED_SHOWN = 500;

/** The rows a deal import always writes besides the mapped fields. */
const ALWAYS_WRITTEN: DealFieldKey[] = [
  'id',
  'name',
  'stage',
  'sourceId',
  'version',
  'updatedAt',
  'updatedBy',
];

interface Prepared {
  readonly plan: ImportPlan;
  readonly merge: ImportMerge;
  readonly table: SheetTable;
  readonly existing: DealRow[];
  readonly headers: string[];
  readonly scheme: Scheme;
}

/** Reads a request from a dialog or the CLI; throws invalidInput saying what is wrong. */
function checkRequest(input: unknown): CheckedRequest {
  const request = (typeof input === 'object' && input !== null ? input : {}) as Record<
    string,
    unknown
  >;
  if (typeof request['csv'] !== 'string') {
    throw dealDeskError('invalidInput', {
      problems: 'The file did not arrive as text. Choose the CSV file again.',
    });
  }
  const fileName = request['fileName'];
  return {
    csv: request['csv'],
    fileName: typeof fileName === 'string' && fileName.trim() !== '' ? fileName : undefined,
    currency: readCurrencyInput(request['currency']),
    stageMap: readStageMapInput(request['stageMap']),
    mapping: readImportMapping(request['mapping']),
  };
}

/** The file's rows; a file the CSV parser refuses becomes advice on what to fix. */
function parseCsvText(csv: string): string[][] {
  const text = csv.replace(/^\uFEFF/, '');
  try {
    return Utilities.parseCsv(text);
  } catch {
    throw dealDeskError('invalidInput', { problems: describeCsvProblem(text) });
  }
}

function prepare(workbook: Workbook, request: CheckedRequest, forPreview: boolean): Prepared {
  const scheme = readScheme(workbook);
  const rows = parseCsvText(request.csv);
  const options = {
    defaultCurrency: (request.currency || scheme.options.defaultCurrency).toUpperCase(),
    stageMap: request.stageMap,
    mapping: request.mapping,
    allowUnmapped: forPreview,
  };
  const plan = planImport(rows, options, scheme);

  const mapped = plan.mapping.filter((m) => m.header !== null).map((m) => m.field);
  const table = SheetTable.read(workbook.spreadsheet, DEALS, [
    ...new Set([...ALWAYS_WRITTEN, ...mapped]),
  ]);
  const existing = readDeals(table, workbook.dates);
  const accepted = plan.accepted.map((a) => a.deal);
  const merge = mergeImport(
    existing.map((r) => r.deal),
    accepted,
    mapped,
  );
  const headers = (rows[0] ?? []).map((h) => h.trim());
  return { plan, merge, table, existing, headers, scheme };
}

function report(prepared: Prepared, fileName: string, applied: boolean): ImportReport {
  const { plan, merge } = prepared;
  return {
    fileName,
    applied,
    headers: prepared.headers,
    mapping: plan.mapping,
    ignoredHeaders: plan.ignoredHeaders,
    totalRows: plan.totalRows,
    blankRows: plan.blankRows,
    accepted: plan.accepted.length,
    rejectedCount: plan.rejected.length,
    rejected: plan.rejected.slice(0, REJECTED_SHOWN),
    inserted: merge.inserts.length,
    updated: merge.updates.length,
    unchanged: merge.unchanged,
    sourceStages: plan.sourceStages,
    schemeStages: prepared.scheme.stages.map((s) => s.name),
    fields: DEAL_FIELDS.filter((f) => !f.system || f.key === 'sourceId').map((f) => ({
      key: f.key,
      label: f.label,
    })),
    needsMapping:
      plan.unmapped.length === 0
        ? null
        : `No column of the file was recognised as ${describeUnmapped(plan.unmapped)}. ` +
          'Choose the column for each under Columns, then press Preview again.',
  };
}

/** What an import of `request` would do; writes nothing. */
export function previewImport(request: ImportRequest): ImportReport {
  return serveCall(() => {
    const checked = checkRequest(request);
    return report(prepare(openWorkbook(), checked, true), checked.fileName ?? 'deals.csv', false);
  });
}

/** Imports the accepted rows of `request` and returns the same report as the preview. */
export function importDeals(request: ImportRequest): ImportReport {
  return serveCall(() => {
    const checked = checkRequest(request);
    return withDocumentLock(() => {
      const workbook = openWorkbook();
      const prepared = prepare(workbook, checked, false);
      apply(workbook, prepared, checked.fileName ?? 'a CSV file');
      return report(prepared, checked.fileName ?? 'deals.csv', true);
    });
  });
}

function apply(workbook: Workbook, prepared: Prepared, fileName: string): void {
  const at = new Date().toISOString();
  const source = `imported from ${fileName}`;
  const entries: ActivityEntry[] = [];

  const updatedRows = new Map<number, unknown[]>();
  const rowOf = new Map(prepared.existing.map((r) => [r.deal, r.index]));
  for (const update of prepared.merge.updates) {
    const next: Deal = {
      ...update.next,
      version: update.existing.version + 1,
      updatedAt: at,
      updatedBy: workbook.user,
    };
    const index = rowOf.get(update.existing) ?? -1;
    updatedRows.set(
      index,
      prepared.table.composeRow(dealCells(next, workbook.dates), prepared.table.rows[index]),
    );
    entries.push(...entriesForSave(update.existing, next, workbook.user, at, source));
  }

  let lastNumber = highestDealNumber(prepared.existing.map((row) => row.deal.id));
  const inserts = prepared.merge.inserts.map((deal) => {
    const created: Deal = {
      ...deal,
      id: nextDealId(lastNumber),
      version: 1,
      updatedAt: at,
      updatedBy: workbook.user,
    };
    lastNumber += 1;
    entries.push(...entriesForSave(null, created, workbook.user, at, source));
    return prepared.table.composeRow(dealCells(created, workbook.dates));
  });

  writeUpdates(prepared.table, updatedRows);
  prepared.table.append(inserts);
  rememberDealNumber(lastNumber);
  appendActivity(workbook, entries);
  if (inserts.length + updatedRows.size > 0) toastDone(workbook, inserts.length, updatedRows.size);
}

/** Updated rows go out as one block from the first to the last; rows between are unchanged. */
function writeUpdates(table: SheetTable, updatedRows: Map<number, unknown[]>): void {
  if (updatedRows.size === 0) return;
  const indexes = [...updatedRows.keys()];
  const first = Math.min(...indexes);
  const last = Math.max(...indexes);
  const block = table.rows
    .slice(first, last + 1)
    .map((row, offset) => updatedRows.get(first + offset) ?? row);
  table.overwrite(first, block);
}

function toastDone(workbook: Workbook, inserted: number, updated: number): void {
  workbook.spreadsheet.toast(
    `${countOf(inserted, 'deal')} added, ${countOf(updated, 'deal')} updated.`,
    'Import finished',
    8,
  );
}

/** Menu item: the import dialog. */
export function showImportDialog(): void {
  runMenuAction('Import deals', () => {
    const html = HtmlService.createHtmlOutputFromFile('import-dialog').setWidth(760).setHeight(600);
    SpreadsheetApp.getUi().showModalDialog(html, 'Import deals');
  });
}
