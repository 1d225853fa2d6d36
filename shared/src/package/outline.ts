/**
 * The fixed outline of the 自评报告: order, level, parent and titles. The system numbers
 * headings from this outline (the seed lost 七 and 十 because people numbered them by hand).
 */
import type { ReportSectionKey } from './model.js';

export interface OutlineEntry {
  key: ReportSectionKey;
  level: 1 | 2 | 3;
  parent: ReportSectionKey | null;
  titleZh: string;
  titleEn: string;
  /** Leaves must have text; a parent's own text is an optional introduction. */
  leaf: boolean;
}

const E = (
  key: ReportSectionKey,
  level: 1 | 2 | 3,
  parent: ReportSectionKey | null,
  titleZh: string,
  titleEn: string,
  leaf = true,
): OutlineEntry => ({ key, level, parent, titleZh, titleEn, leaf });

export const REPORT_OUTLINE: readonly OutlineEntry[] = [
  E('basicInfo', 1, null, '部门基本情况', 'About the unit'),
  E('generalBudget', 1, null, '一般公共预算支出情况', 'General public budget spending', false),
  E('generalBudgetBasic', 2, 'generalBudget', '基本支出情况', 'Basic spending'),
  E('generalBudgetProject', 2, 'generalBudget', '项目支出情况', 'Project spending'),
  E('governmentFund', 1, null, '政府性基金预算支出情况', 'Government fund budget spending'),
  E('stateCapital', 1, null, '国有资本经营预算支出情况', 'State capital operation budget spending'),
  E('socialInsurance', 1, null, '社会保险基金预算支出情况', 'Social insurance fund budget spending'),
  E('performance', 1, null, '资金使用及绩效情况', 'Use of funds and performance', false),
  E('performanceOverall', 2, 'performance', '整体支出绩效情况', 'Overall spending performance', false),
  E('performanceGoals', 3, 'performanceOverall', '绩效目标的实现情况', 'Achievement of the goals'),
  E('performanceEconomic', 3, 'performanceOverall', '经济效益', 'Economic benefit'),
  E('performanceSocial', 3, 'performanceOverall', '社会效益', 'Social benefit'),
  E('performanceEfficiency', 3, 'performanceOverall', '行政效能', 'Administrative efficiency'),
  E('performanceProject', 2, 'performance', '项目支出绩效情况', 'Project spending performance'),
  E('problems', 1, null, '存在的问题及原因分析', 'Problems and their causes'),
  E('improvements', 1, null, '下一步改进措施', 'Next steps'),
  E('application', 1, null, '部门整体支出绩效自评结果拟应用和公开情况', 'Use and publication of the results'),
  E('other', 1, null, '其他需要说明的情况', 'Other matters'),
];

const BY_KEY = new Map(REPORT_OUTLINE.map((e) => [e.key, e]));

export function outlineEntry(key: string): OutlineEntry | undefined {
  return BY_KEY.get(key as ReportSectionKey);
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (enough for headings). */
export function chineseNumeral(n: number): string {
  if (n <= 10) return CN_DIGITS[n] ?? String(n);
  if (n < 20) return `十${CN_DIGITS[n - 10]}`;
  if (n < 100) return `${CN_DIGITS[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : CN_DIGITS[n % 10]}`;
  return String(n);
}

/** The number of a section among its siblings (1-based). */
export function sectionOrdinal(key: ReportSectionKey): number {
  const entry = BY_KEY.get(key);
  if (!entry) return 0;
  let n = 0;
  for (const e of REPORT_OUTLINE) {
    if (e.parent === entry.parent && e.level === entry.level) n += 1;
    if (e.key === key) return n;
  }
  return n;
}

/** "七、存在的问题及原因分析", "（一）基本支出情况", "1.绩效目标的实现情况". */
export function sectionHeading(key: ReportSectionKey): string {
  const entry = BY_KEY.get(key);
  if (!entry) return key;
  const n = sectionOrdinal(key);
  if (entry.level === 1) return `${chineseNumeral(n)}、${entry.titleZh}`;
  if (entry.level === 2) return `（${chineseNumeral(n)}）${entry.titleZh}`;
  return `${n}.${entry.titleZh}`;
}

/** The English heading of a section, numbered the same way: "7. Problems…", "(1) Basic spending". */
export function sectionHeadingEn(key: ReportSectionKey): string {
  const entry = BY_KEY.get(key);
  if (!entry) return key;
  const n = sectionOrdinal(key);
  if (entry.level === 1) return `${n}. ${entry.titleEn}`;
  if (entry.level === 2) return `(${n}) ${entry.titleEn}`;
  return `${n}) ${entry.titleEn}`;
}
