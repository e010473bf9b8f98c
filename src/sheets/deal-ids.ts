/**
 * Deal ids: readable (`D-0042`), allocated under the document lock, never reused. The highest
 * number ever issued is kept in the document properties, so deleting the newest deal's row
 * does not hand its id to the next deal.
 */

import { dealIdNumber } from '../domain/deal';

const LAST_DEAL_NUMBER = 'dealDesk.lastDealNumber';

/** The highest deal number issued so far: the larger of the remembered one and any in `ids`. */
export function highestDealNumber(ids: Iterable<string>): number {
  const stored = Number(
    PropertiesService.getDocumentProperties().getProperty(LAST_DEAL_NUMBER) ?? 0,
  );
  let highest = Number.isFinite(stored) ? stored : 0;
  for (const id of ids) highest = Math.max(highest, dealIdNumber(id) ?? 0);
  return highest;
}

/** Records the highest deal number issued so far. */
export function rememberDealNumber(lastNumber: number): void {
  PropertiesService.getDocumentProperties().setProperty(LAST_DEAL_NUMBER, String(lastNumber));
}
