/**
 * Showing what keeps a deal from being saved: each error beside its field, the stage's
 * missing fields as a list right under the stage, and one sentence for the status line.
 */

import { dealField, type DealFieldKey } from '../../src/domain/deal-fields';
import type { FieldError } from '../../src/domain/errors';
import type { FieldUi } from './deal-controls';
import { el, replaceChildren } from './dom';

/** Puts each error under its field; returns the errors no field on the form can show. */
export function showFieldErrors(
  fields: ReadonlyMap<DealFieldKey, FieldUi>,
  errors: readonly FieldError[],
): FieldError[] {
  const byField = new Map<string, string[]>();
  for (const error of errors) {
    const messages = byField.get(error.field) ?? [];
    if (!messages.includes(error.message)) messages.push(error.message);
    byField.set(error.field, messages);
  }
  for (const [key, field] of fields) {
    const messages = byField.get(key) ?? [];
    replaceChildren(field.error, ...messages.map((message) => el('div', {}, message)));
    field.wrapper.classList.toggle('invalid', messages.length > 0);
  }
  return errors.filter((error) => !fields.has(error.field as DealFieldKey));
}

/** The "To save as Won, fill in: …" list; each name is a button that goes to its field. */
export function renderMissing(
  target: HTMLElement,
  stageName: string,
  missing: readonly DealFieldKey[],
  fields: ReadonlyMap<DealFieldKey, FieldUi>,
): void {
  for (const [key, field] of fields)
    field.wrapper.classList.toggle('missing', missing.includes(key));
  target.hidden = missing.length === 0;
  if (missing.length === 0) {
    target.replaceChildren();
    return;
  }
  const links = missing.flatMap((key, i) => {
    const button = el('button', { type: 'button', class: 'link' }, dealField(key).label);
    button.addEventListener('click', () => fields.get(key)?.focusTarget.focus());
    return i === 0 ? [button] : [', ', button];
  });
  replaceChildren(target, `To save as ${stageName}, fill in: `, ...links, '.');
}

/** One sentence naming the fields to fix before saving. */
export function refusalMessage(errors: readonly FieldError[]): string {
  const labels = [...new Set(errors.map((error) => labelOf(error.field)))];
  const count = labels.length === 1 ? 'the field' : `the ${labels.length} fields`;
  return `This deal can't be saved yet: fix ${count} marked below (${labels.join(', ')}).`;
}

function labelOf(field: string): string {
  try {
    return dealField(field as DealFieldKey).label;
  } catch {
    return field;
  }
}
