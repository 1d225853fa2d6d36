import {
  DEFAULT_TEMPLATE,
  FORM_SETS,
  HUNAN_FORM_SET,
  LUKOU_2024_TEMPLATE,
  SEED_2024_LUKOU_GSL,
  SEED_CONTEXT,
  computeFigures,
  describePath,
  expandForm,
  expandFormSet,
  formWords,
  BASIC_DATA_LAYOUT,
  SELF_EVALUATION_LAYOUT,
  formSetOf,
  indicatorBlocks,
  runChecks,
  fieldLabel,
  type FormLayout,
  valueAt,
  type EvaluationTemplate,
  type ExpandedForm,
  type PackageDocument,
} from '../../src/index.js';

function seedWithLists(): PackageDocument {
  const doc = structuredClone(SEED_2024_LUKOU_GSL);
  doc.basicData.projects.specialFunds = [
    { id: 'sf-1', name: '招商引资专项', previousFinal: null, currentBudget: '12.5', currentFinal: '12.4999' },
    { id: 'sf-2', name: '商会建设专项', previousFinal: '3', currentBudget: '4', currentFinal: '4' },
  ];
  doc.basicData.buildings = [{ id: 'bld-1', name: '办公楼维修', approvedArea: '100', actualArea: '120.5', budgetInvestment: '50', actualInvestment: '48.25' }];
  return doc;
}

function expand(doc: PackageDocument, template: EvaluationTemplate = LUKOU_2024_TEMPLATE, setId?: string): ExpandedForm[] {
  return expandFormSet(formSetOf(setId), {
    document: doc,
    figures: computeFigures(doc, template),
    template,
    context: { ...SEED_CONTEXT, unitName: '株洲市渌口区工商业联合会' },
    medium: 'print',
  });
}

describe('the official forms as layouts', () => {
  const forms = expand(seedWithLists());

  it('binds every input to a field of the document and every computed cell to a figure', () => {
    const doc = seedWithLists();
    const figures = computeFigures(doc, LUKOU_2024_TEMPLATE);
    let inputs = 0;
    for (const form of forms)
      for (const row of form.rows)
        for (const cell of row.cells) {
          if (cell.path) {
            inputs++;
            expect([cell.path, valueAt(doc, cell.path) !== undefined]).toEqual([cell.path, true]);
          }
          if (cell.computed) expect([cell.computed, valueAt(figures, cell.computed) !== undefined]).toEqual([cell.computed, true]);
        }
    expect(inputs).toBeGreaterThan(80);
  });

  it('fills every grid row exactly, merged cells included', () => {
    for (const form of forms) {
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
  });

  it('prints the campaign words: the year, the government level and the form set’s funds word', () => {
    const basic = forms.find((f) => f.layout.id === 'basicData')!;
    const texts = basic.rows.flatMap((r) => r.cells.map((c) => c.text));
    expect(basic.title).toBe('2024年度部门（单位）整体支出绩效评价基础数据表');
    expect(texts).toEqual(expect.arrayContaining(['2023年决算数', '2024年预算数', '2024年决算数', '2024年实际在职人数', '3、本级专项资金（一个专项一行）']));
    const self = forms.find((f) => f.layout.id === 'selfEvaluation')!;
    expect(self.rows[0]!.cells[0]!.text).toBe('区级预算部门（单位）名称');

    const provincial = expand(seedWithLists(), LUKOU_2024_TEMPLATE, 'hunan-provincial');
    const pTexts = provincial.flatMap((f) => f.rows.flatMap((r) => r.cells.map((c) => c.text)));
    expect(pTexts).toContain('3、省级专项资金（一个专项一行）');
    expect(pTexts).toContain('部门（单位）名称');
    expect(describePath('basicData.projects.specialFunds[sf-1].currentBudget', seedWithLists(), { formSetId: 'hunan-provincial' }).zh).toBe(
      '基础数据表 › 项目支出 › 省级专项资金「招商引资专项」 › 本年预算数',
    );
  });

  it('names a field in messages exactly as the form heads its column', () => {
    const basic = forms.find((f) => f.layout.id === 'basicData')!;
    const context = { ...SEED_CONTEXT };
    for (const [path, header] of [
      ['basicData.threePublic.reception.previousFinal', '2023年决算数'],
      ['basicData.threePublic.reception.currentBudget', '2024年预算数'],
      ['basicData.threePublic.reception.currentFinal', '2024年决算数'],
    ] as const) {
      expect(basic.rows.some((r) => r.cells.some((c) => c.header && c.text === header))).toBe(true);
      expect(describePath(path, SEED_2024_LUKOU_GSL, { context }).zh).toBe(`基础数据表 › 三公经费 › 公务接待 › ${header}`);
    }
    // Without a campaign the same label reads relative to the package's year.
    expect(describePath('basicData.threePublic.reception.currentFinal').zh).toBe('基础数据表 › 三公经费 › 公务接待 › 本年决算数');
    expect(describePath('basicData.buildings[bld-1].approvedArea', seedWithLists()).zh).toBe('基础数据表 › 楼堂馆所「办公楼维修」 › 批复规模（㎡）');
  });

  it('names a money column in check messages as the form heads it', () => {
    const doc = structuredClone(SEED_2024_LUKOU_GSL);
    doc.basicData.publicFunds.office.currentFinal = '50';
    const message = (context?: typeof SEED_CONTEXT) => runChecks(doc, LUKOU_2024_TEMPLATE, context).find((r) => r.code === 'PUBLIC_FUNDS_ITEM_EXCEEDS_TOTAL')!.messageZh;
    expect(message(SEED_CONTEXT)).toContain('办公经费 › 2024年决算数50万元');
    expect(message()).toContain('办公经费 › 本年决算数50万元');
  });

  it('lays out every form set of the catalogue', () => {
    for (const set of Object.values(FORM_SETS)) expect(set.forms.map((f) => f.id)).toEqual(HUNAN_FORM_SET.forms.map((f) => f.id));
    expect(formSetOf('no-such-set')).toBe(HUNAN_FORM_SET);
  });
});

describe('the 绩效指标 block', () => {
  const level1Of = (blocks: ReturnType<typeof indicatorBlocks>, id: string) => blocks.find((b) => b.level2s.some((g) => g.rows.some((r) => r.id === id)))?.level1;

  it('prints cost rows under 成本指标 when the template weighs 成本 (the seed’s 10/40/20/10/20)', () => {
    const blocks = indicatorBlocks(SEED_2024_LUKOU_GSL.selfEvaluation.indicators, LUKOU_2024_TEMPLATE);
    expect(blocks.map((b) => `${b.level1}:${b.weight}`)).toEqual(['OUTPUT:40', 'EFFECT:20', 'SATISFACTION:10', 'COST:20']);
    expect(level1Of(blocks, 'ind-9')).toBe('COST');
  });

  it('prints cost rows under 产出指标 with its weight when the national 10/50/30/10 template folds 成本 into 产出', () => {
    const blocks = indicatorBlocks(SEED_2024_LUKOU_GSL.selfEvaluation.indicators, DEFAULT_TEMPLATE);
    expect(blocks.map((b) => `${b.level1}:${b.weight}`)).toEqual(['OUTPUT:50', 'EFFECT:30', 'SATISFACTION:10']);
    expect(level1Of(blocks, 'ind-9')).toBe('OUTPUT');
    const output = blocks[0]!;
    expect(output.level2s.map((g) => g.level2)).toEqual(['QUANTITY', 'QUALITY', 'TIMELINESS', 'ECONOMIC_COST']);
    // The heading's weight is the sum the rows under it count towards (computeFigures' level).
    const figures = computeFigures(SEED_2024_LUKOU_GSL, DEFAULT_TEMPLATE);
    const rowsUnder = output.level2s.flatMap((g) => g.rows);
    expect(rowsUnder).toHaveLength(figures.levels.OUTPUT.rowCount);
  });
});

describe('a per-item form', () => {
  const PER_FUND: FormLayout = {
    id: 'fundSheet',
    name: { zh: '专项资金情况表', en: 'Fund sheet' },
    title: { zh: '专项资金情况表', en: 'Fund sheet' },
    printed: true,
    sheetWidth: 100,
    fontSize: 9.5,
    className: 'fund-sheet',
    perItem: { list: 'basicData.projects.specialFunds', idPrefix: 'sf', itemLabel: { zh: '专项「{name}」', en: 'fund "{name}"' } },
    columns: [{ key: 'a', width: 50 }, { key: 'b', width: 50 }],
    rows: [{ kind: 'row', cells: [{ role: 'header', text: { zh: '{year}年决算数', en: 'final {yearEn}' } }, { role: 'input', field: '$.currentFinal', format: 'money4' }] }],
  };
  const set = { ...HUNAN_FORM_SET, id: 'per-fund-fixture', forms: [PER_FUND] };

  it('is laid out once per item, its cells bound to that item', () => {
    const copies = expandFormSet(set, { document: seedWithLists(), figures: computeFigures(seedWithLists(), LUKOU_2024_TEMPLATE), template: LUKOU_2024_TEMPLATE, context: SEED_CONTEXT, medium: 'print' });
    expect(copies.map((f) => f.item?.id)).toEqual(['sf-1', 'sf-2']);
    expect(copies.map((f) => f.rows[0]!.cells[1]!.path)).toEqual(['basicData.projects.specialFunds[sf-1].currentFinal', 'basicData.projects.specialFunds[sf-2].currentFinal']);
  });

  it('names its fields after the item', () => {
    expect(fieldLabel('basicData.projects.specialFunds[sf-2].currentFinal', { document: seedWithLists(), context: SEED_CONTEXT, formSet: set })!.label.zh).toBe('专项资金情况表 › 专项「商会建设专项」 › 2024年决算数');
  });
});

describe('the forms in English', () => {
  const doc = structuredClone(SEED_2024_LUKOU_GSL);
  const input = (lang?: 'zh' | 'en') => ({
    document: doc,
    figures: computeFigures(doc, LUKOU_2024_TEMPLATE),
    template: LUKOU_2024_TEMPLATE,
    words: formWords(SEED_CONTEXT),
    medium: 'screen' as const,
    ...(lang ? { lang } : {}),
  });
  const printed = (f: ExpandedForm) => [f.title, ...f.notes, ...f.footer.map((x) => x.text), ...f.rows.flatMap((r) => r.cells.filter((c) => c.role === 'label' || c.role === 'header').map((c) => c.text))];

  it('prints titles, row and column labels, notes and the footer in English when asked, in Chinese otherwise', () => {
    const en = expandForm(BASIC_DATA_LAYOUT, input('en'));
    expect(en.title).toBe('Basic data table of the unit’s overall spending, 2024');
    expect(printed(en).filter((t) => /[\u4e00-\u9fff]/.test(t))).toEqual([]);
    const zh = expandForm(BASIC_DATA_LAYOUT, input());
    expect(zh.title).toBe('2024年度部门（单位）整体支出绩效评价基础数据表');
    expect(zh.rows.map((r) => r.cells.length)).toEqual(en.rows.map((r) => r.cells.length));
  });

  it('names the 一级指标 block in the language of the page, with its weight', () => {
    const en = expandForm(SELF_EVALUATION_LAYOUT, input('en'));
    const level1 = en.rows.flatMap((r) => r.cells).filter((c) => c.level === 'level1').map((c) => c.text);
    expect(level1).toContain('Output (40 points)');
    const zh = expandForm(SELF_EVALUATION_LAYOUT, input());
    expect(zh.rows.flatMap((r) => r.cells).filter((c) => c.level === 'level1').map((c) => c.text)).toContain('产出指标\n（40分）');
  });
});
