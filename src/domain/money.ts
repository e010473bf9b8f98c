/**
 * Money: integer minor units of an ISO 4217 currency. Amounts are never floats inside the
 * domain, so instalments and totals add up to the cent; the sheet layer converts to and
 * from the major-unit numbers people see in cells.
 */

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
 * Minor units from a major-unit number as a cell holds it (1054.5 USD -> 105450).
 * Returns null when the number has more decimals than the currency allows.
 */
export function toMinorUnits(major: number, currency: string): number | null {
  const scale = 10 ** minorDigits(currency);
  const minor = Math.round(major * scale);
  if (!Number.isFinite(minor) || Math.abs(minor - major * scale) > 1e-6 * Math.max(1, scale)) {
    return null;
  }
  return minor;
}

/** The major-unit number a cell should hold for an amount in minor units. */
export function toMajorUnits(minor: number, currency: string): number {
  const digits = minorDigits(currency);
  return Number((minor / 10 ** digits).toFixed(digits));
}

const AMOUNT_TEXT = /^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;

/**
 * Minor units from text a person typed: "1054", "1,054.50", "$1,054.50", " 12 ".
 * Returns null for anything else, including amounts finer than the currency's minor unit.
 */
export function parseAmountText(text: string, currency: string): number | null {
  const cleaned = text
    .trim()
    .replace(/^[$€£¥]\s*/, '')
    .replace(/\s+/g, '');
  if (!AMOUNT_TEXT.test(cleaned)) return null;

  return toMinorUnits(Number(cleaned.replace(/,/g, '')), currency);
}

/** "10,005,534.00 USD": for messages and toasts, not for cells. */
export function formatMoney(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const [whole, fraction] = Math.abs(minor / 10 ** digits)
    .toFixed(digits)
    .split('.');
  const grouped = (whole ?? '0').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
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
