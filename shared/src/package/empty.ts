/** A blank package that already has the template's level structure and the drafted bound sentences. */
import type { CampaignContext, IndicatorRow, Level1, MoneyRow, PackageDocument, ProjectEvaluationTable, ProjectFundsRow, ReportSectionKey, SpecialFundRow } from './model.js';
import { LEVEL1, LEVEL2_BY_LEVEL1, REPORT_SECTION_KEYS, projectEvaluationsOf } from './model.js';
import { compareDecimal } from './money.js';
import { draftReportTemplates } from './report.js';
import { levelWeight, scoringLevel } from './template.js';
import type { EvaluationTemplate } from './template.js';

export function emptyMoneyRow(): MoneyRow {
  return { previousFinal: null, currentBudget: null, currentFinal: null };
}

/** A blank indicator row. */
export function emptyIndicator(id: string, level1: Level1, level2 = LEVEL2_BY_LEVEL1[level1][0]!, weight = '0'): IndicatorRow {
  return {
    id,
    level1,
    level2,
    name: '',
    target: { operator: level1 === 'COST' ? 'LE' : 'GE', value: null, unit: '' },
    actual: { value: null, unit: '' },
    weight,
    score: null,
    deviationReason: '',
  };
}

/**
 * One blank row per level 1 that carries weight in the template (its weight preset, so the
 * weights already sum to 100); report sections empty except the drafts of bound sentences
 * when a campaign context is given.
 */
export function emptyPackageDocument(template: EvaluationTemplate, context?: CampaignContext): PackageDocument {
  const indicators: IndicatorRow[] = [];
  for (const l of LEVEL1) {
    if (scoringLevel(template, l) !== l) continue;
    const w = levelWeight(template, l);
    if (compareDecimal(w, '0') > 0) indicators.push(emptyIndicator(`ind-${indicators.length + 1}`, l, undefined, w));
  }
  const chapters = Object.fromEntries(REPORT_SECTION_KEYS.map((k) => [k, { text: '' }])) as Record<ReportSectionKey, { text: string }>;
  const doc: PackageDocument = {
    version: 1,
    basicData: {
      staffing: { authorized: null, actual: null },
      threePublic: { vehiclePurchase: emptyMoneyRow(), vehicleOperation: emptyMoneyRow(), overseas: emptyMoneyRow(), reception: emptyMoneyRow() },
      projects: { businessWork: emptyMoneyRow(), operationMaintenance: emptyMoneyRow(), specialFunds: [] },
      publicFunds: { total: emptyMoneyRow(), office: emptyMoneyRow(), utilitiesTravel: emptyMoneyRow(), meetingsTraining: emptyMoneyRow() },
      procurement: emptyMoneyRow(),
      budgetAdjustment: emptyMoneyRow(),
      buildings: [],
      austerityMeasures: '',
      contact: { fillerName: null, phone: null },
    },
    selfEvaluation: {
      budget: {
        initialBudget: null,
        annualBudget: null,
        execution: null,
        byIncome: { generalPublic: null, governmentFund: null, specialAccountNonTax: null, other: null },
        byExpenditure: { basic: null, project: null },
        initialByFunction: [],
        executionByEconomicClass: { wages: null, goodsAndServices: null, householdSubsidies: null, capital: null },
      },
      goal: { expected: '', actual: '' },
      indicators,
    },
    report: { chapters },
    explanations: {},
  };
  if (context) {
    for (const [k, v] of Object.entries(draftReportTemplates(doc, context))) chapters[k as ReportSectionKey] = { text: v };
  }
  return doc;
}

// ─── D. 项目支出绩效自评表 ────────────────────────────────────────────────────────────────

/**
 * A blank 项目支出绩效自评表; for a 专项 row, linked to it with its name and 本年 figures
 * as a starting point (the filler splits them by source if part was carried over or other money).
 * One blank indicator row per weighted level, the template's level weights preset.
 */
export function emptyProjectEvaluation(id: string, template: EvaluationTemplate, specialFund?: SpecialFundRow): ProjectEvaluationTable {
  const blankFunds = (): ProjectFundsRow => ({ initialBudget: null, annualBudget: null, execution: null });
  const indicators: IndicatorRow[] = [];
  for (const l of LEVEL1) {
    if (scoringLevel(template, l) !== l) continue;
    const w = levelWeight(template, l);
    if (compareDecimal(w, '0') > 0) indicators.push(emptyIndicator(`ind-${indicators.length + 1}`, l, undefined, w));
  }
  const fiscal = blankFunds();
  if (specialFund) {
    fiscal.initialBudget = specialFund.currentBudget;
    fiscal.annualBudget = specialFund.currentBudget;
    fiscal.execution = specialFund.currentFinal;
  }
  return {
    id,
    specialFundId: specialFund?.id ?? null,
    carriedOver: false,
    name: specialFund?.name ?? '',
    department: '',
    implementer: '',
    funds: { fiscal, carriedOver: blankFunds(), other: blankFunds() },
    goal: { expected: '', actual: '' },
    indicators,
  };
}

/** The 专项 rows that have no 项目支出绩效自评表 yet (the form offers a table for each). */
export function specialFundsWithoutTable(doc: PackageDocument): SpecialFundRow[] {
  const linked = new Set(projectEvaluationsOf(doc).map((t) => t.specialFundId));
  return doc.basicData.projects.specialFunds.filter((r) => !linked.has(r.id));
}

/** The next free table id ("pe-3"). */
export function nextProjectEvaluationId(doc: PackageDocument): string {
  const used = new Set(projectEvaluationsOf(doc).map((t) => t.id));
  let n = used.size + 1;
  while (used.has(`pe-${n}`)) n++;
  return `pe-${n}`;
}
