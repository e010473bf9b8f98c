import type { FieldError } from '../../src/domain/errors';
import {
  DEFAULT_SCHEME,
  findStage,
  isWonKind,
  schemeFromSettingsRows,
  settingsRowsFromScheme,
  stageNames,
  tagGroupOf,
  validateScheme,
} from '../../src/domain/scheme';
import type { Scheme, SettingsRow, StageKind } from '../../src/domain/scheme-types';

type Cells = [section: string, name: string, kind: string, value: string];

/** Settings rows as the sheet holds them: the header is row 1, so data starts on row 2. */
function sheet(...cells: Cells[]): SettingsRow[] {
  return cells.map(([section, name, kind, value], index) => ({
    row: index + 2,
    section,
    name,
    kind,
    value,
  }));
}

function numbered(lines: Omit<SettingsRow, 'row'>[]): SettingsRow[] {
  return lines.map((line, index) => ({ ...line, row: index + 2 }));
}

const MINIMAL_STAGES: Cells[] = [
  ['Stage', 'Open', 'open', 'Deal name'],
  ['Stage', 'Won', 'won', 'Deal name, Amount'],
  ['Stage', 'Lost', 'lost', 'Deal name'],
];

describe('DEFAULT_SCHEME', () => {
  test('is a valid scheme', () => {
    expect(validateScheme(DEFAULT_SCHEME)).toEqual([]);
  });

  test('lists the stages in selling order', () => {
    expect(stageNames(DEFAULT_SCHEME)).toEqual([
      'Lead',
      'Qualified',
      'Proposal',
      'Negotiation',
      'Won',
      'Ready for fulfilment',
      'In delivery',
      'Delivered',
      'Lost',
    ]);
  });

  test.each([
    ['Lead', ['name']],
    ['Proposal', ['name', 'account', 'amount', 'currency']],
    ['Won', ['name', 'account', 'amount', 'currency', 'paymentTerms', 'closeDate']],
    [
      'Delivered',
      [
        'name',
        'account',
        'amount',
        'currency',
        'paymentTerms',
        'closeDate',
        'startDate',
        'deliveryDate',
        'billingContact',
      ],
    ],
    ['Lost', ['name', 'closeDate']],
  ])('requires the finance fields a %s deal needs', (stage, fields) => {
    expect(findStage(DEFAULT_SCHEME, stage)?.requiredFields).toEqual(fields);
  });
});

describe('lookups', () => {
  test.each([
    ['Won', 'Won'],
    ['won', 'Won'],
    ['  READY FOR FULFILMENT ', 'Ready for fulfilment'],
    ['in delivery', 'In delivery'],
  ])('findStage finds "%s" as %s', (name, canonical) => {
    expect(findStage(DEFAULT_SCHEME, name)?.name).toBe(canonical);
  });

  test.each(['Closed', ''])('findStage finds nothing for "%s"', (name) => {
    expect(findStage(DEFAULT_SCHEME, name)).toBeUndefined();
  });

  test.each<[StageKind, boolean]>([
    ['open', false],
    ['won', true],
    ['fulfilment', true],
    ['delivery', true],
    ['lost', false],
  ])('isWonKind says %s is won: %s', (kind, won) => {
    expect(isWonKind(kind)).toBe(won);
  });

  test.each([
    ['Overdue', 'Payment status'],
    ['paid in full', 'Payment status'],
    ['Renewal', 'Deal type'],
  ])('tagGroupOf puts "%s" in %s', (tag, group) => {
    expect(tagGroupOf(DEFAULT_SCHEME, tag)?.name).toBe(group);
  });

  test('tagGroupOf finds no group for an unknown tag', () => {
    expect(tagGroupOf(DEFAULT_SCHEME, 'VIP')).toBeUndefined();
  });
});

describe('settingsRowsFromScheme', () => {
  test('writes required fields by their labels', () => {
    const rows = settingsRowsFromScheme(DEFAULT_SCHEME);

    expect(rows).toContainEqual({
      section: 'Stage',
      name: 'Won',
      kind: 'won',
      value: 'Deal name, Account, Amount, Currency, Payment terms, Close date',
    });
  });

  test('writes tag groups, their tags and the options', () => {
    const rows = settingsRowsFromScheme(DEFAULT_SCHEME);

    expect(rows).toEqual(
      expect.arrayContaining([
        { section: 'Tag group', name: 'Payment status', kind: 'one per deal', value: '' },
        { section: 'Tag group', name: 'Deal type', kind: 'any number', value: '' },
        { section: 'Tag', name: 'Overdue', kind: 'Payment status', value: '' },
        { section: 'Handover task', name: 'Kickoff call', kind: 'operations', value: '3' },
        { section: 'Option', name: 'Default currency', kind: '', value: 'USD' },
        { section: 'Option', name: 'Reminder lead days', kind: '', value: '30' },
        { section: 'Option', name: 'Digest recipients', kind: '', value: '' },
      ]),
    );
  });

  test('reads back as the default scheme with no errors', () => {
    const rows = numbered(settingsRowsFromScheme(DEFAULT_SCHEME));

    expect(schemeFromSettingsRows(rows)).toEqual({ scheme: DEFAULT_SCHEME, errors: [] });
  });

  test('reads back a scheme with empty lists, custom rules and digest recipients', () => {
    const scheme: Scheme = {
      stages: [
        { name: 'Open', kind: 'open', requiredFields: ['name'] },
        { name: 'Signed', kind: 'won', requiredFields: ['name', 'amount', 'currency'] },
        { name: 'Dropped', kind: 'lost', requiredFields: [] },
      ],
      tagGroups: [{ name: 'Region', onePerDeal: true, tags: [] }],
      paymentTerms: [{ name: 'Standard', rule: '25% deposit, balance Net 45' }],
      team: [],
      handoverTasks: [],
      options: {
        defaultCurrency: 'EUR',
        defaultPaymentTerms: 'Standard',
        reminderLeadDays: 0,
        digestRecipients: ['fran@example.com', 'ops@example.com'],
      },
    };
    const rows = numbered(settingsRowsFromScheme(scheme));

    expect(schemeFromSettingsRows(rows)).toEqual({ scheme, errors: [] });
  });
});

describe('schemeFromSettingsRows: reading', () => {
  test('takes every section it is not given from the default scheme', () => {
    const rows = sheet(['Option', 'Default currency', '', 'EUR']);

    expect(schemeFromSettingsRows(rows)).toEqual({
      scheme: { ...DEFAULT_SCHEME, options: { ...DEFAULT_SCHEME.options, defaultCurrency: 'EUR' } },
      errors: [],
    });
  });

  test('reads an empty sheet as the default scheme', () => {
    expect(schemeFromSettingsRows([])).toEqual({ scheme: DEFAULT_SCHEME, errors: [] });
  });

  test('skips blank rows', () => {
    const rows = sheet(['', '', '', ''], ['  ', '', ' ', ''], ...MINIMAL_STAGES);

    expect(schemeFromSettingsRows(rows).errors).toEqual([]);
  });

  test('keeps the stages in row order', () => {
    const { scheme } = schemeFromSettingsRows(sheet(...MINIMAL_STAGES));

    expect(stageNames(scheme)).toEqual(['Open', 'Won', 'Lost']);
  });

  test('reads section names and stage kinds in any case', () => {
    const rows = sheet(
      ['STAGE', 'Open', 'Open', ''],
      ['stage', 'Won', 'WON', ''],
      ['Stages', 'Lost', 'lost', ''],
      ['tag group', 'Region', 'One per deal', ''],
      ['TAG', 'EMEA', 'region', ''],
    );
    const { scheme, errors } = schemeFromSettingsRows(rows);

    expect(errors).toEqual([]);
    expect(scheme.tagGroups).toEqual([{ name: 'Region', onePerDeal: true, tags: ['EMEA'] }]);
  });

  test('reads required fields given as labels or keys, once each', () => {
    const rows = sheet(
      ['Stage', 'Won', 'won', 'amount, Close Date; paymentTerms, Amount'],
      ['Stage', 'Lost', 'lost', ''],
    );

    expect(schemeFromSettingsRows(rows).scheme.stages[0]?.requiredFields).toEqual([
      'amount',
      'closeDate',
      'paymentTerms',
    ]);
  });

  test('places a tag listed before its group', () => {
    const rows = sheet(['Tag', 'EMEA', 'Region', ''], ['Tag group', 'Region', 'any number', '']);

    expect(schemeFromSettingsRows(rows).scheme.tagGroups).toEqual([
      { name: 'Region', onePerDeal: false, tags: ['EMEA'] },
    ]);
  });

  test('takes the preset name as its rule when the Value is empty', () => {
    const rows = sheet(['Payment terms', 'Net 30', '', ''], ['Payment terms', 'Net 10', '', '']);

    expect(schemeFromSettingsRows(rows).scheme.paymentTerms).toEqual([
      { name: 'Net 30', rule: 'Net 30' },
      { name: 'Net 10', rule: 'Net 10' },
    ]);
  });

  test('reads team members, handover tasks and options', () => {
    const rows = sheet(
      ['Team', 'Ada', 'finance', 'ada@example.com'],
      ['Handover task', 'Book kickoff', 'operations', '2'],
      ['Option', 'Reminder lead days', '', '45'],
      ['Option', 'digest recipients', '', 'ada@example.com, bo@example.com'],
      ['Option', 'Default currency', '', 'gbp'],
    );
    const { scheme, errors } = schemeFromSettingsRows(rows);

    expect(errors).toEqual([]);
    expect(scheme.team).toEqual([{ name: 'Ada', role: 'finance', email: 'ada@example.com' }]);
    expect(scheme.handoverTasks).toEqual([
      { title: 'Book kickoff', assigneeRole: 'operations', dueAfterDays: 2 },
    ]);
    expect(scheme.options).toEqual({
      defaultCurrency: 'GBP',
      defaultPaymentTerms: 'Net 30',
      reminderLeadDays: 45,
      digestRecipients: ['ada@example.com', 'bo@example.com'],
    });
  });

  test('reads a section given only by its name as an empty list', () => {
    const rows = sheet(['Handover task', '', '', '']);

    expect(schemeFromSettingsRows(rows).scheme.handoverTasks).toEqual([]);
  });
});

describe('schemeFromSettingsRows: problems', () => {
  test.each<[string, Cells, FieldError]>([
    [
      'a stage with no kind',
      ['Stage', 'Signed', '', 'Deal name'],
      {
        field: 'Settings row 5',
        message: 'stage "Signed" needs a kind: one of open, won, fulfilment, delivery, lost.',
      },
    ],
    [
      'a stage with an unknown kind',
      ['Stage', 'Signed', 'closed', ''],
      {
        field: 'Settings row 5',
        message: 'stage "Signed" needs a kind: one of open, won, fulfilment, delivery, lost.',
      },
    ],
    [
      'a stage with no name',
      ['Stage', '', 'open', ''],
      { field: 'Settings row 5', message: 'a Stage row needs the stage name in the Name column.' },
    ],
    [
      'a stage requiring an unknown field',
      ['Stage', 'Signed', 'open', 'Deal name, Amonut'],
      {
        field: 'Settings row 5',
        message:
          'stage "Signed" requires "Amonut", which is not a deal field: use Deals column ' +
          'names, such as Amount or Close date, separated by commas.',
      },
    ],
    [
      'a stage requiring a field Deal Desk fills in',
      ['Stage', 'Signed', 'open', 'Version'],
      {
        field: 'Settings row 5',
        message:
          'stage "Signed" requires Version, which Deal Desk fills in itself: ' +
          'remove it from the list.',
      },
    ],
    [
      'an unknown section',
      ['Colour', 'Blue', '', ''],
      {
        field: 'Settings row 5',
        message:
          'the section "Colour" is not one Deal Desk knows: use Stage, Tag group, Tag, ' +
          'Payment terms, Team, Handover task or Option.',
      },
    ],
    [
      'a row with no section',
      ['', 'Won', 'won', ''],
      {
        field: 'Settings row 5',
        message:
          'the Section column is empty: use Stage, Tag group, Tag, Payment terms, Team, ' +
          'Handover task or Option.',
      },
    ],
    [
      'a tag group with an unknown kind',
      ['Tag group', 'Region', 'several', ''],
      {
        field: 'Settings row 5',
        message: 'tag group "Region" needs a kind: "one per deal" or "any number".',
      },
    ],
    [
      'a tag in a group nobody declared',
      ['Tag', 'EMEA', 'Region', ''],
      {
        field: 'Settings row 5',
        message:
          'tag "EMEA" is in the group "Region", but no Tag group row has that name: ' +
          'add the group or correct the name.',
      },
    ],
    [
      'a tag with no group',
      ['Tag', 'EMEA', '', ''],
      {
        field: 'Settings row 5',
        message: 'tag "EMEA" needs the name of its tag group in the Kind column.',
      },
    ],
    [
      'a team member with an unknown role',
      ['Team', 'Ada', 'accounts', 'ada@example.com'],
      {
        field: 'Settings row 5',
        message: 'team member "Ada" needs a role: one of sales, operations, finance, admin.',
      },
    ],
    [
      'a team member whose email is not an email',
      ['Team', 'Ada', 'finance', 'ada at example'],
      {
        field: 'Settings row 5',
        message:
          'team member "Ada" has the email "ada at example", which doesn\'t look like an ' +
          'email address: enter it like name@example.com.',
      },
    ],
    [
      'a handover task due after a number of days that is not whole',
      ['Handover task', 'Kickoff', 'operations', '1.5'],
      {
        field: 'Settings row 5',
        message:
          'handover task "Kickoff" needs the number of days after handover it is due: ' +
          'a whole number from 0 to 365.',
      },
    ],
    [
      'an unknown option',
      ['Option', 'Fiscal year start', '', 'April'],
      {
        field: 'Settings row 5',
        message:
          '"Fiscal year start" is not an option Deal Desk knows: use Default currency, ' +
          'Default payment terms, Reminder lead days or Digest recipients.',
      },
    ],
    [
      'reminder lead days that are not a number',
      ['Option', 'Reminder lead days', '', 'soon'],
      {
        field: 'Settings row 5',
        message: 'reminder lead days must be a whole number from 0 to 365, not "soon".',
      },
    ],
    [
      'a default currency that is not ISO 4217',
      ['Option', 'Default currency', '', 'Dollars'],
      {
        field: 'Settings row 5',
        message:
          'the default currency "DOLLARS" is not an ISO 4217 code: use a three-letter code ' +
          'such as USD or EUR.',
      },
    ],
    [
      'default payment terms that are not a preset',
      ['Option', 'Default payment terms', '', 'Net 90'],
      {
        field: 'Settings row 5',
        message:
          'the default payment terms "Net 90" are not one of the payment terms presets: set ' +
          'the Default payment terms option to one of Due on receipt, Net 15, Net 30, Net 45, ' +
          'Net 60, 30% deposit, balance Net 30, 50% deposit, balance Net 30.',
      },
    ],
    [
      'a digest recipient that is not an email',
      ['Option', 'Digest recipients', '', 'fran@example.com, finance team'],
      {
        field: 'Settings row 5',
        message:
          'the digest recipient "finance team" doesn\'t look like an email address: ' +
          'correct or remove it.',
      },
    ],
    [
      'a stage listed twice',
      ['Stage', 'WON', 'won', ''],
      {
        field: 'Settings row 5',
        message: 'stage "WON" is listed twice: delete or rename this one.',
      },
    ],
  ])('reports %s on its row', (_case, badRow, error) => {
    const { errors } = schemeFromSettingsRows(sheet(...MINIMAL_STAGES, badRow));

    expect(errors).toContainEqual(error);
  });

  test('reports every problem, not just the first', () => {
    const rows = sheet(
      ...MINIMAL_STAGES,
      ['Team', 'Ada', 'accounts', 'ada@example.com'],
      ['Option', 'Reminder lead days', '', 'soon'],
      ['Option', 'Default currency', '', 'XX'],
    );

    expect(schemeFromSettingsRows(rows).errors.map((e) => e.field)).toEqual([
      'Settings row 5',
      'Settings row 6',
      'Settings row 7',
    ]);
  });

  test('says the scheme needs a lost stage when none has that kind', () => {
    const rows = sheet(['Stage', 'Open', 'open', ''], ['Stage', 'Won', 'won', '']);

    expect(schemeFromSettingsRows(rows).errors).toEqual([
      {
        field: 'Settings',
        message:
          'no stage has the kind lost: give the stage where a deal is lost (such as "Lost") ' +
          'the kind lost.',
      },
    ]);
  });

  test('still returns the scheme it could read alongside the problems', () => {
    const rows = sheet(...MINIMAL_STAGES, ['Stage', 'Signed', 'signed', '']);

    expect(stageNames(schemeFromSettingsRows(rows).scheme)).toEqual(['Open', 'Won', 'Lost']);
  });
});

describe('validateScheme', () => {
  function withStages(...stages: Scheme['stages']): Scheme {
    return { ...DEFAULT_SCHEME, stages };
  }

  const WON = { name: 'Won', kind: 'won', requiredFields: [] } as const;
  const LOST = { name: 'Lost', kind: 'lost', requiredFields: [] } as const;

  test.each<[string, Scheme, FieldError]>([
    [
      'a stage name used twice in another case',
      withStages(WON, LOST, { name: 'won', kind: 'delivery', requiredFields: [] }),
      { field: 'Stage 3', message: 'stage "won" is listed twice: delete or rename this one.' },
    ],
    [
      'no won stage',
      withStages({ name: 'Open', kind: 'open', requiredFields: [] }, LOST),
      {
        field: 'Settings',
        message:
          'no stage has the kind won: give the stage where a deal is won (such as "Won") ' +
          'the kind won.',
      },
    ],
    [
      'a required field that is not a deal field',
      withStages({ ...WON, requiredFields: ['price' as 'amount'] }, LOST),
      {
        field: 'Stage 1',
        message: 'stage "Won" requires "price", which is not a deal field: remove it.',
      },
    ],
    [
      'a required field Deal Desk fills in',
      withStages({ ...WON, requiredFields: ['updatedBy'] }, LOST),
      {
        field: 'Stage 1',
        message:
          'stage "Won" requires Updated by, which Deal Desk fills in itself: ' +
          'remove it from the list.',
      },
    ],
    [
      'a tag in two groups',
      {
        ...DEFAULT_SCHEME,
        tagGroups: [
          { name: 'Payment status', onePerDeal: true, tags: ['Overdue'] },
          { name: 'Risk', onePerDeal: false, tags: ['overdue'] },
        ],
      },
      {
        field: 'Tag group 2, tag 1',
        message: 'tag "overdue" is listed twice: delete or rename this one.',
      },
    ],
    [
      'a tag group name used twice',
      {
        ...DEFAULT_SCHEME,
        tagGroups: [
          { name: 'Region', onePerDeal: true, tags: [] },
          { name: 'region', onePerDeal: false, tags: [] },
        ],
      },
      {
        field: 'Tag group 2',
        message: 'tag group "region" is listed twice: delete or rename this one.',
      },
    ],
    [
      'a payment terms preset name used twice',
      {
        ...DEFAULT_SCHEME,
        paymentTerms: [...DEFAULT_SCHEME.paymentTerms, { name: 'NET 30', rule: 'Net 30' }],
      },
      {
        field: 'Payment terms 8',
        message: 'payment terms preset "NET 30" is listed twice: delete or rename this one.',
      },
    ],
    [
      'a payment terms rule Deal Desk cannot read',
      {
        ...DEFAULT_SCHEME,
        paymentTerms: [...DEFAULT_SCHEME.paymentTerms, { name: 'Monthly', rule: 'monthly' }],
      },
      {
        field: 'Payment terms 8',
        message:
          'payment terms "Monthly" have a rule Deal Desk can\'t read ("monthly"): write it ' +
          'like "Net 30", "Due on receipt" or "30% deposit, balance Net 30".',
      },
    ],
    [
      'a team member email without a domain',
      {
        ...DEFAULT_SCHEME,
        team: [{ name: 'Ada', role: 'finance', email: 'ada@' }],
      },
      {
        field: 'Team 1',
        message:
          'team member "Ada" has the email "ada@", which doesn\'t look like an email ' +
          'address: enter it like name@example.com.',
      },
    ],
    [
      'a handover task due after more than a year',
      {
        ...DEFAULT_SCHEME,
        handoverTasks: [{ title: 'Review', assigneeRole: 'sales', dueAfterDays: 400 }],
      },
      {
        field: 'Handover task 1',
        message:
          'handover task "Review" needs the number of days after handover it is due: ' +
          'a whole number from 0 to 365.',
      },
    ],
    [
      'a default currency in lower case',
      { ...DEFAULT_SCHEME, options: { ...DEFAULT_SCHEME.options, defaultCurrency: 'usd' } },
      {
        field: 'Option "Default currency"',
        message:
          'the default currency "usd" is not an ISO 4217 code: use a three-letter code ' +
          'such as USD or EUR.',
      },
    ],
  ])('reports %s', (_case, scheme, error) => {
    expect(validateScheme(scheme)).toEqual([error]);
  });

  test.each([366, -1, 1.5, Number.NaN])('refuses %d reminder lead days', (days) => {
    const scheme = {
      ...DEFAULT_SCHEME,
      options: { ...DEFAULT_SCHEME.options, reminderLeadDays: days },
    };

    expect(validateScheme(scheme)).toEqual([
      {
        field: 'Option "Reminder lead days"',
        message: 'reminder lead days must be a whole number of days from 0 to 365.',
      },
    ]);
  });

  test.each([0, 365])('accepts %i reminder lead days', (days) => {
    const scheme = {
      ...DEFAULT_SCHEME,
      options: { ...DEFAULT_SCHEME.options, reminderLeadDays: days },
    };

    expect(validateScheme(scheme)).toEqual([]);
  });

  test('accepts several stages of the won kinds', () => {
    const scheme = withStages(
      WON,
      { name: 'Kicked off', kind: 'fulfilment', requiredFields: [] },
      { name: 'Live', kind: 'delivery', requiredFields: [] },
      LOST,
    );

    expect(validateScheme(scheme)).toEqual([]);
  });
});
