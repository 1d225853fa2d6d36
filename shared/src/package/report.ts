/**
 * Report drafting: the sentences of the 自评报告 that repeat table figures are bound to the data.
 *
 * Design: a section stores one `text`. Wherever the prose states a table figure it holds a token
 * `{{name}}` instead of the number; renderReportSection replaces tokens with the current figures.
 * The prose around them stays the filler's, and a figure can only be wrong if someone types the
 * number by hand, which the check REPORT_FIGURE_NOT_IN_TABLES catches.
 */
import { amountOrZero, formatMoney, hasAmount, trimDecimal } from './money.js';
import type { Decimal, MoneyCell } from './money.js';
import type { CampaignContext, PackageDocument, ReportSectionKey } from './model.js';
import { GRADE_LABELS } from './model.js';
import type { ComputedFigures } from './calculations.js';

export interface ReportToken {
  labelZh: string;
  labelEn: string;
  /** Where the figure comes from (a field path or "computed"). */
  source: string;
  render: (doc: PackageDocument, figures: ComputedFigures) => string;
}

const money = (cell: MoneyCell | undefined) => formatMoney(amountOrZero(cell));
const pct = (v: Decimal | null) => (v === null ? '0' : trimDecimal(v));

const ECONOMIC_CLASSES = [
  { key: 'wages', labelZh: '工资福利支出' },
  { key: 'goodsAndServices', labelZh: '商品和服务支出' },
  { key: 'householdSubsidies', labelZh: '对个人和家庭的补助支出' },
  { key: 'capital', labelZh: '资本性支出' },
] as const;

export const REPORT_TOKENS: Record<string, ReportToken> = {
  staffingAuthorized: {
    labelZh: '编制数',
    labelEn: 'authorized posts',
    source: 'basicData.staffing.authorized',
    render: (d) => String(d.basicData.staffing.authorized ?? 0),
  },
  staffingActual: {
    labelZh: '实际在职人数',
    labelEn: 'staff in post',
    source: 'basicData.staffing.actual',
    render: (d) => String(d.basicData.staffing.actual ?? 0),
  },
  staffingControlRate: {
    labelZh: '人员控制率（%）',
    labelEn: 'staffing control rate (%)',
    source: 'computed',
    render: (_d, f) => pct(f.staffing.controlRate),
  },
  initialBudget: {
    labelZh: '年初预算数（万元）',
    labelEn: 'initial budget',
    source: 'selfEvaluation.budget.initialBudget',
    render: (d) => money(d.selfEvaluation.budget.initialBudget),
  },
  annualBudget: {
    labelZh: '全年预算数（万元）',
    labelEn: 'full-year budget',
    source: 'selfEvaluation.budget.annualBudget',
    render: (d) => money(d.selfEvaluation.budget.annualBudget),
  },
  totalSpending: {
    labelZh: '全年执行数（总支出，万元）',
    labelEn: 'total spending',
    source: 'selfEvaluation.budget.execution',
    render: (_d, f) => money(f.budget.totalSpending),
  },
  executionRate: {
    labelZh: '预算执行率（%）',
    labelEn: 'execution rate (%)',
    source: 'computed',
    render: (_d, f) => pct(f.budget.executionRate),
  },
  initialBudgetByFunction: {
    labelZh: '年初预算按功能分类',
    labelEn: 'initial budget by function',
    source: 'selfEvaluation.budget.initialByFunction',
    render: (d) =>
      d.selfEvaluation.budget.initialByFunction
        .filter((r) => hasAmount(r.amount))
        .map((r) => `${r.name}${money(r.amount)}万元`)
        .join('，'),
  },
  basicSpending: {
    labelZh: '基本支出（万元）',
    labelEn: 'basic spending',
    source: 'selfEvaluation.budget.byExpenditure.basic',
    render: (d) => money(d.selfEvaluation.budget.byExpenditure.basic),
  },
  projectSpending: {
    labelZh: '项目支出（万元）',
    labelEn: 'project spending',
    source: 'selfEvaluation.budget.byExpenditure.project',
    render: (d) => money(d.selfEvaluation.budget.byExpenditure.project),
  },
  economicClassAmounts: {
    labelZh: '按经济分类的支出',
    labelEn: 'spending by economic class',
    source: 'selfEvaluation.budget.executionByEconomicClass',
    render: (d) =>
      ECONOMIC_CLASSES.filter((c) => hasAmount(d.selfEvaluation.budget.executionByEconomicClass[c.key]))
        .map((c) => `${c.labelZh}${money(d.selfEvaluation.budget.executionByEconomicClass[c.key])}万元`)
        .join('，'),
  },
  threePublicFinal: {
    labelZh: '三公经费决算数（万元）',
    labelEn: '"three public" final',
    source: 'computed',
    render: (_d, f) => money(f.threePublic.total.currentFinal),
  },
  publicFundsFinal: {
    labelZh: '公用经费决算数（万元）',
    labelEn: 'public funds final',
    source: 'basicData.publicFunds.total.currentFinal',
    render: (d) => money(d.basicData.publicFunds.total.currentFinal),
  },
  totalScore: {
    labelZh: '自评总分',
    labelEn: 'total score',
    source: 'computed',
    render: (_d, f) => trimDecimal(f.scores.effectiveTotal),
  },
  grade: {
    labelZh: '自评等级',
    labelEn: 'grade',
    source: 'computed',
    render: (_d, f) => GRADE_LABELS[f.scores.grade].zh,
  },
};

for (const c of ECONOMIC_CLASSES) {
  REPORT_TOKENS[c.key] = {
    labelZh: `${c.labelZh}（万元）`,
    labelEn: c.key,
    source: `selfEvaluation.budget.executionByEconomicClass.${c.key}`,
    render: (d) => money(d.selfEvaluation.budget.executionByEconomicClass[c.key]),
  };
  REPORT_TOKENS[`${c.key}Share`] = {
    labelZh: `${c.labelZh}占总支出比例（%）`,
    labelEn: `${c.key} share`,
    source: 'computed',
    render: (_d, f) => pct(f.budget.shares[c.key]),
  };
}

export const TOKEN_PATTERN = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/** Token names used in a text, in order. */
export function tokensIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(TOKEN_PATTERN)) out.push(m[1]!);
  return out;
}

/** Replaces bound-figure tokens with the current figures; unknown tokens are left as typed. */
export function renderReportText(text: string, doc: PackageDocument, figures: ComputedFigures): string {
  if (!text.includes('{{')) return text;
  return text.replace(TOKEN_PATTERN, (whole, name: string) => {
    const token = REPORT_TOKENS[name];
    return token ? token.render(doc, figures) : whole;
  });
}

/** The final text of one report section. */
export function renderReportSection(doc: PackageDocument, key: ReportSectionKey, figures: ComputedFigures): string {
  return renderReportText(doc.report.chapters[key]?.text ?? '', doc, figures);
}

/**
 * Drafts (with tokens) of the data-bound sentences, per section. The performanceGoals sentence keeps
 * the seed's punctuation (", " after wages, "；" before later classes) so drafts read like
 * published reports.
 */
export function draftReportTemplates(doc: PackageDocument, context: CampaignContext): Partial<Record<ReportSectionKey, string>> {
  const y = context.fiscalYear;
  const b = doc.selfEvaluation.budget;
  const byFunction = b.initialByFunction.some((r) => hasAmount(r.amount)) ? '其中，{{initialBudgetByFunction}}，' : '';
  const generalBudgetBasic =
    `${y}年年初预算{{initialBudget}}万元，${byFunction}项目支出{{projectSpending}}万元。` +
    `${y}年年终一般公共财政预算财政拨款支出{{totalSpending}}万元。` +
    (ECONOMIC_CLASSES.some((c) => hasAmount(b.executionByEconomicClass[c.key])) ? '其中{{economicClassAmounts}}。' : '');
  const present = ECONOMIC_CLASSES.filter((c) => hasAmount(b.executionByEconomicClass[c.key]));
  const parts = present.map((c) => `${c.labelZh}{{${c.key}}}万元，占总支出的{{${c.key}Share}}%`);
  const shares = parts.reduce((acc, p, i) => (i === 0 ? p : `${acc}${i === 1 ? '，' : '；'}${p}`), '');
  const performanceGoals = `${y}年度总支出{{totalSpending}}万元` + (shares ? `；其中：${shares}` : '');
  const performanceProject = hasAmount(b.byExpenditure.project) && b.byExpenditure.project !== '0'
    ? `${y}年项目支出{{projectSpending}}万元。`
    : '本单位无项目支出。';
  return {
    generalBudgetBasic,
    performanceGoals,
    performanceProject,
    performanceOverall: `${y}年全年预算{{annualBudget}}万元，全年执行{{totalSpending}}万元，预算执行率{{executionRate}}%。`,
  };
}

/** The data-bound sentences, rendered: e.g. performanceGoals → "2024年度总支出150.31万元；其中：…占总支出的3.73%". */
export function draftReportSentences(
  doc: PackageDocument,
  figures: ComputedFigures,
  context: CampaignContext,
): Partial<Record<ReportSectionKey, string>> {
  const drafts = draftReportTemplates(doc, context);
  const out: Partial<Record<ReportSectionKey, string>> = {};
  for (const [k, v] of Object.entries(drafts)) out[k as ReportSectionKey] = renderReportText(v, doc, figures);
  return out;
}
