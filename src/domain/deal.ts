/**
 * The deal as the domain sees it: plain data with calendar dates and money in minor units.
 */

import type { CalendarDate } from './calendar-date';

export interface Deal {
  /** Readable and stable, `D-0042`; empty for a deal not saved yet. */
  id: string;
  name: string;
  account: string;
  owner: string;
  stage: string;
  tags: string[];
  /** Minor units of `currency`; null when not entered. */
  amount: number | null;
  /** ISO 4217 code; empty when not entered. */
  currency: string;
  /** The name of a payment-term preset from the scheme; empty when not entered. */
  paymentTerms: string;
  closeDate: CalendarDate | null;
  startDate: CalendarDate | null;
  deliveryDate: CalendarDate | null;
  contractEnd: CalendarDate | null;
  reminderLeadDays: number | null;
  quoteLink: string;
  billingContact: string;
  poNumber: string;
  billingNotes: string;
  /** Minor units invoiced so far, kept by Deal Desk from the Invoices sheet. */
  invoicedToDate: number;
  /** The row id in the system a deal was imported from; empty for deals made here. */
  sourceId: string;
  /** Increases by one on every save; a save made against an older version is refused. */
  version: number;
  /** ISO 8601 instant of the last save, empty if never saved. */
  updatedAt: string;
  updatedBy: string;
}

/** A deal with nothing filled in. */
export function emptyDeal(): Deal {
  return {
    id: '',
    name: '',
    account: '',
    owner: '',
    stage: '',
    tags: [],
    amount: null,
    currency: '',
    paymentTerms: '',
    closeDate: null,
    startDate: null,
    deliveryDate: null,
    contractEnd: null,
    reminderLeadDays: null,
    quoteLink: '',
    billingContact: '',
    poNumber: '',
    billingNotes: '',
    invoicedToDate: 0,
    sourceId: '',
    version: 0,
    updatedAt: '',
    updatedBy: '',
  };
}

/** The next readable id after the highest one in use: `D-0001`, ..., `D-9999`, `D-10000`. */
export function nextDealId(highestNumberInUse: number): string {
  return `D-${String(highestNumberInUse + 1).padStart(4, '0')}`;
}

/** The number inside a deal id (`D-0042` -> 42), or null for anything else. */
export function dealIdNumber(id: string): number | null {
  const match = /^D-(\d+)$/.exec(id.trim());
  return match ? Number(match[1]) : null;
}
