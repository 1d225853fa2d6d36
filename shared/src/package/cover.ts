/**
 * 封面 (cover page) of the package: who evaluated what, and the opinion box of each level that
 * has to give one. The boxes are filled from the workflow (the unit head's signature, the
 * bureau's approval); a box whose level has not spoken yet is printed empty — never "同意" or
 * "审核通过" while the package is still on its way.
 */

/** 评价方式: the unit evaluates itself (a bureau's 重点评价 would be another method). */
export const EVALUATION_METHOD_SELF = '单位自评';

/** The levels with an opinion box, in print order. A 主管部门 level joins between the two. */
export const OPINION_LEVELS = ['UNIT_HEAD', 'FINANCE_BUREAU'] as const;
export type OpinionLevel = (typeof OPINION_LEVELS)[number];

export const OPINION_LEVEL_LABELS: Record<OpinionLevel, { title: { zh: string; en: string }; given: string }> = {
  // The unit head's electronic sign-off sends the package to the bureau: that is the opinion.
  UNIT_HEAD: { title: { zh: '单位负责人意见', en: 'Opinion of the unit head' }, given: '同意报送' },
  // The reviewer's approval.
  FINANCE_BUREAU: { title: { zh: '财政部门审核意见', en: 'Opinion of the finance bureau' }, given: '审核通过' },
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

/** The opinion boxes in print order, each filled only when its level has given its opinion. */
export function coverOpinions(given: GivenOpinions): CoverOpinion[] {
  return OPINION_LEVELS.map((level) => {
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
