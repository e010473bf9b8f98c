/**
 * Deal validation: every rule a deal must meet before it is saved, checked the same way in
 * the sidebar, on the server, on direct grid edits and by "Check data". Each problem names
 * the field it is in and says, in the field's own label, what to do about it.
 */

import { compareDates, isCalendarDate } from './calendar-date';
import { dealField, type DealFieldKey } from './deal-fields';
import type { Deal } from './deal';
import { driveFileIdFromLink, isDriveFolderLink } from './drive-link';
import { dealDeskError, type FieldError } from './errors';
import { isCurrencyCode, MAX_AMOUNT, MAX_AMOUNT_TEXT, minorDigits } from './money';
import { findPaymentTerms } from './payment-terms';
import { findStage, isDayCount, looksLikeEmail, stageNames, tagGroupOf } from './scheme';
import type { Scheme, Stage } from './scheme-types';

const MAX_NAME_LENGTH = 200;

/** What to do about a missing field, after "X is needed before a deal can be Won: ". */
const HOW_TO_FILL: Partial<Record<DealFieldKey, string>> = {
  name: 'enter a short name for the deal',
  account: 'enter the customer account',
  owner: 'pick who owns the deal',
  tags: 'pick at least one tag',
  amount: 'enter the agreed price',
  currency: 'enter the currency code, such as USD',
  paymentTerms: 'pick the agreed payment terms',
  closeDate: 'enter the day the deal closed',
  startDate: 'enter the day work starts',
  deliveryDate: 'enter the day delivery is due',
  contractEnd: 'enter the day the contract ends',
  reminderLeadDays: 'enter how many days before the contract end to send a reminder',
  quoteLink: 'attach the final quote from Drive',
  billingContact: 'enter the email address invoices go to',
  poNumber: "enter the customer's purchase order number",
  billingNotes: 'add the billing notes',
};

const DATE_KEYS = ['closeDate', 'startDate', 'deliveryDate', 'contractEnd'] as const;

/** Every problem that keeps `deal` from being saved under `scheme`; empty when it may be. */
export function validateDeal(deal: Deal, scheme: Scheme): FieldError[] {
  const stage = findStage(scheme, deal.stage);
  // The name has its own message, so the stage's list doesn't report it a second time.
  const missing = stage ? missingForStage(deal, stage).filter((key) => key !== 'name') : [];

  return [
    ...nameProblems(deal),
    ...stageProblems(deal, scheme, stage),
    ...missing.map((key) => missingProblem(key, stage?.name ?? '')),
    ...tagProblems(deal, scheme),
    ...moneyProblems(deal, missing),
    ...termsProblems(deal, scheme),
    ...dateProblems(deal),
    ...contactProblems(deal),
  ];
}

/** The fields `stage` requires that `deal` leaves empty, in the stage's order. */
export function missingForStage(deal: Deal, stage: Stage): DealFieldKey[] {
  return stage.requiredFields.filter((key) => isMissing(deal, key));
}

function isMissing(deal: Deal, key: DealFieldKey): boolean {
  const value = deal[key];
  if (value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

function problem(key: DealFieldKey, message: string): FieldError {
  return { field: key, message };
}

function label(key: DealFieldKey): string {
  return dealField(key).label;
}

function missingProblem(key: DealFieldKey, stageName: string): FieldError {
  const how = HOW_TO_FILL[key] ?? 'fill it in';
  return problem(key, `${label(key)} is needed before a deal can be ${stageName}: ${how}.`);
}

function nameProblems(deal: Deal): FieldError[] {
  const name = deal.name.trim();
  if (!name) return [problem('name', `${label('name')} is needed: ${HOW_TO_FILL.name}.`)];
  if (name.length > MAX_NAME_LENGTH) {
    const message =
      `${label('name')} is ${name.length} characters long: shorten it to ` +
      `${MAX_NAME_LENGTH} or fewer.`;
    return [problem('name', message)];
  }
  return [];
}

function stageProblems(deal: Deal, scheme: Scheme, stage: Stage | undefined): FieldError[] {
  if (stage) return [];

  const choices = stageNames(scheme).join(', ');
  const message = deal.stage.trim()
    ? `${label('stage')} "${deal.stage.trim()}" is not one of this spreadsheet's stages: ` +
      `pick one of ${choices}.`
    : `${label('stage')} is needed: pick one of ${choices}.`;
  return [problem('stage', message)];
}

function tagProblems(deal: Deal, scheme: Scheme): FieldError[] {
  const unknown = deal.tags
    .filter((tag) => !tagGroupOf(scheme, tag))
    .map((tag) => {
      const message =
        `"${tag}" is not one of the tags on the Settings sheet: remove it, or ask an ` +
        'admin to add it.';
      return problem('tags', message);
    });
  return [...unknown, ...onePerDealProblems(deal, scheme)];
}

function onePerDealProblems(deal: Deal, scheme: Scheme): FieldError[] {
  const tagsByGroup = new Map<string, Set<string>>();
  for (const tag of deal.tags) {
    const group = tagGroupOf(scheme, tag);
    if (!group?.onePerDeal) continue;
    const tags = tagsByGroup.get(group.name) ?? new Set<string>();
    tagsByGroup.set(group.name, tags.add(tag.trim()));
  }

  return [...tagsByGroup]
    .filter(([, tags]) => tags.size > 1)
    .map(([group, tags]) => {
      const listed = [...tags].map((tag) => `"${tag}"`);
      const both = `${listed.slice(0, -1).join(', ')} and ${listed[listed.length - 1] ?? ''}`;
      const message =
        `${both} are in the "${group}" group, which allows one tag per deal: ` +
        'keep only one of them.';
      return problem('tags', message);
    });
}

function moneyProblems(deal: Deal, missing: readonly DealFieldKey[]): FieldError[] {
  const errors: FieldError[] = [];
  const amount = deal.amount;
  if (amount !== null && amount < 0) {
    const message = `${label('amount')} can't be negative: enter the agreed price, 0 or more.`;
    errors.push(problem('amount', message));
  } else if (amount !== null && !Number.isInteger(amount)) {
    const message = `${label('amount')} has more decimals than its currency allows: round it.`;
    errors.push(problem('amount', message));
  } else if (amount !== null && amount > MAX_AMOUNT * 10 ** minorDigits(deal.currency.trim())) {
    const message =
      `${label('amount')} is more than Deal Desk can hold: ` +
      `amounts go up to ${MAX_AMOUNT_TEXT}.`;
    errors.push(problem('amount', message));
  }

  const currency = deal.currency.trim();
  if (currency && !isCurrencyCode(currency)) {
    const message =
      `${label('currency')} "${currency}" is not an ISO 4217 code: use a three-letter ` +
      'code in capitals, such as USD or EUR.';
    errors.push(problem('currency', message));
  }
  if (amount !== null && !currency && !missing.includes('currency')) {
    const message = `${label('currency')} is needed with an amount: enter a code such as USD.`;
    errors.push(problem('currency', message));
  }
  return errors;
}

function termsProblems(deal: Deal, scheme: Scheme): FieldError[] {
  const terms = deal.paymentTerms.trim();
  if (!terms || findPaymentTerms(scheme, terms)) return [];

  const presets = scheme.paymentTerms.map((preset) => preset.name).join(', ');
  const message =
    `${label('paymentTerms')} "${terms}" are not one of the presets: pick one of ` + `${presets}.`;
  return [problem('paymentTerms', message)];
}

function dateProblems(deal: Deal): FieldError[] {
  const invalid = DATE_KEYS.filter((key) => {
    const date = deal[key];
    return date !== null && !isCalendarDate(date);
  }).map((key) =>
    problem(key, `${label(key)} "${deal[key]}" is not a real date: enter a date on the calendar.`),
  );

  return [
    ...invalid,
    ...orderProblems(deal, 'deliveryDate', 'startDate'),
    ...orderProblems(deal, 'contractEnd', 'startDate'),
  ];
}

/** `later` must not fall before `earlier` when both are real dates. */
function orderProblems(
  deal: Deal,
  later: (typeof DATE_KEYS)[number],
  earlier: (typeof DATE_KEYS)[number],
): FieldError[] {
  const [laterDate, earlierDate] = [deal[later], deal[earlier]];
  if (laterDate === null || earlierDate === null) return [];
  if (!isCalendarDate(laterDate) || !isCalendarDate(earlierDate)) return [];
  if (compareDates(laterDate, earlierDate) >= 0) return [];

  const message =
    `${label(later)} ${laterDate} is before the ${label(earlier).toLowerCase()} ` +
    `${earlierDate}: correct whichever of the two is wrong.`;
  return [problem(later, message)];
}

function contactProblems(deal: Deal): FieldError[] {
  const errors: FieldError[] = [];
  if (deal.reminderLeadDays !== null && !isDayCount(deal.reminderLeadDays)) {
    const message =
      `${label('reminderLeadDays')} must be a whole number of days from 0 to 365: ` +
      'correct it, or leave it empty to use the default.';
    errors.push(problem('reminderLeadDays', message));
  }

  const contact = deal.billingContact.trim();
  if (contact && !looksLikeEmail(contact)) {
    const message =
      `${label('billingContact')} "${contact}" doesn't look like an email address: ` +
      'enter it like name@example.com.';
    errors.push(problem('billingContact', message));
  }

  const link = deal.quoteLink.trim();
  if (link && !driveFileIdFromLink(link)) {
    const code = isDriveFolderLink(link) ? 'driveFolderLink' : 'notDriveLink';
    errors.push(problem('quoteLink', dealDeskError(code, { text: link }).message));
  }
  return errors;
}

/**
 * A new or changed owner must be on the scheme's team list. Owners that came with an import
 * from another system are kept as they are until someone changes them.
 */
export function ownerProblems(deal: Deal, stored: Deal | null, scheme: Scheme): FieldError[] {
  const owner = deal.owner.trim();
  if (!owner || scheme.team.length === 0 || owner === stored?.owner.trim()) return [];

  const wanted = owner.toLowerCase();
  const onTeam = scheme.team.some(
    (m) => m.name.trim().toLowerCase() === wanted || m.email.trim().toLowerCase() === wanted,
  );
  if (onTeam) return [];
  const message =
    `${label('owner')} "${owner}" is not on the team list: pick someone from the list, or ` +
    'ask an admin to add them to the Team section of the Settings sheet.';
  return [problem('owner', message)];
}
