// SpreadsheetApp.newDataValidation(): the builder and the built rule, over the plain
// ValidationRule the sheet model stores (and the xlsx file keeps).

import { isDate, type RuntimeContext } from './context';
import type { Local } from './gas-types';
import type { ValidationRule } from './sheet-model';
import { instantToWall, wallToInstant } from './time-zone';

type GasRule = GoogleAppsScript.Spreadsheet.DataValidation;
type GasBuilder = GoogleAppsScript.Spreadsheet.DataValidationBuilder;
type Criteria = GoogleAppsScript.Spreadsheet.DataValidationCriteria;

/** SpreadsheetApp.DataValidationCriteria: each member's value is its name, as String() shows. */
export const DATA_VALIDATION_CRITERIA = Object.freeze(
  Object.fromEntries(
    [
      'DATE_AFTER',
      'DATE_BEFORE',
      'DATE_BETWEEN',
      'DATE_EQUAL_TO',
      'DATE_IS_VALID_DATE',
      'DATE_NOT_BETWEEN',
      'DATE_ON_OR_AFTER',
      'DATE_ON_OR_BEFORE',
      'NUMBER_BETWEEN',
      'NUMBER_EQUAL_TO',
      'NUMBER_GREATER_THAN',
      'NUMBER_GREATER_THAN_OR_EQUAL_TO',
      'NUMBER_LESS_THAN',
      'NUMBER_LESS_THAN_OR_EQUAL_TO',
      'NUMBER_NOT_BETWEEN',
      'NUMBER_NOT_EQUAL_TO',
      'TEXT_CONTAINS',
      'TEXT_DOES_NOT_CONTAIN',
      'TEXT_EQUAL_TO',
      'TEXT_IS_VALID_EMAIL',
      'TEXT_IS_VALID_URL',
      'VALUE_IN_LIST',
      'VALUE_IN_RANGE',
      'CUSTOM_FORMULA',
      'CHECKBOX',
    ].map((name) => [name, name]),
  ),
);

/** What the validation classes need from the spreadsheet around them. */
export interface ValidationEnv {
  ctx: RuntimeContext;
  timeZone(): string;
  /** A Range for an A1 reference with its sheet ('Settings'!A2:A9). */
  rangeOf(reference: string): unknown;
  /** The A1 reference with sheet of a Range the add-on passed, or undefined if not a range. */
  referenceOf(range: unknown): string | undefined;
}

const DATE_CRITERIA = /^DATE_/;

/** A built rule (DataValidation). */
export class LocalDataValidation implements Local<
  GasRule,
  'getAllowInvalid' | 'getCriteriaValues' | 'getHelpText' | 'copy'
> {
  constructor(
    private readonly env: ValidationEnv,
    /** The plain rule stored in cells; shared by every cell it was set on. */
    readonly rule: ValidationRule,
  ) {}

  private hit(method: string): void {
    this.env.ctx.hit('Spreadsheet', `DataValidation.${method}`);
  }

  getCriteriaType(): Criteria {
    this.hit('getCriteriaType');
    return this.rule.criteria as unknown as Criteria;
  }

  getCriteriaValues(): unknown[] {
    this.hit('getCriteriaValues');
    return criteriaValues(this.env, this.rule);
  }

  getAllowInvalid(): boolean {
    this.hit('getAllowInvalid');
    return this.rule.allowInvalid;
  }

  getHelpText(): string {
    this.hit('getHelpText');
    return this.rule.helpText;
  }

  copy(): LocalDataValidationBuilder {
    this.hit('copy');
    return new LocalDataValidationBuilder(this.env, { ...this.rule, args: [...this.rule.args] });
  }
}

function criteriaValues(env: ValidationEnv, rule: ValidationRule): unknown[] {
  if (rule.criteria === 'VALUE_IN_LIST') {
    return [[...(rule.args[0] as unknown[])], rule.args[1] ?? true];
  }
  if (rule.criteria === 'VALUE_IN_RANGE')
    return [env.rangeOf(String(rule.args[0])), rule.args[1] ?? true];
  if (DATE_CRITERIA.test(rule.criteria)) {
    return rule.args.map((wall) => env.ctx.date(wallToInstant(wall as number, env.timeZone())));
  }
  return [...rule.args];
}

/** SpreadsheetApp.newDataValidation(). */
export class LocalDataValidationBuilder implements Local<
  GasBuilder,
  | 'build'
  | 'copy'
  | 'getAllowInvalid'
  | 'getCriteriaValues'
  | 'getHelpText'
  | 'requireCheckbox'
  | 'requireDate'
  | 'requireDateAfter'
  | 'requireDateBefore'
  | 'requireDateBetween'
  | 'requireDateEqualTo'
  | 'requireDateNotBetween'
  | 'requireDateOnOrAfter'
  | 'requireDateOnOrBefore'
  | 'requireFormulaSatisfied'
  | 'requireNumberBetween'
  | 'requireNumberEqualTo'
  | 'requireNumberGreaterThan'
  | 'requireNumberGreaterThanOrEqualTo'
  | 'requireNumberLessThan'
  | 'requireNumberLessThanOrEqualTo'
  | 'requireNumberNotBetween'
  | 'requireNumberNotEqualTo'
  | 'requireTextContains'
  | 'requireTextDoesNotContain'
  | 'requireTextEqualTo'
  | 'requireTextIsEmail'
  | 'requireTextIsUrl'
  | 'requireValueInList'
  | 'requireValueInRange'
  | 'setAllowInvalid'
  | 'setHelpText'
> {
  private readonly rule: ValidationRule;

  constructor(
    private readonly env: ValidationEnv,
    start?: ValidationRule,
  ) {
    // Sheets' builder allows invalid input (shows a warning) unless told otherwise.
    this.rule = start ?? { criteria: '', args: [], allowInvalid: true, helpText: '' };
  }

  private hit(method: string): void {
    this.env.ctx.hit('Spreadsheet', `DataValidationBuilder.${method}`);
  }

  private set(method: string, criteria: string, args: unknown[]): this {
    this.hit(method);
    this.rule.criteria = criteria;
    this.rule.args = args;
    return this;
  }

  private wall(date: unknown, method: string): number {
    if (!isDate(date)) throw this.env.ctx.error(`Invalid argument: date (${method})`);
    return instantToWall(date.getTime(), this.env.timeZone());
  }

  build(): LocalDataValidation {
    this.hit('build');
    if (!this.rule.criteria)
      throw this.env.ctx.error('The data validation rule has no criteria set.');
    return new LocalDataValidation(this.env, { ...this.rule, args: [...this.rule.args] });
  }

  copy(): LocalDataValidationBuilder {
    this.hit('copy');
    return new LocalDataValidationBuilder(this.env, { ...this.rule, args: [...this.rule.args] });
  }

  getAllowInvalid(): boolean {
    this.hit('getAllowInvalid');
    return this.rule.allowInvalid;
  }

  getCriteriaType(): Criteria {
    this.hit('getCriteriaType');
    return this.rule.criteria as unknown as Criteria;
  }

  getCriteriaValues(): unknown[] {
    this.hit('getCriteriaValues');
    return criteriaValues(this.env, this.rule);
  }

  getHelpText(): string | null {
    this.hit('getHelpText');
    return this.rule.helpText || null;
  }

  requireCheckbox(checked?: unknown, unchecked?: unknown): this {
    const args =
      checked === undefined ? [] : unchecked === undefined ? [checked] : [checked, unchecked];
    return this.set('requireCheckbox', 'CHECKBOX', args);
  }

  requireDate(): this {
    return this.set('requireDate', 'DATE_IS_VALID_DATE', []);
  }

  requireDateAfter(date: unknown): this {
    return this.set('requireDateAfter', 'DATE_AFTER', [this.wall(date, 'requireDateAfter')]);
  }

  requireDateBefore(date: unknown): this {
    return this.set('requireDateBefore', 'DATE_BEFORE', [this.wall(date, 'requireDateBefore')]);
  }

  requireDateBetween(start: unknown, end: unknown): this {
    const args = [this.wall(start, 'requireDateBetween'), this.wall(end, 'requireDateBetween')];
    return this.set('requireDateBetween', 'DATE_BETWEEN', args);
  }

  requireDateEqualTo(date: unknown): this {
    return this.set('requireDateEqualTo', 'DATE_EQUAL_TO', [this.wall(date, 'requireDateEqualTo')]);
  }

  requireDateNotBetween(start: unknown, end: unknown): this {
    const args = [
      this.wall(start, 'requireDateNotBetween'),
      this.wall(end, 'requireDateNotBetween'),
    ];
    return this.set('requireDateNotBetween', 'DATE_NOT_BETWEEN', args);
  }

  requireDateOnOrAfter(date: unknown): this {
    return this.set('requireDateOnOrAfter', 'DATE_ON_OR_AFTER', [
      this.wall(date, 'requireDateOnOrAfter'),
    ]);
  }

  requireDateOnOrBefore(date: unknown): this {
    const args = [this.wall(date, 'requireDateOnOrBefore')];
    return this.set('requireDateOnOrBefore', 'DATE_ON_OR_BEFORE', args);
  }

  requireFormulaSatisfied(formula: string): this {
    return this.set('requireFormulaSatisfied', 'CUSTOM_FORMULA', [String(formula)]);
  }

  requireNumberBetween(start: number, end: number): this {
    return this.set('requireNumberBetween', 'NUMBER_BETWEEN', [Number(start), Number(end)]);
  }

  requireNumberEqualTo(number: number): this {
    return this.set('requireNumberEqualTo', 'NUMBER_EQUAL_TO', [Number(number)]);
  }

  requireNumberGreaterThan(number: number): this {
    return this.set('requireNumberGreaterThan', 'NUMBER_GREATER_THAN', [Number(number)]);
  }

  requireNumberGreaterThanOrEqualTo(number: number): this {
    const criteria = 'NUMBER_GREATER_THAN_OR_EQUAL_TO';
    return this.set('requireNumberGreaterThanOrEqualTo', criteria, [Number(number)]);
  }

  requireNumberLessThan(number: number): this {
    return this.set('requireNumberLessThan', 'NUMBER_LESS_THAN', [Number(number)]);
  }

  requireNumberLessThanOrEqualTo(number: number): this {
    const criteria = 'NUMBER_LESS_THAN_OR_EQUAL_TO';
    return this.set('requireNumberLessThanOrEqualTo', criteria, [Number(number)]);
  }

  requireNumberNotBetween(start: number, end: number): this {
    return this.set('requireNumberNotBetween', 'NUMBER_NOT_BETWEEN', [Number(start), Number(end)]);
  }

  requireNumberNotEqualTo(number: number): this {
    return this.set('requireNumberNotEqualTo', 'NUMBER_NOT_EQUAL_TO', [Number(number)]);
  }

  requireTextContains(text: string): this {
    return this.set('requireTextContains', 'TEXT_CONTAINS', [String(text)]);
  }

  requireTextDoesNotContain(text: string): this {
    return this.set('requireTextDoesNotContain', 'TEXT_DOES_NOT_CONTAIN', [String(text)]);
  }

  requireTextEqualTo(text: string): this {
    return this.set('requireTextEqualTo', 'TEXT_EQUAL_TO', [String(text)]);
  }

  requireTextIsEmail(): this {
    return this.set('requireTextIsEmail', 'TEXT_IS_VALID_EMAIL', []);
  }

  requireTextIsUrl(): this {
    return this.set('requireTextIsUrl', 'TEXT_IS_VALID_URL', []);
  }

  requireValueInList(values: string[], showDropdown = true): this {
    if (!Array.isArray(values)) throw this.env.ctx.error('Invalid argument: values');
    const list = values.map((value) => String(value));
    return this.set('requireValueInList', 'VALUE_IN_LIST', [list, showDropdown !== false]);
  }

  requireValueInRange(range: unknown, showDropdown = true): this {
    const reference = this.env.referenceOf(range);
    if (!reference) throw this.env.ctx.error('Invalid argument: range');
    return this.set('requireValueInRange', 'VALUE_IN_RANGE', [reference, showDropdown !== false]);
  }

  withCriteria(criteria: unknown, args: unknown[]): this {
    this.hit('withCriteria');
    this.rule.criteria = String(criteria);
    this.rule.args = args.map((arg) => {
      if (isDate(arg)) return instantToWall(arg.getTime(), this.env.timeZone());
      return this.env.referenceOf(arg) ?? arg;
    });
    return this;
  }

  setAllowInvalid(allowInvalidData: boolean): this {
    this.hit('setAllowInvalid');
    this.rule.allowInvalid = Boolean(allowInvalidData);
    return this;
  }

  setHelpText(helpText: string): this {
    this.hit('setHelpText');
    this.rule.helpText = String(helpText ?? '');
    return this;
  }
}
