/**
 * 封面 (cover page) of the package: who evaluated what, and the opinion box of each level that
 * has to give one. The boxes are filled from the workflow (the unit head's signature, the
 * bureau's approval); a box whose level has not spoken yet is printed empty — never "同意" or
 * "审核通过" while the package is still on its way.
 */

import { OPINION_KIND_LABELS, type OpinionKind } from '../workflow/workflow-table.js';

/** 评价方式: the unit evaluates itself (a bureau's 重点评价 would be another method). */
export const EVALUATION_METHOD_SELF = '单位自评';

/** The levels with an opinion box, in print order; the 主管部门's only for a package that passes through one. */
export const OPINION_LEVELS = ['UNIT_HEAD', 'SUPERVISOR', 'FINANCE_BUREAU'] as const satisfies readonly OpinionKind[];
export type OpinionLevel = (typeof OPINION_LEVELS)[number];

/** What a box says when its level approved without writing words: the act itself is the opinion. */
export const OPINION_LEVEL_LABELS: Record<OpinionLevel, { title: { zh: string; en: string }; given: string }> = {
  // The unit head's electronic sign-off sends the package on: that is the opinion.
  UNIT_HEAD: { title: OPINION_KIND_LABELS.UNIT_HEAD, given: '同意报送' },
  // The 主管部门's approval passes it to the bureau.
  SUPERVISOR: { title: OPINION_KIND_LABELS.SUPERVISOR, given: '审核通过' },
  // The reviewer's approval.
  FINANCE_BUREAU: { title: OPINION_KIND_LABELS.FINANCE_BUREAU, given: '审核通过' },
};

export interface CoverOpinion {
  level: OpinionLevel;
  titleZh: string;
  /** The opinion as given, or null while the level has not given it (the box prints empty). */
  opinion: string | null;
  signerName: string | null;
  /** "2025年5月20日" in the campaign's time zone, or null. */
  date: string | null;
}

export interface CoverData {
  unitName: string; // 单位名称
  budgetCode: string; // 预算编码
  fiscalYear: number; // 评价年度
  evaluationMethod: string; // 评价方式
  reportDate: string | null; // 报告日期
  opinions: CoverOpinion[];
}

/** What a level has given so far, by level; a level missing here has not spoken. */
export type GivenOpinions = Partial<Record<OpinionLevel, { signerName: string | null; date: string | null; opinion?: string | null }>>;

/**
 * The opinion boxes in print order, each filled only when its level has given its opinion. The
 * 主管部门's box is there only when the package passes (or passed) through one.
 */
export function coverOpinions(given: GivenOpinions, options: { supervised?: boolean } = {}): CoverOpinion[] {
  const levels = OPINION_LEVELS.filter((level) => level !== 'SUPERVISOR' || options.supervised || !!given.SUPERVISOR);
  return levels.map((level) => {
    const g = given[level];
    const label = OPINION_LEVEL_LABELS[level];
    return {
      level,
      titleZh: label.title.zh,
      opinion: g ? (g.opinion?.trim() || label.given) : null,
      signerName: g?.signerName ?? null,
      date: g?.date ?? null,
    };
  });
}

/**
 * The cover's values by the names the layouts' filled cells use ("reportDate",
 * "opinion.UNIT_HEAD.signerName"); an empty box's values are null and print empty.
 */
export function coverFilled(cover: CoverData): Record<string, string | null> {
  const out: Record<string, string | null> = {
    unitName: cover.unitName,
    budgetCode: cover.budgetCode,
    fiscalYear: `${cover.fiscalYear}年度`,
    evaluationMethod: cover.evaluationMethod,
    reportDate: cover.reportDate,
  };
  for (const o of cover.opinions) {
    out[`opinion.${o.level}.opinion`] = o.opinion;
    out[`opinion.${o.level}.signerName`] = o.signerName;
    out[`opinion.${o.level}.date`] = o.date;
  }
  return out;
}
