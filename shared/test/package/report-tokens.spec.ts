import {
  LUKOU_2024_TEMPLATE,
  REPORT_OUTLINE,
  REPORT_TOKEN_NAMES,
  SEED_CONTEXT,
  computeFigures,
  insertDraftedParagraph,
  isReportToken,
  parsePackageDocument,
  renderReportSection,
  renderReportText,
  reportPieces,
  reportToken,
  runChecks,
  unknownReportTokens,
} from '../../src/package/index.js';
import { cleanSeed, seedWith } from './helpers.js';

/** Every name a plain object answers without owning it: the class of the {{constructor}} bug. */
const BUILT_IN_NAMES = [...new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__', 'hasOwnProperty', 'toString', 'valueOf', 'constructor', 'prototype', 'length', 'name', 'call', 'apply', 'bind'])];

describe('report tokens are own, listed names only', () => {
  it.each(BUILT_IN_NAMES)('"%s" is not a token', (name) => {
    expect(isReportToken(name)).toBe(false);
    expect(reportToken(name)).toBeUndefined();
    expect(unknownReportTokens(`前文{{${name}}}后文`)).toEqual([name]);
  });

  it.each(BUILT_IN_NAMES)('a chapter holding {{%s}} renders as typed, on every section, without throwing', (name) => {
    const doc = seedWith((d) => {
      for (const e of REPORT_OUTLINE) d.report.chapters[e.key].text = `总支出{{totalSpending}}万元。{{${name}}}`;
    });
    const figures = computeFigures(doc, LUKOU_2024_TEMPLATE);
    for (const e of REPORT_OUTLINE) expect(renderReportSection(doc, e.key, figures)).toBe(`总支出150.31万元。{{${name}}}`);
  });

  it.each(BUILT_IN_NAMES)('the checks refuse {{%s}} naming it, and so does the server-side validation', (name) => {
    const doc = seedWith((d) => (d.report.chapters.problems.text = `问题一：{{ ${name} }}`));
    const hit = runChecks(doc, LUKOU_2024_TEMPLATE, SEED_CONTEXT).find((r) => r.code === 'REPORT_UNKNOWN_TOKEN');
    expect(hit).toMatchObject({ severity: 'error', paths: ['report.chapters.problems.text'] });
    expect(hit!.messageZh).toContain(`{{${name}}}`);
    expect(hit!.messageZh).toContain('七、存在的问题及原因分析');
    const parsed = parsePackageDocument(doc);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.issues[0]!.path).toBe('report.chapters.problems.text');
      expect(parsed.issues[0]!.messageZh).toContain(`{{${name}}}`);
      expect(parsed.issues[0]!.messageZh).toContain('无法识别的数据占位符');
      expect(parsed.issues[0]!.messageEn).toContain(`{{${name}}}`);
    }
  });

  it.each([['{{}}', ''], ['{{ 项目支出 }}', '项目支出'], ['{{totalSpend}}', 'totalSpend'], ['{{TOTALSPENDING}}', 'TOTALSPENDING']])('refuses %s, which is no listed name either', (text, name) => {
    expect(unknownReportTokens(text)).toEqual([name]);
    expect(parsePackageDocument(seedWith((d) => (d.report.chapters.other.text = text))).ok).toBe(false);
  });

  it('accepts every listed token, with spaces inside the braces', () => {
    const text = REPORT_TOKEN_NAMES.map((n) => `{{ ${n} }}`).join('，');
    expect(unknownReportTokens(text)).toEqual([]);
    expect(parsePackageDocument(seedWith((d) => (d.report.chapters.other.text = text))).ok).toBe(true);
    const doc = seedWith();
    const rendered = renderReportText(text, doc, computeFigures(doc, LUKOU_2024_TEMPLATE));
    expect(rendered).not.toContain('{{');
  });

  it('splits a text into prose, bound figures and unknown tokens', () => {
    const doc = seedWith();
    const figures = computeFigures(doc, LUKOU_2024_TEMPLATE);
    const pieces = reportPieces('总支出{{totalSpending}}万元{{constructor}}。', doc, figures);
    expect(pieces.map((p) => p.kind)).toEqual(['text', 'token', 'text', 'unknown', 'text']);
    expect(pieces[1]).toMatchObject({ name: 'totalSpending', value: '150.31' });
    expect(pieces[3]).toMatchObject({ name: 'constructor', text: '{{constructor}}' });
  });
});

describe('inserting the drafted paragraph', () => {
  const projectDoc = () =>
    seedWith((d) => {
      d.selfEvaluation.budget.byExpenditure.project = '76.5';
      d.selfEvaluation.budget.byExpenditure.basic = '73.81';
    });

  it('replaces the empty-document draft 本单位无项目支出 instead of putting a second sentence before it', () => {
    const doc = projectDoc();
    const once = insertDraftedParagraph('本单位无项目支出。', 'performanceProject', doc, SEED_CONTEXT);
    expect(once).toBe('2024年项目支出{{projectSpending}}万元。');
    expect(insertDraftedParagraph(once, 'performanceProject', doc, SEED_CONTEXT)).toBe(once);
  });

  it('keeps the filler’s sentences around the earlier draft', () => {
    const doc = projectDoc();
    const text = '项目执行总体良好。本单位无项目支出。具体见附件。\n第二段不动。';
    expect(insertDraftedParagraph(text, 'performanceProject', doc, SEED_CONTEXT)).toBe('项目执行总体良好。2024年项目支出{{projectSpending}}万元。具体见附件。\n第二段不动。');
  });

  it('replaces a draft written for another year or another shape of the tables', () => {
    const doc = seedWith();
    const old = '前言。2023年度总支出{{totalSpending}}万元；其中：工资福利支出{{wages}}万元，占总支出的{{wagesShare}}%。后记。';
    const out = insertDraftedParagraph(old, 'performanceGoals', doc, SEED_CONTEXT);
    expect(out.startsWith('前言。2024年度总支出{{totalSpending}}万元；其中：工资福利支出{{wages}}万元')).toBe(true);
    expect(out.endsWith('。后记。')).toBe(true);
    expect(out.match(/年度总支出/g)).toHaveLength(1);
  });

  it('replaces the paragraph holding the draft’s figures when the filler edited words inside it', () => {
    const doc = seedWith();
    const text = '第一段。\n全年共支出{{totalSpending}}万元，工资{{wages}}万元。\n第三段。';
    const out = insertDraftedParagraph(text, 'performanceGoals', doc, SEED_CONTEXT);
    expect(out.split('\n')).toHaveLength(3);
    expect(out.split('\n')[0]).toBe('第一段。');
    expect(out.split('\n')[2]).toBe('第三段。');
    expect(out.split('\n')[1]!.startsWith('2024年度总支出{{totalSpending}}万元；其中：')).toBe(true);
  });

  it('adds the draft as a last paragraph when there is no earlier one, and fills an empty chapter', () => {
    const doc = seedWith();
    expect(insertDraftedParagraph('自己写的话。', 'performanceProject', doc, SEED_CONTEXT)).toBe('自己写的话。\n本单位无项目支出。');
    expect(insertDraftedParagraph('', 'performanceProject', doc, SEED_CONTEXT)).toBe('本单位无项目支出。');
  });

  it('leaves a section the system does not draft unchanged', () => {
    expect(insertDraftedParagraph('无。', 'other', cleanSeed(), SEED_CONTEXT)).toBe('无。');
  });
});
