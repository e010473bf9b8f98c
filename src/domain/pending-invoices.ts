/**
 * Pending invoices: every instalment of a won deal that may be invoiced by a given day and
 * has no invoice recorded yet, with totals per currency. Finance rebuilds this list each
 * week; the Invoices sheet stays the source of truth, this is only ever derived from it.
 */

import { compareDates, daysBetween, type CalendarDate } from './calendar-date';
import { dealIdNumber, type Deal } from './deal';
import { instalmentsFor, type Instalment } from './payment-terms';
import { findStage, isWonKind } from './scheme';
import type { Scheme } from './scheme-types';

/** One invoice finance issued, as the Invoices sheet records it. */
export interface InvoiceRecord {
  dealId: string;
  /** The instalment's 1-based number. */
  instalment: number;
  invoiceNumber: string;
  amount: number;
  currency: string;
  issuedOn: CalendarDate;
  issuedBy: string;
  comment: string;
  paidOn: CalendarDate | null;
}

export interface PendingInvoiceLine {
  dealId: string;
  dealName: string;
  account: string;
  owner: string;
  stage: string;
  instalment: number;
  instalmentLabel: string;
  amount: number;
  currency: string;
  invoiceOn: CalendarDate;
  dueOn: CalendarDate | null;
  paymentTerms: string;
  poNumber: string;
  billingContact: string;
  /** Days from `invoiceOn` to the day the list was made. */
  daysWaiting: number;
}

export interface CurrencyTotal {
  currency: string;
  amount: number;
  count: number;
}

export interface PendingInvoices {
  asOf: CalendarDate;
  lines: PendingInvoiceLine[];
  totals: CurrencyTotal[];
  /** Won deals whose instalments can't be worked out, and why. */
  skipped: { dealId: string; dealName: string; problem: string }[];
}

/**
 * The instalments of won deals that are due to be invoiced on or before `asOf` and have no
 * invoice yet, sorted by invoice day, deal and instalment. Open and lost deals never appear.
 */
export function computePendingInvoices(
  deals: readonly Deal[],
  invoices: readonly InvoiceRecord[],
  scheme: Scheme,
  asOf: CalendarDate,
): PendingInvoices {
  const invoiced = invoicedInstalments(invoices);
  const lines: PendingInvoiceLine[] = [];
  const skipped: PendingInvoices['skipped'] = [];

  for (const deal of deals) {
    const stage = findStage(scheme, deal.stage);
    if (!stage) {
      skipped.push({ dealId: deal.id, dealName: deal.name, problem: unknownStage(deal, scheme) });
      continue;
    }
    if (!isWonKind(stage.kind)) continue;

    const { instalments, problem } = instalmentsFor(deal, scheme);
    if (problem !== null) {
      skipped.push({ dealId: deal.id, dealName: deal.name, problem });
      continue;
    }
    const done = invoiced.get(deal.id.trim());
    for (const instalment of instalments) {
      if (!isPending(instalment, asOf, done)) continue;
      lines.push(lineFor({ ...deal, stage: stage.name }, instalment, asOf));
    }
  }

  lines.sort(compareLines);
  return { asOf, lines, totals: totalsOf(lines), skipped };
}

/** The instalment numbers invoiced so far, per deal id: one lookup per deal, not a scan. */
function invoicedInstalments(invoices: readonly InvoiceRecord[]): Map<string, Set<number>> {
  const byDeal = new Map<string, Set<number>>();
  for (const invoice of invoices) {
    const dealId = invoice.dealId.trim();
    const numbers = byDeal.get(dealId) ?? new Set<number>();
    byDeal.set(dealId, numbers.add(invoice.instalment));
  }
  return byDeal;
}

function isPending(
  instalment: Instalment,
  asOf: CalendarDate,
  invoiced: ReadonlySet<number> | undefined,
): boolean {
  if (instalment.invoiceOn === null || compareDates(instalment.invoiceOn, asOf) > 0) return false;

  return !invoiced?.has(instalment.number);
}

/** The deal's stage is expected under its canonical name. */
function lineFor(deal: Deal, instalment: Instalment, asOf: CalendarDate): PendingInvoiceLine {
  const invoiceOn = instalment.invoiceOn ?? asOf;
  return {
    dealId: deal.id,
    dealName: deal.name,
    account: deal.account,
    owner: deal.owner,
    stage: deal.stage,
    instalment: instalment.number,
    instalmentLabel: instalment.label,
    amount: instalment.amount,
    currency: instalment.currency,
    invoiceOn,
    dueOn: instalment.dueOn,
    paymentTerms: deal.paymentTerms,
    poNumber: deal.poNumber,
    billingContact: deal.billingContact,
    daysWaiting: daysBetween(invoiceOn, asOf),
  };
}

function compareLines(a: PendingInvoiceLine, b: PendingInvoiceLine): number {
  return (
    compareDates(a.invoiceOn, b.invoiceOn) ||
    compareDealIds(a.dealId, b.dealId) ||
    a.instalment - b.instalment
  );
}

/** By number when both are readable ids, so D-10000 sorts after D-9999. */
function compareDealIds(a: string, b: string): number {
  const [numberA, numberB] = [dealIdNumber(a), dealIdNumber(b)];
  if (numberA !== null && numberB !== null && numberA !== numberB) return numberA - numberB;

  return a < b ? -1 : a > b ? 1 : 0;
}

function totalsOf(lines: readonly PendingInvoiceLine[]): CurrencyTotal[] {
  const byCurrency = new Map<string, CurrencyTotal>();
  for (const line of lines) {
    const total = byCurrency.get(line.currency) ?? { currency: line.currency, amount: 0, count: 0 };
    total.amount += line.amount;
    total.count += 1;
    byCurrency.set(line.currency, total);
  }
  return [...byCurrency.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1));
}

/** Minor units invoiced so far per deal id: the Deals sheet's "Invoiced to date". */
export function invoicedTotals(invoices: readonly InvoiceRecord[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const invoice of invoices) {
    const dealId = invoice.dealId.trim();
    totals.set(dealId, (totals.get(dealId) ?? 0) + invoice.amount);
  }
  return totals;
}

// A stage outside the scheme could be a won deal under a typo ("Wonn"): leaving it out of
// the list silently would hide revenue, so it is reported instead.
function unknownStage(deal: Deal, scheme: Scheme): string {
  const stages = scheme.stages.map((s) => s.name).join(', ');
  if (!deal.stage.trim())
    return `It has no stage, so Deal Desk can't tell if it is won: pick one of ${stages}.`;
  return (
    `Its stage "${deal.stage}" is not in the scheme, ` +
    `so Deal Desk can't tell if it is won: pick one of ${stages}.`
  );
}

/** True when `deal` is won, or may be (its stage is not in the scheme): it belongs on the list. */
export function mayBeInvoiced(deal: Deal, scheme: Scheme): boolean {
  const stage = findStage(scheme, deal.stage);
  return !stage || isWonKind(stage.kind);
}
