import { SEED_2024_LUKOU_GSL, describePath, parsePackageDocument, LIMITS } from '../../src/package/index.js';
import type { PackageDocument } from '../../src/package/index.js';
import { seedWith } from './helpers.js';

type Edit = (d: PackageDocument) => void;
const asAny = (v: unknown) => v as never;

function issuesOf(input: unknown) {
  const r = parsePackageDocument(input);
  if (r.ok) throw new Error('expected issues');
  return r.issues;
}

describe('parsePackageDocument', () => {
  it.each<[string, Edit, string, string]>([
    [
      'a number where text is expected',
      (d) => (d.selfEvaluation.goal.actual = asAny(5)),
      'selfEvaluation.goal.actual',
      '绩效自评表 › 年度总体目标 › 实际完成情况：必须是文本',
    ],
    [
      'negative money',
      (d) => (d.basicData.publicFunds.total.currentFinal = '-1'),
      'basicData.publicFunds.total.currentFinal',
      '基础数据表 › 公用经费 › 合计 › 本年决算数：不能为负数',
    ],
    [
      'money with 5 decimals',
      (d) => (d.basicData.threePublic.reception.currentBudget = '0.31512'),
      'basicData.threePublic.reception.currentBudget',
      '基础数据表 › 三公经费 › 公务接待 › 本年预算数：最多保留4位小数',
    ],
    [
      'money as a JS number',
      (d) => (d.selfEvaluation.budget.execution = asAny(150.31)),
      'selfEvaluation.budget.execution',
      '绩效自评表 › 年度预算申请 › 年度资金总额 › 全年执行数：必须是数字（万元，文本形式）、空或“——”',
    ],
    [
      'money with 11 integer digits',
      (d) => (d.selfEvaluation.budget.annualBudget = '12345678901'),
      'selfEvaluation.budget.annualBudget',
      '绩效自评表 › 年度预算申请 › 年度资金总额 › 全年预算数：整数部分最多10位',
    ],
    [
      'a 6,000-character text',
      (d) => (d.report.chapters.problems.text = '问'.repeat(6000)),
      'report.chapters.problems.text',
      '自评报告 › 七、存在的问题及原因分析：不能超过5000个字',
    ],
    [
      'an unknown level',
      (d) => (d.selfEvaluation.indicators[0]!.level1 = asAny('IMPACT')),
      'selfEvaluation.indicators[ind-1].level1',
      '绩效自评表 › 指标「召开招商会议、走访企业和基层商会」 › 一级指标：不是允许的取值（可选：OUTPUT、EFFECT、SATISFACTION、COST）',
    ],
    [
      'a level 2 of another level 1',
      (d) => (d.selfEvaluation.indicators[0]!.level2 = 'ECONOMIC_COST'),
      'selfEvaluation.indicators[ind-1].level2',
      '绩效自评表 › 指标「召开招商会议、走访企业和基层商会」 › 二级指标：二级指标不属于所选一级指标',
    ],
    [
      'an actual value that is not a number',
      (d) => (d.selfEvaluation.indicators[8]!.actual.value = '≧85'),
      'selfEvaluation.indicators[ind-9].actual.value',
      '绩效自评表 › 指标「人员保障」 › 实际完成值：必须是数字',
    ],
    [
      'a score above 100',
      (d) => (d.selfEvaluation.indicators[0]!.score = '101'),
      'selfEvaluation.indicators[ind-1].score',
      '绩效自评表 › 指标「召开招商会议、走访企业和基层商会」 › 得分：必须是0到100之间的数字（最多2位小数）',
    ],
    [
      'a fractional head count',
      (d) => (d.basicData.staffing.actual = 7.5),
      'basicData.staffing.actual',
      '基础数据表 › 财政供养人员情况 › 本年实际在职人数：必须是非负整数',
    ],
    [
      'too many indicator rows',
      (d) => {
        const row = d.selfEvaluation.indicators[0]!;
        d.selfEvaluation.indicators = Array.from({ length: 61 }, (_x, i) => ({ ...row, id: `r-${i}` }));
      },
      'selfEvaluation.indicators',
      '绩效自评表 › 绩效指标：最多60行',
    ],
    [
      'too many special funds',
      (d) => {
        d.basicData.projects.specialFunds = Array.from({ length: 51 }, (_x, i) => ({
          id: `sf-${i}`,
          name: `专项${i}`,
          previousFinal: null,
          currentBudget: '1',
          currentFinal: '1',
        }));
      },
      'basicData.projects.specialFunds',
      '基础数据表 › 项目支出 › 本级专项资金：最多50行',
    ],
    [
      'a duplicate id',
      (d) => (d.selfEvaluation.indicators[1]!.id = 'ind-1'),
      'selfEvaluation.indicators[ind-1].id',
      '绩效自评表 › 指标「召开招商会议、走访企业和基层商会」 › 编号：编号重复',
    ],
    [
      'a missing field',
      (d) => delete (d.basicData as Partial<PackageDocument['basicData']>).austerityMeasures,
      'basicData.austerityMeasures',
      '基础数据表 › 厉行节约保障措施：缺少此项',
    ],
    [
      'an unknown field',
      (d) => ((d.basicData.staffing as Record<string, unknown>).controlRate = '140'),
      'basicData.staffing',
      '基础数据表 › 财政供养人员情况：含有未知字段：controlRate',
    ],
  ])('names the field in Chinese for %s', (_what, edit, path, messageZh) => {
    const issues = issuesOf(seedWith(edit));
    expect(issues).toContainEqual(expect.objectContaining({ path, messageZh }));
    for (const i of issues) expect(i.messageEn.length).toBeGreaterThan(0);
  });

  it('falls back to the row position when an item has no usable id', () => {
    const d = seedWith((x) => {
      x.selfEvaluation.indicators[2]!.id = 'bad id!';
    });
    expect(issuesOf(d)).toContainEqual(
      expect.objectContaining({ path: 'selfEvaluation.indicators[#2].id', messageZh: expect.stringContaining('指标「做好非公经济人士参政议政、建言献策」') }),
    );
  });

  it.each([null, 5, 'package', [], undefined, { version: 2 }])('rejects the non-document %j without throwing', (input) => {
    const r = parsePackageDocument(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.length).toBeGreaterThan(0);
  });

  it('says what a non-object is', () => {
    expect(issuesOf(5)).toEqual([{ path: '', messageZh: '自评材料：必须是对象', messageEn: 'package: must be of type object' }]);
  });

  it('accepts negative money only in the budget adjustment', () => {
    const ok = parsePackageDocument(seedWith((d) => (d.basicData.budgetAdjustment.currentFinal = '-3.5')));
    expect(ok.ok).toBe(true);
  });

  it('never throws on hostile input', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const getter = Object.defineProperty({}, 'version', {
      get() {
        throw new Error('boom');
      },
      enumerable: true,
    });
    expect(() => parsePackageDocument(cyclic)).not.toThrow();
    expect(() => parsePackageDocument(getter)).not.toThrow();
    expect(parsePackageDocument(getter).ok).toBe(false);
  });

  it('keeps text limits in one place', () => {
    expect(LIMITS).toMatchObject({ textChars: 5000, nameChars: 200, indicators: 60, specialFunds: 50, buildings: 20 });
  });
});

// Field labels come from the form layouts (forms/): the form's own words, "本年" when no campaign year is given.
describe('describePath', () => {
  it.each([
    ['selfEvaluation.indicators[ind-9].actual.value', '绩效自评表 › 指标「人员保障」 › 实际完成值'],
    ['selfEvaluation.indicators[ind-9].deviationReason', '绩效自评表 › 指标「人员保障」 › 偏差原因分析及改进措施'],
    ['basicData.staffing.actual', '基础数据表 › 财政供养人员情况 › 本年实际在职人数'],
    ['report.chapters.problems.text', '自评报告 › 七、存在的问题及原因分析'],
    ['report.chapters.performanceGoals.text', '自评报告 › 1.绩效目标的实现情况'],
    ['basicData.procurement.previousFinal', '基础数据表 › 政府采购金额 › 上年决算数'],
    ['explanations.STAFFING_OVER_QUOTA@basicData.staffing.actual', '情况说明 › 实际在职人数超过编制数（控制率>100%） › 基础数据表 › 财政供养人员情况 › 本年实际在职人数'],
  ])('labels %s as %s', (path, zh) => {
    expect(describePath(path, SEED_2024_LUKOU_GSL).zh).toBe(zh);
  });

  it('never shows an internal id, even when no document is given', () => {
    expect(describePath('selfEvaluation.indicators[ind-9].score')).toEqual({ zh: '绩效自评表 › 指标 › 得分', en: 'Self-evaluation table › indicator › score' });
  });

  it('never throws on an unknown path', () => {
    expect(describePath('foo.bar[x].baz').zh).toBe('foo › bar › baz');
  });
});
