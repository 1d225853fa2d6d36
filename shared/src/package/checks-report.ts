/**
 * The report must not contradict the tables (自评报告与表格一致性).
 *
 * Bound figures ({{projectSpending}}) cannot disagree with the tables: they are rendered from
 * them. What can disagree is what the filler typed: a labelled figure ("项目支出76.5万元",
 * "执行率95%", "工资福利支出……占总支出的67.38%") whose label names a table figure with a
 * different value is an ERROR; a claim of no spending ("本单位无项目支出") while the tables show
 * some is a WARNING (the wording may be deliberate, e.g. a project that spent nothing of its own).
 *
 * Only labelled figures are compared: a number with no label we know (退休人员6人, 增加10万元)
 * is left to REPORT_FIGURE_NOT_IN_TABLES, so a change or a difference is never read as a total.
 */
import { compareDecimal, formatMoney, hasAmount, isZeroDecimal, roundDecimal, subDecimal, trimDecimal } from './money.js';
import type { Decimal, MoneyCell } from './money.js';
import type { MoneyRow, PackageDocument } from './model.js';
import type { ComputedFigures } from './calculations.js';
import { REPORT_OUTLINE, sectionHeading } from './outline.js';
import { reportPath } from './paths.js';
import { DRAFTED_SECTION_KEYS, TOKEN_PATTERN } from './report.js';

export const REPORT_CONSISTENCY_CATALOGUE = {
  REPORT_FIGURE_CONTRADICTS_TABLES: ['error', '自评报告中写的数字与表格不符', 'a figure typed in the report contradicts the tables'],
  REPORT_CLAIM_CONTRADICTS_TABLES: ['warning', '自评报告称“无…支出”，但表格中有该项支出', 'the report says there was no such spending, the tables show some'],
} as const satisfies Record<string, readonly ['error' | 'warning', string, string]>;

export type ReportConsistencyCode = keyof typeof REPORT_CONSISTENCY_CATALOGUE;

export interface ReportConsistencyFinding {
  code: ReportConsistencyCode;
  /** The report section first (it anchors the check key), then the table field it disagrees with. */
  paths: string[];
  messageZh: string;
  messageEn: string;
}

/** A table figure the report may state, under any of its names. */
interface FigureFact {
  /** How the message names the table figure. */
  where: string;
  whereEn: string;
  path: string;
  /** Alternatives of a regular expression (longest first where one contains another). */
  names: string;
  /** Every value the name may truly refer to (budget, final, last year…); empty cells count as 0. */
  values: (doc: PackageDocument, f: ComputedFigures) => (Decimal | null)[];
}

const cell = (c: MoneyCell | undefined): Decimal | null => (hasAmount(c) ? c : null);
const orZero = (c: MoneyCell | undefined): Decimal => (hasAmount(c) ? c : '0');
/** A row's filled columns; a row left empty means none (0). */
const filled = (r: MoneyRow | undefined): Decimal[] => [r?.previousFinal, r?.currentBudget, r?.currentFinal].filter((c): c is Decimal => hasAmount(c));
const row = (r: MoneyRow | undefined): Decimal[] => {
  const f = filled(r);
  return f.length ? f : ['0'];
};

function minus(a: MoneyCell | undefined, b: MoneyCell | undefined): Decimal | null {
  return hasAmount(a) ? subDecimal(a, orZero(b)) : null;
}

const MONEY_FACTS: FigureFact[] = [
  {
    where: '项目支出',
    whereEn: 'project spending',
    path: 'selfEvaluation.budget.byExpenditure.project',
    names: '项目支出',
    values: (d, f) => [orZero(d.selfEvaluation.budget.byExpenditure.project), ...filled(f.projects.total as MoneyRow)],
  },
  {
    where: '基本支出',
    whereEn: 'basic spending',
    path: 'selfEvaluation.budget.byExpenditure.basic',
    names: '基本支出',
    // 基本支出 of the budget = the budget less its projects (all of it when there are none).
    values: (d, f) => {
      const b = d.selfEvaluation.budget;
      return [orZero(b.byExpenditure.basic), minus(b.initialBudget, f.projects.total.currentBudget), minus(b.annualBudget, f.projects.total.currentBudget), minus(b.execution, b.byExpenditure.project)];
    },
  },
  {
    where: '年初预算数',
    whereEn: 'initial budget',
    path: 'selfEvaluation.budget.initialBudget',
    names: '年初预算数?|年初部门预算',
    values: (d) => [cell(d.selfEvaluation.budget.initialBudget)],
  },
  {
    where: '全年预算数',
    whereEn: 'full-year budget',
    path: 'selfEvaluation.budget.annualBudget',
    names: '全年预算数?|调整后预算数?',
    values: (d) => [cell(d.selfEvaluation.budget.annualBudget)],
  },
  {
    where: '全年执行数（总支出）',
    whereEn: 'total spending',
    path: 'selfEvaluation.budget.execution',
    names: '总支出|支出总额|全年执行数?|全年支出',
    values: (d, f) => [cell(d.selfEvaluation.budget.execution), cell(f.budget.totalSpending)],
  },
  {
    where: '工资福利支出',
    whereEn: 'wages',
    path: 'selfEvaluation.budget.executionByEconomicClass.wages',
    names: '工资福利支出',
    values: (d) => [orZero(d.selfEvaluation.budget.executionByEconomicClass.wages)],
  },
  {
    where: '商品和服务支出',
    whereEn: 'goods and services',
    path: 'selfEvaluation.budget.executionByEconomicClass.goodsAndServices',
    names: '商品和服务支出',
    values: (d) => [orZero(d.selfEvaluation.budget.executionByEconomicClass.goodsAndServices)],
  },
  {
    where: '对个人和家庭的补助支出',
    whereEn: 'household subsidies',
    path: 'selfEvaluation.budget.executionByEconomicClass.householdSubsidies',
    names: '对个人和家庭的补助支出|对个人和家庭的补助',
    values: (d) => [orZero(d.selfEvaluation.budget.executionByEconomicClass.householdSubsidies)],
  },
  {
    where: '资本性支出',
    whereEn: 'capital spending',
    path: 'selfEvaluation.budget.executionByEconomicClass.capital',
    names: '资本性支出',
    values: (d) => [orZero(d.selfEvaluation.budget.executionByEconomicClass.capital)],
  },
  {
    where: '三公经费',
    whereEn: '"three public" spending',
    path: 'basicData.threePublic',
    names: '“三公”经费|三公经费',
    values: (_d, f) => row(f.threePublic.total as MoneyRow),
  },
  {
    where: '公务接待费',
    whereEn: 'official reception',
    path: 'basicData.threePublic.reception',
    names: '公务接待费?|公务接待经费',
    values: (d) => row(d.basicData.threePublic.reception),
  },
  {
    where: '公用经费',
    whereEn: 'public funds',
    path: 'basicData.publicFunds.total',
    names: '公用经费',
    values: (d) => row(d.basicData.publicFunds.total),
  },
  {
    where: '政府采购金额',
    whereEn: 'government procurement',
    path: 'basicData.procurement',
    names: '政府采购金额|政府采购',
    values: (d) => row(d.basicData.procurement),
  },
];

const PERCENT_FACTS: FigureFact[] = [
  {
    where: '预算执行率',
    whereEn: 'execution rate',
    path: 'selfEvaluation.budget.execution',
    names: '预算执行率|执行率',
    values: (_d, f) => [f.budget.executionRate, f.budget.executionRateExact],
  },
  {
    where: '人员控制率',
    whereEn: 'staffing control rate',
    path: 'basicData.staffing.actual',
    names: '人员控制率|编制控制率',
    values: (_d, f) => [f.staffing.controlRate],
  },
];

/** Words that may stand between a name and its figure ("项目支出决算为76.5万元"); a change ("增加") may not. */
const FILLER = '(?:（[^（）]{0,80}）|\\([^()]{0,80}\\))?(?:实际|全年|年度|决算数?|预算数?|执行数?|金额|总额|合计|共计|总计|共|计|为|是|达到|达|约|支出|：|:|\\s){0,4}';
const NUMBER = '(\\d+(?:\\.\\d+)?)';
/** A token stands for a bound figure; it must break a name from a number that follows it. */
const TOKEN_MARK = '\u0001';

const CLASS_SHARES = [
  { names: ['工资福利支出'], key: 'wages', where: '工资福利支出占总支出比例' },
  { names: ['商品和服务支出'], key: 'goodsAndServices', where: '商品和服务支出占总支出比例' },
  { names: ['对个人和家庭的补助支出', '对个人和家庭的补助'], key: 'householdSubsidies', where: '对个人和家庭的补助支出占总支出比例' },
  { names: ['资本性支出'], key: 'capital', where: '资本性支出占总支出比例' },
] as const;
const SHARE = /占(?:总支出|支出总额|全部支出|总额)?的?(?:比例|比重)?(?:为|是|约)?\s*(\d+(?:\.\d+)?)\s*[%％]/g;

/** Subjects of a "no such spending" claim, with the table figures that would contradict it. */
const CLAIMS: { names: string; where: string; whereEn: string; path: string; amount: (d: PackageDocument, f: ComputedFigures) => Decimal | null }[] = [
  {
    names: '项目支出|项目经费',
    where: '项目支出',
    whereEn: 'project spending',
    path: 'selfEvaluation.budget.byExpenditure.project',
    amount: (d, f) => firstNonZero([d.selfEvaluation.budget.byExpenditure.project, f.projects.total.currentFinal]),
  },
  {
    names: '政府性基金',
    where: '政府性基金拨款',
    whereEn: 'government fund',
    path: 'selfEvaluation.budget.byIncome.governmentFund',
    amount: (d) => firstNonZero([d.selfEvaluation.budget.byIncome.governmentFund]),
  },
  {
    names: '“三公”经费|三公经费',
    where: '三公经费决算数',
    whereEn: '"three public" final',
    path: 'basicData.threePublic',
    amount: (_d, f) => firstNonZero([f.threePublic.total.currentFinal]),
  },
  {
    names: '公务用车',
    where: '公务用车购置和维护经费决算数',
    whereEn: 'official vehicles final',
    path: 'basicData.threePublic.vehiclePurchase',
    amount: (_d, f) => firstNonZero([f.threePublic.vehicle.currentFinal]),
  },
  {
    names: '因公出国|出国',
    where: '出国经费决算数',
    whereEn: 'overseas travel final',
    path: 'basicData.threePublic.overseas',
    amount: (d) => firstNonZero([d.basicData.threePublic.overseas.currentFinal]),
  },
  {
    names: '公务接待',
    where: '公务接待决算数',
    whereEn: 'official reception final',
    path: 'basicData.threePublic.reception',
    amount: (d) => firstNonZero([d.basicData.threePublic.reception.currentFinal]),
  },
  {
    names: '政府采购',
    where: '政府采购金额决算数',
    whereEn: 'procurement final',
    path: 'basicData.procurement',
    amount: (d) => firstNonZero([d.basicData.procurement.currentFinal]),
  },
  {
    names: '专项资金|专项支出',
    where: '本级专项资金决算数',
    whereEn: 'special funds final',
    path: 'basicData.projects.specialFunds',
    amount: (_d, f) => firstNonZero([f.projects.specialFundsTotal.currentFinal]),
  },
  {
    names: '资本性支出',
    where: '资本性支出',
    whereEn: 'capital spending',
    path: 'selfEvaluation.budget.executionByEconomicClass.capital',
    amount: (d) => firstNonZero([d.selfEvaluation.budget.executionByEconomicClass.capital]),
  },
];
const CLAIM_SUBJECTS = CLAIMS.map((c) => c.names).join('|');
/** "本单位无项目支出", "2024年度没有发生三公经费支出", "，无政府性基金预算支出": a claim opens a clause. */
const CLAIM = new RegExp(
  `(?:^|[。；;，,：:！!？?\\n${TOKEN_MARK}]|本单位|本部门|我单位|我部门|我会|该单位)\\s*(?:\\d{4}年度?|本年度?|全年|年度|当年)?\\s*(?:无|没有|未发生|未安排|不存在)(?:发生)?\\s*(${CLAIM_SUBJECTS})`,
  'g',
);

function firstNonZero(cells: (MoneyCell | undefined)[]): Decimal | null {
  for (const c of cells) if (hasAmount(c) && !isZeroDecimal(c)) return c;
  return null;
}

/** Whether a typed figure states a table value, allowing the rounding a writer applies ("67.4%" for 67.38). */
export function statesValue(typed: string, value: Decimal): boolean {
  if (compareDecimal(typed, value) === 0) return true;
  const decimals = typed.includes('.') ? typed.split('.')[1]!.length : 0;
  if (decimals > 4) return false;
  return compareDecimal(roundDecimal(value, decimals), typed) === 0;
}

/** Typed prose with bound figures masked, and full-width digits (from a Chinese input method) read as digits. */
function proseOf(text: string): string {
  const masked = text.includes('{{') ? text.replace(TOKEN_PATTERN, TOKEN_MARK) : text;
  return masked.replace(/[０-９．]/g, (ch) => (ch === '．' ? '.' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
}

const shown = (v: Decimal) => trimDecimal(v);

// Compiled once (matchAll copies a global pattern, so sharing them is safe).
const MONEY_PATTERNS = MONEY_FACTS.map((fact) => ({ fact, re: new RegExp(`(${fact.names})${FILLER}${NUMBER}\\s*万元`, 'g') }));
const PERCENT_PATTERNS = PERCENT_FACTS.map((fact) => ({ fact, re: new RegExp(`(${fact.names})${FILLER}${NUMBER}\\s*[%％]`, 'g') }));
const CLAIM_EXACT = CLAIMS.map((c) => ({ claim: c, re: new RegExp(`^(?:${c.names})$`) }));

/** Every contradiction between the typed report and the tables. Pure; never throws on any text. */
export function checkReportConsistency(doc: PackageDocument, figures: ComputedFigures): ReportConsistencyFinding[] {
  const out: ReportConsistencyFinding[] = [];
  for (const entry of REPORT_OUTLINE) {
    const raw = doc.report.chapters[entry.key]?.text;
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    const prose = proseOf(raw);
    const heading = sectionHeading(entry.key);
    const path = reportPath(entry.key);
    const contradicts = (fact: { where: string; whereEn: string; path: string }, phrase: string, typed: string, unit: string, values: (Decimal | null)[]) => {
      const known = values.filter((v): v is Decimal => v !== null);
      if (!known.length || known.some((v) => statesValue(typed, v))) return;
      const truth = `${shown(known[0]!)}${unit}`;
      out.push({
        code: 'REPORT_FIGURE_CONTRADICTS_TABLES',
        paths: [path, fact.path],
        messageZh: `自评报告 › ${heading}：写的是“${phrase}”，表格中${fact.where}为${truth}：请改正，或用“插入表格数据”引用表格中的数字`,
        messageEn: `report section "${entry.titleEn}": "${phrase}" but the tables give ${fact.whereEn} ${truth}`,
      });
    };
    if (/\d\s*万元/.test(prose)) {
      for (const { fact, re } of MONEY_PATTERNS) {
        for (const m of prose.matchAll(re)) contradicts(fact, m[0].trim(), m[2]!, '万元', fact.values(doc, figures));
      }
    }
    if (/\d\s*[%％]/.test(prose)) {
      for (const { fact, re } of PERCENT_PATTERNS) {
        for (const m of prose.matchAll(re)) contradicts(fact, m[0].trim(), m[2]!, '%', fact.values(doc, figures));
      }
      for (const m of prose.matchAll(SHARE)) {
        const at = m.index!;
        const sentenceStart = Math.max(...['。', '；', ';', '\n'].map((p) => prose.lastIndexOf(p, at)));
        const before = prose.slice(sentenceStart + 1, at);
        let best: (typeof CLASS_SHARES)[number] | null = null;
        let bestAt = -1;
        for (const c of CLASS_SHARES) {
          for (const n of c.names) {
            const i = before.lastIndexOf(n);
            if (i > bestAt) {
              bestAt = i;
              best = c;
            }
          }
        }
        if (!best) continue;
        const phrase = `${best.names[0]}……${m[0].trim()}`;
        contradicts({ where: best.where, whereEn: `${best.key} share`, path: `selfEvaluation.budget.executionByEconomicClass.${best.key}` }, phrase, m[1]!, '%', [figures.budget.shares[best.key]]);
      }
    }
    if (/无|没有|未发生|未安排|不存在/.test(prose)) {
      const seen = new Set<string>();
      for (const m of prose.matchAll(CLAIM)) {
        const subject = m[1]!;
        const claim = CLAIM_EXACT.find((c) => c.re.test(subject))?.claim;
        if (!claim || seen.has(claim.path)) continue;
        const amount = claim.amount(doc, figures);
        if (amount === null) continue;
        seen.add(claim.path);
        // Quote the whole clause ("本单位无政府性基金预算支出"), not just up to its subject.
        const clauseEnd = prose.slice(m.index! + m[0].length).search(/[。；;，,！!？?\n\u0001]/);
        const rest = prose.slice(m.index! + m[0].length, clauseEnd < 0 ? undefined : m.index! + m[0].length + clauseEnd).slice(0, 20);
        const said = `${m[0]}${rest}`.replace(/^[。；;，,：:！!？?\n\u0001\s]+/, '');
        out.push({
          code: 'REPORT_CLAIM_CONTRADICTS_TABLES',
          paths: [path, claim.path],
          messageZh: `自评报告 › ${heading}：写有“${said}”，但表格中${claim.where}为${formatMoney(amount)}万元：${DRAFTED_SECTION_KEYS.includes(entry.key) ? '请核对后修改（可点“插入正文”按表格重新起草）' : '请核对后修改'}`,
          messageEn: `report section "${entry.titleEn}" says "no ${claim.whereEn}", the tables show ${formatMoney(amount)} (10k yuan)`,
        });
      }
    }
  }
  return out;
}
