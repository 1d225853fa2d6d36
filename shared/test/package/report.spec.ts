import {
  LUKOU_2024_TEMPLATE,
  REPORT_OUTLINE,
  REPORT_SECTION_KEYS,
  SEED_2024_LUKOU_GSL,
  SEED_CONTEXT,
  SEED_PUBLISHED_SENTENCES,
  computeFigures,
  draftReportSentences,
  draftReportTemplates,
  renderReportSection,
  sectionHeading,
  sectionHeadingEn,
  formLabels,
} from '../../src/package/index.js';
import { seedWith } from './helpers.js';

const figures = computeFigures(SEED_2024_LUKOU_GSL, LUKOU_2024_TEMPLATE);

describe('report drafting', () => {
  it('drafts the seed’s spending sentence from the data', () => {
    const s = draftReportSentences(SEED_2024_LUKOU_GSL, figures, SEED_CONTEXT);
    expect(s.performanceGoals).toBe(
      '2024年度总支出150.31万元；其中：工资福利支出101.28万元，占总支出的67.38%，商品和服务支出43.43万元，占总支出的28.89%；对个人和家庭的补助支出5.6万元，占总支出的3.73%',
    );
    expect(s.performanceGoals).toBe(SEED_PUBLISHED_SENTENCES.performanceGoalsTotals);
  });

  it('drafts the seed’s budget sentence with the split by function', () => {
    const s = draftReportSentences(SEED_2024_LUKOU_GSL, figures, SEED_CONTEXT);
    expect(s.generalBudgetBasic).toBe(SEED_PUBLISHED_SENTENCES.generalBudgetBasic);
    expect(s.performanceOverall).toBe('2024年全年预算150.31万元，全年执行150.31万元，预算执行率100%。');
    expect(s.performanceProject).toBe('本单位无项目支出。');
  });

  it.each([
    ['generalBudgetBasic', SEED_PUBLISHED_SENTENCES.generalBudgetBasic],
    ['performanceGoals', SEED_PUBLISHED_SENTENCES.performanceGoals],
  ] as const)('renders the stored %s back to the published text', (key, text) => {
    expect(renderReportSection(SEED_2024_LUKOU_GSL, key, figures)).toBe(text);
  });

  it('renders the staffing figures of chapter 一 from the table', () => {
    expect(renderReportSection(SEED_2024_LUKOU_GSL, 'basicInfo', figures).startsWith(SEED_PUBLISHED_SENTENCES.basicInfoStart)).toBe(true);
  });

  it('keeps bound sentences in step with the tables when a figure changes', () => {
    const doc = seedWith((d) => {
      d.selfEvaluation.budget.execution = '151.31';
      d.selfEvaluation.budget.executionByEconomicClass.householdSubsidies = '6.60';
    });
    const text = renderReportSection(doc, 'performanceGoals', computeFigures(doc, LUKOU_2024_TEMPLATE));
    expect(text).toContain('2024年度总支出151.31万元');
    expect(text).toContain('对个人和家庭的补助支出6.6万元，占总支出的4.36%');
  });

  it('leaves an unknown token visible rather than inventing a figure', () => {
    const doc = seedWith((d) => (d.report.chapters.other.text = '见{{nothing}}'));
    expect(renderReportSection(doc, 'other', figures)).toBe('见{{nothing}}');
  });

  it('drafts templates with tokens, not numbers', () => {
    const t = draftReportTemplates(SEED_2024_LUKOU_GSL, SEED_CONTEXT);
    expect(t.performanceGoals).toContain('{{wagesShare}}');
    expect(t.performanceGoals).not.toMatch(/\d+\.\d+/);
  });
});

describe('report outline', () => {
  it('numbers the ten chapters itself, 七 and 十 included', () => {
    const chapters = REPORT_OUTLINE.filter((e) => e.level === 1).map((e) => sectionHeading(e.key));
    expect(chapters).toEqual([
      '一、部门基本情况',
      '二、一般公共预算支出情况',
      '三、政府性基金预算支出情况',
      '四、国有资本经营预算支出情况',
      '五、社会保险基金预算支出情况',
      '六、资金使用及绩效情况',
      '七、存在的问题及原因分析',
      '八、下一步改进措施',
      '九、部门整体支出绩效自评结果拟应用和公开情况',
      '十、其他需要说明的情况',
    ]);
  });

  it('numbers sub-sections (一)(二) and 1–4', () => {
    expect(sectionHeading('generalBudgetProject')).toBe('（二）项目支出情况');
    expect(sectionHeading('performanceOverall')).toBe('（一）整体支出绩效情况');
    expect(sectionHeading('performanceEfficiency')).toBe('4.行政效能');
    expect(sectionHeading('performanceProject')).toBe('（二）项目支出绩效情况');
  });

  it('numbers the English headings the same way', () => {
    expect(sectionHeadingEn('problems')).toBe('7. Problems and their causes');
    expect(sectionHeadingEn('generalBudgetProject')).toBe('(2) Project spending');
    expect(sectionHeadingEn('performanceEfficiency')).toBe('4) Administrative efficiency');
  });

  it('lists every stored section key exactly once, in order', () => {
    expect(REPORT_OUTLINE.map((e) => e.key)).toEqual([...REPORT_SECTION_KEYS]);
  });

  it('takes labels from the campaign, never from typed text', () => {
    const l = formLabels(SEED_CONTEXT);
    expect(l.buildingsHeader).toBe('楼堂馆所控制情况（2024年完工项目）');
    expect(l.unitNameHeader).toBe('区级预算部门（单位）名称');
    expect(l.previousFinalHeader).toBe('2023年决算数');
    expect(l.reportTitle).toBe('2024年度株洲市渌口区工商业联合会整体支出绩效自评报告');
  });
});
