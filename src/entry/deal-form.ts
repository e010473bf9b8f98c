/**
 * The deal form's server side. Opening the sidebar, loading, searching, saving and uploading
 * a quote each cost one call and return plain data. The server is the authority: it reads
 * every request as untrusted, validates it against the scheme on the Settings sheet, refuses
 * a save made against an older version of the deal, and writes one row plus its timeline
 * entries under the document lock. Refusals the form can point at (field errors, conflicts)
 * are returned, not thrown.
 */

import { changedFields, entriesForSave, fieldLabels, type ActivityEntry } from '../domain/activity';
import { nextDealId, type Deal } from '../domain/deal';
import { DEAL_FIELDS } from '../domain/deal-fields';
import { dealFromClient, tidyDeal } from '../domain/deal-input';
import { ownerProblems, validateDeal } from '../domain/deal-validation';
import { dealDeskError, type FieldError } from '../domain/errors';
import type { Scheme } from '../domain/scheme-types';
import { appendActivity, readActivity } from '../sheets/activity-rows';
import { readText } from '../sheets/cells';
import { highestDealNumber, rememberDealNumber } from '../sheets/deal-ids';
import { dealCells, readDeal, type DealRow } from '../sheets/deal-rows';
import { withDocumentLock } from '../sheets/lock';
import { quoteInfo, quoteLinkOf, saveQuoteFile } from '../sheets/quotes';
import { DEALS } from '../sheets/sheet-specs';
import { SheetTable } from '../sheets/table';
import { openWorkbook, readScheme, type Workbook } from '../sheets/workbook';
import type {
  DealFormData,
  DealSearchHit,
  DealView,
  FormScheme,
  SaveDealRequest,
  SaveResult,
  UploadQuoteRequest,
} from './deal-form-types';
import { runMenuAction, serveCall } from './edge';

/** Reading needs only these; a save writes every field, so it needs every column. */
const READ_COLUMNS = ['id', 'name'];
const ALL_COLUMNS = DEAL_FIELDS.map((f) => f.key);

const MAX_SEARCH_HITS = 20;
const MAX_QUOTE_MB = 10;
const MAX_QUOTE_BYTES = MAX_QUOTE_MB * 1024 * 1024;

/** Menu item: the deal form in the sidebar. */
export function showDealForm(): void {
  runMenuAction('Deal form', () => {
    const html = HtmlService.createHtmlOutputFromFile('deal-form').setTitle('Deal form');
    SpreadsheetApp.getUi().showSidebar(html);
  });
}

/** Everything the form needs to open: the scheme, the selected deal (or null) and the user. */
export function openDealForm(): DealFormData {
  return serveCall(() => {
    const workbook = openWorkbook();
    const scheme = formScheme(readScheme(workbook));
    const selected = selectedDeal(workbook);
    const view = selected ? viewOf(workbook, selected) : null;
    return { scheme, view, user: workbook.user, timeZone: workbook.dates.timeZone };
  });
}

/** The deal `id` with its timeline and quote; throws when there is no such deal. */
export function loadDeal(id: string): DealView {
  return serveCall(() => {
    const workbook = openWorkbook();
    const table = SheetTable.read(workbook.spreadsheet, DEALS, READ_COLUMNS);
    const found = findDealRow(table, workbook, textOf(id));
    if (!found) throw dealDeskError('unknownDeal', { id: textOf(id).trim() });
    return viewOf(workbook, found.deal);
  });
}

/** Up to 20 deals whose id, name or account contains `query`, most recently updated first. */
export function searchDeals(query: string): DealSearchHit[] {
  return serveCall(() => {
    const workbook = openWorkbook();
    const table = SheetTable.read(workbook.spreadsheet, DEALS, READ_COLUMNS);
    const wanted = textOf(query).trim().toLowerCase();
    const candidates = searchCandidates(table, workbook);
    const hits = wanted ? candidates.filter((c) => c.text.includes(wanted)) : candidates;

    hits.sort((a, b) => rank(b, wanted) - rank(a, wanted) || compareText(b.sortKey, a.sortKey));
    return hits.slice(0, MAX_SEARCH_HITS).map((candidate) => candidate.hit);
  });
}

/** Saves a new or edited deal; returns the fresh view, or the field errors / the conflict. */
export function saveDeal(request: SaveDealRequest): SaveResult {
  return serveCall(() =>
    withDocumentLock(() => {
      const context = openForWriting();
      const input = dealFromClient(request?.deal);
      if (input.deal.id.trim() === '') return saveNew(context, input);
      return saveEdit(context, input, request?.base ?? null);
    }),
  );
}

/** Puts an uploaded file in the deal's quote folder and points the deal at it. */
export function uploadQuote(request: UploadQuoteRequest): SaveResult {
  return serveCall(() => {
    // Decoding happens before the lock: a 10 MB file should not hold up everyone's saves.
    const upload = readUpload(request);
    if (!upload.ok) return upload.refusal;

    return withDocumentLock(() => {
      const context = openForWriting();
      const stored = findDealRow(context.table, context.workbook, textOf(request.dealId));
      if (!stored) throw dealDeskError('unknownDeal', { id: textOf(request.dealId).trim() });
      if (stored.deal.version !== request.version) {
        const base = request.base ? dealFromClient(request.base).deal : null;
        return conflict(context.workbook, stored.deal, base);
      }
      return attachQuote(context, stored, upload.blob);
    });
  });
}

// ---------------------------------------------------------------------------------------
// Reading

function formScheme(scheme: Scheme): FormScheme {
  return {
    stages: scheme.stages.map((s) => ({
      name: s.name,
      kind: s.kind,
      requiredFields: [...s.requiredFields],
    })),
    tagGroups: scheme.tagGroups.map((g) => ({
      name: g.name,
      onePerDeal: g.onePerDeal,
      tags: [...g.tags],
    })),
    paymentTerms: scheme.paymentTerms.map((p) => p.name),
    team: scheme.team.map((m) => ({ name: m.name, email: m.email, role: m.role })),
    defaultCurrency: scheme.options.defaultCurrency,
    defaultPaymentTerms: scheme.options.defaultPaymentTerms,
    reminderLeadDays: scheme.options.reminderLeadDays,
  };
}

/** The deal in the selected row of Deals, or null (another sheet, the header, a blank row). */
function selectedDeal(workbook: Workbook): Deal | null {
  const range = workbook.spreadsheet.getActiveRange();
  if (!range || range.getSheet().getName() !== DEALS.name || range.getRow() <= 1) return null;

  const table = SheetTable.read(workbook.spreadsheet, DEALS, READ_COLUMNS);
  const index = range.getRow() - 2;
  if (index >= table.rows.length || table.isBlankRow(index)) return null;

  // A row typed into the grid without an id can't be saved back by id: offer a new deal.
  const deal = readDeal(table, index, workbook.dates).deal;
  return deal.id ? deal : null;
}

/** The row of deal `id` (any case, spaces ignored), or null. */
function findDealRow(table: SheetTable, workbook: Workbook, id: string): DealRow | null {
  const wanted = id.trim().toUpperCase();
  if (!wanted) return null;

  for (let index = 0; index < table.rows.length; index++) {
    const cell = readText(table.cell(index, 'id'), workbook.dates);
    if (cell.toUpperCase() === wanted) return readDeal(table, index, workbook.dates);
  }
  return null;
}

/** The deal, its timeline newest first, and what Drive says of its quote. */
function viewOf(workbook: Workbook, deal: Deal, timeline?: ActivityEntry[]): DealView {
  // `timeline`, oldest first, is passed in when a save has just read the Activity sheet.
  const oldestFirst = timeline ?? readActivity(workbook, deal.id).reverse();
  return {
    deal,
    timeline: newestFirst(oldestFirst),
    quote: deal.quoteLink ? quoteInfo(deal.quoteLink) : null,
  };
}

/**
 * Newest first, but the entries of one save (same instant) in the order they were written:
 * the stage change reads before the other fields changed. The sort is stable.
 */
function newestFirst(oldestFirst: ActivityEntry[]): ActivityEntry[] {
  return [...oldestFirst].sort((a, b) => compareText(b.at, a.at));
}

interface SearchCandidate {
  readonly hit: DealSearchHit;
  /** Id, name and account in lower case, for matching. */
  readonly text: string;
  /** Last update, then the id: later sorts first. */
  readonly sortKey: string;
}

// Only the few text columns a hit needs are read: no dates, so no time-zone work per row.
function searchCandidates(table: SheetTable, workbook: Workbook): SearchCandidate[] {
  const candidates: SearchCandidate[] = [];
  for (let index = 0; index < table.rows.length; index++) {
    const text = (key: string) => readText(table.cell(index, key), workbook.dates);
    const hit = { id: text('id'), name: text('name'), account: text('account'), stage: '' };
    if (!hit.id) continue;

    hit.stage = text('stage');
    const updatedAt = workbook.dates.readTimestamp(table.cell(index, 'updatedAt'));
    const sortKey = `${updatedAt.ok ? (updatedAt.value ?? '') : ''} ${hit.id.padStart(12, '0')}`;
    candidates.push({ hit, text: `${hit.id}\n${hit.name}\n${hit.account}`.toLowerCase(), sortKey });
  }
  return candidates;
}

/** An exact id beats a name or account that starts with the query, which beats the rest. */
function rank(candidate: SearchCandidate, wanted: string): number {
  if (!wanted) return 0;
  if (candidate.hit.id.toLowerCase() === wanted) return 2;
  const { name, account } = candidate.hit;
  return name.toLowerCase().startsWith(wanted) || account.toLowerCase().startsWith(wanted) ? 1 : 0;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------
// Saving

interface WriteContext {
  readonly workbook: Workbook;
  readonly scheme: Scheme;
  readonly table: SheetTable;
}

/** Reads what every write needs, under the lock, so it is current. */
function openForWriting(): WriteContext {
  const workbook = openWorkbook();
  const scheme = readScheme(workbook);
  const table = SheetTable.read(workbook.spreadsheet, DEALS, ALL_COLUMNS);
  return { workbook, scheme, table };
}

type ClientDeal = ReturnType<typeof dealFromClient>;

/** A new deal: validated, given the next id and version 1, appended as one row. */
function saveNew(context: WriteContext, input: ClientDeal): SaveResult {
  const { workbook, table } = context;
  // A new deal has no history: whatever the client says about its system fields is ignored.
  const deal: Deal = { ...tidyDeal(input.deal, context.scheme), ...NEW_DEAL_SYSTEM_FIELDS };
  const errors = allErrors(input.errors, deal, null, context.scheme);
  if (errors.length > 0) return refused(errors);

  const ids = table.rows.map((_, index) => readText(table.cell(index, 'id'), workbook.dates));
  const lastNumber = highestDealNumber(ids);
  const saved = stamp({ ...deal, id: nextDealId(lastNumber) }, 1, workbook);
  table.append([table.composeRow(dealCells(saved, workbook.dates))]);
  rememberDealNumber(lastNumber + 1);

  // A new deal's whole timeline is what this save records: no need to read it back.
  const entries = entriesForSave(null, saved, workbook.user, saved.updatedAt);
  appendActivity(workbook, entries);
  return { ok: true, view: viewOf(workbook, saved, entries) };
}

const NEW_DEAL_SYSTEM_FIELDS = {
  id: '',
  invoicedToDate: 0,
  sourceId: '',
  version: 0,
  updatedAt: '',
  updatedBy: '',
} as const;

/** An edit: refused if the deal changed since `base` was loaded; written only if it changes. */
function saveEdit(context: WriteContext, input: ClientDeal, base: Deal | null): SaveResult {
  const { workbook, scheme } = context;
  const stored = findDealRow(context.table, workbook, input.deal.id);
  if (!stored) throw dealDeskError('unknownDeal', { id: input.deal.id.trim() });

  // TODO(#3): only saves through Deal Desk bump Version, so a value typed straight into the
  // grid since the form opened is not seen as a conflict; an edit trigger would close this.
  // Without a base, the version sent with the deal is the best account of what was loaded.
  const loaded = base ? dealFromClient(base).deal : null;
  if ((loaded ?? input.deal).version !== stored.deal.version) {
    return conflict(workbook, stored.deal, loaded);
  }

  const edited = keepSystemFields(tidyDeal(input.deal, scheme), stored.deal);
  const errors = allErrors(input.errors, edited, stored.deal, scheme);
  if (errors.length > 0) return refused(errors);
  if (changedFields(stored.deal, edited).length === 0) {
    return { ok: true, view: viewOf(workbook, stored.deal) };
  }

  const saved = stamp(edited, stored.deal.version + 1, workbook);
  writeDealRow(context.table, stored.index, saved, workbook);
  const entries = entriesForSave(stored.deal, saved, workbook.user, saved.updatedAt);
  return { ok: true, view: viewOf(workbook, saved, appendActivity(workbook, entries, saved.id)) };
}

/** `edited` with the fields only Deal Desk maintains taken from the stored deal. */
function keepSystemFields(edited: Deal, stored: Deal): Deal {
  return {
    ...edited,
    id: stored.id,
    invoicedToDate: stored.invoicedToDate,
    sourceId: stored.sourceId,
    version: stored.version,
    updatedAt: stored.updatedAt,
    updatedBy: stored.updatedBy,
  };
}

/** Input errors first; validation adds nothing more for a field the input already faulted. */
function allErrors(
  inputErrors: FieldError[],
  deal: Deal,
  stored: Deal | null,
  scheme: Scheme,
): FieldError[] {
  const faulted = new Set(inputErrors.map((e) => e.field));
  const found = [...validateDeal(deal, scheme), ...ownerProblems(deal, stored, scheme)];
  return [...inputErrors, ...found.filter((e) => !faulted.has(e.field))];
}

/** The refusal for `fieldErrors`, with one sentence naming each field concerned. */
function refused(fieldErrors: FieldError[]): SaveResult {
  const fields = [...new Set(fieldErrors.map((e) => fieldLabel(e.field)))];
  const last = fields[fields.length - 1];
  const listed = fields.length > 1 ? `${fields.slice(0, -1).join(', ')} and ${last}` : last;
  const message = dealDeskError('dealNeedsFixing', { fields: listed ?? 'the form' }).message;
  return { ok: false, fieldErrors, message, conflict: false };
}

function fieldLabel(field: string): string {
  return DEAL_FIELDS.find((f) => f.key === field)?.label ?? field;
}

/** Someone saved the deal after the form loaded it: say who, when and what, and keep theirs. */
function conflict(workbook: Workbook, stored: Deal, loaded: Deal | null): SaveResult {
  const changed = loaded ? changedFields(loaded, stored) : [];
  const at = stored.updatedAt
    ? Utilities.formatDate(new Date(stored.updatedAt), workbook.dates.timeZone, 'yyyy-MM-dd HH:mm')
    : 'an unknown time';
  const message = dealDeskError('staleDeal', {
    id: stored.id,
    by: stored.updatedBy || 'Someone',
    at,
    fields: changed.length > 0 ? fieldLabels(changed) : "see the deal's timeline",
  }).message;
  return { ok: false, fieldErrors: [], message, conflict: true };
}

/** `deal` as saved now by this user, at `version`. */
function stamp(deal: Deal, version: number, workbook: Workbook): Deal {
  return { ...deal, version, updatedAt: new Date().toISOString(), updatedBy: workbook.user };
}

/** One row, one write; columns Deal Desk doesn't know keep their values and formulas. */
function writeDealRow(table: SheetTable, index: number, deal: Deal, workbook: Workbook): void {
  const row = table.composeRow(dealCells(deal, workbook.dates), table.rows[index]);
  table.overwrite(index, [row]);
}

// ---------------------------------------------------------------------------------------
// Quotes

type Upload = { ok: true; blob: GoogleAppsScript.Base.Blob } | { ok: false; refusal: SaveResult };

/** The uploaded file as a blob, or the refusal when it is too big or did not arrive whole. */
function readUpload(request: UploadQuoteRequest): Upload {
  const fileName = uploadFileName(textOf(request?.fileName));
  const base64 = textOf(request?.base64);
  // Base64 carries 3 bytes in every 4 characters: refuse before decoding a huge string.
  if (Math.floor((base64.length * 3) / 4) > MAX_QUOTE_BYTES + 2) return tooLarge(fileName, base64);

  let bytes: GoogleAppsScript.Byte[];
  try {
    bytes = Utilities.base64Decode(base64);
  } catch {
    bytes = [];
  }
  if (bytes.length === 0) {
    const message = dealDeskError('unreadableUpload', { name: fileName }).message;
    return { ok: false, refusal: quoteRefusal(message) };
  }
  if (bytes.length > MAX_QUOTE_BYTES) return tooLarge(fileName, base64);

  const mimeType = textOf(request?.mimeType).trim() || 'application/octet-stream';
  return { ok: true, blob: Utilities.newBlob(bytes, mimeType, fileName) };
}

function tooLarge(fileName: string, base64: string): Upload {
  const megabytes = ((base64.length * 3) / 4 / (1024 * 1024)).toFixed(1);
  const message = dealDeskError('quoteTooLarge', {
    name: fileName,
    megabytes,
    limit: MAX_QUOTE_MB,
  }).message;
  return { ok: false, refusal: quoteRefusal(message) };
}

function quoteRefusal(message: string): SaveResult {
  return { ok: false, fieldErrors: [{ field: 'quoteLink', message }], message, conflict: false };
}

/** The file's own name without any folder a browser may include; "quote" when there is none. */
function uploadFileName(name: string): string {
  const base = name.split(/[\\/]/).pop()?.trim() ?? '';
  return base.slice(0, 200) || 'quote';
}

/** Saves the file in the deal's folder and points the deal at it, as one row write. */
function attachQuote(
  context: WriteContext,
  stored: DealRow,
  blob: GoogleAppsScript.Base.Blob,
): SaveResult {
  const { workbook } = context;
  // TODO(#3): Drive and the sheet can't share a transaction: if the row write below fails,
  // the uploaded file stays in the deal's folder without the deal pointing at it.
  const file = saveQuoteFile(stored.deal.id, stored.deal.name, blob);
  const pointed = { ...stored.deal, quoteLink: quoteLinkOf(file) };
  const next = stamp(pointed, stored.deal.version + 1, workbook);
  writeDealRow(context.table, stored.index, next, workbook);

  const kept = stored.deal.quoteLink ? " (earlier quotes kept in the deal's folder)" : '';
  const entry: ActivityEntry = {
    at: next.updatedAt,
    dealId: next.id,
    who: workbook.user,
    kind: 'quote',
    details: `Quote uploaded: ${file.getName()}${kept}`,
  };
  return { ok: true, view: viewOf(workbook, next, appendActivity(workbook, [entry], next.id)) };
}

/** Text from a client value that should be text; anything else reads as empty. */
function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
