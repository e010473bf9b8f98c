/**
 * The one catalogue of deal fields. The Deals sheet's headers, the sidebar form, the
 * importer and every validation message take a field's label from here, so a field is
 * named the same way everywhere a person meets it.
 */

export type FieldType =
  | 'id'
  | 'text'
  | 'longText'
  | 'person'
  | 'stage'
  | 'tags'
  | 'money'
  | 'currency'
  | 'terms'
  | 'date'
  | 'days'
  | 'driveLink'
  | 'email'
  | 'integer'
  | 'timestamp';

export interface DealField {
  readonly key: DealFieldKey;
  /** The Deals sheet header and the form label. */
  readonly label: string;
  readonly type: FieldType;
  /** Maintained by Deal Desk itself: never typed by a person, never required by a stage. */
  readonly system: boolean;
}

export type DealFieldKey =
  | 'id'
  | 'name'
  | 'account'
  | 'owner'
  | 'stage'
  | 'tags'
  | 'amount'
  | 'currency'
  | 'paymentTerms'
  | 'closeDate'
  | 'startDate'
  | 'deliveryDate'
  | 'contractEnd'
  | 'reminderLeadDays'
  | 'quoteLink'
  | 'billingContact'
  | 'poNumber'
  | 'billingNotes'
  | 'invoicedToDate'
  | 'sourceId'
  | 'version'
  | 'updatedAt'
  | 'updatedBy';

function field(key: DealFieldKey, label: string, type: FieldType, system = false): DealField {
  return { key, label, type, system };
}

/** In the order the Deals sheet lays them out when Deal Desk creates it. */
export const DEAL_FIELDS: readonly DealField[] = [
  field('id', 'Deal ID', 'id', true),
  field('name', 'Deal name', 'text'),
  field('account', 'Account', 'text'),
  field('owner', 'Owner', 'person'),
  field('stage', 'Stage', 'stage'),
  field('tags', 'Tags', 'tags'),
  field('amount', 'Amount', 'money'),
  field('currency', 'Currency', 'currency'),
  field('paymentTerms', 'Payment terms', 'terms'),
  field('closeDate', 'Close date', 'date'),
  field('startDate', 'Start date', 'date'),
  field('deliveryDate', 'Delivery date', 'date'),
  field('contractEnd', 'Contract end', 'date'),
  field('reminderLeadDays', 'Reminder lead days', 'days'),
  field('quoteLink', 'Quote link', 'driveLink'),
  field('billingContact', 'Billing contact', 'email'),
  field('poNumber', 'PO number', 'text'),
  field('billingNotes', 'Billing notes', 'longText'),
  field('invoicedToDate', 'Invoiced to date', 'money', true),
  field('sourceId', 'Source ID', 'text', true),
  field('version', 'Version', 'integer', true),
  field('updatedAt', 'Updated at', 'timestamp', true),
  field('updatedBy', 'Updated by', 'email', true),
];

const BY_KEY = new Map(DEAL_FIELDS.map((f) => [f.key, f]));

/** The catalogue entry for `key`. */
export function dealField(key: DealFieldKey): DealField {
  const found = BY_KEY.get(key);
  if (!found) throw new Error(`Unknown deal field "${key}".`);
  return found;
}

/**
 * The field a person means by `name`: a label or a key, any case, extra spaces ignored
 * ("close date", "Close Date", "closeDate"). Undefined when there is none.
 */
export function findDealField(name: string): DealField | undefined {
  const wanted = normaliseName(name);
  return DEAL_FIELDS.find(
    (f) => normaliseName(f.label) === wanted || normaliseName(f.key) === wanted,
  );
}

/** Lower case with spaces, dashes and underscores removed: how names are compared. */
export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[\s_\-.]+/g, '');
}
