/**
 * Demo and test documents derived from the real 2024 package of 区工商联 (SEED_2024_LUKOU_GSL):
 * the seed with its problems repaired, and plausible variations for the other units. Every
 * figure that must agree with another is derived from it, and the checks of @zipin/shared decide
 * what still needs an explanation.
 */
import {
  SEED_2024_LUKOU_GSL,
  addDecimal,
  computeFigures,
  hasAmount,
  levelWeight,
  mulDecimal,
  normalizeDecimal,
  roundDecimal,
  subDecimal,
  runChecks,
  scoringLevel,
  type CampaignContext,
  type EvaluationTemplate,
  type IndicatorRow,
  type MoneyCell,
  type MoneyRow,
  type PackageDocument,
  type ProjectEvaluationTable,
} from '@zipin/shared';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Written by the filler to answer a warning (shared check key → text). */
export const DEMO_EXPLANATION = '经核实，该情况属实：已在自评报告“存在的问题及原因分析”中说明原因，下一年度将据此改进。';

/**
 * The seed with each of its errors fixed the way a careful filler would: the actual written as a
 * number, the overrun cost rows scored by the rule with a reason, the empty chapter filled and the
 * vague result made concrete. Warnings are left for explainWarnings.
 */
export function repairSeed(seed: PackageDocument = SEED_2024_LUKOU_GSL): PackageDocument {
  const doc = clone(seed);
  const row = (id: string) => doc.selfEvaluation.indicators.find((r) => r.id === id);
  const sustain = row('ind-7');
  if (sustain) sustain.actual = { ...sustain.actual, value: '85', raw: '85%' };
  const staff = row('ind-9');
  if (staff) {
    staff.score = '9.45';
    staff.deviationReason = '原因：年中增加驻村帮扶人员补助及人员调资，人员经费超出年初指标。措施：严格控制编外用工，按月分析人员经费执行。';
  }
  const office = row('ind-10');
  if (office) {
    office.name = '公用经费';
    office.score = '7.09';
    office.deviationReason = '原因：招商引资及驻村帮扶工作量增加，公用经费超出年初预算。措施：从严控制一般性支出，超预算事项事前报批。';
  }
  doc.selfEvaluation.goal.actual =
    '全年召开招商会议、走访企业和基层商会30次，服务会员企业58家，报送参政议政建言2件，年度5项重点工作全部按期完成，全年支出150.31万元，预算执行率100%。';
  doc.report.chapters.other = { text: '本单位无其他需要说明的情况。' };
  return doc;
}

/** Writes an explanation for every warning the shared checks find unexplained. */
export function explainWarnings(doc: PackageDocument, template: EvaluationTemplate, context: Partial<CampaignContext>, text = DEMO_EXPLANATION): PackageDocument {
  const out = clone(doc);
  // Explanations can themselves change nothing the checks look at, so one pass suffices; two for safety.
  for (let i = 0; i < 2; i++) {
    for (const c of runChecks(out, template, context)) {
      if (c.severity === 'warning' && !c.explained) out.explanations[c.key] = text;
    }
  }
  return out;
}

const round2 = (v: string) => normalizeDecimal(roundDecimal(v, 2));
const times = (a: string, f: number | string) => round2(mulDecimal(a, String(f)));
const scale = (cell: MoneyCell, f: number): MoneyCell => (hasAmount(cell) ? times(cell, f) : cell);
const scaleRow = (r: MoneyRow, f: number): MoneyRow => ({ previousFinal: scale(r.previousFinal, f), currentBudget: scale(r.currentBudget, f), currentFinal: scale(r.currentFinal, f) });
const add = (...cells: MoneyCell[]) => round2(cells.reduce<string>((s, c) => (hasAmount(c) ? addDecimal(s, c) : s), '0'));

/**
 * Another unit's package in the seed's shape, its money scaled by `factor`, with every total that
 * must agree recomputed from its parts and each score set to the system's suggestion.
 */
export function variantDocument(
  unitName: string,
  factor: number,
  template: EvaluationTemplate,
  staffing: { authorized: number; actual: number },
  projects: readonly DemoProject[] = [],
): PackageDocument {
  const doc = repairSeed();
  const bd = doc.basicData;
  const se = doc.selfEvaluation;
  const b = se.budget;
  bd.staffing = { ...staffing };
  bd.threePublic.reception = scaleRow(bd.threePublic.reception, factor);
  for (const k of ['office', 'utilitiesTravel', 'meetingsTraining'] as const) bd.publicFunds[k] = scaleRow(bd.publicFunds[k], factor);
  bd.procurement = scaleRow(bd.procurement, factor);

  const ec = b.executionByEconomicClass;
  ec.wages = scale(ec.wages, factor);
  ec.householdSubsidies = scale(ec.householdSubsidies, factor);
  // 公用经费 决算 is the goods-and-services spending; keep it within budget and above its items.
  const items = add(bd.publicFunds.office.currentFinal, bd.publicFunds.utilitiesTravel.currentFinal, bd.publicFunds.meetingsTraining.currentFinal);
  ec.goodsAndServices = times(items, 1.3);
  bd.publicFunds.total = {
    previousFinal: times(ec.goodsAndServices, 0.97),
    currentBudget: times(ec.goodsAndServices, 1.02),
    currentFinal: ec.goodsAndServices,
  };
  const execution = add(ec.wages, ec.goodsAndServices, ec.householdSubsidies, ec.capital);
  b.execution = execution;
  b.annualBudget = execution;
  b.byIncome = { generalPublic: execution, governmentFund: null, specialAccountNonTax: null, other: null };
  b.byExpenditure = { basic: execution, project: null };
  const initial = times(execution, 0.9);
  b.initialBudget = initial;
  const fn = b.initialByFunction;
  if (fn.length >= 2) {
    for (let i = 1; i < fn.length; i++) fn[i]!.amount = scale(fn[i]!.amount, factor);
    fn[0]!.amount = round2(fn.slice(1).reduce((s, r) => subDecimal(s, hasAmount(r.amount) ? r.amount : '0'), initial));
  }
  bd.budgetAdjustment = { previousFinal: 'NA', currentBudget: round2(subDecimal(execution, initial)), currentFinal: round2(subDecimal(execution, initial)) };

  const cost = (id: string, target: MoneyCell, actual: MoneyCell) => {
    const r = se.indicators.find((x) => x.id === id);
    if (!r || !hasAmount(target) || !hasAmount(actual)) return;
    r.target = { operator: 'LE', value: target, unit: '万元', raw: `${target}万元` };
    r.actual = { value: actual, unit: '万元', raw: `${actual}万元` };
  };
  cost('ind-9', times(ec.wages as string, 1.02), ec.wages);
  cost('ind-10', bd.publicFunds.total.currentBudget, ec.goodsAndServices);
  const short = unitName.replace('株洲市渌口区', '');
  const names: Record<string, string> = {
    'ind-1': '召开工作会议、开展调研走访',
    'ind-2': '服务对象覆盖人数',
    'ind-3': '报送工作信息和建议',
    'ind-4': '服务对象服务工作',
    'ind-5': '年度重点工作按期完成',
    'ind-6': '促进行业健康发展',
    'ind-7': '长效管理机制落实率',
    'ind-8': '服务对象满意度',
    'ind-9': '人员经费',
    'ind-10': '公用经费',
  };
  for (const r of se.indicators) r.name = names[r.id] ?? r.name;
  addDemoProjects(doc, unitName, projects);
  const figures = computeFigures(doc, template);
  for (const r of se.indicators) {
    const s = figures.indicators.find((f) => f.id === r.id)?.suggested;
    if (s != null) r.score = s;
    if (r.score === s && r.actual.value === r.target.value) r.deviationReason = '';
  }
  se.goal = {
    expected: `保障${short}正常运转，完成年度重点工作任务，提升服务对象满意度。`,
    actual: `全年支出${execution}万元，预算执行率100%；年度重点工作按期完成，服务对象满意度达到年度目标。`,
  };
  doc.report.chapters.basicInfo = {
    text: `${short}现有人员编制{{staffingAuthorized}}人，现有在职人员{{staffingActual}}人。主要职责是完成区委、区政府交办的各项工作任务，保障本单位日常运转。`,
  };
  doc.report.chapters.performanceGoals = {
    text: '2024年度总支出{{totalSpending}}万元；其中：工资福利支出{{wages}}万元，占总支出的{{wagesShare}}%，商品和服务支出{{goodsAndServices}}万元，占总支出的{{goodsAndServicesShare}}%；对个人和家庭的补助支出{{householdSubsidies}}万元，占总支出的{{householdSubsidiesShare}}%。年内完成了各项工作任务。',
  };
  doc.report.chapters.application = { text: `${short}将自评结果应用于下一年度预算编制，并按规定在区人民政府门户网公开。` };
  doc.basicData.contact = { fillerName: `${short}填表人（演示）`, phone: '0731-00000000' };
  scoreDemoProjects(doc, template);
  return doc;
}

/** A 专项 of a demo unit: its 基础数据表 row and its 项目支出绩效自评表. */
export interface DemoProject {
  name: string;
  budget: string; // 本年预算数 = 全年预算数
  final: string; // 本年决算数 = 全年执行数
  /** Part of the money carried over from last year (结转项目). */
  carriedOver?: string;
  goal: { expected: string; actual: string };
  /** [二级指标, 三级指标, operator, target, actual, unit]: level 1 follows from level 2; weights from the template. */
  indicators: [IndicatorRow['level2'], string, 'GE' | 'LE' | 'EQ', string, string, string][];
}

/** The demo units with 专项 and their project tables. */
export const DEMO_PROJECTS: Record<string, DemoProject[]> = {
  jyj: [
    {
      name: '义务教育薄弱环节改善专项',
      budget: '86',
      final: '84.2',
      goal: { expected: '改善6所农村学校教学和生活设施，受益学生满意度不低于90%。', actual: '完成6所学校设施改善，受益学生2860人，满意度94%。' },
      indicators: [
        ['QUANTITY', '改善学校数', 'GE', '6', '6', '所'],
        ['TIMELINESS', '工程按期完工率', 'GE', '100', '100', '%'],
        ['SOCIAL_BENEFIT', '受益学生人数', 'GE', '2800', '2860', '人'],
        ['SERVICE_SATISFACTION', '受益学生满意度', 'GE', '90', '94', '%'],
        ['ECONOMIC_COST', '项目支出成本', 'LE', '86', '84.2', '万元'],
      ],
    },
    {
      name: '教师能力提升培训专项',
      budget: '24',
      final: '24',
      carriedOver: '4',
      goal: { expected: '培训教师600人次，培训合格率不低于95%。', actual: '培训教师560人次（1期培训因汛期顺延至2025年），合格率98%。' },
      indicators: [
        ['QUANTITY', '培训教师人次', 'GE', '600', '560', '人次'],
        ['QUALITY', '培训合格率', 'GE', '95', '98', '%'],
        ['SUSTAINABILITY', '教师持证上岗率', 'GE', '98', '99', '%'],
        ['SERVICE_SATISFACTION', '参训教师满意度', 'GE', '90', '92', '%'],
        ['ECONOMIC_COST', '项目支出成本', 'LE', '24', '24', '万元'],
      ],
    },
  ],
  nyj: [
    {
      name: '高标准农田建设配套专项',
      budget: '120',
      final: '112.6',
      goal: { expected: '建成高标准农田3000亩，项目区群众满意度不低于90%。', actual: '建成高标准农田3000亩，项目区群众满意度93%；结余资金7.4万元按规定收回。' },
      indicators: [
        ['QUANTITY', '建成高标准农田面积', 'GE', '3000', '3000', '亩'],
        ['QUALITY', '工程验收合格率', 'EQ', '100', '100', '%'],
        ['ECONOMIC_BENEFIT', '亩均增产粮食', 'GE', '50', '52', '公斤'],
        ['SERVICE_SATISFACTION', '项目区群众满意度', 'GE', '90', '93', '%'],
        ['ECONOMIC_COST', '项目支出成本', 'LE', '120', '112.6', '万元'],
      ],
    },
  ],
  sfj: [
    {
      name: '公共法律服务体系建设专项',
      budget: '18',
      final: '17.5',
      goal: { expected: '建成村（社区）公共法律服务工作室40个，群众满意度不低于90%。', actual: '建成村（社区）公共法律服务工作室40个，提供法律咨询3200人次，群众满意度95%。' },
      indicators: [
        ['QUANTITY', '建成公共法律服务工作室', 'GE', '40', '40', '个'],
        ['QUANTITY', '提供法律咨询人次', 'GE', '3000', '3200', '人次'],
        ['SOCIAL_BENEFIT', '矛盾纠纷调解成功率', 'GE', '95', '97', '%'],
        ['SERVICE_SATISFACTION', '群众满意度', 'GE', '90', '95', '%'],
        ['ECONOMIC_COST', '项目支出成本', 'LE', '18', '17.5', '万元'],
      ],
    },
  ],
};

const LEVEL1_OF: Record<IndicatorRow['level2'], IndicatorRow['level1']> = {
  QUANTITY: 'OUTPUT',
  QUALITY: 'OUTPUT',
  TIMELINESS: 'OUTPUT',
  ECONOMIC_BENEFIT: 'EFFECT',
  SOCIAL_BENEFIT: 'EFFECT',
  ECOLOGICAL_BENEFIT: 'EFFECT',
  SUSTAINABILITY: 'EFFECT',
  SERVICE_SATISFACTION: 'SATISFACTION',
  ECONOMIC_COST: 'COST',
  SOCIAL_COST: 'COST',
  ECOLOGICAL_COST: 'COST',
};

/**
 * The 专项 rows and their tables; the 自评表's 项目支出 becomes their sum and 基本支出 the rest.
 * Weights split the template's level weights over each level's rows (they sum to 90).
 */
function addDemoProjects(doc: PackageDocument, unitName: string, projects: readonly DemoProject[]): void {
  if (!projects.length) return;
  const bd = doc.basicData;
  bd.projects.specialFunds = projects.map((p, i) => ({ id: `sf-${i + 1}`, name: p.name, previousFinal: null, currentBudget: p.budget, currentFinal: p.final }));
  const projectTotal = add(...projects.map((p) => p.final));
  const b = doc.selfEvaluation.budget;
  if (hasAmount(b.execution)) b.byExpenditure = { basic: round2(subDecimal(b.execution, projectTotal)), project: projectTotal };
  // The seed's report says it had no project spending; a unit with 专项 names them instead.
  const names = projects.map((p) => p.name).join('、');
  doc.report.chapters.generalBudgetProject = { text: `本单位的项目支出为${names}，执行情况详见项目支出绩效自评表。` };
  doc.report.chapters.performanceProject = { text: `${names}均开展了项目支出绩效自评，详见项目支出绩效自评表。` };
  doc.projectEvaluations = projects.map((p, i): ProjectEvaluationTable => {
    const carried = p.carriedOver ?? null;
    const fiscal = (v: string) => (carried ? round2(subDecimal(v, carried)) : v);
    return {
      id: `pe-${i + 1}`,
      specialFundId: `sf-${i + 1}`,
      carriedOver: carried !== null,
      name: p.name,
      department: unitName,
      implementer: unitName,
      funds: {
        fiscal: { initialBudget: fiscal(p.budget), annualBudget: fiscal(p.budget), execution: fiscal(p.final) },
        carriedOver: { initialBudget: carried, annualBudget: carried, execution: carried },
        other: { initialBudget: null, annualBudget: null, execution: null },
      },
      goal: { ...p.goal },
      indicators: p.indicators.map(([level2, name, operator, target, actual, unit], j) => ({
        id: `ind-${j + 1}`,
        level1: LEVEL1_OF[level2],
        level2,
        name,
        target: { operator, value: target, unit },
        actual: { value: actual, unit },
        weight: '0',
        score: null,
        deviationReason: '',
      })),
    };
  });
}

/** Each project row gets its share of the level weight and the system's suggested score (with a reason where it missed). */
function scoreDemoProjects(doc: PackageDocument, template: EvaluationTemplate): void {
  const tables = doc.projectEvaluations ?? [];
  for (const t of tables) {
    const counts = new Map<string, number>();
    const levelOf = (r: IndicatorRow) => scoringLevel(template, r.level1);
    for (const r of t.indicators) counts.set(levelOf(r), (counts.get(levelOf(r)) ?? 0) + 1);
    const given = new Map<string, string>();
    const level1 = (k: string) => k as IndicatorRow['level1'];
    for (const r of t.indicators) {
      const level = levelOf(r);
      const n = counts.get(level)!;
      const share = round2(mulDecimal(levelWeight(template, level1(level)), String(1 / n)));
      // The last row of a level takes the rounding rest so the level sums exactly.
      const left = counts.get(`${level}#left`) ?? n;
      counts.set(`${level}#left`, left - 1);
      r.weight = left === 1 ? round2(subDecimal(levelWeight(template, level1(level)), given.get(level) ?? '0')) : share;
      given.set(level, addDecimal(given.get(level) ?? '0', r.weight));
    }
  }
  const figures = computeFigures(doc, template).projectEvaluations.tables;
  tables.forEach((t, i) => {
    t.indicators.forEach((r, j) => {
      const f = figures[i]!.indicators[j]!;
      r.score = f.suggested;
      if (f.status === 'MISSED') r.deviationReason = '原因：部分任务受汛期影响顺延至下一年度。措施：已制定续建计划，2025年一季度完成。';
    });
  });
}
