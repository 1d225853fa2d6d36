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
  normalizeDecimal,
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

  describe('the fast paths agree with big.js on any plain decimal', () => {
    // The reference: the big.js arithmetic the fast paths stand in for.
    const R = Big();
    R.DP = 24;
    R.RM = 1;
    R.NE = -40;
    R.PE = 60;
    const Q = Big();
    Q.DP = 0;
    Q.RM = 0;
    const ratioByBig = (a: string, b: string, dp: number): string | null => {
      const den = new R(b);
      if (den.eq(0)) return null;
      let num = new R(a).times(new R(10).pow(dp));
      const neg = num.lt(0) !== den.lt(0) && !num.eq(0);
      num = num.abs();
      const q = new Q(num).div(den.abs());
      const r = num.minus(q.times(den.abs())).times(2).gte(den.abs()) ? q.plus(1) : q;
      const out = new R(r).div(new R(10).pow(dp)).toFixed(dp);
      return neg && !r.eq(0) ? `-${out}` : out;
    };
    // Signs, leading and trailing zeros, up to 20 integer digits and 8 decimals: past the 15
    // digits where Number() stops being exact.
    const decimal = fc
      .tuple(fc.boolean(), fc.stringMatching(/^\d{1,20}$/), fc.option(fc.stringMatching(/^\d{1,8}$/), { nil: undefined }))
      .map(([neg, int, frac]) => `${neg ? '-' : ''}${int}${frac === undefined ? '' : `.${frac}`}`);
    const samples = fc.oneof(decimal, fc.constantFrom('0', '-0', '0.0', '-0.000', '00', '007.50', '1e3', '0.1', '-0.5', '999999999999999', '9999999999999999', '0.0000001'));

    it('roundRatio and percentOf', () => {
      fc.assert(
        fc.property(samples, samples, fc.integer({ min: 0, max: 4 }), (a, b, dp) => {
          if (!/^-?\d+(\.\d+)?$/.test(a) || !/^-?\d+(\.\d+)?$/.test(b)) return;
          expect(roundRatio(a, b, dp)).toBe(ratioByBig(a, b, dp));
          expect(roundRatio(toBig(a), toBig(b), dp)).toBe(ratioByBig(a, b, dp));
          expect(percentOf(a, b)).toBe(ratioByBig(new R(a).times(100).toString(), b, 2));
        }),
        { numRuns: 3_000 },
      );
    });

    it('compareDecimal and normalizeDecimal', () => {
      fc.assert(
        fc.property(samples, samples, (a, b) => {
          expect(compareDecimal(a, b)).toBe(new R(a).cmp(b));
          const canonical = new R(a).toString();
          expect(normalizeDecimal(a)).toBe(canonical === '-0' ? '0' : canonical);
        }),
        { numRuns: 3_000 },
      );
    });

    it('near the 15-digit edge, where two decimals share a double', () => {
      expect(compareDecimal('9007199254740993', '9007199254740992')).toBe(1);
      expect(compareDecimal('0.1000000000000001', '0.1')).toBe(1);
      expect(compareDecimal('-0', '0')).toBe(0);
      expect(roundRatio('9007199254740993', '1', 0)).toBe('9007199254740993');
    });
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
