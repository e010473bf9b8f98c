/**
 * Errors carry a stable code inside Deal Desk and become plain sentences only through the
 * catalogue below, so every message a person reads is written once, in one place.
 */

/** One problem with one field (or column, or setting), phrased so a person can fix it. */
export interface FieldError {
  /** The field key, column header or setting the problem is in. */
  readonly field: string;
  readonly message: string;
}

const CATALOGUE = {
  missingColumns: (p: { sheet: string; columns: string }) =>
    `The "${p.sheet}" sheet has no column ${p.columns}. Add the column back (or run ` +
    `Extensions > Deal Desk > Set up Deal Desk) and try again; nothing was changed.`,
  missingSheet: (p: { sheet: string }) =>
    `There is no "${p.sheet}" sheet yet. Run Extensions > Deal Desk > Set up Deal Desk first.`,
  duplicateColumn: (p: { sheet: string; column: string }) =>
    `The "${p.sheet}" sheet has two "${p.column}" columns. Rename or delete one and try again.`,
  busy: () =>
    'Someone else is saving to this spreadsheet right now. Wait a few seconds and try again.',
  invalidSettings: (p: { problems: string }) =>
    `The Settings sheet needs fixing before Deal Desk can continue: ${p.problems}`,
  invalidDeal: (p: { problems: string }) => `This deal can't be saved yet: ${p.problems}`,
  invalidInput: (p: { problems: string }) => p.problems,
  emptyImport: () => 'The file has no rows under its header. Pick a CSV export with deals in it.',
  unmappedImport: (p: { missing: string }) =>
    `Deal Desk could not find a column for ${p.missing} in the file. Map it by hand and try again.`,
  staleDeal: (p: { id: string; by: string; at: string; fields: string }) =>
    `${p.by} saved ${p.id} at ${p.at} after you opened it (changed: ${p.fields}). ` +
    'Reload the deal to see their changes, then make yours again.',
  unknownDeal: (p: { id: string }) => `There is no deal ${p.id} on the Deals sheet.`,
  dealNeedsFixing: (p: { fields: string }) =>
    `This deal can't be saved yet: check ${p.fields}. Each field says what it needs.`,
  quoteTooLarge: (p: { name: string; megabytes: string; limit: number }) =>
    `"${p.name}" is ${p.megabytes} MB and a quote can be at most ${p.limit} MB. Upload a ` +
    'smaller file (a PDF export is usually small enough), or put it in Drive and paste its link.',
  unreadableUpload: (p: { name: string }) =>
    `"${p.name}" did not arrive whole. Pick the file again and upload it once more.`,
  quoteUnreadable: () =>
    "Deal Desk can't open this file: it may have been deleted or not shared with you. " +
    'Paste a new link or upload the file again.',
  driveFolderLink: (p: { text: string }) =>
    `"${p.text}" is a Drive folder, not a file. Open the quote itself in Drive and copy ` +
    'its link, or upload the file instead.',
  notDriveLink: (p: { text: string }) =>
    `"${p.text}" is not a Google Drive link. Paste the link from Drive's Share or ` +
    'Copy link button, or upload the file instead.',
} as const;

export type ErrorCode = keyof typeof CATALOGUE;
type Render<C extends ErrorCode> = (typeof CATALOGUE)[C];
type ParamsOf<C extends ErrorCode> = Parameters<Render<C>>['length'] extends 0
  ? Record<string, never> | undefined
  : Parameters<Render<C>>[0];

/** A failure a person can act on; its message comes from the catalogue. */
export class DealDeskError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors: readonly FieldError[];

  constructor(code: ErrorCode, message: string, fieldErrors: readonly FieldError[] = []) {
    super(message);
    this.name = 'DealDeskError';
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

/** Builds the error for `code`, its message filled in from the catalogue. */
export function dealDeskError<C extends ErrorCode>(
  code: C,
  params: ParamsOf<C>,
  fieldErrors: readonly FieldError[] = [],
): DealDeskError {
  const render = CATALOGUE[code] as (p: ParamsOf<C>) => string;
  return new DealDeskError(code, render(params), fieldErrors);
}

/** Field errors as one readable sentence list: `Amount: enter a number. Stage: ...` */
export function describeFieldErrors(errors: readonly FieldError[]): string {
  return errors.map((e) => `${e.field}: ${e.message}`).join(' ');
}

/** True for errors Deal Desk raised on purpose (works across script realms). */
export function isDealDeskError(error: unknown): error is DealDeskError {
  return typeof error === 'object' && error !== null && (error as Error).name === 'DealDeskError';
}
