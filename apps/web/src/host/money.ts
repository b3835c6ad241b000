// Money on the host pages: how many minor-unit digits a currency has, typed amounts to minor units
// and back, and the currency a new link most likely uses. On Intl only, like the date helpers.

/**
 * Digits after the decimal point of `currency` (ISO 4217), as Intl formats it: 2 for EUR, 0 for
 * JPY, 3 for KWD. A value without a currency is read with 2, like cents.
 *
 * @example
 * ```ts
 * currencyDigits('JPY'); // 0
 * currencyDigits(null); // 2
 * ```
 */
export function currencyDigits(currency: string | null): number {
  if (!currency) return 2;
  const format = new Intl.NumberFormat('en', { style: 'currency', currency });
  return format.resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * A typed amount (`1500.50`, a dot as decimal separator, as `<input type="number">` gives it) in
 * minor units of `currency`, or null when it is not a non-negative number with at most the
 * currency's digits (`12.5` yen has no minor unit to hold the half).
 *
 * @example
 * ```ts
 * toMinorUnits('1500.50', 'EUR'); // 150050
 * toMinorUnits('1500', 'JPY'); // 1500
 * toMinorUnits('12.5', 'JPY'); // null
 * ```
 */
export function toMinorUnits(amount: string, currency: string | null): number | null {
  const digits = currencyDigits(currency);
  const match = /^(\d+)(?:\.(\d*))?$/.exec(amount.trim());
  if (!match) return null;
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > digits) return null;
  const minor = Number(match[1] + fraction.padEnd(digits, '0'));
  return Number.isSafeInteger(minor) ? minor : null;
}

/**
 * Minor units of `currency` as the amount a host types: `150050` EUR is `1500.50`, `1500` JPY is
 * `1500`.
 *
 * @example
 * ```ts
 * fromMinorUnits(150_050, 'EUR'); // '1500.50'
 * fromMinorUnits(1_500, 'JPY'); // '1500'
 * ```
 */
export function fromMinorUnits(valueMinor: number, currency: string | null): string {
  const digits = currencyDigits(currency);
  return (valueMinor / 10 ** digits).toFixed(digits);
}

/**
 * Each currency and the regions (ISO 3166) whose locale most likely means it; declared once, read
 * through {@link REGION_CURRENCY}. Regions not listed get no guess.
 */
const CURRENCY_REGIONS: Readonly<Record<string, string>> = {
  EUR: 'AD AT BE CY DE EE ES FI FR GR HR IE IT LT LU LV MC ME MT NL PT SI SK SM VA XK',
  USD: 'AS EC GU MH PR SV TL UM US VI ZW',
  GBP: 'GB GG IM JE',
  CHF: 'CH LI',
  AUD: 'AU KI NR TV',
  NZD: 'CK NU NZ',
  DKK: 'DK FO GL',
  NOK: 'NO SJ',
  ARS: 'AR',
  BRL: 'BR',
  CAD: 'CA',
  CLP: 'CL',
  CNY: 'CN',
  COP: 'CO',
  CZK: 'CZ',
  EGP: 'EG',
  HKD: 'HK',
  HUF: 'HU',
  IDR: 'ID',
  ILS: 'IL',
  INR: 'IN',
  ISK: 'IS',
  JPY: 'JP',
  KES: 'KE',
  KRW: 'KR',
  KWD: 'KW',
  MXN: 'MX',
  MYR: 'MY',
  NGN: 'NG',
  PEN: 'PE',
  PHP: 'PH',
  PKR: 'PK',
  PLN: 'PL',
  RON: 'RO',
  SAR: 'SA',
  SEK: 'SE',
  SGD: 'SG',
  THB: 'TH',
  TRY: 'TR',
  TWD: 'TW',
  UAH: 'UA',
  AED: 'AE',
  VND: 'VN',
  ZAR: 'ZA',
};

/** Region -> currency, derived from {@link CURRENCY_REGIONS}. */
const REGION_CURRENCY: ReadonlyMap<string, string> = new Map(
  Object.entries(CURRENCY_REGIONS).flatMap(([currency, regions]) =>
    regions.split(' ').map((region) => [region, currency] as const),
  ),
);

/**
 * The currency a new link most likely uses: the one most of the workspace's links already name,
 * else the one of the region of `locales` (the browser's languages by default; `en-US` is USD,
 * `de` is read as `de-DE`, so EUR), else null (a value shown without a symbol).
 *
 * @example
 * ```ts
 * likelyCurrency([], ['fr-CA']); // 'CAD'
 * likelyCurrency(['JPY', 'JPY', 'EUR'], ['en-US']); // 'JPY'
 * ```
 */
export function likelyCurrency(
  used: readonly (string | null)[],
  locales: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages,
): string | null {
  const counts = new Map<string, number>();
  for (const c of used) if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
  let best: string | null = null;
  for (const [c, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = c;
  if (best !== null) return best;
  for (const tag of locales) {
    try {
      const region = new Intl.Locale(tag).maximize().region;
      const currency = region === undefined ? undefined : REGION_CURRENCY.get(region);
      if (currency) return currency;
    } catch {
      // Not a well-formed language tag: try the next one.
    }
  }
  return null;
}

/**
 * Every currency the browser knows, as `{ code, name }` in `locale`'s words, by code.
 *
 * @example
 * ```ts
 * currencyOptions('en').find((c) => c.code === 'EUR')?.name; // 'Euro'
 * ```
 */
export function currencyOptions(locale?: string): { code: string; name: string }[] {
  const codes =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : [];
  const names = new Intl.DisplayNames(locale === undefined ? undefined : [locale], {
    type: 'currency',
  });
  return codes.map((code) => ({ code, name: names.of(code) ?? code }));
}
