/**
 * The shape of the scheme an admin keeps on the Settings sheet: stages, tags, payment-term
 * presets, the team, handover task templates and a few options.
 */

import type { DealFieldKey } from './deal-fields';

/**
 * What a stage means to Deal Desk. `won`, `fulfilment` and `delivery` are all "won" for
 * invoicing; `lost` is closed without revenue; `open` is still being sold.
 */
export type StageKind = 'open' | 'won' | 'fulfilment' | 'delivery' | 'lost';

export interface Stage {
  readonly name: string;
  readonly kind: StageKind;
  /** Fields a deal must have before it may be saved in this stage (name and stage always). */
  readonly requiredFields: readonly DealFieldKey[];
}

export interface TagGroup {
  readonly name: string;
  /** When true a deal carries at most one tag of the group (e.g. payment status). */
  readonly onePerDeal: boolean;
  readonly tags: readonly string[];
}

export interface PaymentTermsPreset {
  /** What people pick, e.g. "Net 30" or "30% deposit, balance Net 30". */
  readonly name: string;
  /** The rule the name stands for, in the same words ("Net 30", "30% deposit, balance Net 30"). */
  readonly rule: string;
}

export type TeamRole = 'sales' | 'operations' | 'finance' | 'admin';

export interface TeamMember {
  readonly name: string;
  readonly email: string;
  readonly role: TeamRole;
}

export interface HandoverTaskTemplate {
  readonly title: string;
  readonly assigneeRole: TeamRole;
  /** Due this many days after the deal reaches a fulfilment stage. */
  readonly dueAfterDays: number;
}

export interface SchemeOptions {
  readonly defaultCurrency: string;
  readonly defaultPaymentTerms: string;
  /**
   * Days before a contract ends that the renewal reminder goes out, unless a deal says
   * otherwise.
   */
  readonly reminderLeadDays: number;
  readonly digestRecipients: readonly string[];
}

export interface Scheme {
  readonly stages: readonly Stage[];
  readonly tagGroups: readonly TagGroup[];
  readonly paymentTerms: readonly PaymentTermsPreset[];
  readonly team: readonly TeamMember[];
  readonly handoverTasks: readonly HandoverTaskTemplate[];
  readonly options: SchemeOptions;
}

/**
 * One row of the Settings sheet, as text. Columns: Section, Name, Kind, Value.
 * Sections: Stage, Tag group, Tag, Payment terms, Team, Handover task, Option.
 */
export interface SettingsRow {
  /** 1-based sheet row, for messages ("Settings row 7: ..."). */
  readonly row: number;
  readonly section: string;
  readonly name: string;
  readonly kind: string;
  readonly value: string;
}
