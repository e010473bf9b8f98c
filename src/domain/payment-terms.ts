/**
 * Payment terms: reading a preset's rule ("Net 30", "30% deposit, balance Net 30") and
 * turning a deal's amount into the instalments finance will invoice, each with the day it
 * may be invoiced and the day it falls due. Instalments always add up to the deal amount.
 */

import { addDays, isCalendarDate, type CalendarDate } from './calendar-date';
import { dealField, normaliseName, type DealFieldKey } from './deal-fields';
import type { Deal } from './deal';
import { isCurrencyCode, splitByWeights } from './money';
import type { PaymentTermsPreset, Scheme } from './scheme-types';

export type TermsRule =
  { kind: 'net'; days: number } | { kind: 'deposit'; depositPercent: number; balanceDays: number };

export interface Instalment {
  /** 1-based, in invoicing order; the Invoices sheet refers to it. */
  number: number;
  label: string;
  amount: number;
  currency: string;
  /** Null while the instalment cannot be invoiced yet (a balance before delivery). */
  invoiceOn: CalendarDate | null;
  dueOn: CalendarDate | null;
}

const MAX_DAYS = 365;
const NET = /^(?:net ?(\d{1,3})|due on receipt)$/;
const DEPOSIT = /^(\d{1,2}(?:\.\d+)?) ?% ?deposit ?,? ?balance ?(net ?\d{1,3}|due on receipt)$/;

/** The rule `text` describes, or null when Deal Desk can't read it. Any case and spacing. */
export function parseTermsRule(text: string): TermsRule | null {
  const cleaned = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const deposit = DEPOSIT.exec(cleaned);
  if (deposit) return depositRule(Number(deposit[1]), deposit[2] ?? '');

  const days = netDays(cleaned);
  return days === null ? null : { kind: 'net', days };
}

function netDays(cleaned: string): number | null {
  const match = NET.exec(cleaned);
  if (!match) return null;

  const days = match[1] === undefined ? 0 : Number(match[1]);
  return days <= MAX_DAYS ? days : null;
}

function depositRule(depositPercent: number, balanceText: string): TermsRule | null {
  const balanceDays = netDays(balanceText);
  if (balanceDays === null || depositPercent < 1 || depositPercent > 99) return null;

  return { kind: 'deposit', depositPercent, balanceDays };
}

/** The preset called `name` (any case, spaces ignored), or undefined. */
export function findPaymentTerms(scheme: Scheme, name: string): PaymentTermsPreset | undefined {
  const wanted = normaliseName(name);
  return scheme.paymentTerms.find((preset) => normaliseName(preset.name) === wanted);
}

/**
 * The deal's instalments under its payment terms (or the scheme's default terms). When they
 * can't be worked out yet, no instalments and a problem that says what to fill in.
 */
export function instalmentsFor(
  deal: Deal,
  scheme: Scheme,
): { instalments: Instalment[]; problem: string | null } {
  const basics = basicsProblem(deal);
  if (basics) return { instalments: [], problem: basics };

  const termsName = deal.paymentTerms.trim() || scheme.options.defaultPaymentTerms;
  const preset = findPaymentTerms(scheme, termsName);
  if (!preset) return { instalments: [], problem: unknownTermsProblem(termsName, scheme) };

  const rule = parseTermsRule(preset.rule || preset.name);
  if (!rule) {
    const problem =
      `The payment terms "${preset.name}" have a rule Deal Desk can't read ` +
      `("${preset.rule}"): ask an admin to fix it on the Settings sheet.`;
    return { instalments: [], problem };
  }
  return { instalments: instalmentsUnder(rule, deal), problem: null };
}

function basicsProblem(deal: Deal): string | null {
  const missing: DealFieldKey[] = [];
  if (deal.amount === null) missing.push('amount');
  if (!deal.currency.trim()) missing.push('currency');
  if (deal.closeDate === null) missing.push('closeDate');
  if (missing.length === 0) return invalidBasicsProblem(deal);

  const [verb, pronoun] = missing.length === 1 ? ['is', 'it'] : ['are', 'them'];
  return `${listOfLabels(missing)} ${verb} needed to work out its invoices: fill ${pronoun} in.`;
}

function invalidBasicsProblem(deal: Deal): string | null {
  if (!Number.isInteger(deal.amount) || (deal.amount ?? 0) < 0) {
    return (
      'Amount must be 0 or more, with no more decimals than its currency allows, to work out ' +
      'its invoices: correct the amount.'
    );
  }
  if (!isCurrencyCode(deal.currency)) {
    return `Currency "${deal.currency}" is not an ISO 4217 code: use one such as USD or EUR.`;
  }
  const badDate = (['closeDate', 'deliveryDate'] as const).find((key) => {
    const date = deal[key];
    return date !== null && !isCalendarDate(date);
  });
  return badDate ? `${dealField(badDate).label} is not a real date: correct it.` : null;
}

function unknownTermsProblem(termsName: string, scheme: Scheme): string {
  const presets = scheme.paymentTerms.map((p) => p.name).join(', ');
  return (
    `The payment terms "${termsName}" are not a preset on the Settings sheet: ` +
    `pick one of ${presets}.`
  );
}

function listOfLabels(keys: readonly DealFieldKey[]): string {
  const labels = keys.map((key) => dealField(key).label);
  if (labels.length === 1) return labels[0] ?? '';
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1] ?? ''}`;
}

function instalmentsUnder(rule: TermsRule, deal: Deal): Instalment[] {
  const amount = deal.amount ?? 0;
  const closeDate = deal.closeDate ?? '';
  const currency = deal.currency;
  if (rule.kind === 'net') {
    const dueOn = addDays(closeDate, rule.days);
    return [{ number: 1, label: 'Full amount', amount, currency, invoiceOn: closeDate, dueOn }];
  }

  const balancePercent = roundPercent(100 - rule.depositPercent);
  const [deposit = 0, balance = 0] = splitByWeights(amount, [rule.depositPercent, balancePercent]);
  // The balance is invoiced on delivery, so without a delivery date it has no day yet.
  const deliveredOn = deal.deliveryDate;
  return [
    {
      number: 1,
      label: `Deposit (${rule.depositPercent}%)`,
      amount: deposit,
      currency,
      invoiceOn: closeDate,
      dueOn: closeDate,
    },
    {
      number: 2,
      label: `Balance (${balancePercent}%)`,
      amount: balance,
      currency,
      invoiceOn: deliveredOn,
      dueOn: deliveredOn === null ? null : addDays(deliveredOn, rule.balanceDays),
    },
  ];
}

/** Drops floating-point dust (100 - 33.3 must read 66.7, not 66.69999). */
function roundPercent(percent: number): number {
  return Number(percent.toFixed(6));
}
