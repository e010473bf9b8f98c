/**
 * A seeded generator of realistic deals for the demo workbook and the benchmark. The same
 * seed always gives the same deals, so screenshots and benchmark runs are comparable.
 * It writes a CSV the way a CRM would export one, so the demo goes through the real importer.
 */

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
const STAGES = [
  'Lead',
  'Qualified',
  'Proposal',
  'Negotiation',
  'Won',
  'Ready for fulfilment',
  'In delivery',
  'Delivered',
  'Lost',
];
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
  const closed = !['Lead', 'Qualified', 'Proposal', 'Negotiation'].includes(stage);
  const close = closed
    ? isoDay(today, -Math.floor(random() * 120))
    : isoDay(today, Math.floor(random() * 60));
  const fulfilling = ['Ready for fulfilment', 'In delivery', 'Delivered'].includes(stage);
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
