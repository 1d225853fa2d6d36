import Big from 'big.js';
import fc from 'fast-check';
import {
  NA,
  roundRatio,
  toBig,
  addDecimal,
  compareDecimal,
  formatMoney,
  formatPercent,
  parseMoney,
  percentOf,
  roundDecimal,
  subDecimal,
  sumCells,
  sumDecimals,
} from '../../src/package/index.js';

describe('money', () => {
  it('adds decimals exactly: 0.1 + 0.2 is 0.3', () => {
    expect(addDecimal('0.1', '0.2')).toBe('0.3');
    expect(sumDecimals(['0.315', '0.0001', '18.504'])).toBe('18.8191');
    expect(subDecimal('150.31', '131.81')).toBe('18.5');
    expect(sumDecimals(Array.from({ length: 10 }, () => '0.1'))).toBe('1');
  });

  it.each([
    ['101.28', '150.31', '67.38'],
    ['43.43', '150.31', '28.89'],
    ['5.6', '150.31', '3.73'],
    ['150.31', '150.31', '100.00'],
    ['7', '5', '140.00'],
    ['1', '3', '33.33'],
    ['2', '3', '66.67'],
    ['1', '0', null],
  ])('computes %s ÷ %s as %s %% (half-up, 2 decimals)', (part, whole, expected) => {
    expect(percentOf(part, whole)).toBe(expected);
  });

  it('rounds half-up, not half-even', () => {
    expect(roundDecimal('0.125', 2)).toBe('0.13');
    expect(roundDecimal('0.135', 2)).toBe('0.14');
    expect(roundDecimal('9.4736842105', 2)).toBe('9.47');
    expect(roundDecimal('10', 2)).toBe('10.00');
  });

  it.each([
    ['150.31', { ok: true, value: '150.31' }],
    [' 1,234.50 ', { ok: true, value: '1234.5' }],
    ['0.315', { ok: true, value: '0.315' }],
    ['', { ok: true, value: null }],
    ['——', { ok: true, value: NA }],
    ['0', { ok: true, value: '0' }],
    ['18.504万元', { ok: true, value: '18.504' }],
  ])('parses the typed money %j', (input, expected) => {
    expect(parseMoney(input)).toEqual(expected);
  });

  it.each([
    ['abc', 'FORMAT'],
    ['-1', 'NEGATIVE'],
    ['1.23456', 'TOO_MANY_DECIMALS'],
    ['12345678901', 'TOO_MANY_DIGITS'],
    ['1e3', 'FORMAT'],
  ])('rejects the typed money %j (%s) with a Chinese message', (input, problem) => {
    const r = parseMoney(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem).toBe(problem);
      expect(r.messageZh).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('accepts a negative amount where allowed (预算调整)', () => {
    expect(parseMoney('-18.504', { allowNegative: true })).toEqual({ ok: true, value: '-18.504' });
  });

  it.each([
    ['0.945', '1', '0.95'],
    ['1', '3', '0.33'],
    ['2', '3', '0.67'],
    ['-1', '8', '-0.13'],
    ['0', '7', '0.00'],
    ['1010100', '106880', '9.45'],
  ])('rounds the ratio %s ÷ %s exactly to %s', (a, b, expected) => {
    expect(roundRatio(a, b, 2)).toBe(expected);
  });

  it('agrees with high-precision division on generated ratios', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 10_000_000 }), (a, b) => {
        const slow = toBig(String(a)).div(String(b)).toFixed(2, 1);
        expect(roundRatio(String(a), String(b), 2)).toBe(slow);
      }),
      { numRuns: 500 },
    );
  });

  it('does not change the global Big configuration', () => {
    expect(Big.DP).toBe(20);
    expect(Big.RM).toBe(1);
  });

  it('compares by value, not by text', () => {
    expect(compareDecimal('30.80', '30.8')).toBe(0);
    expect(compareDecimal('9', '10')).toBe(-1);
  });

  describe('empty, —— and 0 are different', () => {
    it('a money cell keeps the three apart in display', () => {
      expect(formatMoney(null)).toBe('');
      expect(formatMoney(NA)).toBe('——');
      expect(formatMoney('0')).toBe('0');
      expect(formatMoney('5.60')).toBe('5.6');
    });

    it('a sum of empty cells is empty, not 0', () => {
      expect(sumCells([null, null])).toBeNull();
    });

    it('a sum of —— cells is ——', () => {
      expect(sumCells([NA, NA])).toBe(NA);
    });

    it('a sum with a 0 is 0', () => {
      expect(sumCells(['0', null, NA])).toBe('0');
    });

    it('empty and —— add nothing to numbers', () => {
      expect(sumCells(['0.32', null, NA])).toBe('0.32');
      expect(sumCells([null, NA])).toBeNull();
    });
  });

  it('formats percents the way the forms print them', () => {
    expect(formatPercent('140.00')).toBe('140%');
    expect(formatPercent('67.38')).toBe('67.38%');
    expect(formatPercent(null)).toBe('');
  });
});
