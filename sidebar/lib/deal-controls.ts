/**
 * The deal form's fields: built from the field catalogue (labels from DEAL_FIELDS) and the
 * scheme's dropdowns, grouped the way people think about a deal. Writes a Deal into the
 * controls and reads one back, turning typed text into the domain's plain data.
 */

import type { Deal } from '../../src/domain/deal';
import { dealField, type DealFieldKey } from '../../src/domain/deal-fields';
import type { FieldError } from '../../src/domain/errors';
import {
  describeAmountProblem,
  minorDigits,
  readAmountText,
  toMajorUnits,
} from '../../src/domain/money';
import type { FormScheme } from '../../src/entry/deal-form-types';
import { el, replaceChildren } from './dom';
import { buildTagPicker, type TagPicker } from './tag-picker';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** One field on the form: where it sits, its control and where its errors go. */
export interface FieldUi {
  readonly key: DealFieldKey;
  readonly wrapper: HTMLElement;
  readonly error: HTMLElement;
  /** What to focus when a message points at this field. */
  readonly focusTarget: HTMLElement;
}

/** The editable fields, in their groups. */
export const FIELD_GROUPS: readonly { legend: string; keys: readonly DealFieldKey[] }[] = [
  { legend: 'The deal', keys: ['name', 'account', 'owner', 'stage', 'tags'] },
  {
    legend: 'Money and terms',
    keys: ['amount', 'currency', 'paymentTerms', 'poNumber', 'billingContact'],
  },
  {
    legend: 'Dates',
    keys: ['closeDate', 'startDate', 'deliveryDate', 'contractEnd', 'reminderLeadDays'],
  },
  { legend: 'Quote and notes', keys: ['quoteLink', 'billingNotes'] },
];

/** Short fields that sit two to a line in the 300 px sidebar. */
const HALF_WIDTH: ReadonlySet<DealFieldKey> = new Set([
  'amount',
  'currency',
  'closeDate',
  'startDate',
  'deliveryDate',
  'contractEnd',
]);

/** The form's controls, built once per scheme. */
export class DealControls {
  readonly fields = new Map<DealFieldKey, FieldUi>();
  readonly fieldsets: HTMLFieldSetElement[];
  private readonly inputs = new Map<DealFieldKey, Control>();
  private readonly tags: TagPicker;

  constructor(
    private readonly scheme: FormScheme,
    /** Extra content placed under a field (the stage's missing list, the quote panel). */
    extras: Partial<Record<DealFieldKey, HTMLElement>>,
  ) {
    this.tags = buildTagPicker(scheme.tagGroups);
    this.fieldsets = FIELD_GROUPS.map((group) =>
      el(
        'fieldset',
        {},
        el('legend', {}, group.legend),
        ...group.keys.map((key) => this.buildField(key, extras[key])),
      ),
    );
  }

  /** Puts `deal` into the controls. */
  write(deal: Deal): void {
    for (const [key, input] of this.inputs) input.value = this.display(deal, key);
    this.fillSelect('owner', this.ownerOptions(), deal.owner);
    this.fillSelect('stage', this.stageOptions(), deal.stage);
    this.fillSelect('paymentTerms', this.termsOptions(), deal.paymentTerms);
    this.tags.write(deal.tags);
  }

  /** `base` with the controls' values; text that can't be read becomes an input error. */
  read(base: Deal): { deal: Deal; inputErrors: FieldError[] } {
    const text = (key: DealFieldKey) => this.inputs.get(key)?.value.trim() ?? '';
    const date = (key: DealFieldKey) => text(key) || null;
    const currency = text('currency').toUpperCase();
    const amount = this.readAmount(text('amount'), currency);
    const days = text('reminderLeadDays');
    const deal: Deal = {
      ...base,
      name: text('name'),
      account: text('account'),
      owner: text('owner'),
      stage: text('stage'),
      tags: this.tags.read(),
      amount: amount.value,
      currency,
      paymentTerms: text('paymentTerms'),
      closeDate: date('closeDate'),
      startDate: date('startDate'),
      deliveryDate: date('deliveryDate'),
      contractEnd: date('contractEnd'),
      reminderLeadDays: days === '' ? null : Number(days),
      quoteLink: text('quoteLink'),
      billingContact: text('billingContact'),
      poNumber: text('poNumber'),
      // Notes keep their inner line breaks; only the ends are trimmed.
      billingNotes: (this.inputs.get('billingNotes')?.value ?? '').trim(),
    };
    return { deal, inputErrors: amount.error ? [amount.error] : [] };
  }

  /** Sets the value of one text control (the quote link after an upload, for instance). */
  setText(key: DealFieldKey, value: string): void {
    const input = this.inputs.get(key);
    if (input) input.value = value;
  }

  private readAmount(text: string, currency: string): { value: number | null; error?: FieldError } {
    if (text === '') return { value: null };
    const code = currency || this.scheme.defaultCurrency;
    const reading = readAmountText(text, code);
    if (reading.ok) return { value: reading.minor };

    const why = describeAmountProblem(text, code, reading.problem);
    return {
      value: null,
      error: { field: 'amount', message: `${dealField('amount').label} ${why}` },
    };
  }

  private display(deal: Deal, key: DealFieldKey): string {
    const value = deal[key];
    if (key === 'amount' && typeof value === 'number') return formatAmount(value, deal.currency);
    if (value === null || value === undefined) return '';
    return Array.isArray(value) ? value.join(', ') : String(value);
  }

  private buildField(key: DealFieldKey, extra: HTMLElement | undefined): HTMLElement {
    const id = `f-${key}`;
    const error = el('div', { class: 'field-error', id: `err-${key}`, role: 'alert' });
    const control = key === 'tags' ? this.tags.element : this.buildControl(key, id);
    const label =
      key === 'tags'
        ? el('span', { class: 'label', id }, dealField(key).label)
        : el('label', { for: id }, dealField(key).label);
    const className = HALF_WIDTH.has(key) ? 'field half' : 'field';
    const wrapper = el(
      'div',
      { class: className, 'data-field': key },
      label,
      control,
      extra,
      error,
    );
    const focusTarget = key === 'tags' ? this.tags.element : control;
    this.fields.set(key, { key, wrapper, error, focusTarget });
    return wrapper;
  }

  private buildControl(key: DealFieldKey, id: string): Control {
    const control = makeControl(key, this.scheme);
    control.id = id;
    control.name = key;
    this.inputs.set(key, control);
    return control;
  }

  private fillSelect(
    key: DealFieldKey,
    options: readonly { value: string; label: string }[],
    current: string,
  ): void {
    const select = this.inputs.get(key) as HTMLSelectElement;
    const known = options.some((option) => option.value === current);
    replaceChildren(
      select,
      el('option', { value: '' }, '—'),
      ...options.map((option) => el('option', { value: option.value }, option.label)),
      // A value typed into the grid that the scheme lacks stays visible, so nothing is lost.
      !known && current ? el('option', { value: current }, `${current} (not in Settings)`) : null,
    );
    select.value = current;
  }

  private ownerOptions() {
    return this.scheme.team.map((m) => ({ value: m.name, label: `${m.name} (${m.role})` }));
  }

  private stageOptions() {
    return this.scheme.stages.map((stage) => ({ value: stage.name, label: stage.name }));
  }

  private termsOptions() {
    return this.scheme.paymentTerms.map((name) => ({ value: name, label: name }));
  }
}

/** "1,250.00" for 125000 minor units of USD: what a person would type back. */
export function formatAmount(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  return toMajorUnits(minor, currency).toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

function makeControl(key: DealFieldKey, scheme: FormScheme): Control {
  const type = dealField(key).type;
  if (type === 'person' || type === 'stage' || type === 'terms') return el('select', {});
  if (type === 'longText') return el('textarea', { rows: '3' });
  if (type === 'date') return el('input', { type: 'date' });
  if (type === 'days') {
    const placeholder = `${scheme.reminderLeadDays} (the default)`;
    return el('input', { type: 'number', min: '0', max: '365', step: '1', placeholder });
  }
  if (type === 'money') return el('input', { inputmode: 'decimal', placeholder: '0.00' });
  if (type === 'currency') {
    const input = el('input', { maxlength: '3', placeholder: scheme.defaultCurrency });
    input.classList.add('upper');
    return input;
  }
  if (type === 'email') return el('input', { type: 'email', placeholder: 'name@example.com' });
  if (type === 'driveLink') {
    return el('input', { type: 'url', placeholder: 'https://drive.google.com/file/d/…' });
  }
  return el('input', { type: 'text' });
}
