/**
 * The sheets Deal Desk keeps and the columns each must have. Columns are matched by header
 * text, never by position, so people may insert, hide and reorder columns freely.
 */

import { DEAL_FIELDS } from '../domain/deal-fields';

/** How a column's cells are read and written. */
export type CellKind = 'text' | 'money' | 'number' | 'date' | 'timestamp' | 'list';

/** How each kind of column is formatted, wherever it sits. */
export const NUMBER_FORMATS: Partial<Record<CellKind, string>> = {
  date: 'yyyy-mm-dd',
  timestamp: 'yyyy-mm-dd hh:mm',
  money: '#,##0.00',
};

export interface ColumnSpec {
  readonly key: string;
  readonly header: string;
  readonly kind: CellKind;
}

export interface SheetSpec {
  readonly name: string;
  readonly columns: readonly ColumnSpec[];
  /** Rebuilt from other sheets; people's edits there are overwritten. */
  readonly derived: boolean;
}

function kindOfDealField(type: string): CellKind {
  if (type === 'money') return 'money';
  if (type === 'date') return 'date';
  if (type === 'timestamp') return 'timestamp';
  if (type === 'days' || type === 'integer') return 'number';
  if (type === 'tags') return 'list';
  return 'text';
}

export const DEALS: SheetSpec = {
  name: 'Deals',
  derived: false,
  columns: DEAL_FIELDS.map((f) => ({ key: f.key, header: f.label, kind: kindOfDealField(f.type) })),
};

export const ACTIVITY: SheetSpec = {
  name: 'Activity',
  derived: false,
  columns: [
    { key: 'at', header: 'When', kind: 'timestamp' },
    { key: 'dealId', header: 'Deal ID', kind: 'text' },
    { key: 'who', header: 'Who', kind: 'text' },
    { key: 'kind', header: 'Kind', kind: 'text' },
    { key: 'details', header: 'Details', kind: 'text' },
  ],
};

export const TASKS: SheetSpec = {
  name: 'Tasks',
  derived: false,
  columns: [
    { key: 'id', header: 'Task ID', kind: 'text' },
    { key: 'dealId', header: 'Deal ID', kind: 'text' },
    { key: 'title', header: 'Title', kind: 'text' },
    { key: 'assignee', header: 'Assignee', kind: 'text' },
    { key: 'dueOn', header: 'Due date', kind: 'date' },
    { key: 'status', header: 'Status', kind: 'text' },
    { key: 'doneAt', header: 'Done at', kind: 'timestamp' },
  ],
};

export const INVOICES: SheetSpec = {
  name: 'Invoices',
  derived: false,
  columns: [
    { key: 'dealId', header: 'Deal ID', kind: 'text' },
    { key: 'instalment', header: 'Instalment', kind: 'number' },
    { key: 'invoiceNumber', header: 'Invoice number', kind: 'text' },
    { key: 'amount', header: 'Amount', kind: 'money' },
    { key: 'currency', header: 'Currency', kind: 'text' },
    { key: 'issuedOn', header: 'Issued on', kind: 'date' },
    { key: 'issuedBy', header: 'Issued by', kind: 'text' },
    { key: 'comment', header: 'Comment', kind: 'text' },
    { key: 'paidOn', header: 'Paid on', kind: 'date' },
  ],
};

export const PENDING_INVOICES: SheetSpec = {
  name: 'Pending invoices',
  derived: true,
  columns: [
    { key: 'dealId', header: 'Deal ID', kind: 'text' },
    { key: 'dealName', header: 'Deal name', kind: 'text' },
    { key: 'account', header: 'Account', kind: 'text' },
    { key: 'owner', header: 'Owner', kind: 'text' },
    { key: 'stage', header: 'Stage', kind: 'text' },
    { key: 'instalment', header: 'Instalment', kind: 'number' },
    { key: 'instalmentLabel', header: 'Description', kind: 'text' },
    { key: 'amount', header: 'Amount', kind: 'money' },
    { key: 'currency', header: 'Currency', kind: 'text' },
    { key: 'invoiceOn', header: 'Invoice on', kind: 'date' },
    { key: 'dueOn', header: 'Due on', kind: 'date' },
    { key: 'paymentTerms', header: 'Payment terms', kind: 'text' },
    { key: 'poNumber', header: 'PO number', kind: 'text' },
    { key: 'billingContact', header: 'Billing contact', kind: 'text' },
    { key: 'daysWaiting', header: 'Days waiting', kind: 'number' },
  ],
};

export const SETTINGS: SheetSpec = {
  name: 'Settings',
  derived: false,
  columns: [
    { key: 'section', header: 'Section', kind: 'text' },
    { key: 'name', header: 'Name', kind: 'text' },
    { key: 'kind', header: 'Kind', kind: 'text' },
    { key: 'value', header: 'Value', kind: 'text' },
  ],
};

/** In the order setup lays out the tabs. */
export const ALL_SHEETS: readonly SheetSpec[] = [
  DEALS,
  ACTIVITY,
  TASKS,
  INVOICES,
  PENDING_INVOICES,
  SETTINGS,
];
