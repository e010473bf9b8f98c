/**
 * The deal form sidebar: one deal at a time, its fields grouped as people think of them, the
 * stage's missing fields shown as soon as a stage is picked, and the deal's timeline. It
 * opens with one server call (openDealForm) and saves with one (saveDeal); every save
 * returns the fresh deal and the form re-renders from it.
 */

import { emptyDeal, type Deal } from '../src/domain/deal';
import type { DealFieldKey } from '../src/domain/deal-fields';
import { missingForStage, validateDeal } from '../src/domain/deal-validation';
import type { FieldError } from '../src/domain/errors';
import { findStage } from '../src/domain/scheme';
import type { Scheme } from '../src/domain/scheme-types';
import type {
  DealFormData,
  DealSearchHit,
  DealView,
  SaveResult,
} from '../src/entry/deal-form-types';
import { DealControls } from './lib/deal-controls';
import { byId, el, replaceChildren, setBusy, showStatus } from './lib/dom';
import { refusalMessage, renderMissing, showFieldErrors } from './lib/form-checks';
import { schemeFromForm } from './lib/form-scheme';
import { buildQuotePanel, MAX_UPLOAD_BYTES, readAsBase64 } from './lib/quote-panel';
import { callServer } from './lib/server';
import { formatInstant, renderTimeline, setDisplayTimeZone } from './lib/timeline';

interface FormState {
  data: DealFormData | null;
  scheme: Scheme | null;
  controls: DealControls | null;
  /** The deal as the server last sent it; null while a new deal is being written. */
  view: DealView | null;
  /** The form's deal as first rendered, to tell whether anything was edited since. */
  pristine: string;
  /** Fields a person has finished editing: only their errors show before a save attempt. */
  touched: Set<string>;
  showAll: boolean;
  serverErrors: FieldError[];
  /** A deal (or 'new') the person asked to switch to while having unsaved changes. */
  pendingSwitch: string | null;
  retry: (() => void) | null;
}

const state: FormState = {
  data: null,
  scheme: null,
  controls: null,
  view: null,
  pristine: '',
  touched: new Set(),
  showAll: false,
  serverErrors: [],
  pendingSwitch: null,
  retry: null,
};

const app = byId('app');
const status = byId('status');
const retryButton = byId<HTMLButtonElement>('retry');
const missingList = el('div', { id: 'missing', class: 'missing-list', role: 'status' });
const quotePanel = buildQuotePanel((file) => void uploadQuote(file));

// ---- talking to the server ------------------------------------------------------------------

/** Runs a server call with everything disabled; a failure shows beside the form. */
async function withServer(message: string, work: () => Promise<void>): Promise<void> {
  setBusy(app, true);
  showStatus(status, message, 'info');
  setRetry(null);
  try {
    await work();
    if (status.textContent === message) showStatus(status, '');
  } catch (error) {
    showStatus(status, (error as Error).message, 'error');
  } finally {
    setBusy(app, false);
    refreshControls();
  }
}

async function openForm(): Promise<void> {
  await withServer('Opening the deal form…', async () => {
    const data = await callServer('openDealForm');
    setDisplayTimeZone(data.timeZone);
    setUp(data);
    showDeal(data.view);
  });
  if (!state.controls) setRetry(() => void openForm(), 'Try again');
}

async function loadDeal(id: string): Promise<void> {
  await withServer(`Opening ${id}…`, async () => {
    showDeal(await callServer('loadDeal', id));
    closeSearch();
  });
}

async function saveDeal(): Promise<void> {
  const scheme = state.scheme;
  if (!scheme) return;
  const { deal, errors } = checkedDeal(scheme);
  if (errors.length > 0) {
    refuse(errors);
    return;
  }
  const base = state.view?.deal ?? null;
  await withServer(`Saving ${deal.name}…`, async () => {
    const result = await callServer('saveDeal', { deal, base });
    afterSave(result, (view) => `Saved ${view.deal.id}.`);
  });
}

async function uploadQuote(file: File): Promise<void> {
  const deal = state.view?.deal;
  const problem = !deal
    ? 'Save the deal first, then upload its quote.'
    : isDirty()
      ? 'Save your changes first, then upload the quote (the upload reloads the deal).'
      : file.size > MAX_UPLOAD_BYTES
        ? `${file.name} is larger than 10 MB: put it in Drive and paste its link instead.`
        : '';
  if (!deal || problem) {
    showStatus(status, problem, 'error');
    return;
  }
  await withServer(`Uploading ${file.name}…`, async () => {
    const base64 = await readAsBase64(file);
    const mimeType = file.type || 'application/octet-stream';
    const request = { dealId: deal.id, version: deal.version, fileName: file.name, mimeType };
    const result = await callServer('uploadQuote', { ...request, base64, base: deal });
    afterSave(result, (view) => `Attached ${file.name} as the quote of ${view.deal.id}.`);
  });
}

async function searchDeals(): Promise<void> {
  const query = byId<HTMLInputElement>('search').value.trim();
  if (!query) {
    byId('search-results').hidden = true;
    showStatus(status, 'Type part of a deal ID, name or account, then press Find.', 'info');
    return;
  }
  await withServer(`Looking for "${query}"…`, async () => {
    renderHits(await callServer('searchDeals', query), query);
  });
}

// ---- rendering ------------------------------------------------------------------------------

/** Builds the fields for the scheme the server sent. */
function setUp(data: DealFormData): void {
  state.data = data;
  state.scheme = schemeFromForm(data.scheme);
  state.controls = new DealControls(data.scheme, {
    stage: missingList,
    quoteLink: quotePanel.element,
  });
  replaceChildren(byId('fields'), ...state.controls.fieldsets);
}

/** Shows `view` (or an empty new deal) as the form's fresh starting point. */
function showDeal(view: DealView | null): void {
  const controls = state.controls;
  if (!controls) return;
  state.view = view;
  state.touched = new Set();
  state.showAll = false;
  state.serverErrors = [];
  state.pendingSwitch = null;
  controls.write(view?.deal ?? newDeal());
  state.pristine = JSON.stringify(controls.read(view?.deal ?? newDeal()).deal);
  renderHeader(view);
  renderTimeline(byId('timeline'), view?.timeline ?? []);
  byId('tab-timeline').textContent = view ? `Timeline (${view.timeline.length})` : 'Timeline';
  refreshChecks();
}

function renderHeader(view: DealView | null): void {
  const deal = view?.deal;
  byId('title').textContent = deal ? deal.name || deal.id : 'New deal';
  const saved = deal?.updatedAt
    ? ` · saved ${formatInstant(deal.updatedAt)}${deal.updatedBy ? ` by ${deal.updatedBy}` : ''}`
    : '';
  byId('subtitle').textContent = deal
    ? `${deal.id} · ${deal.account || 'no account'} · version ${deal.version}${saved}`
    : 'Not saved yet';
}

/** Re-checks the form: errors beside touched fields, the stage's missing fields, the quote. */
function refreshChecks(): void {
  const { scheme, controls } = state;
  if (!scheme || !controls) return;
  const { deal, errors } = checkedDeal(scheme);
  const shown = errors.filter((e) => state.showAll || state.touched.has(e.field));
  showFieldErrors(controls.fields, [...shown, ...state.serverErrors]);

  const stage = findStage(scheme, deal.stage);
  renderMissing(
    missingList,
    stage?.name ?? '',
    stage ? missingForStage(deal, stage) : [],
    controls.fields,
  );
  quotePanel.render(sameLink(deal) ? (state.view?.quote ?? null) : null, uploadNote());
}

function renderHits(hits: readonly DealSearchHit[], query: string): void {
  const list = byId('search-results');
  list.hidden = false;
  if (hits.length === 0) {
    replaceChildren(list, el('li', { class: 'muted' }, `No deals match "${query}".`));
    return;
  }
  const items = hits.map((hit) => {
    const button = el(
      'button',
      { type: 'button', class: 'hit', 'data-id': hit.id },
      el('b', {}, hit.id),
      ` ${hit.name}`,
      el('span', { class: 'muted' }, ` · ${hit.account || 'no account'} · ${hit.stage}`),
    );
    button.addEventListener('click', () => switchTo(hit.id));
    return el('li', {}, button);
  });
  replaceChildren(list, ...items);
}

// ---- the form's logic -----------------------------------------------------------------------

/** The deal in the form and everything wrong with it, by the domain's own rules. */
function checkedDeal(scheme: Scheme): { deal: Deal; errors: FieldError[] } {
  const controls = state.controls as DealControls;
  const { deal, inputErrors } = controls.read(state.view?.deal ?? newDeal());
  const parsed = new Set(inputErrors.map((e) => e.field));
  const rules = validateDeal(deal, scheme).filter((e) => !parsed.has(e.field));
  return { deal, errors: [...inputErrors, ...rules] };
}

/** A new deal with the scheme's defaults and the person opening the form as its owner. */
function newDeal(): Deal {
  const form = state.data?.scheme;
  const me = form?.team.find((member) => member.email === state.data?.user);
  return {
    ...emptyDeal(),
    stage: form?.stages[0]?.name ?? '',
    owner: me?.name ?? '',
    currency: form?.defaultCurrency ?? '',
    paymentTerms: form?.defaultPaymentTerms ?? '',
  };
}

function refuse(errors: readonly FieldError[]): void {
  state.showAll = true;
  refreshChecks();
  showStatus(status, refusalMessage(errors), 'error');
  const first = state.controls?.fields.get(errors[0]?.field as DealFieldKey);
  first?.focusTarget.focus();
}

function afterSave(result: SaveResult, done: (view: DealView) => string): void {
  if (result.ok) {
    showDeal(result.view);
    showStatus(status, done(result.view), 'ok');
    return;
  }
  state.serverErrors = result.fieldErrors;
  state.showAll = true;
  refreshChecks();
  showStatus(status, result.message, 'error');
  const id = state.view?.deal.id;
  if (result.conflict && id) setRetry(() => void loadDeal(id), `Reload ${id}`);
}

/** Opens another deal (or a new one); unsaved changes need a second press to discard. */
function switchTo(target: string): void {
  if (isDirty() && state.pendingSwitch !== target) {
    state.pendingSwitch = target;
    const what = target === 'new' ? 'New deal' : target;
    const message =
      `This deal has unsaved changes. Save them, or press ${what} again to ` + 'discard them.';
    showStatus(status, message, 'error');
    return;
  }
  if (target === 'new') {
    showDeal(null);
    closeSearch();
    showStatus(status, 'New deal: fill it in and press Save.', 'info');
  } else void loadDeal(target);
}

function isDirty(): boolean {
  if (!state.controls) return false;
  return JSON.stringify(state.controls.read(state.view?.deal ?? newDeal()).deal) !== state.pristine;
}

/** The quote panel describes the saved file only while the link field still points at it. */
function sameLink(deal: Deal): boolean {
  return deal.quoteLink === (state.view?.deal.quoteLink ?? '');
}

function uploadNote(): string {
  return state.view ? '' : 'Save the deal first, then upload its quote.';
}

function refreshControls(): void {
  quotePanel.fileInput.disabled = !state.view;
  byId<HTMLButtonElement>('save').disabled = !state.controls;
  byId<HTMLButtonElement>('new-deal').disabled = !state.controls;
  retryButton.hidden = !state.retry;
}

function setRetry(action: (() => void) | null, label = 'Try again'): void {
  state.retry = action;
  retryButton.textContent = label;
  retryButton.hidden = !action;
}

function closeSearch(): void {
  byId('search-results').hidden = true;
}

function selectTab(tab: 'deal' | 'timeline'): void {
  byId('tab-deal').setAttribute('aria-selected', String(tab === 'deal'));
  byId('tab-timeline').setAttribute('aria-selected', String(tab === 'timeline'));
  byId('deal-form').hidden = tab !== 'deal';
  byId('panel-timeline').hidden = tab !== 'timeline';
  app.classList.toggle('on-timeline', tab === 'timeline');
}

// ---- wiring ---------------------------------------------------------------------------------

/** The field a control belongs to. */
function fieldOf(event: Event): string | undefined {
  return (event.target as HTMLElement).closest<HTMLElement>('[data-field]')?.dataset.field;
}

function onEdit(event: Event, committed: boolean): void {
  const key = fieldOf(event);
  // Picking a quote file uploads it; it is not an edit of the form.
  if (!key || (event.target as HTMLInputElement).type === 'file') return;
  // A pasted link is complete at once; typed text is judged when the person leaves the field.
  if (committed || key === 'quoteLink') state.touched.add(key);
  state.serverErrors = state.serverErrors.filter((e) => e.field !== key);
  state.pendingSwitch = null;
  refreshChecks();
}

const dealForm = byId<HTMLFormElement>('deal-form');
dealForm.addEventListener('input', (event) => onEdit(event, false));
dealForm.addEventListener('change', (event) => onEdit(event, true));
dealForm.addEventListener('submit', (event) => event.preventDefault());
byId('save').addEventListener('click', () => void saveDeal());
byId('new-deal').addEventListener('click', () => switchTo('new'));
byId('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void searchDeals();
});
byId('tab-deal').addEventListener('click', () => selectTab('deal'));
byId('tab-timeline').addEventListener('click', () => selectTab('timeline'));
retryButton.addEventListener('click', () => state.retry?.());

void openForm();
