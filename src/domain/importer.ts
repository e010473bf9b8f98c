/**
 * The CSV importer: turns an export from HubSpot, Pipedrive or any spreadsheet (already parsed
 * into rows of text by the sheet layer) into deals, and accounts for every row of the file:
 * imported, rejected with its reasons, or blank. Columns are recognised by header name, so the
 * common CRM exports need no mapping; a mapping given by hand overrides the guesses.
 *
 * Re-importing the same export updates the deals it made before instead of duplicating them:
 * deals are matched on the source system's id. Known limit: a file without an id column gets
 * a key made from name, account and close date instead, so renaming a deal or moving its close
 * date in the source makes the next import add it again.
 */

import { isCalendarDate, type CalendarDate } from './calendar-date';
import { emptyDeal, type Deal } from './deal';
import {
  DEAL_FIELDS,
  dealField,
  findDealField,
  normaliseName,
  type DealFieldKey,
} from './deal-fields';
import { tidyDeal } from './deal-input';
import { validateDeal } from './deal-validation';
import { dealDeskError, type FieldError } from './errors';
import { describeAmountProblem, isCurrencyCode, readAmountText } from './money';
import { findStage, stageNames } from './scheme';
import { groupDigits } from './wording';
import type { Scheme } from './scheme-types';
import { countOf } from './wording';

export interface ImportOptions {
  /** Used for amounts in rows (or files) that name no currency. */
  defaultCurrency: string;
  /** Source stage (any case) to scheme stage name, e.g. { Engaging: 'Qualified' }. */
  stageMap: Record<string, string>;
  /** Deal field to source header, overriding the recognised names; '' skips the field. */
  mapping: Partial<Record<DealFieldKey, string>>;
  /** Terms for deals whose row gives none; the scheme's default when absent. */
  defaultPaymentTerms?: string;
  /**
   * For a preview: when no column gives the deal name or the stage, return a plan that lists
   * them in `unmapped` (and reads no row) instead of throwing unmappedImport, so the person
   * can map the columns by hand.
   */
  allowUnmapped?: boolean;
}

/** Where one deal field's values come from. */
export interface ImportColumn {
  field: DealFieldKey;
  label: string;
  header: string | null;
  source: 'alias' | 'explicit' | 'none';
}

export interface ImportPlan {
  mapping: ImportColumn[];
  ignoredHeaders: string[];
  /** `row` is the row as a spreadsheet shows the file: header = 1, first data row = 2. */
  accepted: { row: number; deal: Deal }[];
  /** Each error's `field` is the source column it came from, or the field label. */
  rejected: { row: number; sourceId: string; errors: FieldError[] }[];
  /**
   * Data rows in the file (header excluded): accepted + rejected + blank, except when
   * `unmapped` is not empty: then no row is read and accepted and rejected are empty.
   */
  totalRows: number;
  blankRows: number;
  /** Required fields no column gives (only with `allowUnmapped`); the import needs them. */
  unmapped: DealFieldKey[];
  /** Each distinct stage in the file, how many rows carry it, and the scheme stage it becomes. */
  sourceStages: SourceStage[];
}

export interface SourceStage {
  value: string;
  count: number;
  /** Null when neither the stage map nor the scheme knows it: its rows are rejected. */
  becomes: string | null;
}

export interface ImportMerge {
  inserts: Deal[];
  updates: { existing: Deal; next: Deal; changedFields: DealFieldKey[] }[];
  unchanged: number;
}

/**
 * Header names other tools use for each field, best match first. The field's own label and
 * key are recognised too, ahead of these. "Product" is a last resort for the name: the
 * public CRM data set has no other column that tells its opportunities apart.
 */
const HEADER_ALIASES: Readonly<Partial<Record<DealFieldKey, readonly string[]>>> = {
  name: [
    'Deal Name',
    'Deal - Title',
    'Title',
    'Deal',
    'Name',
    'Opportunity',
    'Opportunity Name',
    'deal_name',
    'Product',
  ],
  account: [
    'Account',
    'Company',
    'Associated Company',
    'Organization',
    'Deal - Organization',
    'Organization Name',
    'Customer',
    'Client',
  ],
  owner: ['Deal owner', 'Owner', 'Deal - Owner', 'sales_agent', 'Sales Rep', 'Salesperson'],
  stage: ['Deal Stage', 'deal_stage', 'Stage', 'Deal - Stage', 'Status', 'Pipeline Stage'],
  amount: ['Amount', 'Deal - Value', 'Value', 'close_value', 'Deal Value', 'Price', 'Agreed price'],
  currency: ['Currency', 'Deal - Currency', 'Currency of deal'],
  closeDate: [
    'Close Date',
    'close_date',
    'Deal - Won time',
    'Expected close date',
    'Deal - Expected close date',
    'Closed on',
  ],
  startDate: ['Start date', 'Expected start'],
  deliveryDate: ['Delivery date'],
  contractEnd: ['Contract end', 'Renewal date', 'End date'],
  paymentTerms: ['Payment terms', 'Terms'],
  poNumber: ['PO number', 'PO', 'Purchase order'],
  billingContact: ['Billing contact', 'Billing email'],
  billingNotes: ['Billing notes', 'Notes'],
  tags: ['Tags', 'Labels', 'Deal - Label'],
  sourceId: ['Record ID', 'Deal ID', 'Deal - ID', 'ID', 'opportunity_id', 'Opportunity ID'],
};

/**
 * Fields a file may fill. Deal Desk keeps the others itself (its own id, version, invoiced to
 * date, update stamps); the source's id goes to `sourceId`, never to the deal's own id.
 */
const IMPORTABLE_FIELDS: readonly DealFieldKey[] = DEAL_FIELDS.filter(
  (f) => !f.system || f.key === 'sourceId',
).map((f) => f.key);

type TextField = 'name' | 'account' | 'owner' | 'quoteLink' | 'billingContact' | 'poNumber';
type DateField = 'closeDate' | 'startDate' | 'deliveryDate' | 'contractEnd';

const TEXT_FIELDS: readonly TextField[] = [
  'name',
  'account',
  'owner',
  'quoteLink',
  'billingContact',
  'poNumber',
];
const DATE_FIELDS: readonly DateField[] = ['closeDate', 'startDate', 'deliveryDate', 'contractEnd'];

/** YYYY-MM-DD or YYYY/MM/DD, optionally followed by a time of day, which is dropped. */
const DATE_TEXT = /^(\d{4})([-/])(\d{2})\2(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const TAG_SEPARATOR = /[,;]/;
const REJECTED_LINES_SHOWN = 20;

/** Kept from the existing deal even when the file has a column for them. */
const KEPT_ON_UPDATE: ReadonlySet<DealFieldKey> = new Set([
  'id',
  'version',
  'invoicedToDate',
  'quoteLink',
  'updatedAt',
  'updatedBy',
]);

/** Everything a row needs to be read, worked out once per file. */
interface ImportContext {
  readonly columns: ReadonlyMap<DealFieldKey, number>;
  readonly headers: readonly string[];
  readonly options: ImportOptions;
  readonly defaultCurrency: string;
  readonly defaultPaymentTerms: string;
  readonly scheme: Scheme;
  readonly stageMap: ReadonlyMap<string, string>;
  /** Source stage (lower case) to its scheme stage or problem; files repeat a few stages. */
  readonly stageCache: Map<string, StageLookup>;
}

type StageLookup = { stage: string; problem: null } | { stage: null; problem: string };

/** An error still keyed by deal field; it is renamed to its column only for the report. */
interface RowError {
  field: DealFieldKey;
  message: string;
}

/**
 * Reads `--stage-map "Won=Won,Lost=Lost,Engaging=Qualified"` into { Won: 'Won', ... }.
 * Throws invalidInput naming the pairs it cannot read.
 */
export function parseStageMap(text: string): Record<string, string> {
  const map: Record<string, string> = {};
  const bad: string[] = [];

  for (const pair of text.split(',').map((p) => p.trim())) {
    if (pair === '') continue;
    const [source, target, extra] = pair.split('=').map((p) => p.trim());
    // Stages are compared in any case, so "won=Won,Won=Lost" would be a silent contradiction.
    const seen = Object.keys(map).find((key) => key.toLowerCase() === source?.toLowerCase());
    if (!source || !target || extra !== undefined || seen !== undefined) bad.push(`"${pair}"`);
    else map[source] = target;
  }

  if (bad.length > 0) {
    const problems =
      `The stage map has pairs Deal Desk can't read: ${bad.join(', ')}. Write it as ` +
      'source stage=Deal Desk stage pairs separated by commas, e.g. ' +
      '"Won=Won,Lost=Lost,Engaging=Qualified".';
    throw dealDeskError('invalidInput', { problems });
  }
  return map;
}

// ---- Requests from outside ------------------------------------------------------------------
//
// A dialog's request and a --mapping file are untrusted: each option is checked for its type
// here, so a wrong one becomes a sentence that says what is expected, never a crash.

/**
 * Reads a column mapping from outside: an object from a deal field, by key ("closeDate") or
 * label ("Close date"), to a CSV header; '' leaves the field out. Throws invalidInput that
 * lists every problem and the fields a file can fill.
 */
export function readImportMapping(value: unknown): Partial<Record<DealFieldKey, string>> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidMapping([`The column mapping must be an object, not ${shown(value)}.`]);
  }

  const mapping: Partial<Record<DealFieldKey, string>> = {};
  const problems: string[] = [];
  for (const [name, header] of Object.entries(value as Record<string, unknown>)) {
    const field = findDealField(name);
    if (!field) problems.push(`"${name}" is not a deal field.`);
    else if (!IMPORTABLE_FIELDS.includes(field.key)) {
      problems.push(`"${field.label}" is kept by Deal Desk and can't be imported.`);
    } else if (typeof header !== 'string') {
      problems.push(
        `"${name}" must be mapped to a column header in quotes (or "" to skip it), ` +
          `not ${shown(header)}.`,
      );
    } else if (mapping[field.key] !== undefined) {
      problems.push(`"${field.label}" is mapped twice.`);
    } else mapping[field.key] = header;
  }
  if (problems.length > 0) throw invalidMapping(problems);
  return mapping;
}

/** "name (Deal name), account (Account), …": what a column mapping may name. */
export function importableFieldList(): string {
  return IMPORTABLE_FIELDS.map((key) => `${key} (${dealField(key).label})`).join(', ');
}

function invalidMapping(problems: readonly string[]): Error {
  return dealDeskError('invalidInput', {
    problems:
      `${problems.join(' ')} Map deal fields to columns of the file, e.g. ` +
      `{"amount": "Worth", "closeDate": "Signed on"}; the fields are: ${importableFieldList()}.`,
  });
}

/**
 * Reads a stage map from outside: text such as "Won=Won,Engaging=Qualified" (see
 * `parseStageMap`) or an object from source stage to Deal Desk stage. An empty target
 * ("leave this stage as it is") is dropped. Throws invalidInput for anything else.
 */
export function readStageMapInput(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value === 'string') return parseStageMap(value);

  const expected =
    'Write it as source stage=Deal Desk stage pairs, e.g. "Won=Won,Engaging=Qualified", ' +
    'or as an object such as {"Engaging": "Qualified"}.';
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw dealDeskError('invalidInput', {
      problems: `The stage map can't be ${shown(value)}. ${expected}`,
    });
  }

  const map: Record<string, string> = {};
  const bad: string[] = [];
  for (const [source, target] of Object.entries(value as Record<string, unknown>)) {
    if (typeof target !== 'string') bad.push(`"${source}" maps to ${shown(target)}`);
    else if (target.trim() !== '') map[source] = target;
  }
  if (bad.length > 0) {
    const problems = `The stage map must map stages to stage names: ${bad.join(', ')}. ${expected}`;
    throw dealDeskError('invalidInput', { problems });
  }
  return map;
}

/**
 * Reads a default currency from outside: a string (checked as a currency code later, with
 * the file), or nothing. Throws invalidInput for anything else.
 */
export function readCurrencyInput(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  throw dealDeskError('invalidInput', {
    problems: `The default currency must be a three-letter code such as USD, not ${shown(value)}.`,
  });
}

/**
 * Why `text` is not a CSV a spreadsheet can read, as advice: for an unclosed quoted field,
 * the line it opens on. For when the CSV parser refuses the file.
 */
export function describeCsvProblem(text: string): string {
  const line = unclosedQuoteLine(text);
  const where = line === null ? '' : ` (it opens on line ${line})`;
  const what =
    line === null
      ? 'Deal Desk could not split it into rows and columns'
      : `a quoted field is never closed${where}`;
  return (
    `The file is not a valid CSV: ${what}. Check for a stray " character, ` +
    'or export the file again.'
  );
}

/**
 * The line (from 1) on which a quoted field opens that never closes, or null. Fields are
 * quoted when they start with '"' (RFC 4180); a '"' inside an unquoted field is literal.
 */
export function unclosedQuoteLine(text: string, delimiter = ','): number | null {
  let line = 1;
  let atFieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' && atFieldStart) {
      const opening = line;
      let closed = false;
      for (i++; i < text.length; i++) {
        if (text[i] === '\n') line++;
        if (text[i] !== '"') continue;
        if (text[i + 1] === '"') i++;
        else {
          closed = true;
          break;
        }
      }
      if (!closed) return opening;
      atFieldStart = false;
      continue;
    }
    if (ch === '\n') line++;
    atFieldStart = ch === delimiter || ch === '\n' || ch === '\r';
  }
  return null;
}

/** A value as a short quote for a message: 5, true, an object, a list. */
function shown(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `"${value}"`;
  return String(value);
}

/**
 * Maps every row of `table` (header first) to a deal and validates it against `scheme`.
 * Throws emptyImport for a file without data rows, unmappedImport when no column gives the
 * deal name or stage (unless `allowUnmapped`), and invalidInput for options that don't fit
 * the file or the scheme.
 */
export function planImport(
  table: readonly (readonly string[])[],
  options: ImportOptions,
  scheme: Scheme,
): ImportPlan {
  const headers = (table[0] ?? []).map((h) => h.trim());
  const dataRows = table.slice(1);
  if (!dataRows.some((row) => !isBlankRow(row))) throw dealDeskError('emptyImport', {});

  const { columns, mapping, ignoredHeaders } = resolveColumns(headers, options.mapping);
  const unmapped = REQUIRED_COLUMNS.filter((key) => !columns.has(key));
  if (unmapped.length > 0 && !options.allowUnmapped) {
    throw dealDeskError('unmappedImport', { missing: describeUnmapped(unmapped) });
  }
  const context = buildContext(columns, headers, options, scheme);

  const plan: ImportPlan = {
    mapping,
    ignoredHeaders,
    accepted: [],
    rejected: [],
    totalRows: dataRows.length,
    blankRows: 0,
    unmapped,
    sourceStages: sourceStagesOf(dataRows, context),
  };
  if (unmapped.length > 0) plan.blankRows = dataRows.filter(isBlankRow).length;
  else addRows(plan, dataRows, context);
  return plan;
}

/** '"Deal name" and "Stage"': the labels of `fields`, for a sentence. */
export function describeUnmapped(fields: readonly DealFieldKey[]): string {
  return fields.map((key) => `"${dealField(key).label}"`).join(' and ');
}

/** The fields a plan fills from the file's columns: what `mergeImport` may overwrite. */
export function importedFields(plan: ImportPlan): DealFieldKey[] {
  return plan.mapping.filter((m) => m.header !== null).map((m) => m.field);
}

/**
 * Splits imported deals into new deals and updates of `existing` ones with the same source
 * id. An update keeps the existing deal's id, version, invoiced to date, quote link and every
 * field not in `mappedFields`; a deal whose mapped fields all match is counted as unchanged.
 */
export function mergeImport(
  existing: readonly Deal[],
  accepted: readonly Deal[],
  mappedFields: readonly DealFieldKey[],
): ImportMerge {
  const bySourceId = new Map<string, Deal>();
  for (const deal of existing) {
    if (deal.sourceId !== '' && !bySourceId.has(deal.sourceId)) bySourceId.set(deal.sourceId, deal);
  }

  const merge: ImportMerge = { inserts: [], updates: [], unchanged: 0 };
  for (const incoming of accepted) {
    const match = incoming.sourceId === '' ? undefined : bySourceId.get(incoming.sourceId);
    if (!match) {
      merge.inserts.push(incoming);
      continue;
    }

    const next = applyImport(match, incoming, mappedFields);
    const changedFields = mappedFields.filter((key) => !sameValue(match[key], next[key]));
    if (changedFields.length === 0) merge.unchanged += 1;
    else merge.updates.push({ existing: match, next, changedFields });
  }
  return merge;
}

/** Short lines for a person: the counts, the columns used, and the first rejected rows. */
export function describeImportPlan(plan: ImportPlan): string[] {
  const lines = [
    `${countOf(plan.totalRows, 'row')} in the file: ${groupDigits(plan.accepted.length)} ` +
      `ready to import, ${groupDigits(plan.rejected.length)} rejected, ` +
      `${groupDigits(plan.blankRows)} blank.`,
  ];
  if (plan.unmapped.length > 0) {
    const them = plan.unmapped.length === 1 ? 'it' : 'them';
    lines.push(`No column gives ${describeUnmapped(plan.unmapped)}: map ${them} by hand.`);
  }

  for (const column of plan.mapping) {
    if (column.header === null) continue;
    const how = column.source === 'explicit' ? ' (mapped by hand)' : '';
    lines.push(`${column.label}: column "${column.header}"${how}`);
  }
  if (plan.ignoredHeaders.length > 0) {
    lines.push(`Columns not imported: ${plan.ignoredHeaders.join(', ')}`);
  }

  lines.push(...describeRejected(plan.rejected));
  return lines;
}

function describeRejected(rejected: ImportPlan['rejected']): string[] {
  if (rejected.length === 0) return [];

  const lines = rejected.slice(0, REJECTED_LINES_SHOWN).map((r) => {
    const id = r.sourceId === '' ? '' : ` (${r.sourceId})`;
    const reasons = r.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    return `Row ${r.row}${id}: ${reasons}`;
  });
  const more = rejected.length - lines.length;
  if (more > 0) lines.push(`... and ${countOf(more, 'more rejected row')}.`);
  return lines;
}

// ---- Columns -------------------------------------------------------------------------------

interface ColumnResolution {
  columns: Map<DealFieldKey, number>;
  mapping: ImportColumn[];
  ignoredHeaders: string[];
}

/** Picks a column for each field: the explicit mapping first, then the recognised names. */
function resolveColumns(
  headers: readonly string[],
  explicit: ImportOptions['mapping'],
): ColumnResolution {
  const columns = new Map<DealFieldKey, number>();
  const taken = new Map<number, DealFieldKey>();
  claimExplicit(headers, explicit, columns, taken);
  claimAliases(headers, explicit, columns, taken);

  const mapping = IMPORTABLE_FIELDS.map((field): ImportColumn => {
    const index = columns.get(field);
    const header = index === undefined ? null : (headers[index] ?? null);
    const source = header === null ? 'none' : explicit[field] ? 'explicit' : 'alias';
    return { field, label: dealField(field).label, header, source };
  });
  const ignoredHeaders = headers.filter((h, i) => h !== '' && !taken.has(i));
  return { columns, mapping, ignoredHeaders };
}

function claimExplicit(
  headers: readonly string[],
  explicit: ImportOptions['mapping'],
  columns: Map<DealFieldKey, number>,
  taken: Map<number, DealFieldKey>,
): void {
  const problems: string[] = [];

  for (const [key, header] of Object.entries(explicit) as [DealFieldKey, string | undefined][]) {
    if (!header) continue;
    const problem = explicitProblem(key, header, headers, taken);
    if (problem !== null) {
      problems.push(problem);
      continue;
    }
    const index = findHeader(headers, header, taken);
    columns.set(key, index);
    taken.set(index, key);
  }

  if (problems.length > 0) {
    throw dealDeskError('invalidInput', {
      problems: `${problems.join(' ')} Nothing was imported.`,
    });
  }
}

/** Why `header` can't be the explicit column for `key`, or null when it can. */
function explicitProblem(
  key: DealFieldKey,
  header: string,
  headers: readonly string[],
  taken: ReadonlyMap<number, DealFieldKey>,
): string | null {
  if (!IMPORTABLE_FIELDS.includes(key)) {
    const field = DEAL_FIELDS.find((f) => f.key === key);
    return field
      ? `"${field.label}" is kept by Deal Desk and can't be imported.`
      : `"${key}" is not a deal field.`;
  }

  const index = findHeader(headers, header, taken);
  if (index >= 0) return null;

  const other = findHeader(headers, header, new Map());
  if (other >= 0) {
    const owner = dealField(taken.get(other) ?? key).label;
    return `The column "${header}" is mapped to both "${owner}" and "${dealField(key).label}".`;
  }
  return (
    `The file has no column "${header}" (mapped to "${dealField(key).label}"); ` +
    `its columns are: ${headers.filter((h) => h !== '').join(', ')}.`
  );
}

/** The free column named `header`: an exact match first, then one compared loosely. */
function findHeader(
  headers: readonly string[],
  header: string,
  taken: ReadonlyMap<number, DealFieldKey>,
): number {
  const wanted = header.trim();
  const exact = headers.findIndex((h, i) => h === wanted && !taken.has(i));
  if (exact >= 0) return exact;

  const loose = normaliseName(wanted);
  return headers.findIndex((h, i) => normaliseName(h) === loose && !taken.has(i));
}

function claimAliases(
  headers: readonly string[],
  explicit: ImportOptions['mapping'],
  columns: Map<DealFieldKey, number>,
  taken: Map<number, DealFieldKey>,
): void {
  const normalised = headers.map(normaliseName);

  for (const field of IMPORTABLE_FIELDS) {
    // Any explicit entry, even '' ("don't import"), switches the guessing off for the field.
    if (explicit[field] !== undefined || columns.has(field)) continue;

    for (const name of candidateNames(field)) {
      const index = normalised.findIndex((h, i) => h === name && !taken.has(i));
      if (index < 0) continue;
      columns.set(field, index);
      taken.set(index, field);
      break;
    }
  }
}

/** The normalised header names that mean `field`, best first. */
function candidateNames(field: DealFieldKey): string[] {
  const own = [dealField(field).label, field];
  return [...own, ...(HEADER_ALIASES[field] ?? [])].map(normaliseName);
}

/** The fields every imported deal needs a column for. */
const REQUIRED_COLUMNS: readonly DealFieldKey[] = ['name', 'stage'];

// ---- Options -------------------------------------------------------------------------------

function buildContext(
  columns: Map<DealFieldKey, number>,
  headers: readonly string[],
  options: ImportOptions,
  scheme: Scheme,
): ImportContext {
  const defaultCurrency = options.defaultCurrency.trim().toUpperCase();
  if (!isCurrencyCode(defaultCurrency)) {
    const problems = `The default currency ${currencyProblem(options.defaultCurrency)}`;
    throw dealDeskError('invalidInput', { problems });
  }

  return {
    columns,
    headers,
    options,
    defaultCurrency,
    defaultPaymentTerms: options.defaultPaymentTerms ?? scheme.options.defaultPaymentTerms,
    scheme,
    stageMap: checkStageMap(options.stageMap, scheme),
    stageCache: new Map(),
  };
}

/** The stage map keyed by lower-case source stage, every target checked against the scheme. */
function checkStageMap(stageMap: Record<string, string>, scheme: Scheme): Map<string, string> {
  const map = new Map<string, string>();
  const unknown: string[] = [];

  for (const [source, target] of Object.entries(stageMap)) {
    const stage = findStage(scheme, target.trim());
    if (stage) map.set(source.trim().toLowerCase(), stage.name);
    else unknown.push(`"${target}"`);
  }

  if (unknown.length > 0) {
    const problems =
      `The stage map names stages this spreadsheet doesn't have: ${unknown.join(', ')}. ` +
      `Its stages are: ${stageNames(scheme).join(', ')}.`;
    throw dealDeskError('invalidInput', { problems });
  }
  return map;
}

// ---- Rows ----------------------------------------------------------------------------------

function addRows(
  plan: ImportPlan,
  dataRows: readonly (readonly string[])[],
  context: ImportContext,
): void {
  const firstRowOf = new Map<string, number>();

  dataRows.forEach((cells, i) => {
    const row = i + 2;
    if (isBlankRow(cells)) {
      plan.blankRows += 1;
      return;
    }

    const { deal, errors } = readRow(cells, context);
    const firstRow = firstRowOf.get(deal.sourceId);
    if (firstRow === undefined) firstRowOf.set(deal.sourceId, row);
    else errors.push(duplicateError(firstRow, context));

    const allErrors = withValidation(deal, errors, context.scheme);
    if (allErrors.length === 0) plan.accepted.push({ row, deal });
    else plan.rejected.push({ row, sourceId: deal.sourceId, errors: toReport(allErrors, context) });
  });
}

function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/** The row as a deal, plus the values that could not be read. */
function readRow(
  cells: readonly string[],
  context: ImportContext,
): { deal: Deal; errors: RowError[] } {
  const cell = (field: DealFieldKey): string => {
    const index = context.columns.get(field);
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };
  const deal = emptyDeal();
  const errors: RowError[] = [];

  for (const field of TEXT_FIELDS) deal[field] = cell(field);
  deal.billingNotes = cell('billingNotes');
  deal.paymentTerms = cell('paymentTerms') || context.defaultPaymentTerms;
  deal.tags = readTags(cell('tags'));

  readMoney(deal, cell('amount'), cell('currency'), context, errors);
  readDates(deal, cell, errors);
  readReminderDays(deal, cell('reminderLeadDays'), errors);
  readStage(deal, cell('stage'), context, errors);

  // Stage, payment terms and tags spelt as the scheme spells them, as the deal form does.
  const tidy = tidyDeal(deal, context.scheme);
  tidy.sourceId = cell('sourceId') || compositeKey(tidy);
  return { deal: tidy, errors };
}

function readTags(text: string): string[] {
  const tags = text.split(TAG_SEPARATOR).map((t) => t.trim());
  return [...new Set(tags.filter((t) => t !== ''))];
}

function readMoney(
  deal: Deal,
  amountText: string,
  currencyText: string,
  context: ImportContext,
  errors: RowError[],
): void {
  const code = currencyText.toUpperCase();
  const noCurrencyColumn = !context.columns.has('currency');
  if (code !== '') deal.currency = code;
  else if (amountText !== '' || noCurrencyColumn) deal.currency = context.defaultCurrency;

  if (code !== '' && !isCurrencyCode(code)) {
    errors.push({ field: 'currency', message: currencyProblem(currencyText) });
  }
  if (amountText === '') return;

  const currency = isCurrencyCode(deal.currency) ? deal.currency : context.defaultCurrency;
  const reading = readAmountText(amountText, currency);
  if (reading.ok) deal.amount = reading.minor;
  else {
    deal.amount = null;
    errors.push({
      field: 'amount',
      message: describeAmountProblem(amountText, currency, reading.problem),
    });
  }
}

function currencyProblem(text: string): string {
  return `"${text}" is not a currency code: use a three-letter code such as USD or EUR.`;
}

function readDates(deal: Deal, cell: (field: DealFieldKey) => string, errors: RowError[]): void {
  for (const field of DATE_FIELDS) {
    const text = cell(field);
    if (text === '') continue;

    const date = readDate(text);
    if (date.problem === null) deal[field] = date.date;
    else errors.push({ field, message: date.problem });
  }
}

/**
 * The calendar date in `text`, or why it isn't one. A time after the date is dropped as
 * written, not converted between time zones (see the known limits).
 */
function readDate(text: string): { date: CalendarDate; problem: null } | { problem: string } {
  const match = DATE_TEXT.exec(text);
  if (!match) {
    const problem =
      `"${text}" is not a date Deal Desk can read: write it as YYYY-MM-DD, e.g. 2024-03-31 ` +
      '(YYYY/MM/DD, and a time after the date, are accepted too).';
    return { problem };
  }

  const date = `${match[1]}-${match[3]}-${match[4]}`;
  if (isCalendarDate(date)) return { date, problem: null };
  return { problem: `"${text}" is not a day on the calendar.` };
}

function readReminderDays(deal: Deal, text: string, errors: RowError[]): void {
  if (text === '') return;
  if (/^\d+$/.test(text)) deal.reminderLeadDays = Number(text);
  else {
    const message = `"${text}" is not a number of days: write a whole number such as 30.`;
    errors.push({ field: 'reminderLeadDays', message });
  }
}

function readStage(deal: Deal, text: string, context: ImportContext, errors: RowError[]): void {
  deal.stage = text;
  if (text === '') return;

  const key = text.toLowerCase();
  let lookup = context.stageCache.get(key);
  if (!lookup) {
    lookup = lookUpStage(text, context);
    context.stageCache.set(key, lookup);
  }

  if (lookup.stage !== null) deal.stage = lookup.stage;
  else errors.push({ field: 'stage', message: lookup.problem });
}

/** The distinct values of the stage column, counted, each with the stage it becomes. */
function sourceStagesOf(
  dataRows: readonly (readonly string[])[],
  context: ImportContext,
): SourceStage[] {
  const column = context.columns.get('stage');
  if (column === undefined) return [];

  const counts = new Map<string, number>();
  for (const row of dataRows) {
    const value = (row[column] ?? '').trim();
    if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts].map(([value, count]) => ({
    value,
    count,
    becomes: lookUpStage(value, context).stage,
  }));
}

function lookUpStage(text: string, context: ImportContext): StageLookup {
  const mapped = context.stageMap.get(text.toLowerCase());
  if (mapped !== undefined) return { stage: mapped, problem: null };

  const stage = findStage(context.scheme, text);
  if (stage) return { stage: stage.name, problem: null };

  const stages = stageNames(context.scheme);
  const problem =
    `"${text}" is not a stage in this spreadsheet (${stages.join(', ')}). Map it to one of ` +
    `them: pick one under "Becomes" in the import dialog, or on the command line use ` +
    `--stage-map "${text}=${stages[0] ?? 'Stage'}".`;
  return { stage: null, problem };
}

/** The stand-in source id for files without an id column (see the known limit above). */
function compositeKey(deal: Deal): string {
  return [deal.name, deal.account, deal.closeDate ?? ''].join(' | ');
}

function duplicateError(firstRow: number, context: ImportContext): RowError {
  const message = context.columns.has('sourceId')
    ? `same id as row ${firstRow}.`
    : `same deal name, account and close date as row ${firstRow}; add an ID column to import both.`;
  return { field: 'sourceId', message };
}

/**
 * The row's read errors followed by the scheme's verdict, in field order. A field that could
 * not be read gets only the read error: "required" on top of "not a number" would mislead.
 */
function withValidation(deal: Deal, errors: readonly RowError[], scheme: Scheme): RowError[] {
  const unreadable = new Set(errors.map((e) => e.field));
  const verdict = validateDeal(deal, scheme).filter(
    (e) => !unreadable.has(e.field as DealFieldKey),
  ) as RowError[];

  const order = (field: string): number => DEAL_FIELDS.findIndex((f) => f.key === field);
  return [...errors, ...verdict].sort((a, b) => order(a.field) - order(b.field));
}

/** Errors named the way the person knows them: the source column, else the field label. */
function toReport(errors: readonly RowError[], context: ImportContext): FieldError[] {
  return errors.map((e) => {
    const index = context.columns.get(e.field);
    const known = DEAL_FIELDS.find((f) => f.key === e.field);
    const name = index !== undefined ? context.headers[index] : known?.label;
    return { field: name ?? e.field, message: e.message };
  });
}

// ---- Merge ---------------------------------------------------------------------------------

function applyImport(existing: Deal, incoming: Deal, fields: readonly DealFieldKey[]): Deal {
  const next: Deal = { ...existing, tags: [...existing.tags] };
  const overwrite = next as unknown as Record<DealFieldKey, unknown>;
  for (const key of fields) {
    if (!KEPT_ON_UPDATE.has(key)) overwrite[key] = incoming[key];
  }
  return next;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => item === b[i]);
  }
  return a === b;
}
