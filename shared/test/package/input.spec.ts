import {
  LUKOU_2024_TEMPLATE,
  SEED_CONTEXT,
  describePath,
  dropInvalidInputsUnder,
  fieldKindOfPath,
  normaliseInput,
  parseFieldInput,
  parsePackageDocument,
  runChecks,
  setInvalidInput,
  summarizeChecks,
} from '../../src/package/index.js';
import type { FieldKind } from '../../src/package/index.js';
import { cleanSeed, indicator, seedWith } from './helpers.js';

describe('normaliseInput', () => {
  it.each<[string, FieldKind, string, string[]]>([
    ['２２', 'money', '22', ['FULL_WIDTH']],
    ['１０５．２', 'money', '105.2', ['FULL_WIDTH']],
    ['１，２３４．５', 'money', '1234.5', ['FULL_WIDTH', 'THOUSANDS']],
    ['1,234,567.89', 'money', '1234567.89', ['THOUSANDS']],
    ['150.31万元', 'money', '150.31', ['UNIT']],
    ['  42 ', 'count', '42', ['SPACES']],
    ['58人', 'count', '58', ['UNIT']],
    ['≧85%', 'actual', '≥85%', ['OPERATOR']],
    ['1,234次', 'actual', '1234次', ['THOUSANDS']],
    ['1,2', 'money', '1,2', []],
    ['150.31', 'money', '150.31', []],
  ])('%s as %s reads %s (%j)', (input, kind, text, codes) => {
    const r = normaliseInput(input, kind);
    expect(r.text).toBe(text);
    expect(r.notes.map((n) => n.code)).toEqual(codes);
    for (const n of r.notes) expect(n.zh).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('parseFieldInput', () => {
  it.each<[FieldKind, string, unknown]>([
    ['money', '２２', '22'],
    ['money', '１０５．２', '105.2'],
    ['money', '1,234.50', '1234.5'],
    ['money', '8万元', '8'],
    ['money', '', null],
    ['money', '——', 'NA'],
    ['signedMoney', '-18.5', '-18.5'],
    ['count', '７', 7],
    ['decimal', '３０', '30'],
    ['score', '９.４５', '9.45'],
    ['weight', '10分', '10'],
    ['actual', '95%', '95'],
    ['actual', '５８人', '58'],
    ['area', '120㎡', '120'],
  ])('%s accepts %s as %j', (kind, input, value) => {
    const r = parseFieldInput(kind, input);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toEqual(value);
  });

  it.each<[FieldKind, string, RegExp]>([
    ['money', '1O5.2', /数字/],
    ['money', '15O', /数字/],
    ['money', '1,2', /数字/],
    ['money', '1500元', /万元.*不自动换算/],
    ['money', '-3', /负数/],
    ['money', '1.23456', /4位小数/],
    ['count', '7.5', /整数/],
    ['score', '101', /0到100/],
    ['weight', '', /必填/],
    ['actual', '≧85%', /范围/],
    ['actual', '85-90', /范围/],
    ['actual', '1O5.2', /数字/],
    ['area', '——', /留空/],
  ])('%s refuses %s with a reason', (kind, input, reason) => {
    const r = parseFieldInput(kind, input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.messageZh).toMatch(reason);
  });

  it('never turns a typo into a prefix of it', () => {
    for (const t of ['1O5.2', '15O', '1.2.3', '12a', 'l00']) expect(parseFieldInput('money', t).ok).toBe(false);
  });
});

describe('fieldKindOfPath', () => {
  it.each([
    ['basicData.staffing.actual', 'count'],
    ['basicData.publicFunds.total.currentFinal', 'money'],
    ['basicData.budgetAdjustment.currentBudget', 'signedMoney'],
    ['basicData.buildings[b-1].approvedArea', 'area'],
    ['selfEvaluation.indicators[ind-1].target.value', 'decimal'],
    ['selfEvaluation.indicators[ind-1].actual.value', 'actual'],
    ['selfEvaluation.indicators[ind-1].weight', 'weight'],
    ['selfEvaluation.budget.byIncome.other', 'money'],
    ['basicData.austerityMeasures', null],
    ['selfEvaluation.indicators[ind-1].name', null],
  ])('%s is %s', (path, kind) => expect(fieldKindOfPath(path)).toBe(kind));
});

describe('typed-but-invalid inputs in the document', () => {
  const P = 'basicData.publicFunds.total.currentFinal';
  const typo = () =>
    seedWith((d) => {
      d.basicData.publicFunds.total.currentFinal = null;
      setInvalidInput(d, P, '1O5.2');
    });

  it('validates a kept typo on a field that holds no number', () => {
    const r = parsePackageDocument(typo());
    expect(r.ok).toBe(true);
  });

  it('refuses a kept typo next to a number in the same field', () => {
    const d = typo();
    d.basicData.publicFunds.total.currentFinal = '1';
    const r = parsePackageDocument(d);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0]!.path).toBe(`invalidInputs.${P}`);
      expect(r.issues[0]!.messageZh).toContain('公用经费 › 合计 › 本年决算数 › 未识别的填写内容');
    }
  });

  it('refuses a kept typo on a text field or a path that does not exist', () => {
    for (const path of ['basicData.austerityMeasures', 'basicData.buildings[nope].approvedArea', 'toString']) {
      const d = seedWith((x) => setInvalidInput(x, path, 'x'));
      expect(parsePackageDocument(d).ok).toBe(false);
    }
  });

  it('refuses a money cell that holds text instead of a number (never coerced)', () => {
    const d = seedWith((x) => {
      (x.basicData.publicFunds.total as unknown as Record<string, unknown>).currentFinal = '1O5.2';
    });
    expect(parsePackageDocument(d).ok).toBe(false);
    const n = seedWith((x) => {
      (x.basicData.publicFunds.total as unknown as Record<string, unknown>).currentFinal = 105.2;
    });
    expect(parsePackageDocument(n).ok).toBe(false);
  });

  it('reports each kept typo as an error with the field label, blocking submission', () => {
    const d = cleanSeed();
    expect(summarizeChecks(runChecks(d, LUKOU_2024_TEMPLATE, SEED_CONTEXT)).canSubmit).toBe(true);
    d.basicData.threePublic.reception.currentBudget = null;
    setInvalidInput(d, 'basicData.threePublic.reception.currentBudget', '1O5.2');
    const results = runChecks(d, LUKOU_2024_TEMPLATE, SEED_CONTEXT);
    const r = results.find((x) => x.code === 'INPUT_NOT_A_NUMBER')!;
    expect(r).toMatchObject({ severity: 'error', paths: ['basicData.threePublic.reception.currentBudget'] });
    expect(r.messageZh).toBe('基础数据表 › 三公经费 › 公务接待 › 本年预算数：填写的「1O5.2」必须是数字（单位：万元）（已原样保留，未计入计算），请改正');
    expect(summarizeChecks(results).canSubmit).toBe(false);
  });

  it('says a kept typo, not "empty", for a required field', () => {
    const d = cleanSeed();
    d.selfEvaluation.budget.execution = null;
    setInvalidInput(d, 'selfEvaluation.budget.execution', '15O');
    const results = runChecks(d, LUKOU_2024_TEMPLATE, SEED_CONTEXT).filter((r) => r.paths[0] === 'selfEvaluation.budget.execution');
    expect(results.map((r) => r.code)).toContain('INPUT_NOT_A_NUMBER');
    expect(results.map((r) => r.code)).not.toContain('REQUIRED_VALUE_MISSING');
  });

  it('keeps 分值 (which cannot be empty) at its last value beside a kept typo, and says so', () => {
    const d = cleanSeed();
    const path = 'selfEvaluation.indicators[ind-1].weight';
    setInvalidInput(d, path, '1O');
    expect(parsePackageDocument(d).ok).toBe(true);
    const r = runChecks(d, LUKOU_2024_TEMPLATE, SEED_CONTEXT).find((x) => x.code === 'INPUT_NOT_A_NUMBER')!;
    expect(r.messageZh).toContain(`计算仍按原值${indicator(d, 'ind-1').weight}`);
  });

  it('drops the empty map when the last typo is corrected, and under an imported table', () => {
    const d = typo();
    setInvalidInput(d, P, undefined);
    expect('invalidInputs' in d).toBe(false);
    const e = typo();
    setInvalidInput(e, 'selfEvaluation.budget.execution', 'x');
    dropInvalidInputsUnder(e, ['basicData']);
    expect(e.invalidInputs).toEqual({ 'selfEvaluation.budget.execution': 'x' });
  });
});

describe('contact checks', () => {
  it.each([
    ['0731-27615141', true],
    ['073127615141', true],
    ['13812345678', true],
    ['０７３１－２７６１５１４１', true],
    ['2761514', false],
    ['电话', false],
  ])('phone %s passes: %s', (phone, ok) => {
    const d = cleanSeed();
    d.basicData.contact.phone = phone;
    const r = runChecks(d, LUKOU_2024_TEMPLATE, SEED_CONTEXT).filter((x) => x.paths[0] === 'basicData.contact.phone');
    expect(r.length === 0).toBe(ok);
  });

  it('requires 填表人 and 联系电话', () => {
    const d = cleanSeed();
    d.basicData.contact = { fillerName: ' ', phone: null };
    const r = runChecks(d, LUKOU_2024_TEMPLATE, SEED_CONTEXT).filter((x) => x.paths[0]?.startsWith('basicData.contact'));
    expect(r.map((x) => [x.code, x.severity, x.paths[0]])).toEqual([
      ['REQUIRED_TEXT_MISSING', 'error', 'basicData.contact.fillerName'],
      ['REQUIRED_TEXT_MISSING', 'error', 'basicData.contact.phone'],
    ]);
  });
});

describe('labels a person sees', () => {
  it('names an unnamed indicator by its row, never by its id', () => {
    const d = cleanSeed();
    indicator(d, 'ind-1').name = '';
    expect(describePath('selfEvaluation.indicators[ind-1].score', d).zh).toBe('绩效自评表 › 指标 第1行 › 得分');
    const r = runChecks(d, LUKOU_2024_TEMPLATE, SEED_CONTEXT);
    for (const x of r) expect(x.messageZh).not.toMatch(/ind-\d|「第\d+行」/);
    d.selfEvaluation.indicators[0]!.score = null;
    const missing = runChecks(d, LUKOU_2024_TEMPLATE, SEED_CONTEXT).find((x) => x.code === 'SCORE_MISSING')!;
    expect(missing.messageZh).toBe('指标 第1行 › 得分：未填写');
  });

  it('describes an explanation by what the warning means and where', () => {
    const zh = describePath('explanations.PUBLIC_FUNDS_OVER_BUDGET@basicData.publicFunds.total.currentFinal').zh;
    expect(zh).toBe('情况说明 › 公用经费决算数超过预算数 › 基础数据表 › 公用经费 › 合计 › 本年决算数');
    expect(zh).not.toMatch(/[A-Z]{3,}_|[a-z]+\.[a-z]+/);
  });
});
