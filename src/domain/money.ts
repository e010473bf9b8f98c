/**
 * Money: integer minor units of an ISO 4217 currency. Amounts are never floats inside the
 * domain, so instalments and totals add up to the cent; the sheet layer converts to and
 * from the major-unit numbers people see in cells.
 */

import { groupDigits } from './wording';

/** Active ISO 4217 codes whose minor unit is not 2 decimals. */
const MINOR_DIGITS_EXCEPTIONS: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

/** Every active ISO 4217 currency code (funds and metals excluded). */
const ISO_4217_CODES = new Set(
  (
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD ' +
    'BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD ' +
    'EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD ' +
    'IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL ' +
    'MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN ' +
    'PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN ' +
    'SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES ' +
    'VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG'
  ).split(' '),
);

/** True when `code` is an active ISO 4217 currency code, in capitals. */
export function isCurrencyCode(code: string): boolean {
  return ISO_4217_CODES.has(code);
}

/** How many decimals the currency's minor unit has (2 for USD, 0 for JPY, 3 for KWD). */
export function minorDigits(currency: string): number {
  return MINOR_DIGITS_EXCEPTIONS[currency] ?? 2;
}

/**
 * The largest amount Deal Desk holds, in major units: a trillion. Beyond it, minor units stop
 * being exact in a double (and totals of a few such deals would lose cents).
 */
export const MAX_AMOUNT = 1_000_000_000_000;

/** Why a number or text is not an amount Deal Desk can hold. */
export type AmountProblem = 'notAmount' | 'tooManyDecimals' | 'tooLarge';

/** An amount read in minor units, or why it could not be. */
export type AmountReading = { ok: true; minor: number } | { ok: false; problem: AmountProblem };

/**
 * Reads a major-unit number as a cell holds it (1054.5 USD -> 105450). Refuses numbers with
 * more decimals than the currency has, and numbers beyond `MAX_AMOUNT` or whose minor units
 * are not a safe integer.
 */
export function readAmountNumber(major: number, currency: string): AmountReading {
  if (typeof major !== 'number' || !Number.isFinite(major)) {
    return { ok: false, problem: 'notAmount' };
  }
  const scale = 10 ** minorDigits(currency);
  const minor = Math.round(major * scale);
  if (Math.abs(major) > MAX_AMOUNT || !Number.isSafeInteger(minor)) {
    return { ok: false, problem: 'tooLarge' };
  }
  // A double near a trillion is only exact to about 1e-4, so the tolerance grows with size.
  const tolerance = Math.max(1e-6 * scale, Math.abs(major * scale) * Number.EPSILON * 2);
  if (Math.abs(minor - major * scale) > tolerance) {
    return { ok: false, problem: 'tooManyDecimals' };
  }
  return { ok: true, minor: minor === 0 ? 0 : minor };
}

/**
 * Minor units from a major-unit number as a cell holds it (1054.5 USD -> 105450).
 * Returns null when the number has more decimals than the currency allows or is too large
 * (see `readAmountNumber`).
 */
export function toMinorUnits(major: number, currency: string): number | null {
  const reading = readAmountNumber(major, currency);
  return reading.ok ? reading.minor : null;
}

/** The major-unit number a cell should hold for an amount in minor units. */
export function toMajorUnits(minor: number, currency: string): number {
  const digits = minorDigits(currency);
  return Number((minor / 10 ** digits).toFixed(digits));
}

const AMOUNT_TEXT = /^([-+]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

// A symbol is a shorthand people type; one that names another currency than the deal's
// ("€100" on a USD deal) is a mistake to point out, not a character to drop.
const SYMBOL_CURRENCIES: Readonly<Record<string, (currency: string) => boolean>> = {
  $: (currency) => currency.endsWith('D'),
  '€': (currency) => currency === 'EUR',
  '£': (currency) => currency === 'GBP',
  '¥': (currency) => currency === 'JPY' || currency === 'CNY',
};

function symbolFits(symbol: string, currency: string): boolean {
  return SYMBOL_CURRENCIES[symbol]?.(currency) ?? false;
}

/**
 * Reads text a person typed: "1054", "1,054.50", "$1,054.50", " 12 ". The digits are read
 * exactly (never through a float), so "999999999999.99" stays exact; trailing zeros after
 * the point are allowed ("12.340" USD).
 */
export function readAmountText(text: string, currency: string): AmountReading {
  const trimmed = String(text).trim();
  const symbol = /^[$€£¥]/.exec(trimmed)?.[0];
  if (symbol && !symbolFits(symbol, currency)) return { ok: false, problem: 'notAmount' };

  const cleaned = trimmed.replace(/^[$€£¥]\s*/, '').replace(/\s+/g, '');
  const match = AMOUNT_TEXT.exec(cleaned);
  if (!match) return { ok: false, problem: 'notAmount' };

  const [, sign = '', wholeText = '', fractionText = ''] = match;
  const digits = minorDigits(currency);
  const whole = wholeText.replace(/,/g, '').replace(/^0+(?=\d)/, '');
  const fraction = fractionText.replace(/0+$/, '');
  // More than 13 digits before the point is beyond the limit, however many there are.
  if (whole.length > String(MAX_AMOUNT).length) return { ok: false, problem: 'tooLarge' };

  const wholeNumber = Number(whole);
  if (wholeNumber > MAX_AMOUNT || (wholeNumber === MAX_AMOUNT && fraction !== '')) {
    return { ok: false, problem: 'tooLarge' };
  }
  if (fraction.length > digits) return { ok: false, problem: 'tooManyDecimals' };

  const minor = wholeNumber * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor)) return { ok: false, problem: 'tooLarge' };
  return { ok: true, minor: sign === '-' && minor !== 0 ? -minor : minor };
}

/**
 * Minor units from text a person typed: "1054", "1,054.50", "$1,054.50", " 12 ".
 * Returns null for anything else, including amounts finer than the currency's minor unit
 * and amounts beyond `MAX_AMOUNT` (`readAmountText` says which).
 */
export function parseAmountText(text: string, currency: string): number | null {
  const reading = readAmountText(text, currency);
  return reading.ok ? reading.minor : null;
}

/** `MAX_AMOUNT` as people read it: "1,000,000,000,000". */
export const MAX_AMOUNT_TEXT = '1,000,000,000,000';

/** A sentence for an amount that could not be read, naming `text` as written. */
export function describeAmountProblem(
  text: string,
  currency: string,
  problem: AmountProblem,
): string {
  const digits = minorDigits(currency);
  const example = digits === 0 ? '1054' : `1054.${'5'.padEnd(digits, '0')}`;
  switch (problem) {
    case 'tooLarge':
      return `"${text}" is more than Deal Desk can hold: amounts go up to ${MAX_AMOUNT_TEXT}.`;
    case 'tooManyDecimals':
      return digits === 0
        ? `"${text}" has too many decimals: ` +
            `${currency} amounts are written with no decimals, e.g. ${example}.`
        : `"${text}" has too many decimals: ` +
            `${currency} amounts have at most ${digits} decimals, e.g. ${example}.`;
    case 'notAmount':
      return (
        `"${text}" is not an amount in ${currency}: write a number such as ${example}, ` +
        `with ${digits === 0 ? 'no decimals' : `at most ${digits} decimals`}.`
      );
  }
}

/** "10,005,534.00 USD": for messages and toasts, not for cells. */
export function formatMoney(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const [whole, fraction] = Math.abs(minor / 10 ** digits)
    .toFixed(digits)
    .split('.');
  const grouped = groupDigits(whole ?? '0');
  return `${sign}${grouped}${fraction ? '.' + fraction : ''} ${currency}`;
}

/**
 * Splits `total` into parts proportional to `weights`, in whole minor units, so the parts
 * always add up to `total` exactly (the rounding remainder goes to the last part).
 */
export function splitByWeights(total: number, weights: readonly number[]): number[] {
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const parts = weights.map((weight) => Math.round((total * weight) / weightSum));
  const drift = total - parts.reduce((sum, part) => sum + part, 0);
  parts[parts.length - 1] = (parts[parts.length - 1] ?? 0) + drift;
  return parts;
}
