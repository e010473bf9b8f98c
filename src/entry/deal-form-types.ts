/**
 * What crosses google.script.run for the deal form. Only plain data: dates as YYYY-MM-DD,
 * instants as ISO text, money as integer minor units, never Date objects or undefined.
 */

import type { ActivityEntry } from '../domain/activity';
import type { Deal } from '../domain/deal';
import type { DealFieldKey } from '../domain/deal-fields';
import type { FieldError } from '../domain/errors';
import type { StageKind, TeamRole } from '../domain/scheme-types';

/** The scheme as the form needs it: dropdowns and stage gates. */
export interface FormScheme {
  readonly stages: { name: string; kind: StageKind; requiredFields: DealFieldKey[] }[];
  readonly tagGroups: { name: string; onePerDeal: boolean; tags: string[] }[];
  readonly paymentTerms: string[];
  readonly team: { name: string; email: string; role: TeamRole }[];
  readonly defaultCurrency: string;
  readonly defaultPaymentTerms: string;
  readonly reminderLeadDays: number;
}

/** What the form knows of the deal's quote file in Drive. */
export interface QuoteInfo {
  readonly fileId: string;
  readonly url: string;
  /** Null when the file can't be read (deleted, or not shared with this user). */
  readonly name: string | null;
  /** ISO instant of the file's last change, or null when it can't be read. */
  readonly lastUpdated: string | null;
  /** Plain words for the form when the file can't be read; null when it can. */
  readonly problem: string | null;
}

/** One deal as the form shows it, with its timeline (newest first) and quote. */
export interface DealView {
  readonly deal: Deal;
  readonly timeline: ActivityEntry[];
  readonly quote: QuoteInfo | null;
}

/** Everything the form needs to open, in one call. */
export interface DealFormData {
  readonly scheme: FormScheme;
  /** The deal in the selected row of Deals; null opens an empty form for a new deal. */
  readonly view: DealView | null;
  readonly user: string;
  /** The spreadsheet's time zone: the form shows times as the Activity sheet does. */
  readonly timeZone: string;
}

export interface DealSearchHit {
  readonly id: string;
  readonly name: string;
  readonly account: string;
  readonly stage: string;
}

export interface SaveDealRequest {
  /** The deal as edited; an empty id saves a new deal. */
  readonly deal: Deal;
  /** The deal as the form loaded it (null for a new deal): tells who changed what on conflict. */
  readonly base: Deal | null;
}

export interface UploadQuoteRequest {
  readonly dealId: string;
  /** The version the form has; an upload onto a deal changed since is refused like a save. */
  readonly version: number;
  readonly fileName: string;
  readonly mimeType: string;
  readonly base64: string;
  /** The deal as the form loaded it, if sent: lets a refused upload say what changed. */
  readonly base?: Deal | null;
}

/** A save either returns the fresh deal or says exactly why not. */
export type SaveResult =
  | { readonly ok: true; readonly view: DealView }
  | {
      readonly ok: false;
      /** Every field problem, so the form can point at each field. */
      readonly fieldErrors: FieldError[];
      /** One sentence for the top of the form. */
      readonly message: string;
      /** True when someone else saved the deal since the form loaded it. */
      readonly conflict: boolean;
    };
