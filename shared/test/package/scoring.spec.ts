import {
  BAND_RANGES,
  capForExecutionRate,
  emptyIndicator,
  executionScore,
  gradeOf,
  suggestIndicatorScore,
} from '../../src/package/index.js';
import type { IndicatorRow, Operator, QualitativeBand } from '../../src/package/index.js';

function row(operator: Operator, target: string | null, actual: string | null, weight = '10', unit = '%'): IndicatorRow {
  const r = emptyIndicator('r-1', 'OUTPUT', 'QUANTITY', weight);
  r.target = { operator, value: target, unit };
  r.actual = { value: actual, unit };
  return r;
}

describe('suggested scores', () => {
  it.each<[Operator, string, string, string, string]>([
    ['GE', '95', '90', '9.47', 'below a ≥ target: actual ÷ target × 分值'],
    ['GE', '90', '95', '10.00', 'a ≥ target met: full'],
    ['GE', '30', '30', '10.00', 'exactly met'],
    ['GE', '0', '0', '10.00', 'a zero target met'],
    ['LE', '101.01', '106.88', '9.45', 'an overrun ≤ target: target ÷ actual × 分值'],
    ['LE', '30.8', '43.43', '7.09', 'a 41 % overrun'],
    ['LE', '30.8', '20', '10.00', 'under a cost ceiling: full'],
    ['LE', '0', '5', '0.00', 'any spending against a zero ceiling'],
    ['EQ', '100', '100', '10.00', 'equal: full'],
    ['EQ', '100', '90', '9.00', 'a 10 % deviation below'],
    ['EQ', '100', '110', '9.00', 'a 10 % deviation above'],
    ['EQ', '100', '250', '0.00', 'a deviation over 100 %: floor 0'],
    ['EQ', '0', '1', '0.00', 'a zero target missed'],
    ['GE', '3', '1', '3.33', 'rounded half-up to 2 decimals'],
  ])('%s target %s, actual %s → %s (%s)', (op, t, a, expected) => {
    expect(suggestIndicatorScore(row(op, t, a)).suggested).toBe(expected);
  });

  it.each<[QualitativeBand, string, string, string]>([
    ['ACHIEVED', '10.00', '8.00', '10.00'],
    ['PARTIAL', '7.00', '6.00', '8.00'],
    ['NOT_ACHIEVED', '3.00', '0.00', '6.00'],
  ])('scores a qualitative %s row at %s, accepting %s–%s without a reason', (band, suggested, lo, hi) => {
    const r = row('QUALITATIVE', null, null);
    r.actual.band = band;
    expect(suggestIndicatorScore(r)).toMatchObject({ suggested, acceptedMin: lo, acceptedMax: hi });
    expect(BAND_RANGES[band]).toBeDefined();
  });

  it.each([
    ['no target', row('GE', null, '5'), 'NO_TARGET'],
    ['no actual', row('GE', '5', null), 'NO_ACTUAL'],
    ['no band', row('QUALITATIVE', null, null), 'NO_BAND'],
    ['a bad weight', row('GE', '5', '5', 'x'), 'BAD_WEIGHT'],
  ])('does not score a row with %s', (_what, r, reason) => {
    expect(suggestIndicatorScore(r)).toMatchObject({ suggested: null, status: 'NOT_SCORABLE', notScorable: reason });
  });

  it('does not score across units', () => {
    const r = row('GE', '5', '5');
    r.actual.unit = '个';
    expect(suggestIndicatorScore(r).notScorable).toBe('UNIT_MISMATCH');
  });

  it('treats ％ and % as the same unit and a blank actual unit as the target’s', () => {
    const r = row('GE', '95', '90');
    r.actual.unit = '％';
    expect(suggestIndicatorScore(r).suggested).toBe('9.47');
    r.actual.unit = '';
    expect(suggestIndicatorScore(r).suggested).toBe('9.47');
  });

  it('measures an overshoot of a ≥ target', () => {
    expect(suggestIndicatorScore(row('GE', '30', '40', '10', '次')).overshootPercent).toBe('33.33');
    expect(suggestIndicatorScore(row('GE', '30', '30', '10', '次')).overshootPercent).toBeNull();
  });
});

describe('execution rate', () => {
  it.each([
    ['150.31', '150.31', '100.00', '10.00'],
    ['100', '85', '85.00', '8.50'],
    ['100', '120', '120.00', '10.00'],
    ['3', '1', '33.33', '3.33'],
  ])('budget %s, execution %s → %s %%, %s points', (budget, exec, rate, points) => {
    expect(executionScore(budget, exec, '10')).toMatchObject({ rate, points });
  });

  it('has no rate without a budget', () => {
    expect(executionScore('0', '5', '10')).toEqual({ rate: null, rateExact: null, points: null });
    expect(executionScore(null, '5', '10').rate).toBeNull();
  });

  it.each([
    ['100', null],
    ['80', null],
    ['79.99', '89'],
    ['70', '89'],
    ['65', '79'],
    ['55', '69'],
    ['49.9', '59'],
  ])('caps the total at an execution rate of %s %% to %s', (rate, cap) => {
    expect(capForExecutionRate(rate)).toBe(cap);
  });
});

describe('grade', () => {
  it.each([
    ['100', 'EXCELLENT'],
    ['90', 'EXCELLENT'],
    ['89.99', 'GOOD'],
    ['80', 'GOOD'],
    ['79.99', 'FAIR'],
    ['60', 'FAIR'],
    ['59.99', 'POOR'],
    ['0', 'POOR'],
  ])('grades %s as %s', (total, grade) => {
    expect(gradeOf(total)).toBe(grade);
  });
});
