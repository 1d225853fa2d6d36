import {
  LUKOU_2024_TEMPLATE,
  REPORT_OUTLINE,
  SEED_2024_LUKOU_GSL,
  SEED_CONTEXT,
  checkReportConsistency,
  computeFigures,
  emptyPackageDocument,
  runChecks,
  statesValue,
} from '../../src/package/index.js';
import type { PackageDocument, ReportSectionKey } from '../../src/package/index.js';
import { cleanSeed, seedWith } from './helpers.js';

const findings = (doc: PackageDocument) => checkReportConsistency(doc, computeFigures(doc, LUKOU_2024_TEMPLATE));

/** The seed with one chapter's text replaced (and the tables changed by `tables`). */
function withText(key: ReportSectionKey, text: string, tables: (d: PackageDocument) => void = () => {}): PackageDocument {
  return seedWith((d) => {
    tables(d);
    d.report.chapters[key].text = text;
  });
}

const withProjects = (d: PackageDocument) => {
  d.selfEvaluation.budget.byExpenditure.project = '76.5';
  d.selfEvaluation.budget.byExpenditure.basic = '73.81';
};

describe('the report cannot contradict the tables', () => {
  it('finds nothing in the seed package (its figures are bound or agree)', () => {
    expect(findings(structuredClone(SEED_2024_LUKOU_GSL))).toEqual([]);
    expect(runChecks(cleanSeed(), LUKOU_2024_TEMPLATE, SEED_CONTEXT).filter((r) => r.code.startsWith('REPORT_') && r.code.includes('CONTRADICTS'))).toEqual([]);
  });

  it('finds nothing in the seed’s published wording typed out literally', () => {
    const doc = seedWith((d) => {
      const f = computeFigures(d, LUKOU_2024_TEMPLATE);
      for (const e of REPORT_OUTLINE) {
        d.report.chapters[e.key].text = d.report.chapters[e.key].text.replace(/\{\{([A-Za-z]+)\}\}/g, (_w, n: string) => {
          const seedValues: Record<string, string> = { staffingAuthorized: '5', staffingActual: '7', initialBudget: '131.81', projectSpending: '0', totalSpending: '150.31', wages: '101.28', goodsAndServices: '43.43', householdSubsidies: '5.6', wagesShare: '67.38', goodsAndServicesShare: '28.89', householdSubsidiesShare: '3.73', initialBudgetByFunction: '一般公共服务支出106.44万元，社会保障和就业支出16.29万元，住房保障支出9.08万元' };
          return seedValues[n] ?? n;
        });
      }
      void f;
    });
    expect(doc.report.chapters.performanceGoals.text).toContain('工资福利支出101.28万元，占总支出的67.38%');
    expect(findings(doc)).toEqual([]);
  });

  it('flags the issue’s example: 本单位无项目支出 after the tables show 76.5万元 of project spending', () => {
    const doc = withText('performanceProject', '2023年项目支出76.5万元。本单位无项目支出。', withProjects);
    const f = findings(doc).filter((x) => x.paths[0] === 'report.chapters.performanceProject.text');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ code: 'REPORT_CLAIM_CONTRADICTS_TABLES', paths: ['report.chapters.performanceProject.text', 'selfEvaluation.budget.byExpenditure.project'] });
    expect(f[0]!.messageZh).toContain('本单位无项目支出');
    expect(f[0]!.messageZh).toContain('76.5万元');
    expect(f[0]!.messageZh).toContain('插入正文');
    const check = runChecks(doc, LUKOU_2024_TEMPLATE, SEED_CONTEXT).find((r) => r.code === 'REPORT_CLAIM_CONTRADICTS_TABLES');
    expect(check).toMatchObject({ severity: 'warning', explained: false });
  });

  it('flags a report drafted on the empty document once the tables show project spending', () => {
    const doc = emptyPackageDocument(LUKOU_2024_TEMPLATE, SEED_CONTEXT);
    expect(findings(doc)).toEqual([]);
    doc.selfEvaluation.budget.byExpenditure.project = '76.5';
    const f = findings(doc);
    expect(f.map((x) => [x.code, x.paths[0]])).toEqual([['REPORT_CLAIM_CONTRADICTS_TABLES', 'report.chapters.performanceProject.text']]);
  });

  type Row = [string, string, ((d: PackageDocument) => void) | null, string[]];
  const rows: Row[] = [
    // [text, note, tables, expected codes]
    ['2024年项目支出76.5万元。', 'agrees', withProjects, []],
    ['2024年项目支出76.5万元。', 'the tables say 0', null, ['REPORT_FIGURE_CONTRADICTS_TABLES']],
    ['项目支出0万元，年内完成了各项工作任务。', 'empty means none', null, []],
    ['项目支出0万元。', 'but the tables say 76.5', withProjects, ['REPORT_FIGURE_CONTRADICTS_TABLES']],
    ['基本支出150.31万元。', 'basic spending of the execution', null, []],
    ['年初预算中基本支出131.81万元。', 'basic budget = budget less projects', null, []],
    ['基本支出131.5万元。', 'no such basic figure', null, ['REPORT_FIGURE_CONTRADICTS_TABLES']],
    ['年初预算为131.81万元，全年预算150.31万元。', 'both agree', null, []],
    ['年初预算130万元。', 'a wrong initial budget', null, ['REPORT_FIGURE_CONTRADICTS_TABLES']],
    ['总支出150.3万元。', 'rounded to one decimal', null, []],
    ['总支出150.4万元。', 'not a rounding', null, ['REPORT_FIGURE_CONTRADICTS_TABLES']],
    ['工资福利支出101.28万元，占总支出的67.38%。', 'share agrees', null, []],
    ['工资福利支出101.28万元，占总支出的67.4%。', 'share rounded', null, []],
    ['工资福利支出101.28万元，占总支出的70%。', 'wrong share', null, ['REPORT_FIGURE_CONTRADICTS_TABLES']],
    ['商品和服务支出（主要用于保机关运转、招商引资等）43.43万元，占总支出的28.89%。', 'a parenthesis between name and figure', null, []],
    ['商品和服务支出（主要用于保机关运转、招商引资等）45万元。', 'a parenthesis, wrong figure', null, ['REPORT_FIGURE_CONTRADICTS_TABLES']],
    ['工资福利支出{{wages}}万元，占总支出的{{wagesShare}}%。', 'bound figures never contradict', null, []],
    ['预算执行率100%。', 'execution rate agrees', null, []],
    ['预算执行率为95%。', 'execution rate wrong', null, ['REPORT_FIGURE_CONTRADICTS_TABLES']],
    ['公用经费决算43.43万元，比预算增加12.63万元。', 'a change is not a total', null, []],
    ['项目支出比上年增加10万元。', 'a change after the name is not read as the figure', null, []],
    ['三公经费0.314万元，公务接待0.314万元。', 'three public and reception agree', null, []],
    ['三公经费0.5万元。', 'three public wrong', null, ['REPORT_FIGURE_CONTRADICTS_TABLES']],
    ['本单位无政府性基金预算支出。', 'true claim', null, []],
    ['本单位无政府性基金预算支出。', 'false claim', (d) => (d.selfEvaluation.budget.byIncome.governmentFund = '12'), ['REPORT_CLAIM_CONTRADICTS_TABLES']],
    ['2024年度没有发生三公经费支出。', 'false claim with a year', null, ['REPORT_CLAIM_CONTRADICTS_TABLES']],
    ['无公务接待。', 'false claim on reception', null, ['REPORT_CLAIM_CONTRADICTS_TABLES']],
    ['本单位无楼堂馆所建设项目，无国有资本经营预算支出。', 'subjects the tables do not hold', null, []],
    ['无偿提供项目支出咨询。', '无偿 is not a claim', null, []],
    ['项目支出７６．５万元。', 'full-width digits are read', null, ['REPORT_FIGURE_CONTRADICTS_TABLES']],
    ['项目支出７６．５万元。', 'full-width digits that agree', withProjects, []],
    ['本单位无项目支出，项目支出76.5万元。', 'a claim and a figure, both checked', withProjects, ['REPORT_CLAIM_CONTRADICTS_TABLES']],
  ];

  it.each(rows)('%s (%s)', (text, _note, tables, codes) => {
    const f = findings(withText('performanceEfficiency', text, tables ?? undefined)).filter((x) => x.paths[0] === 'report.chapters.performanceEfficiency.text');
    expect(f.map((x) => x.code)).toEqual(codes);
    for (const x of f) {
      expect(x.paths[0]).toBe('report.chapters.performanceEfficiency.text');
      expect(x.messageZh).toContain('4.行政效能');
      expect(x.messageZh).not.toMatch(/[A-Za-z]{4,}/);
    }
  });

  it('offers 插入正文 only where the system drafts the chapter', () => {
    const [f] = findings(withText('governmentFund', '本单位无政府性基金预算支出。', (d) => (d.selfEvaluation.budget.byIncome.governmentFund = '12')));
    expect(f!.messageZh).toBe('自评报告 › 三、政府性基金预算支出情况：写有“本单位无政府性基金预算支出”，但表格中政府性基金拨款为12万元：请核对后修改');
  });

  it('names the typed words and the table figure in the error', () => {
    const [f] = findings(withText('generalBudgetBasic', '2024年项目支出76.5万元。'));
    expect(f!.messageZh).toBe('自评报告 › （一）基本支出情况：写的是“项目支出76.5万元”，表格中项目支出为0万元：请改正，或用“插入表格数据”引用表格中的数字');
  });

  it('blocks submission on a contradicting figure (error) and only asks about a claim (warning)', () => {
    const doc = cleanSeed();
    doc.report.chapters.other.text = '项目支出10万元。';
    const figure = runChecks(doc, LUKOU_2024_TEMPLATE, SEED_CONTEXT);
    expect(figure.find((r) => r.code === 'REPORT_FIGURE_CONTRADICTS_TABLES')?.severity).toBe('error');
    doc.report.chapters.other.text = '本单位无三公经费支出。';
    const claim = runChecks(doc, LUKOU_2024_TEMPLATE, SEED_CONTEXT).filter((r) => r.code.includes('CONTRADICTS'));
    expect(claim.map((r) => [r.code, r.severity])).toEqual([['REPORT_CLAIM_CONTRADICTS_TABLES', 'warning']]);
  });

  it.each([
    ['76.5', '76.5', true],
    ['76.5', '76.50', true],
    ['67.4', '67.38', true],
    ['67', '67.38', true],
    ['67.3', '67.38', false],
    ['150.31', '150.3149', true],
    ['0', '0.4', true],
    ['1', '0.4', false],
  ])('typed %s states %s: %s', (typed, value, ok) => {
    expect(statesValue(typed, value)).toBe(ok);
  });

  it('never throws on odd text', () => {
    for (const text of ['{{', '}}', '{{constructor}}万元', '无', '占总支出的%', '项目支出.万元', '项目支出'.repeat(800), `${'（'.repeat(300)}项目支出1万元`]) {
      expect(() => findings(withText('other', text))).not.toThrow();
    }
  });
});
