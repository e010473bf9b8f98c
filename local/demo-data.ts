/**
 * A seeded generator of realistic deals for the demo workbook and the benchmark. The same
 * seed always gives the same deals, so screenshots and benchmark runs are comparable.
 * It writes a CSV the way a CRM would export one, so the demo goes through the real importer.
 */

import { DEFAULT_SCHEME, findStage, stageNames } from '../src/domain/scheme';

const ACCOUNTS = [
  'Acme Corporation',
  'Globex',
  'Initech',
  'Umbrella Health',
  'Stark Fabrication',
  'Wayne Logistics',
  'Hooli',
  'Vandelay Industries',
  'Soylent Foods',
  'Tyrell Systems',
  'Cyberdyne Robotics',
  'Wonka Confectionery',
  'Gekko & Co',
  'Oceanic Air',
  'Massive Dynamic',
  'Pied Piper',
  'Nakatomi Trading',
  'Monarch Solutions',
  'Bluth Company',
  'Dunder Mifflin Paper',
];
const PRODUCTS = [
  'Onboarding package',
  'Annual platform licence',
  'Data migration',
  'Support plan',
  'Custom integration',
  'Training days',
  'Hardware bundle',
  'Managed service',
];
const OWNERS = ['Sam Seller', 'Priya Patel', 'Jonas Berg', 'Amara Okafor'];

/** Settings rows that put the demo's other sellers on the team, so the owner list has them. */
export const DEMO_TEAM_SETTINGS: readonly Record<string, string>[] = OWNERS.slice(1).map(
  (name) => ({
    Section: 'Team',
    Name: name,
    Kind: 'sales',
    Value: `${name.split(' ')[0]?.toLowerCase() ?? 'seller'}@example.com`,
  }),
);
/** Demo deals go round every stage of the default scheme. */
const STAGES = stageNames(DEFAULT_SCHEME);
const kindOf = (stage: string) => findStage(DEFAULT_SCHEME, stage)?.kind;
const FULFILMENT_STAGES = new Set(
  STAGES.filter((stage) => ['fulfilment', 'delivery'].includes(kindOf(stage) ?? '')),
);
const TERMS = [
  'Net 30',
  'Net 15',
  'Net 45',
  '30% deposit, balance Net 30',
  '50% deposit, balance Net 30',
];
const CURRENCIES = ['USD', 'USD', 'USD', 'EUR', 'GBP'];

export const DEMO_HEADER = [
  'Record ID',
  'Deal Name',
  'Company',
  'Deal owner',
  'Deal Stage',
  'Amount',
  'Currency',
  'Payment terms',
  'Close Date',
  'Start date',
  'Delivery date',
  'Contract end',
  'PO number',
  'Billing contact',
  'Billing notes',
  'Tags',
  'Quote link',
];

/** A small, fast, seedable PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function isoDay(base: string, offsetDays: number): string {
  return new Date(Date.parse(`${base}T00:00:00Z`) + offsetDays * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

export interface DemoDeal {
  readonly sourceId: string;
  readonly stage: string;
  readonly cells: string[];
}

/** `count` deals spread over every stage, dated around `today`. */
export function demoDeals(count: number, seed: number, today: string): DemoDeal[] {
  const random = seededRandom(seed);
  const deals: DemoDeal[] = [];
  for (let i = 0; i < count; i++) {
    const stage = STAGES[i % STAGES.length] as string;
    deals.push(demoDeal(random, i, stage, today));
  }
  return deals;
}

function demoDeal(random: () => number, i: number, stage: string, today: string): DemoDeal {
  const account = pick(random, ACCOUNTS);
  const product = pick(random, PRODUCTS);
  const currency = pick(random, CURRENCIES);
  const amount = (Math.round(random() * 4000) * 25 + 500).toFixed(2);
  const closed = kindOf(stage) !== 'open';
  const close = closed
    ? isoDay(today, -Math.floor(random() * 120))
    : isoDay(today, Math.floor(random() * 60));
  const fulfilling = FULFILMENT_STAGES.has(stage);
  const start = fulfilling ? isoDay(close, 7 + Math.floor(random() * 14)) : '';
  const delivery = fulfilling ? isoDay(start, 14 + Math.floor(random() * 60)) : '';
  const contractEnd = closed && stage !== 'Lost' ? isoDay(close, 365) : '';
  const sourceId = `DEMO-${String(i + 1).padStart(5, '0')}`;
  const cells = [
    sourceId,
    `${product} for ${account}`,
    account,
    pick(random, OWNERS),
    stage,
    stage === 'Lead' ? '' : amount,
    currency,
    pick(random, TERMS),
    close,
    start,
    delivery,
    contractEnd,
    closed && random() < 0.6 ? `PO-${Math.floor(random() * 90000) + 10000}` : '',
    closed || fulfilling ? `billing@${account.toLowerCase().replace(/[^a-z]+/g, '')}.example` : '',
    random() < 0.2 ? 'Invoice by post as well, please.\nAttention: accounts payable' : '',
    random() < 0.3 ? 'New business' : '',
    '',
  ];
  return { sourceId, stage, cells };
}

/** The deals as a CSV export, RFC 4180 quoted. */
export function demoCsv(deals: readonly DemoDeal[]): string {
  const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return [DEMO_HEADER, ...deals.map((d) => d.cells)]
    .map((row) => row.map(quote).join(','))
    .join('\r\n');
}

// ---------------------------------------------------------------------------------------
// What happens to deals after they are recorded: quotes in Drive, handover tasks, invoices,
// and the timeline entries Deal Desk would have written for them.

const QUOTED_STAGES = new Set(['Proposal', 'Negotiation', 'Won', 'Ready for fulfilment']);
const HANDOVER = [
  { title: 'Raise deposit invoice', assignee: 'fran.finance@example.com', afterDays: 0 },
  { title: 'Send welcome pack', assignee: 'ollie.ops@example.com', afterDays: 1 },
  { title: 'Kickoff call', assignee: 'ollie.ops@example.com', afterDays: 3 },
];

/** A quote file to put in the local Drive for a deal, before the deals are imported. */
export interface DemoQuote {
  readonly sourceId: string;
  readonly fileName: string;
  /** ISO instant of the file's last change. */
  readonly lastUpdated: string;
  /** False for the one file the add-on may not open, to show the form's "can't read" note. */
  readonly readable: boolean;
}

/** Quotes for about half the deals past Qualified; one of them unreadable. */
export function demoQuotes(deals: readonly DemoDeal[], seed: number, today: string): DemoQuote[] {
  const random = seededRandom(seed + 1);
  const quoted = deals.filter(
    (deal) => QUOTED_STAGES.has(deal.stage) || (deal.stage !== 'Lost' && random() < 0.4),
  );
  return quoted
    .filter((_, i) => i % 2 === 0)
    .map((deal, i) => ({
      sourceId: deal.sourceId,
      fileName: `Quote ${deal.sourceId.slice(-3)} - ${deal.cells[2] ?? ''}.pdf`,
      lastUpdated: `${isoDay(today, -1 - Math.floor(random() * 40))}T10:${10 + (i % 50)}:00Z`,
      readable: i !== 1,
    }));
}

/** The deals with each quote's Drive link filled in (`links` by source id). */
export function withQuoteLinks(
  deals: readonly DemoDeal[],
  links: ReadonlyMap<string, string>,
): DemoDeal[] {
  const column = DEMO_HEADER.indexOf('Quote link');
  return deals.map((deal) => {
    const link = links.get(deal.sourceId);
    if (!link) return deal;
    const cells = [...deal.cells];
    cells[column] = link;
    return { ...deal, cells };
  });
}

/** A deal as the follow-ups need it, read back from the Deals sheet after the import. */
export interface RecordedDeal {
  readonly id: string;
  readonly sourceId: string;
  readonly stage: string;
  readonly amount: number | null;
  readonly currency: string;
  /** YYYY-MM-DD, or empty. */
  readonly closeDate: string;
}

/** Rows for the Tasks, Invoices and Activity sheets, keyed by their headers. */
export interface DemoFollowUps {
  readonly tasks: Record<string, unknown>[];
  readonly invoices: Record<string, unknown>[];
  readonly activity: Record<string, unknown>[];
}

/** Handover tasks for deals in fulfilment, first invoices for delivered ones, and the timeline. */
export function demoFollowUps(
  deals: readonly RecordedDeal[],
  quotes: readonly DemoQuote[],
  today: string,
): DemoFollowUps {
  const tasks: Record<string, unknown>[] = [];
  const activity: Record<string, unknown>[] = quoteEntries(deals, quotes);
  for (const deal of deals.filter((d) => FULFILMENT_STAGES.has(d.stage) && d.closeDate)) {
    for (const step of HANDOVER) {
      const due = isoDay(deal.closeDate, step.afterDays);
      const done = due < today && (deal.stage !== 'Ready for fulfilment' || step.afterDays === 0);
      const id = `T-${String(tasks.length + 1).padStart(4, '0')}`;
      const doneAt = done ? new Date(`${due}T15:00:00Z`) : '';
      tasks.push(taskRow(id, deal.id, step, due, done, doneAt));
      if (done)
        activity.push(entry(doneAt as Date, deal.id, step.assignee, 'task', `Done: ${step.title}`));
    }
  }
  const invoices = demoInvoices(deals);
  for (const invoice of invoices) {
    const at = new Date(`${String(invoice['Issued on'])}T11:00:00Z`);
    const details = `Invoice ${String(invoice['Invoice number'])} issued`;
    activity.push(
      entry(at, String(invoice['Deal ID']), 'fran.finance@example.com', 'invoice', details),
    );
  }
  return { tasks, invoices, activity };
}

function quoteEntries(
  deals: readonly RecordedDeal[],
  quotes: readonly DemoQuote[],
): Record<string, unknown>[] {
  const ids = new Map(deals.map((deal) => [deal.sourceId, deal.id]));
  return quotes
    .filter((quote) => ids.has(quote.sourceId))
    .map((quote) => {
      const details = `Quote attached: ${quote.fileName}`;
      const dealId = ids.get(quote.sourceId) ?? '';
      return entry(new Date(quote.lastUpdated), dealId, 'sam.seller@example.com', 'quote', details);
    });
}

function taskRow(
  id: string,
  dealId: string,
  step: (typeof HANDOVER)[number],
  due: string,
  done: boolean,
  doneAt: Date | '',
): Record<string, unknown> {
  return {
    'Task ID': id,
    'Deal ID': dealId,
    Title: step.title,
    Assignee: step.assignee,
    'Due date': due,
    Status: done ? 'Done' : 'Open',
    'Done at': doneAt,
  };
}

/** The first instalment of the first four delivered deals, invoiced on the close date. */
function demoInvoices(deals: readonly RecordedDeal[]): Record<string, unknown>[] {
  return deals
    .filter((deal) => deal.stage === 'Delivered' && deal.amount !== null && deal.closeDate)
    .slice(0, 4)
    .map((deal, i) => ({
      'Deal ID': deal.id,
      Instalment: 1,
      'Invoice number': `INV-2026-${i + 101}`,
      Amount: deal.amount,
      Currency: deal.currency,
      'Issued on': deal.closeDate,
      'Issued by': 'fran.finance@example.com',
      Comment: '',
      'Paid on': '',
    }));
}

function entry(at: Date, dealId: string, who: string, kind: string, details: string) {
  return { When: at, 'Deal ID': dealId, Who: who, Kind: kind, Details: details };
}
