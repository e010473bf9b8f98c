/**
 * A deal as a client sends it. Nothing that arrives over google.script.run is trusted: it is
 * read field by field into a well-typed deal (wrong types become field errors, not crashes),
 * then tidied the way the form would (trimmed text, the scheme's own spelling of stages, tags
 * and payment terms, a pasted Drive link in its one canonical shape).
 */

import { dealField, normaliseName, type DealFieldKey } from './deal-fields';
import { emptyDeal, type Deal } from './deal';
import { driveFileIdFromLink } from './drive-link';
import type { FieldError } from './errors';
import { findPaymentTerms } from './payment-terms';
import { findStage, tagGroupOf } from './scheme';
import type { Scheme } from './scheme-types';

const TEXT_KEYS = [
  'id',
  'name',
  'account',
  'owner',
  'stage',
  'currency',
  'paymentTerms',
  'quoteLink',
  'billingContact',
  'poNumber',
  'billingNotes',
  'sourceId',
  'updatedAt',
  'updatedBy',
] as const;

const DATE_KEYS = ['closeDate', 'startDate', 'deliveryDate', 'contractEnd'] as const;

const WHOLE_NUMBER_KEYS = ['amount', 'reminderLeadDays'] as const;

/** The canonical link to a Drive file: what the Deals sheet stores for a quote. */
export function driveFileUrl(fileId: string): string {
  return `https://drive.google.com/file/d/${fileId}/view`;
}

/** `text` as the canonical Drive link when it is one; otherwise unchanged (validation says why). */
export function canonicalQuoteLink(text: string): string {
  const fileId = driveFileIdFromLink(text);
  return fileId ? driveFileUrl(fileId) : text.trim();
}

/**
 * Reads a deal sent by a client. Every field comes out with its proper type; a value of the
 * wrong type (a string for the amount, say) is left empty and reported on its field.
 */
export function dealFromClient(input: unknown): { deal: Deal; errors: FieldError[] } {
  const source = (typeof input === 'object' && input !== null ? input : {}) as Record<
    string,
    unknown
  >;
  const deal = emptyDeal();
  const errors: FieldError[] = [];

  for (const key of TEXT_KEYS) deal[key] = textOf(source[key]);
  for (const key of DATE_KEYS) deal[key] = textOf(source[key]).trim() || null;
  for (const key of WHOLE_NUMBER_KEYS) {
    const reading = numberOf(source[key]);
    if (reading === undefined) errors.push(notANumber(key));
    deal[key] = reading ?? null;
  }
  deal.tags = tagsOf(source['tags']);
  deal.invoicedToDate = numberOf(source['invoicedToDate']) ?? 0;
  deal.version = numberOf(source['version']) ?? 0;
  return { deal, errors };
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** A finite number, null for "not entered", undefined for anything else. */
function numberOf(value: unknown): number | null | undefined {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return undefined;
}

function tagsOf(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return items.map(textOf).filter((tag) => tag.trim() !== '');
}

function notANumber(key: DealFieldKey): FieldError {
  const message = `${dealField(key).label} must be a number: enter it again, or leave it empty.`;
  return { field: key, message };
}

/**
 * The user-entered fields of `deal`, tidied: text trimmed, names spelt as the scheme spells
 * them, tags without duplicates, the currency in capitals and a Drive link made canonical.
 */
export function tidyDeal(deal: Deal, scheme: Scheme): Deal {
  const tidy = { ...deal };
  for (const key of TEXT_KEYS) tidy[key] = deal[key].trim();
  tidy.billingNotes = deal.billingNotes.replace(/\s+$/, '');
  tidy.currency = tidy.currency.toUpperCase();
  tidy.stage = findStage(scheme, tidy.stage)?.name ?? tidy.stage;
  tidy.paymentTerms = findPaymentTerms(scheme, tidy.paymentTerms)?.name ?? tidy.paymentTerms;
  tidy.quoteLink = tidy.quoteLink ? canonicalQuoteLink(tidy.quoteLink) : '';
  tidy.tags = tidyTags(deal.tags, scheme);
  return tidy;
}

function tidyTags(tags: readonly string[], scheme: Scheme): string[] {
  const spelled = tags.map((tag) => {
    const wanted = normaliseName(tag);
    const group = tagGroupOf(scheme, tag);
    return group?.tags.find((t) => normaliseName(t) === wanted) ?? tag.trim();
  });
  return [...new Set(spelled)];
}
