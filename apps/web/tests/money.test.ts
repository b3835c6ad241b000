// Money on the host pages (pure helpers): a currency's minor-unit digits, typed amounts to minor
// units and back, and the currency a new link most likely uses.
import { describe, expect, it } from 'vitest';
import {
  currencyDigits,
  currencyOptions,
  fromMinorUnits,
  likelyCurrency,
  toMinorUnits,
} from '../src/host/money';

describe('currencyDigits', () => {
  it('follows the currency: 2 for EUR, 0 for JPY, 3 for KWD, 2 without one', () => {
    expect(currencyDigits('EUR')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
    expect(currencyDigits(null)).toBe(2);
  });
});

describe('toMinorUnits and fromMinorUnits', () => {
  it('converts with the currency digits, both ways', () => {
    expect(toMinorUnits('1500.50', 'EUR')).toBe(150_050);
    expect(toMinorUnits(' 1500.5 ', 'EUR')).toBe(150_050);
    expect(toMinorUnits('1500', 'JPY')).toBe(1_500);
    expect(toMinorUnits('1500.00', 'JPY')).toBe(1_500);
    expect(toMinorUnits('1.234', 'KWD')).toBe(1_234);
    expect(toMinorUnits('19.99', null)).toBe(1_999);
    // 0.29 * 100 is 28.999... in floating point: the digits are joined, never multiplied.
    expect(toMinorUnits('0.29', 'USD')).toBe(29);
    expect(fromMinorUnits(150_050, 'EUR')).toBe('1500.50');
    expect(fromMinorUnits(1_500, 'JPY')).toBe('1500');
    expect(fromMinorUnits(1_234, 'KWD')).toBe('1.234');
    expect(fromMinorUnits(1_999, null)).toBe('19.99');
  });

  it('refuses what the currency cannot hold and what is not an amount', () => {
    for (const [amount, currency] of [
      ['12.5', 'JPY'],
      ['1.001', 'EUR'],
      ['-1', 'EUR'],
      ['1e3', 'EUR'],
      ['abc', null],
      ['', 'EUR'],
      ['99999999999999999999', 'EUR'],
    ] as const)
      expect(toMinorUnits(amount, currency), `${amount} ${currency}`).toBeNull();
  });
});

describe('likelyCurrency', () => {
  it("prefers the workspace's usual currency, then the locale's region, else none", () => {
    expect(likelyCurrency(['JPY', null, 'EUR', 'JPY'], ['en-US'])).toBe('JPY');
    expect(likelyCurrency([null], ['en-US'])).toBe('USD');
    expect(likelyCurrency([], ['de'])).toBe('EUR');
    expect(likelyCurrency([], ['fr-CA', 'en-US'])).toBe('CAD');
    expect(likelyCurrency([], ['en-GB'])).toBe('GBP');
    expect(likelyCurrency([], ['not a tag!', 'ja'])).toBe('JPY');
    expect(likelyCurrency([], ['en-001'])).toBeNull();
    expect(likelyCurrency([], [])).toBeNull();
  });

  it('only names currencies the browser lists', () => {
    const known = new Set(currencyOptions('en').map((c) => c.code));
    for (const tag of ['en-US', 'de', 'ja', 'fr-CA', 'en-GB', 'pt-BR', 'hi-IN'])
      expect(known.has(likelyCurrency([], [tag]) ?? '')).toBe(true);
    expect(currencyOptions('en').find((c) => c.code === 'EUR')?.name).toBe('Euro');
  });
});
