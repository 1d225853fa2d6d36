import {
  CHECK_CATALOGUE,
  DEFAULT_TEMPLATE,
  LUKOU_2024_TEMPLATE,
  PROJECT_CHECK_CATALOGUE,
  SEED_2024_LUKOU_GSL,
  SEED_CONTEXT,
  addTwoProjects,
  canonicalJson,
  computeFigures,
  describePath,
  diffDocuments,
  emptyProjectEvaluation,
  formatPath,
  nextProjectEvaluationId,
  parsePackageDocument,
  parsePath,
  projectIndicatorPath,
  runChecks,
  specialFundsWithoutTable,
  suggestIndicatorScore,
} from '../../src/package/index.js';
import type { CheckCode, PackageDocument, ProjectEvaluationTable } from '../../src/package/index.js';
import { cleanSeed } from './helpers.js';

/** The clean seed with two 专项 and their two tables: passes every check. */
function twoProjects(edit: (d: PackageDocument) => void = () => {}): PackageDocument {
  const d = addTwoProjects(cleanSeed());
  edit(d);
  return d;
}

const table = (d: PackageDocument, id: string): ProjectEvaluationTable => d.projectEvaluations!.find((t) => t.id === id)!;
const pind = (d: PackageDocument, pe: string, ind: string) => table(d, pe).indicators.find((r) => r.id === ind)!;

describe('项目支出绩效自评表: the model', () => {
  it('parses an older document without project tables unchanged, so its hash stays the same', () => {
    const r = parsePackageDocument(structuredClone(SEED_2024_LUKOU_GSL));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect('projectEvaluations' in r.value).toBe(false);
    expect(canonicalJson(r.value)).toBe(canonicalJson(SEED_2024_LUKOU_GSL));
    expect(computeFigures(r.value, LUKOU_2024_TEMPLATE).projectEvaluations.tables).toEqual([]);
  });

  it('round-trips a document with two project tables through parse and canonical JSON', () => {
    const d = twoProjects();
    const r = parsePackageDocument(JSON.parse(canonicalJson(d)));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(canonicalJson(r.value)).toBe(canonicalJson(d));
    expect(r.value.projectEvaluations!.map((t) => t.id)).toEqual(['pe-1', 'pe-2']);
  });

  it.each<[string, (d: PackageDocument) => void, string, RegExp]>([
    ['a money cell that is not a decimal string', (d) => ((table(d, 'pe-1').funds.fiscal.execution as unknown) = 11.5), 'projectEvaluations[pe-1].funds.fiscal.execution', /项目支出绩效自评表 › 项目「招商引资专项」 › 项目资金 › 当年财政拨款 › 全年执行数/],
    ['a duplicate table id', (d) => (table(d, 'pe-2').id = 'pe-1'), 'projectEvaluations[pe-1].id', /编号重复/],
    ['an indicator weight above 100', (d) => (pind(d, 'pe-2', 'ind-4').weight = '120'), 'projectEvaluations[pe-2].indicators[ind-4].weight', /指标「会员企业满意度」 › 分值/],
    ['an unknown field', (d) => ((table(d, 'pe-1') as unknown as Record<string, unknown>).extra = 1), 'projectEvaluations[pe-1]', /未知字段：extra/],
    ['a missing funds line', (d) => delete (table(d, 'pe-1').funds as Partial<ProjectEvaluationTable['funds']>).other, 'projectEvaluations[pe-1].funds.other', /缺少此项/],
  ])('refuses %s with a Chinese message at its path', (_what, edit, path, message) => {
    const r = parsePackageDocument(twoProjects(edit));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const issue = r.issues.find((i) => i.path === path);
    expect(issue).toBeDefined();
    expect(issue!.messageZh).toMatch(message);
  });

  it('offers a table for a 专项 row that has none, prefilled from the row', () => {
    const d = twoProjects((x) => {
      x.basicData.projects.specialFunds.push({ id: 'sf-3', name: '商会信息化专项', previousFinal: null, currentBudget: '5', currentFinal: '4.8' });
    });
    expect(specialFundsWithoutTable(d).map((r) => r.id)).toEqual(['sf-3']);
    const id = nextProjectEvaluationId(d);
    expect(id).toBe('pe-3');
    const t = emptyProjectEvaluation(id, LUKOU_2024_TEMPLATE, d.basicData.projects.specialFunds[2]);
    expect(t).toMatchObject({ id: 'pe-3', specialFundId: 'sf-3', name: '商会信息化专项', funds: { fiscal: { initialBudget: '5', annualBudget: '5', execution: '4.8' } } });
    expect(t.indicators.map((r) => [r.level1, r.weight])).toEqual([
      ['OUTPUT', '40'],
      ['EFFECT', '20'],
      ['SATISFACTION', '10'],
      ['COST', '20'],
    ]);
    expect(parsePackageDocument({ ...d, projectEvaluations: [...d.projectEvaluations!, t] }).ok).toBe(true);
  });
});

describe('项目支出绩效自评表: figures', () => {
  it('computes 年度资金总额, 执行率, points, suggestions, total and grade per table', () => {
    const f = computeFigures(twoProjects(), LUKOU_2024_TEMPLATE).projectEvaluations;
    const [p1, p2] = f.tables;
    expect(p1).toMatchObject({
      id: 'pe-1',
      fundsTotal: { initialBudget: '12', annualBudget: '12', execution: '11.5' },
      executionWeight: '10',
      executionRate: '95.83',
      executionPoints: '9.58',
      indicatorWeightSum: '90',
      weightTotal: '100',
      declaredTotal: '92.91',
      suggestedTotal: '92.91',
      grade: 'EXCELLENT',
    });
    expect(p1!.indicators.map((r) => r.suggested)).toEqual(['20.00', '20.00', '13.33', '10.00', '20.00']);
    expect(p1!.specialFund?.id).toBe('sf-1');
    expect(p2).toMatchObject({ fundsTotal: { initialBudget: '8', annualBudget: '8', execution: '8' }, executionRate: '100.00', executionPoints: '10.00', declaredTotal: '100' });
    expect(f.totals).toEqual({ initialBudget: '20', annualBudget: '20', execution: '19.5' });
  });

  it('scores a project row exactly as the same 自评表 row', () => {
    const d = twoProjects();
    const row = pind(d, 'pe-1', 'ind-3');
    const f = computeFigures(d, LUKOU_2024_TEMPLATE).projectEvaluations.tables[0]!.indicators[2]!;
    expect(f).toMatchObject(suggestIndicatorScore(row));
  });

  it.each<[string, (d: PackageDocument) => void, string | null, string]>([
    ['below 60 %', (d) => (table(d, 'pe-1').funds.fiscal.execution = '6'), '50.00', '5.00'],
    ['over the budget (points stay at 10)', (d) => (table(d, 'pe-1').funds.other.execution = '1'), '104.17', '10.00'],
    ['with no budget', (d) => (table(d, 'pe-1').funds.fiscal.annualBudget = null), null, '0'],
  ])('rates execution %s', (_what, edit, rate, points) => {
    const p = computeFigures(twoProjects(edit), LUKOU_2024_TEMPLATE).projectEvaluations.tables[0]!;
    expect(p.executionRate).toBe(rate);
    expect(p.executionPoints ?? '0').toBe(points);
  });

  it('folds cost rows into 产出 under the national template, like the 自评表', () => {
    const p = computeFigures(twoProjects(), DEFAULT_TEMPLATE).projectEvaluations.tables[0]!;
    expect(p.indicators[4]!.scoringLevel).toBe('OUTPUT');
  });
});

type Case = [CheckCode, string, (d: PackageDocument) => void];
const P1 = 'projectEvaluations[pe-1]';

const cases: Case[] = [
  ['PROJECT_EXECUTION_MISMATCH', `${P1}.funds`, (d) => (table(d, 'pe-1').funds.fiscal.execution = '11')],
  ['PROJECT_EXECUTION_MISMATCH', `${P1}.funds`, (d) => (d.basicData.projects.specialFunds[0]!.currentFinal = '11.6')],
  ['PROJECT_TABLE_MISSING', 'basicData.projects.specialFunds[sf-2]', (d) => (d.projectEvaluations = d.projectEvaluations!.filter((t) => t.id !== 'pe-2'))],
  ['PROJECT_SPECIAL_FUND_NOT_FOUND', `${P1}.specialFundId`, (d) => (table(d, 'pe-1').specialFundId = 'sf-9')],
  ['PROJECT_SPECIAL_FUND_LINKED_TWICE', 'projectEvaluations[pe-2].specialFundId', (d) => (table(d, 'pe-2').specialFundId = 'sf-1')],
  ['PROJECT_BUDGET_MISMATCH', `${P1}.funds`, (d) => (d.basicData.projects.specialFunds[0]!.currentBudget = '13')],
  ['PROJECT_NAME_DIFFERS', `${P1}.name`, (d) => (table(d, 'pe-1').name = '招商引资工作经费')],
  ['PROJECTS_TOTAL_MISMATCH', 'projectEvaluations', (d) => (d.basicData.projects.businessWork.currentFinal = '3')],
  ['PROJECTS_TOTAL_MISMATCH', 'projectEvaluations', (d) => (d.projectEvaluations = d.projectEvaluations!.filter((t) => t.id !== 'pe-2'))],
  ['PROJECT_EXECUTION_RATE_LOW', `${P1}.funds`, (d) => (table(d, 'pe-1').funds.fiscal.execution = '10')],
  ['PROJECT_EXECUTION_ABOVE_BUDGET', `${P1}.funds`, (d) => (table(d, 'pe-1').funds.fiscal.annualBudget = '11')],
  ['PROJECT_NO_INDICATORS', `${P1}.indicators`, (d) => (table(d, 'pe-1').indicators = [])],
  ['PROJECT_WEIGHTS_MISMATCH', `${P1}.indicators[ind-1].weight`, (d) => (pind(d, 'pe-1', 'ind-1').weight = '25')],
  ['REQUIRED_TEXT_MISSING', `${P1}.department`, (d) => (table(d, 'pe-1').department = ' ')],
  ['REQUIRED_TEXT_MISSING', `${P1}.goal.actual`, (d) => (table(d, 'pe-1').goal.actual = '')],
  ['REQUIRED_VALUE_MISSING', `${P1}.funds.fiscal.execution`, (d) => (table(d, 'pe-1').funds.fiscal.execution = null)],
  // The 自评表's row checks, on a project's rows:
  ['SCORE_OUT_OF_RANGE', `${P1}.indicators[ind-4].score`, (d) => (pind(d, 'pe-1', 'ind-4').score = '12')],
  ['SCORE_ABOVE_SUGGESTION_NO_REASON', `${P1}.indicators[ind-1].score`, (d) => {
    pind(d, 'pe-1', 'ind-1').actual.value = '3';
  }],
  ['SCORE_BELOW_SUGGESTION', `${P1}.indicators[ind-4].score`, (d) => (pind(d, 'pe-1', 'ind-4').score = '8')],
  ['SCORE_MISSING', `${P1}.indicators[ind-2].score`, (d) => (pind(d, 'pe-1', 'ind-2').score = null)],
  ['INDICATOR_DEVIATION', `${P1}.indicators[ind-3].actual.value`, () => {}],
  ['ACTUAL_NOT_A_POINT_VALUE', `${P1}.indicators[ind-4].actual.value`, (d) => (pind(d, 'pe-1', 'ind-4').actual.raw = '≧95%')],
  ['QUALITATIVE_BAND_MISSING', 'projectEvaluations[pe-2].indicators[ind-3].actual.band', (d) => (pind(d, 'pe-2', 'ind-3').actual.band = null)],
];

describe('项目支出绩效自评表: checks', () => {
  it('passes the clean seed with two projects without any error or unexplained warning', () => {
    const r = runChecks(twoProjects(), LUKOU_2024_TEMPLATE, SEED_CONTEXT);
    // Notes only inform (how a spelling was read); they need no explanation.
    expect(r.filter((x) => x.severity === 'error' || (x.severity === 'warning' && !x.explained)).map((x) => x.key)).toEqual([]);
  });

  it.each(cases)('flags %s at %s', (code, path, edit) => {
    const r = runChecks(twoProjects(edit), LUKOU_2024_TEMPLATE, SEED_CONTEXT);
    const hit = r.find((x) => x.code === code && x.paths[0] === path);
    expect(hit).toBeDefined();
    expect(hit!.severity).toBe(CHECK_CATALOGUE[code][0]);
    if (path.startsWith('projectEvaluations[')) expect(hit!.messageZh).toMatch(/^项目支出绩效自评表「[^」]+」/);
    expect(hit!.messageEn.length).toBeGreaterThan(4);
  });

  it('makes a 全年执行数 that differs from the 专项 row an error that blocks submission', () => {
    const r = runChecks(twoProjects((d) => (table(d, 'pe-1').funds.fiscal.execution = '11')), LUKOU_2024_TEMPLATE, SEED_CONTEXT);
    const hit = r.find((x) => x.code === 'PROJECT_EXECUTION_MISMATCH')!;
    expect(hit.severity).toBe('error');
    expect(hit.paths).toEqual([`${P1}.funds`, 'basicData.projects.specialFunds[sf-1].currentFinal']);
    expect(hit.messageZh).toBe('项目支出绩效自评表「招商引资专项」：全年执行数11万元，与基础数据表专项「招商引资专项」本年决算数11.5万元不一致');
  });

  it('keeps a project row’s deviation explained by its own reason, and prefixes the project', () => {
    const r = runChecks(twoProjects(), LUKOU_2024_TEMPLATE, SEED_CONTEXT);
    const dev = r.find((x) => x.code === 'INDICATOR_DEVIATION' && x.paths[0] === `${P1}.indicators[ind-3].actual.value`)!;
    expect(dev.explained).toBe(true);
    expect(dev.messageZh).toBe('项目支出绩效自评表「招商引资专项」 › 指标「引进项目数」实际完成值2个未达到指标值3个：请填写偏差原因分析及改进措施');
  });

  it('does not compare a project’s cost indicator with the unit’s 基础数据表 rows by name', () => {
    const r = runChecks(twoProjects((d) => (pind(d, 'pe-1', 'ind-5').name = '办公经费')), LUKOU_2024_TEMPLATE, SEED_CONTEXT);
    expect(r.filter((x) => x.code === 'INDICATOR_LABEL_MISMATCH' && x.paths[0]!.startsWith('projectEvaluations'))).toEqual([]);
  });

  it('gives the same row in two tables distinct keys', () => {
    const r = runChecks(twoProjects((d) => {
      pind(d, 'pe-1', 'ind-2').score = null;
      pind(d, 'pe-2', 'ind-2').score = null;
    }), LUKOU_2024_TEMPLATE, SEED_CONTEXT);
    const keys = r.filter((x) => x.code === 'SCORE_MISSING').map((x) => x.key);
    expect(keys).toEqual(['SCORE_MISSING@projectEvaluations[pe-1].indicators[ind-2].score', 'SCORE_MISSING@projectEvaluations[pe-2].indicators[ind-2].score']);
    expect(new Set(r.map((x) => x.key)).size).toBe(r.length);
  });

  it('covers every project check code', () => {
    const covered = new Set(cases.map((c) => c[0]));
    expect(Object.keys(PROJECT_CHECK_CATALOGUE).filter((c) => !covered.has(c as CheckCode))).toEqual([]);
  });
});

describe('项目支出绩效自评表: paths and diffs', () => {
  it.each<[string, string]>([
    [projectIndicatorPath('pe-1', 'ind-2', 'actual.value'), '项目支出绩效自评表 › 项目「招商引资专项」 › 指标「活动按期完成率」 › 实际完成值'],
    ['projectEvaluations[pe-2].indicators[ind-3].deviationReason', '项目支出绩效自评表 › 项目「基层商会建设专项」 › 指标「商会运行机制」 › 偏差原因分析及改进措施'],
    ['projectEvaluations[pe-1].funds.carriedOver.annualBudget', '项目支出绩效自评表 › 项目「招商引资专项」 › 项目资金 › 上年结转资金 › 全年预算数'],
    ['projectEvaluations[pe-1].funds.other.initialBudget', '项目支出绩效自评表 › 项目「招商引资专项」 › 项目资金 › 其他资金 › 年初预算数'],
    ['projectEvaluations[pe-1].goal.actual', '项目支出绩效自评表 › 项目「招商引资专项」 › 年度总体目标 › 实际完成情况'],
    ['projectEvaluations[pe-1].name', '项目支出绩效自评表 › 项目「招商引资专项」 › 项目名称'],
    ['projectEvaluations[pe-2].carriedOver', '项目支出绩效自评表 › 项目「基层商会建设专项」 › 结转项目'],
    ['projectEvaluations[pe-9].department', '项目支出绩效自评表 › 项目 （已删除的行） › 主管部门'],
    // The 自评表's indicator of the same id is still found in the 自评表.
    ['selfEvaluation.indicators[ind-2].actual.value', '绩效自评表 › 指标「工商联会员管理」 › 实际完成值'],
  ])('describes %s', (path, zh) => {
    const d = twoProjects();
    expect(formatPath(parsePath(path))).toBe(path);
    expect(describePath(path, d).zh).toBe(zh);
  });

  it('diffs a project indicator change as exactly its path', () => {
    const before = twoProjects();
    const after = twoProjects((d) => (pind(d, 'pe-1', 'ind-3').actual.value = '3'));
    expect(diffDocuments(before, after)).toEqual([{ path: 'projectEvaluations[pe-1].indicators[ind-3].actual.value', before: '2', after: '3', kind: 'changed' }]);
  });

  it('diffs an added table as one addition and treats a missing list as an empty one', () => {
    const before = twoProjects();
    const after = twoProjects((d) => d.projectEvaluations!.push({ ...structuredClone(table(d, 'pe-2')), id: 'pe-3', specialFundId: null }));
    expect(diffDocuments(before, after).map((c) => [c.path, c.kind])).toEqual([['projectEvaluations[pe-3]', 'added']]);
    expect(diffDocuments(SEED_2024_LUKOU_GSL, { ...structuredClone(SEED_2024_LUKOU_GSL), projectEvaluations: [] })).toEqual([]);
  });
});
