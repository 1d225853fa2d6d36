/** fast-check arbitraries for whole packages (valid by the schema, arbitrary in content). */
import fc from 'fast-check';
import { BANDS, LEVEL1, LEVEL2_BY_LEVEL1, NA, OPERATORS, REPORT_SECTION_KEYS } from '../../src/package/index.js';
import type {
  EvaluationTemplate,
  IndicatorRow,
  Level1,
  MoneyCell,
  MoneyRow,
  PackageDocument,
  ReportSectionKey,
} from '../../src/package/index.js';
import { DEFAULT_TEMPLATE, LUKOU_2024_TEMPLATE } from '../../src/package/index.js';

const decimal = (maxInt: number, maxDp: number) =>
  fc
    .tuple(fc.integer({ min: 0, max: maxInt }), fc.integer({ min: 0, max: maxDp }), fc.nat(9999))
    .map(([i, dp, frac]) => (dp === 0 ? String(i) : `${i}.${String(frac).padStart(4, '0').slice(0, dp)}`));

export const moneyArb: fc.Arbitrary<string> = decimal(9_999_999, 4);
export const moneyCellArb: fc.Arbitrary<MoneyCell> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant(NA) },
  { weight: 1, arbitrary: fc.constant('0') },
  { weight: 5, arbitrary: moneyArb },
);
const moneyRowArb: fc.Arbitrary<MoneyRow> = fc.record({ previousFinal: moneyCellArb, currentBudget: moneyCellArb, currentFinal: moneyCellArb });
const signedMoneyRowArb: fc.Arbitrary<MoneyRow> = fc.record({
  previousFinal: moneyCellArb,
  currentBudget: fc.oneof(moneyCellArb, moneyArb.map((m) => (m === '0' ? m : `-${m}`))),
  currentFinal: moneyCellArb,
});

const textArb = fc.oneof(
  fc.constant(''),
  fc.constantFrom('本单位无项目支出。', '完成情况好', '2023年完工项目', '总支出{{totalSpending}}万元，占{{wagesShare}}%', '支出150.30万元', '见{{ wages }}万元', '2024年项目支出76.5万元。本单位无项目支出。'),
  fc.string({ maxLength: 40 }),
);
const nameArb = fc.oneof(fc.constantFrom('办公经费', '公用经费', '人员保障', '三公经费', ''), fc.string({ maxLength: 20 }));
const countArb = fc.option(fc.integer({ min: 0, max: 500 }), { nil: null });
const weightArb = fc.oneof(fc.integer({ min: 0, max: 40 }).map(String), decimal(30, 2));
const scoreArb = fc.option(fc.oneof(fc.integer({ min: 0, max: 40 }).map(String), decimal(40, 2)), { nil: null });
const valueArb = fc.option(decimal(100_000, 4), { nil: null });
const unitArb = fc.constantFrom('%', '万元', '次', '人', '', '％');

const indicatorArb = (id: string): fc.Arbitrary<IndicatorRow> =>
  fc.constantFrom(...LEVEL1).chain((level1: Level1) =>
    fc.record({
      id: fc.constant(id),
      level1: fc.constant(level1),
      level2: fc.constantFrom(...LEVEL2_BY_LEVEL1[level1]),
      name: nameArb,
      target: fc.constantFrom(...OPERATORS).chain((operator) =>
        fc.record({
          operator: fc.constant(operator),
          value: operator === 'QUALITATIVE' ? fc.constant(null) : valueArb,
          unit: unitArb,
          text: fc.option(textArb, { nil: undefined }),
        }),
      ),
      actual: fc.record({
        value: valueArb,
        unit: unitArb,
        raw: fc.option(fc.constantFrom('≧85%', '85', '30次', '85-90', '约90%', '106.88万元'), { nil: undefined }),
        band: fc.option(fc.constantFrom(...BANDS), { nil: null }),
      }),
      weight: weightArb,
      score: scoreArb,
      deviationReason: textArb,
    }),
  );

const listOf = <T>(make: (id: string) => fc.Arbitrary<T>, prefix: string, max: number) =>
  fc.integer({ min: 0, max }).chain((n) => (n === 0 ? fc.constant([] as T[]) : fc.tuple(...Array.from({ length: n }, (_x, i) => make(`${prefix}-${i + 1}`)))));

export const packageArb: fc.Arbitrary<PackageDocument> = fc.record({
  version: fc.constant(1 as const),
  basicData: fc.record({
    staffing: fc.record({ authorized: countArb, actual: countArb }),
    threePublic: fc.record({ vehiclePurchase: moneyRowArb, vehicleOperation: moneyRowArb, overseas: moneyRowArb, reception: moneyRowArb }),
    projects: fc.record({
      businessWork: moneyRowArb,
      operationMaintenance: moneyRowArb,
      specialFunds: listOf((id) => fc.record({ id: fc.constant(id), name: nameArb, previousFinal: moneyCellArb, currentBudget: moneyCellArb, currentFinal: moneyCellArb }), 'sf', 4),
    }),
    publicFunds: fc.record({ total: moneyRowArb, office: moneyRowArb, utilitiesTravel: moneyRowArb, meetingsTraining: moneyRowArb }),
    procurement: moneyRowArb,
    budgetAdjustment: signedMoneyRowArb,
    buildings: listOf(
      (id) =>
        fc.record({
          id: fc.constant(id),
          name: nameArb,
          approvedArea: fc.option(moneyArb, { nil: null }),
          actualArea: fc.option(moneyArb, { nil: null }),
          budgetInvestment: moneyCellArb,
          actualInvestment: moneyCellArb,
        }),
      'b',
      3,
    ),
    austerityMeasures: textArb,
    contact: fc.record({ fillerName: fc.option(fc.string({ maxLength: 10 }), { nil: null }), phone: fc.constant(null) }),
  }),
  selfEvaluation: fc.record({
    budget: fc.record({
      initialBudget: moneyCellArb,
      annualBudget: moneyCellArb,
      execution: moneyCellArb,
      byIncome: fc.record({ generalPublic: moneyCellArb, governmentFund: moneyCellArb, specialAccountNonTax: moneyCellArb, other: moneyCellArb }),
      byExpenditure: fc.record({ basic: moneyCellArb, project: moneyCellArb }),
      initialByFunction: listOf((id) => fc.record({ id: fc.constant(id), name: nameArb, amount: moneyCellArb }), 'fn', 4),
      executionByEconomicClass: fc.record({ wages: moneyCellArb, goodsAndServices: moneyCellArb, householdSubsidies: moneyCellArb, capital: moneyCellArb }),
    }),
    goal: fc.record({ expected: textArb, actual: textArb }),
    indicators: listOf(indicatorArb, 'ind', 14),
  }),
  report: fc.record({
    chapters: fc.record(
      Object.fromEntries(REPORT_SECTION_KEYS.map((k) => [k, fc.record({ text: textArb })])) as Record<ReportSectionKey, fc.Arbitrary<{ text: string }>>,
    ),
  }),
  explanations: fc.dictionary(fc.string({ maxLength: 30 }), textArb, { maxKeys: 3 }),
});

export const templateArb: fc.Arbitrary<EvaluationTemplate> = fc
  .record({
    base: fc.constantFrom(DEFAULT_TEMPLATE, LUKOU_2024_TEMPLATE),
    cap: fc.boolean(),
    overshoot: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
  })
  .map(({ base, cap, overshoot }) => ({ ...base, rules: { ...base.rules, capTotalByExecutionRate: cap, overshootFlagPercent: overshoot } }));
