import {
  COVER_LAYOUT,
  DEFAULT_TEMPLATE,
  EVALUATION_METHOD_SELF,
  HUNAN_FORM_SET,
  LUKOU_2024_TEMPLATE,
  SEED_2024_LUKOU_GSL,
  SEED_CONTEXT,
  addTwoProjects,
  computeFigures,
  coverOpinions,
  formOf,
  expandFormSet,
  coverFilled,
  fieldLabel,
  valueAt,
  type CoverData,
  type EvaluationTemplate,
  type ExpandedForm,
  type GivenOpinions,
  type PackageDocument,
} from '../../src/index.js';

const context = { ...SEED_CONTEXT, unitName: '株洲市渌口区工商业联合会' };

function expand(doc: PackageDocument, template: EvaluationTemplate = LUKOU_2024_TEMPLATE): ExpandedForm[] {
  return expandFormSet(HUNAN_FORM_SET, { document: doc, figures: computeFigures(doc, template), template, context, medium: 'print' });
}

const twoProjects = () => addTwoProjects(structuredClone(SEED_2024_LUKOU_GSL));
const rowTexts = (form: ExpandedForm) => form.rows.map((r) => r.cells.map((c) => (c.prefix ? `${c.prefix}：${c.text}` : c.text)));

function expectFullGrid(form: ExpandedForm): void {
  const width = form.layout.columns.length;
  const covered = form.rows.map(() => new Set<number>());
  for (const row of form.rows)
    for (const cell of row.cells)
      for (let r = cell.row; r < cell.row + cell.rowSpan; r++)
        for (let c = cell.col; c < cell.col + cell.colSpan; c++) {
          expect(covered[r]!.has(c)).toBe(false);
          covered[r]!.add(c);
        }
  covered.forEach((cols, i) => expect([form.layout.id, i, cols.size]).toEqual([form.layout.id, i, width]));
}

describe('the 项目支出绩效自评表 layout', () => {
  it('prints one table per project, after the 自评表, and none for a package without projects', () => {
    expect(expand(twoProjects()).map((f) => f.layout.id)).toEqual(['cover', 'basicData', 'selfEvaluation', 'budgetDetail', 'projectSelfEvaluation', 'projectSelfEvaluation']);
    expect(expand(structuredClone(SEED_2024_LUKOU_GSL)).map((f) => f.layout.id)).toEqual(['cover', 'basicData', 'selfEvaluation', 'budgetDetail']);
  });

  it('binds every input to the project’s fields and every computed cell to its figures, on a full grid', () => {
    const doc = twoProjects();
    const figures = computeFigures(doc, LUKOU_2024_TEMPLATE);
    const tables = expand(doc).filter((f) => f.layout.id === 'projectSelfEvaluation');
    tables.forEach((form, i) => {
      const id = `pe-${i + 1}`;
      expectFullGrid(form);
      for (const row of form.rows)
        for (const cell of row.cells) {
          if (cell.path) {
            expect(cell.path.startsWith(`projectEvaluations[${id}].`)).toBe(true);
            expect([cell.path, valueAt(doc, cell.path) !== undefined]).toEqual([cell.path, true]);
          }
          if (cell.computed) expect([cell.computed, valueAt(figures, cell.computed) !== undefined]).toEqual([cell.computed, true]);
        }
    });
  });

  it('prints the funds, the computed total, rate and points, and "——" where the form has no value', () => {
    const [p1, p2] = expand(twoProjects()).filter((f) => f.layout.id === 'projectSelfEvaluation');
    expect(p1!.title).toBe('2024年度项目支出绩效自评表');
    const t1 = rowTexts(p1!);
    expect(t1[0]).toEqual(['项目名称', '招商引资专项']);
    expect(t1[1]).toEqual(['主管部门', '株洲市渌口区工商业联合会', '实施单位', '株洲市渌口区工商业联合会']);
    expect(t1[3]).toEqual(['年度资金总额', '12', '12', '11.5', '10', '95.83%', '9.58']);
    expect(t1[4]).toEqual(['其中：当年财政拨款', '12', '12', '11.5', '——', '——', '——']);
    expect(t1[5]).toEqual(['上年结转资金', '', '', '', '——', '——', '——']);
    expect(t1.at(-1)).toEqual(['总分', '100', '92.91', '']);
    const t2 = rowTexts(p2!);
    expect(t2[5]).toEqual(['上年结转资金', '2', '2', '2', '——', '——', '——']);
    expect(t2[3]).toEqual(['年度资金总额', '8', '8', '8', '10', '100%', '10']);
  });

  it('groups the project’s indicator rows under 一级/二级指标 by the template, like the 自评表', () => {
    const doc = twoProjects();
    const rowsOf = (template: EvaluationTemplate) =>
      expand(doc, template)
        .find((f) => f.layout.id === 'projectSelfEvaluation')!
        .rows.filter((r) => r.specId === 'indicators')
        .map((r) => [r.level1, r.level2, r.itemId ?? null]);
    const seed = rowsOf(LUKOU_2024_TEMPLATE);
    expect(seed.filter((r) => r[2] !== null)).toEqual([
      ['OUTPUT', 'QUANTITY', 'ind-1'],
      ['OUTPUT', 'TIMELINESS', 'ind-2'],
      ['EFFECT', 'SOCIAL_BENEFIT', 'ind-3'],
      ['SATISFACTION', 'SERVICE_SATISFACTION', 'ind-4'],
      ['COST', 'ECONOMIC_COST', 'ind-5'],
    ]);
    // Under the national template the cost row prints under 产出指标.
    expect(rowsOf(DEFAULT_TEMPLATE).find((r) => r[2] === 'ind-5')).toEqual(['OUTPUT', 'ECONOMIC_COST', 'ind-5']);
    const form = expand(doc).find((f) => f.layout.id === 'projectSelfEvaluation')!;
    const ind3 = form.rows.find((r) => r.itemId === 'ind-3')!;
    expect(ind3.cells.map((c) => c.text).slice(-6)).toEqual(['引进项目数', '≥3个', '2个', '20', '13.33', expect.stringContaining('原因')]);
    expect(ind3.cells.find((c) => c.path?.endsWith('.actual'))!.path).toBe('projectEvaluations[pe-1].indicators[ind-3].actual');
  });
});

describe('project field labels', () => {
  it.each([
    ['projectEvaluations[pe-1].funds.fiscal.execution', '项目支出绩效自评表 › 项目「招商引资专项」 › 项目资金 › 当年财政拨款 › 全年执行数'],
    ['projectEvaluations[pe-2].implementer', '项目支出绩效自评表 › 项目「基层商会建设专项」 › 实施单位'],
    ['projectEvaluations[pe-1].goal.expected', '项目支出绩效自评表 › 项目「招商引资专项」 › 年度总体目标 › 预期目标'],
    ['projectEvaluations[pe-1].indicators[ind-3].deviationReason', '项目支出绩效自评表 › 项目「招商引资专项」 › 指标「引进项目数」 › 偏差原因分析及改进措施'],
  ])('reads the label of %s from the layout', (path, zh) => {
    expect(fieldLabel(path, { document: twoProjects() })?.label.zh).toBe(zh);
  });
});

describe('the 封面 layout', () => {
  const cover = (given: GivenOpinions, reportDate: string | null = null): CoverData => ({
    unitName: '株洲市渌口区工商业联合会',
    budgetCode: '212001',
    fiscalYear: 2024,
    evaluationMethod: EVALUATION_METHOD_SELF,
    reportDate,
    opinions: coverOpinions(given),
  });
  const doc = structuredClone(SEED_2024_LUKOU_GSL);
  const lay = (c: CoverData) =>
    expandFormSet(HUNAN_FORM_SET, { document: doc, figures: computeFigures(doc, LUKOU_2024_TEMPLATE), template: LUKOU_2024_TEMPLATE, context, medium: 'print', filled: coverFilled(c) }).find((f) => f.layout.id === 'cover')!;

  it('is printed only: no sheet and no screen form', () => {
    for (const medium of ['sheet', 'screen'] as const)
      expect(expandFormSet(HUNAN_FORM_SET, { document: doc, figures: computeFigures(doc, LUKOU_2024_TEMPLATE), template: LUKOU_2024_TEMPLATE, context, medium }).map((f) => f.layout.id)).not.toContain('cover');
  });

  it('prints the unit, 预算编码, year, method and date, on a full grid', () => {
    const form = lay(cover({}, '2025年5月20日'));
    expect(formOf(HUNAN_FORM_SET, 'cover')).toBe(COVER_LAYOUT);
    expect(HUNAN_FORM_SET.forms[0]).toBe(COVER_LAYOUT);
    expect(form.title).toBe('2024年度部门（单位）整体支出绩效自评材料');
    expectFullGrid(form);
    expect(rowTexts(form).slice(0, 5)).toEqual([
      ['单位名称', '株洲市渌口区工商业联合会'],
      ['预算编码', '212001'],
      ['评价年度', '2024年度'],
      ['评价方式', '单位自评'],
      ['报告日期', '2025年5月20日'],
    ]);
    expect(form.rows.every((r) => r.cells.every((c) => c.role !== 'input' && c.role !== 'computed'))).toBe(true);
  });

  it('prints the opinion boxes empty until each level has given its opinion', () => {
    expect(rowTexts(lay(cover({}))).slice(5)).toEqual([
      ['单位负责人意见', '', '签字：', '日期：'],
      ['财政部门审核意见', '', '签字：', '日期：'],
    ]);
    const signed = lay(cover({ UNIT_HEAD: { signerName: '单位负责人（演示）', date: '2025年5月20日' } }));
    expect(rowTexts(signed).slice(5)).toEqual([
      ['单位负责人意见', '同意报送', '签字：单位负责人（演示）', '日期：2025年5月20日'],
      ['财政部门审核意见', '', '签字：', '日期：'],
    ]);
    const texts = rowTexts(signed).flat().join('');
    expect(texts).not.toContain('审核通过');
  });
});
