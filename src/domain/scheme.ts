/**
 * The scheme a spreadsheet runs on: its stages, tags, payment-term presets, team, handover
 * tasks and options. This module holds the scheme Deal Desk sets up with, reads a scheme
 * from the Settings sheet's rows (and writes one back), checks that a scheme hangs together
 * and answers the small questions the rest of the domain asks of it.
 */

import { DEAL_FIELDS, findDealField, normaliseName, type DealFieldKey } from './deal-fields';
import type { FieldError } from './errors';
import { isCurrencyCode } from './money';
import { findPaymentTerms, parseTermsRule } from './payment-terms';
import type {
  HandoverTaskTemplate,
  PaymentTermsPreset,
  Scheme,
  SchemeOptions,
  SettingsRow,
  Stage,
  StageKind,
  TagGroup,
  TeamMember,
  TeamRole,
} from './scheme-types';

/** Every stage kind, in the order they are offered. */
export const STAGE_KINDS: readonly StageKind[] = ['open', 'won', 'fulfilment', 'delivery', 'lost'];

/** Every team role, in the order they are offered. */
export const TEAM_ROLES: readonly TeamRole[] = ['sales', 'operations', 'finance', 'admin'];

const QUALIFIED_FIELDS: readonly DealFieldKey[] = ['name', 'account'];
const PROPOSAL_FIELDS: readonly DealFieldKey[] = [...QUALIFIED_FIELDS, 'amount', 'currency'];
const WON_FIELDS: readonly DealFieldKey[] = [...PROPOSAL_FIELDS, 'paymentTerms', 'closeDate'];
const FULFILMENT_FIELDS: readonly DealFieldKey[] = [
  ...WON_FIELDS,
  'startDate',
  'deliveryDate',
  'billingContact',
];

function preset(name: string): PaymentTermsPreset {
  return { name, rule: name };
}

/** The scheme a new spreadsheet starts with; setup writes it to the Settings sheet. */
export const DEFAULT_SCHEME: Scheme = {
  stages: [
    { name: 'Lead', kind: 'open', requiredFields: ['name'] },
    { name: 'Qualified', kind: 'open', requiredFields: QUALIFIED_FIELDS },
    { name: 'Proposal', kind: 'open', requiredFields: PROPOSAL_FIELDS },
    { name: 'Negotiation', kind: 'open', requiredFields: PROPOSAL_FIELDS },
    { name: 'Won', kind: 'won', requiredFields: WON_FIELDS },
    { name: 'Ready for fulfilment', kind: 'fulfilment', requiredFields: FULFILMENT_FIELDS },
    { name: 'In delivery', kind: 'delivery', requiredFields: FULFILMENT_FIELDS },
    { name: 'Delivered', kind: 'delivery', requiredFields: FULFILMENT_FIELDS },
    { name: 'Lost', kind: 'lost', requiredFields: ['name', 'closeDate'] },
  ],
  tagGroups: [
    {
      name: 'Payment status',
      onePerDeal: true,
      tags: ['Deposit Paid', 'Awaiting Balance', 'Paid in full', 'Overdue'],
    },
    { name: 'Deal type', onePerDeal: false, tags: ['New business', 'Renewal', 'Upsell'] },
  ],
  paymentTerms: [
    preset('Due on receipt'),
    preset('Net 15'),
    preset('Net 30'),
    preset('Net 45'),
    preset('Net 60'),
    preset('30% deposit, balance Net 30'),
    preset('50% deposit, balance Net 30'),
  ],
  team: [
    { name: 'Sam Seller', email: 'sam.seller@example.com', role: 'sales' },
    { name: 'Ollie Ops', email: 'ollie.ops@example.com', role: 'operations' },
    { name: 'Fran Finance', email: 'fran.finance@example.com', role: 'finance' },
  ],
  handoverTasks: [
    { title: 'Raise deposit invoice', assigneeRole: 'finance', dueAfterDays: 0 },
    { title: 'Send welcome pack', assigneeRole: 'operations', dueAfterDays: 1 },
    { title: 'Kickoff call', assigneeRole: 'operations', dueAfterDays: 3 },
  ],
  options: {
    defaultCurrency: 'USD',
    defaultPaymentTerms: 'Net 30',
    reminderLeadDays: 30,
    digestRecipients: [],
  },
};

// ---------------------------------------------------------------------------------------
// Small lookups

/** The stage called `name` (any case, spaces ignored), carrying its canonical name. */
export function findStage(scheme: Scheme, name: string): Stage | undefined {
  const wanted = normaliseName(name);
  if (!wanted) return undefined;

  return scheme.stages.find((stage) => normaliseName(stage.name) === wanted);
}

/** True for the kinds that count as won for invoicing: won, fulfilment and delivery. */
export function isWonKind(kind: StageKind): boolean {
  return kind === 'won' || kind === 'fulfilment' || kind === 'delivery';
}

/** The stage names, in the scheme's order. */
export function stageNames(scheme: Scheme): string[] {
  return scheme.stages.map((stage) => stage.name);
}

/** The group the tag `tag` belongs to (any case, spaces ignored), or undefined. */
export function tagGroupOf(scheme: Scheme, tag: string): TagGroup | undefined {
  const wanted = normaliseName(tag);
  if (!wanted) return undefined;

  return scheme.tagGroups.find((group) => group.tags.some((t) => normaliseName(t) === wanted));
}

/** True when `text` has the shape of an email address (one @, a dot in the domain). */
export function looksLikeEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
}

/** True for a whole number of days from 0 to 365: lead times and due-after days. */
export function isDayCount(days: number): boolean {
  return Number.isInteger(days) && days >= 0 && days <= 365;
}

// ---------------------------------------------------------------------------------------
// Checking a scheme

type SectionKey = 'stage' | 'tagGroup' | 'tag' | 'paymentTerms' | 'team' | 'handoverTask';

/** One item of a scheme: `index` in its list (and `tag` within a group); none = the list. */
interface ItemRef {
  readonly section: SectionKey | 'option';
  readonly index?: number;
  readonly tag?: number;
}

/** Turns an item into the `field` of an error: a Settings row, or a name when there is none. */
type Locate = (ref: ItemRef) => string;

type OptionKey = keyof SchemeOptions;

const OPTIONS: readonly { readonly key: OptionKey; readonly label: string }[] = [
  { key: 'defaultCurrency', label: 'Default currency' },
  { key: 'defaultPaymentTerms', label: 'Default payment terms' },
  { key: 'reminderLeadDays', label: 'Reminder lead days' },
  { key: 'digestRecipients', label: 'Digest recipients' },
];

const SECTION_LABELS: Readonly<Record<ItemRef['section'], string>> = {
  stage: 'Stage',
  tagGroup: 'Tag group',
  tag: 'Tag',
  paymentTerms: 'Payment terms',
  team: 'Team',
  handoverTask: 'Handover task',
  option: 'Option',
};

function describeItem(ref: ItemRef): string {
  const label = SECTION_LABELS[ref.section];
  if (ref.index === undefined) return 'Settings';
  if (ref.section === 'option') return `Option "${OPTIONS[ref.index]?.label ?? ''}"`;
  if (ref.section === 'tag') return `Tag group ${ref.index + 1}, tag ${(ref.tag ?? 0) + 1}`;
  return `${label} ${ref.index + 1}`;
}

/** Every way `scheme` fails to hang together; empty when Deal Desk can run on it. */
export function validateScheme(scheme: Scheme): FieldError[] {
  return schemeProblems(scheme, describeItem);
}

function schemeProblems(scheme: Scheme, locate: Locate): FieldError[] {
  return [
    ...stageProblems(scheme, locate),
    ...tagProblems(scheme, locate),
    ...termsProblems(scheme, locate),
    ...teamProblems(scheme, locate),
    ...handoverTaskProblems(scheme, locate),
    ...optionProblems(scheme, locate),
  ];
}

/** Empty names, and a name already used earlier in the same list (any case). */
function namingProblems(
  names: readonly string[],
  what: string,
  where: (index: number) => string,
): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  names.forEach((name, index) => {
    const key = normaliseName(name);
    if (!key) {
      errors.push({ field: where(index), message: `a ${what} needs a name.` });
    } else if (seen.has(key)) {
      const message = `${what} "${name}" is listed twice: delete or rename this one.`;
      errors.push({ field: where(index), message });
    }
    seen.add(key);
  });
  return errors;
}

function stageProblems(scheme: Scheme, locate: Locate): FieldError[] {
  const where = (index: number): string => locate({ section: 'stage', index });
  const errors = namingProblems(stageNames(scheme), 'stage', where);
  scheme.stages.forEach((stage, index) => {
    if (!STAGE_KINDS.includes(stage.kind)) {
      errors.push({ field: where(index), message: stageKindProblem(stage.name) });
    }
    errors.push(...requiredFieldProblems(stage, where(index)));
  });

  return [...errors, ...outcomeProblems(scheme, locate({ section: 'stage' }))];
}

function stageKindProblem(stageName: string): string {
  return `stage "${stageName}" needs a kind: one of ${STAGE_KINDS.join(', ')}.`;
}

function requiredFieldProblems(stage: Stage, field: string): FieldError[] {
  return stage.requiredFields.flatMap((key) => {
    const dealField = DEAL_FIELDS.find((f) => f.key === key);
    const requires = `stage "${stage.name}" requires`;
    if (!dealField) {
      return [{ field, message: `${requires} "${key}", which is not a deal field: remove it.` }];
    }
    if (dealField.system) {
      const message =
        `${requires} ${dealField.label}, which Deal Desk fills in itself: ` +
        'remove it from the list.';
      return [{ field, message }];
    }
    return [];
  });
}

/** A deal's outcome is read from its stage's kind, so both outcomes need a stage. */
function outcomeProblems(scheme: Scheme, field: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const outcome of ['won', 'lost'] as const) {
    if (!scheme.stages.some((stage) => stage.kind === outcome)) {
      const message =
        `no stage has the kind ${outcome}: give the stage where a deal is ${outcome} ` +
        `(such as "${outcome === 'won' ? 'Won' : 'Lost'}") the kind ${outcome}.`;
      errors.push({ field, message });
    }
  }
  return errors;
}

function tagProblems(scheme: Scheme, locate: Locate): FieldError[] {
  const groupNames = scheme.tagGroups.map((group) => group.name);
  const groupProblems = namingProblems(groupNames, 'tag group', (index) =>
    locate({ section: 'tagGroup', index }),
  );

  const tags = scheme.tagGroups.flatMap((group, index) =>
    group.tags.map((name, tag) => ({ name, ref: { section: 'tag' as const, index, tag } })),
  );
  const tagNames = tags.map((tag) => tag.name);
  const where = (index: number): string => {
    const tag = tags[index];
    return tag ? locate(tag.ref) : locate({ section: 'tag' });
  };
  return [...groupProblems, ...namingProblems(tagNames, 'tag', where)];
}

function termsProblems(scheme: Scheme, locate: Locate): FieldError[] {
  const where = (index: number): string => locate({ section: 'paymentTerms', index });
  const names = scheme.paymentTerms.map((terms) => terms.name);
  const errors = namingProblems(names, 'payment terms preset', where);
  scheme.paymentTerms.forEach((terms, index) => {
    if (!parseTermsRule(terms.rule || terms.name)) {
      const message =
        `payment terms "${terms.name}" have a rule Deal Desk can't read ("${terms.rule}"): ` +
        'write it like "Net 30", "Due on receipt" or "30% deposit, balance Net 30".';
      errors.push({ field: where(index), message });
    }
  });
  return errors;
}

function teamProblems(scheme: Scheme, locate: Locate): FieldError[] {
  return scheme.team.flatMap((member, index) => {
    const field = locate({ section: 'team', index });
    const errors: FieldError[] = [];
    if (!member.name.trim()) errors.push({ field, message: 'a team member needs a name.' });
    if (!TEAM_ROLES.includes(member.role)) {
      errors.push({ field, message: roleProblem(`team member "${member.name}"`) });
    }
    if (!looksLikeEmail(member.email)) {
      const message =
        `team member "${member.name}" has the email "${member.email}", which doesn't look ` +
        'like an email address: enter it like name@example.com.';
      errors.push({ field, message });
    }
    return errors;
  });
}

function roleProblem(who: string): string {
  return `${who} needs a role: one of ${TEAM_ROLES.join(', ')}.`;
}

function handoverTaskProblems(scheme: Scheme, locate: Locate): FieldError[] {
  return scheme.handoverTasks.flatMap((task, index) => {
    const field = locate({ section: 'handoverTask', index });
    const errors: FieldError[] = [];
    if (!task.title.trim()) errors.push({ field, message: 'a handover task needs a title.' });
    if (!TEAM_ROLES.includes(task.assigneeRole)) {
      errors.push({ field, message: roleProblem(`handover task "${task.title}"`) });
    }
    if (!isDayCount(task.dueAfterDays)) {
      errors.push({ field, message: dueAfterProblem(task.title) });
    }
    return errors;
  });
}

function dueAfterProblem(title: string): string {
  return (
    `handover task "${title}" needs the number of days after handover it is due: ` +
    'a whole number from 0 to 365.'
  );
}

function optionProblems(scheme: Scheme, locate: Locate): FieldError[] {
  const options = scheme.options;
  const where = (key: OptionKey): string =>
    locate({ section: 'option', index: OPTIONS.findIndex((option) => option.key === key) });
  const errors: FieldError[] = [];
  if (!isCurrencyCode(options.defaultCurrency)) {
    const message =
      `the default currency "${options.defaultCurrency}" is not an ISO 4217 code: ` +
      'use a three-letter code such as USD or EUR.';
    errors.push({ field: where('defaultCurrency'), message });
  }
  if (!findPaymentTerms(scheme, options.defaultPaymentTerms)) {
    errors.push({ field: where('defaultPaymentTerms'), message: defaultTermsProblem(scheme) });
  }
  if (!isDayCount(options.reminderLeadDays)) {
    const message = 'reminder lead days must be a whole number of days from 0 to 365.';
    errors.push({ field: where('reminderLeadDays'), message });
  }
  return [...errors, ...digestProblems(options.digestRecipients, where('digestRecipients'))];
}

function defaultTermsProblem(scheme: Scheme): string {
  const names = scheme.paymentTerms.map((terms) => terms.name).join(', ');
  return (
    `the default payment terms "${scheme.options.defaultPaymentTerms}" are not one of the ` +
    `payment terms presets: set the Default payment terms option to one of ${names}.`
  );
}

function digestProblems(recipients: readonly string[], field: string): FieldError[] {
  return recipients
    .filter((email) => !looksLikeEmail(email))
    .map((email) => ({
      field,
      message:
        `the digest recipient "${email}" doesn't look like an email address: ` +
        'correct or remove it.',
    }));
}

// ---------------------------------------------------------------------------------------
// Reading the Settings sheet

/** The scheme being read, list by list, with the Settings row each item came from. */
interface Draft {
  readonly present: Set<SectionKey | 'option'>;
  readonly stages: Stage[];
  readonly tagGroups: { name: string; onePerDeal: boolean; tags: string[] }[];
  readonly tagRows: SettingsRow[];
  readonly paymentTerms: PaymentTermsPreset[];
  readonly team: TeamMember[];
  readonly handoverTasks: HandoverTaskTemplate[];
  readonly options: { -readonly [K in OptionKey]?: SchemeOptions[K] };
  readonly rowOf: Map<string, number>;
  readonly errors: FieldError[];
}

const SECTIONS = new Map<string, ItemRef['section']>([
  ['stage', 'stage'],
  ['stages', 'stage'],
  ['taggroup', 'tagGroup'],
  ['taggroups', 'tagGroup'],
  ['tag', 'tag'],
  ['tags', 'tag'],
  ['paymentterms', 'paymentTerms'],
  ['paymentterm', 'paymentTerms'],
  ['team', 'team'],
  ['teammember', 'team'],
  ['handovertask', 'handoverTask'],
  ['handovertasks', 'handoverTask'],
  ['option', 'option'],
  ['options', 'option'],
]);

const SECTION_LIST = 'Stage, Tag group, Tag, Payment terms, Team, Handover task or Option';

type RowReader = (row: SettingsRow, draft: Draft) => void;

const READERS: Readonly<Record<ItemRef['section'], RowReader>> = {
  stage: readStage,
  tagGroup: readTagGroup,
  tag: (row, draft) => draft.tagRows.push(row),
  paymentTerms: readPaymentTerms,
  team: readTeamMember,
  handoverTask: readHandoverTask,
  option: readOption,
};

/**
 * The scheme the Settings sheet describes, and every problem with it (each pointing at its
 * row). Sections the sheet leaves out are taken from the default scheme.
 */
export function schemeFromSettingsRows(rows: readonly SettingsRow[]): {
  scheme: Scheme;
  errors: FieldError[];
} {
  const draft = emptyDraft();
  rows.filter((row) => !isBlankRow(row)).forEach((row) => readRow(row, draft));
  draft.tagRows.forEach((row) => placeTag(row, draft));

  const scheme = schemeFromDraft(draft);
  const locate: Locate = (ref) => {
    const row = draft.rowOf.get(refKey(ref));
    return row === undefined ? 'Settings' : `Settings row ${row}`;
  };
  return { scheme, errors: [...draft.errors, ...schemeProblems(scheme, locate)] };
}

function emptyDraft(): Draft {
  return {
    present: new Set(),
    stages: [],
    tagGroups: [],
    tagRows: [],
    paymentTerms: [],
    team: [],
    handoverTasks: [],
    options: {},
    rowOf: new Map(),
    errors: [],
  };
}

function refKey(ref: ItemRef): string {
  return `${ref.section}:${ref.index ?? ''}:${ref.tag ?? ''}`;
}

function isBlankRow(row: SettingsRow): boolean {
  return [row.section, row.name, row.kind, row.value].every((cell) => !cell.trim());
}

function readRow(row: SettingsRow, draft: Draft): void {
  const section = SECTIONS.get(normaliseName(row.section));
  if (!section) {
    const message = row.section.trim()
      ? `the section "${row.section.trim()}" is not one Deal Desk knows: use ${SECTION_LIST}.`
      : `the Section column is empty: use ${SECTION_LIST}.`;
    fail(row, draft, message);
    return;
  }

  draft.present.add(section);
  // A row with only its Section filled in keeps that section on the sheet with no entries.
  if ([row.name, row.kind, row.value].every((cell) => !cell.trim())) return;
  READERS[section](row, draft);
}

function fail(row: SettingsRow, draft: Draft, message: string): void {
  draft.errors.push({ field: `Settings row ${row.row}`, message });
}

function record(row: SettingsRow, draft: Draft, ref: ItemRef): void {
  draft.rowOf.set(refKey(ref), row.row);
}

function readStage(row: SettingsRow, draft: Draft): void {
  const name = row.name.trim();
  if (!name) return fail(row, draft, 'a Stage row needs the stage name in the Name column.');

  const kindText = row.kind.trim().toLowerCase();
  const kind = STAGE_KINDS.find((k) => k === kindText);
  if (!kind) return fail(row, draft, stageKindProblem(name));

  const requiredFields = requiredFieldsFrom(row, name, draft);
  record(row, draft, { section: 'stage', index: draft.stages.length });
  draft.stages.push({ name, kind, requiredFields });
}

/** The fields named in the row's Value; names that are not deal fields are reported. */
function requiredFieldsFrom(row: SettingsRow, stageName: string, draft: Draft): DealFieldKey[] {
  const keys = new Set<DealFieldKey>();
  for (const text of splitList(row.value)) {
    const found = findDealField(text);
    if (found) {
      keys.add(found.key);
    } else {
      const message =
        `stage "${stageName}" requires "${text}", which is not a deal field: use Deals ` +
        'column names, such as Amount or Close date, separated by commas.';
      fail(row, draft, message);
    }
  }
  return [...keys];
}

function splitList(text: string): string[] {
  return text
    .split(/[,;]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function readTagGroup(row: SettingsRow, draft: Draft): void {
  const name = row.name.trim();
  if (!name) return fail(row, draft, 'a Tag group row needs the group name in the Name column.');

  const kind = normaliseName(row.kind);
  if (kind !== 'oneperdeal' && kind !== 'anynumber') {
    const message = `tag group "${name}" needs a kind: "one per deal" or "any number".`;
    return fail(row, draft, message);
  }
  record(row, draft, { section: 'tagGroup', index: draft.tagGroups.length });
  draft.tagGroups.push({ name, onePerDeal: kind === 'oneperdeal', tags: [] });
}

/** Tags are placed once every group is read, so a Tag row may come before its group. */
function placeTag(row: SettingsRow, draft: Draft): void {
  const name = row.name.trim();
  if (!name) return fail(row, draft, 'a Tag row needs the tag in the Name column.');

  const groupName = row.kind.trim();
  if (!groupName) {
    return fail(row, draft, `tag "${name}" needs the name of its tag group in the Kind column.`);
  }
  const index = draft.tagGroups.findIndex(
    (g) => normaliseName(g.name) === normaliseName(groupName),
  );
  const group = draft.tagGroups[index];
  if (!group) {
    const message =
      `tag "${name}" is in the group "${groupName}", but no Tag group row has that name: ` +
      'add the group or correct the name.';
    return fail(row, draft, message);
  }
  record(row, draft, { section: 'tag', index, tag: group.tags.length });
  group.tags.push(name);
}

function readPaymentTerms(row: SettingsRow, draft: Draft): void {
  const name = row.name.trim();
  if (!name) {
    return fail(row, draft, 'a Payment terms row needs the preset name in the Name column.');
  }
  record(row, draft, { section: 'paymentTerms', index: draft.paymentTerms.length });
  draft.paymentTerms.push({ name, rule: row.value.trim() || name });
}

function readTeamMember(row: SettingsRow, draft: Draft): void {
  const name = row.name.trim();
  if (!name) return fail(row, draft, "a Team row needs the person's name in the Name column.");

  const role = roleFrom(row.kind);
  if (!role) return fail(row, draft, roleProblem(`team member "${name}"`));

  record(row, draft, { section: 'team', index: draft.team.length });
  draft.team.push({ name, role, email: row.value.trim() });
}

function roleFrom(text: string): TeamRole | undefined {
  const wanted = text.trim().toLowerCase();
  return TEAM_ROLES.find((role) => role === wanted);
}

function readHandoverTask(row: SettingsRow, draft: Draft): void {
  const title = row.name.trim();
  if (!title)
    return fail(row, draft, 'a Handover task row needs the task title in the Name column.');

  const assigneeRole = roleFrom(row.kind);
  if (!assigneeRole) return fail(row, draft, roleProblem(`handover task "${title}"`));

  const dueAfterDays = dayCountFrom(row.value);
  if (dueAfterDays === null) return fail(row, draft, dueAfterProblem(title));

  record(row, draft, { section: 'handoverTask', index: draft.handoverTasks.length });
  draft.handoverTasks.push({ title, assigneeRole, dueAfterDays });
}

function dayCountFrom(text: string): number | null {
  const days = Number(text.trim());
  return text.trim() !== '' && isDayCount(days) ? days : null;
}

function readOption(row: SettingsRow, draft: Draft): void {
  const index = OPTIONS.findIndex((o) => normaliseName(o.label) === normaliseName(row.name));
  const option = OPTIONS[index];
  if (!option) {
    const labels = OPTIONS.map((o) => o.label);
    const names = `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1] ?? ''}`;
    return fail(row, draft, `"${row.name.trim()}" is not an option Deal Desk knows: use ${names}.`);
  }
  if (draft.options[option.key] !== undefined) {
    return fail(row, draft, `the option ${option.label} is set twice: delete one of the rows.`);
  }

  record(row, draft, { section: 'option', index });
  setOption(option.key, row, draft);
}

function setOption(key: OptionKey, row: SettingsRow, draft: Draft): void {
  const value = row.value.trim();
  if (key === 'defaultCurrency') draft.options.defaultCurrency = value.toUpperCase();
  if (key === 'defaultPaymentTerms') draft.options.defaultPaymentTerms = value;
  if (key === 'digestRecipients') draft.options.digestRecipients = splitList(value);
  if (key === 'reminderLeadDays') {
    const days = dayCountFrom(value);
    if (days === null) {
      const message = `reminder lead days must be a whole number from 0 to 365, not "${value}".`;
      return fail(row, draft, message);
    }
    draft.options.reminderLeadDays = days;
  }
}

function schemeFromDraft(draft: Draft): Scheme {
  const has = (section: ItemRef['section']): boolean => draft.present.has(section);
  return {
    stages: has('stage') ? draft.stages : DEFAULT_SCHEME.stages,
    tagGroups: has('tagGroup') || has('tag') ? draft.tagGroups : DEFAULT_SCHEME.tagGroups,
    paymentTerms: has('paymentTerms') ? draft.paymentTerms : DEFAULT_SCHEME.paymentTerms,
    team: has('team') ? draft.team : DEFAULT_SCHEME.team,
    handoverTasks: has('handoverTask') ? draft.handoverTasks : DEFAULT_SCHEME.handoverTasks,
    options: { ...DEFAULT_SCHEME.options, ...draft.options },
  };
}

// ---------------------------------------------------------------------------------------
// Writing the Settings sheet

type SettingsLine = Omit<SettingsRow, 'row'>;

function line(section: string, name: string, kind: string, value: string): SettingsLine {
  return { section, name, kind, value };
}

/**
 * The Settings rows that describe `scheme`, in sheet order; reading them back gives the same
 * scheme. An empty list is written as a row with only its Section, so it stays empty.
 */
export function settingsRowsFromScheme(scheme: Scheme): SettingsLine[] {
  return [
    ...orMarker('Stage', scheme.stages.map(stageLine)),
    ...orMarker('Tag group', tagLines(scheme.tagGroups)),
    ...orMarker(
      'Payment terms',
      scheme.paymentTerms.map((terms) => line('Payment terms', terms.name, '', terms.rule)),
    ),
    ...orMarker(
      'Team',
      scheme.team.map((member) => line('Team', member.name, member.role, member.email)),
    ),
    ...orMarker(
      'Handover task',
      scheme.handoverTasks.map((task) =>
        line('Handover task', task.title, task.assigneeRole, String(task.dueAfterDays)),
      ),
    ),
    ...optionLines(scheme.options),
  ];
}

function orMarker(section: string, lines: SettingsLine[]): SettingsLine[] {
  return lines.length > 0 ? lines : [line(section, '', '', '')];
}

function stageLine(stage: Stage): SettingsLine {
  const labels = stage.requiredFields.map(
    (key) => DEAL_FIELDS.find((f) => f.key === key)?.label ?? key,
  );
  return line('Stage', stage.name, stage.kind, labels.join(', '));
}

function tagLines(groups: readonly TagGroup[]): SettingsLine[] {
  const groupLines = groups.map((group) =>
    line('Tag group', group.name, group.onePerDeal ? 'one per deal' : 'any number', ''),
  );
  const tags = groups.flatMap((group) => group.tags.map((tag) => line('Tag', tag, group.name, '')));
  return [...groupLines, ...tags];
}

function optionLines(options: SchemeOptions): SettingsLine[] {
  const values: Readonly<Record<OptionKey, string>> = {
    defaultCurrency: options.defaultCurrency,
    defaultPaymentTerms: options.defaultPaymentTerms,
    reminderLeadDays: String(options.reminderLeadDays),
    digestRecipients: options.digestRecipients.join(', '),
  };
  return OPTIONS.map((option) => line('Option', option.label, '', values[option.key]));
}
