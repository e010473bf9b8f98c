/**
 * Timeline entries: what happened to a deal, when and by whom. The Activity sheet is
 * append-only; these functions decide what a change is worth recording.
 */

import { DEAL_FIELDS, type DealFieldKey } from './deal-fields';
import type { Deal } from './deal';

export type ActivityKind =
  | 'created'
  | 'stage change'
  | 'updated'
  | 'note'
  | 'milestone'
  | 'task'
  | 'invoice'
  | 'reminder'
  | 'quote';

export interface ActivityEntry {
  /** ISO 8601 instant. */
  readonly at: string;
  readonly dealId: string;
  readonly who: string;
  readonly kind: ActivityKind;
  readonly details: string;
}

/** Fields whose change is bookkeeping, not news. */
const QUIET_FIELDS: ReadonlySet<DealFieldKey> = new Set(['version', 'updatedAt', 'updatedBy']);

/** The fields whose values differ between two versions of a deal. */
export function changedFields(before: Deal, after: Deal): DealFieldKey[] {
  return DEAL_FIELDS.map((f) => f.key).filter(
    (key) => !QUIET_FIELDS.has(key) && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
}

/** The labels of `keys`, for messages: "Amount, Close date". */
export function fieldLabels(keys: readonly DealFieldKey[]): string {
  return keys.map((key) => DEAL_FIELDS.find((f) => f.key === key)?.label ?? key).join(', ');
}

/** Timeline entries for saving `after` over `before` (null when the deal is new). */
export function entriesForSave(
  before: Deal | null,
  after: Deal,
  who: string,
  at: string,
  source = '',
): ActivityEntry[] {
  const via = source ? ` (${source})` : '';
  if (!before) {
    return [
      { at, dealId: after.id, who, kind: 'created', details: `Created in ${after.stage}${via}` },
    ];
  }

  const entries: ActivityEntry[] = [];
  if (before.stage !== after.stage) {
    const details = `Stage ${before.stage || '(none)'} → ${after.stage}${via}`;
    entries.push({ at, dealId: after.id, who, kind: 'stage change', details });
  }
  const others = changedFields(before, after).filter((key) => key !== 'stage');
  if (others.length > 0) {
    const details = `Changed ${fieldLabels(others)}${via}`;
    entries.push({ at, dealId: after.id, who, kind: 'updated', details });
  }
  return entries;
}
