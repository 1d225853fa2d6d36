import type { CampaignContext, CoverData, EvaluationTemplate, FormSet, PackageDocument } from '@zipin/shared';

/**
 * Everything the templates print, gathered by RenderInputService from the package, its
 * campaign, unit and workflow. The templates are pure functions of this object, so the
 * portal's HTML page and the PDF are one rendering.
 */
export interface RenderModel {
  document: PackageDocument;
  template: EvaluationTemplate;
  context: CampaignContext & { unitName: string };
  /** The campaign's form set (which official forms, in which variant); absent: the default set. */
  formSet?: FormSet;
  /** 表尾: filled from the workflow, never typed into the tables. */
  footer: {
    fillerName: string | null; // 填表人
    fillDate: string | null; // 填报日期 "2025.5.19" (campaign time zone)
    phone: string | null; // 联系电话
    signerName: string | null; // 单位负责人签字 (the electronic sign-off)
    signedDate: string | null;
  };
  /** Values of the layouts' filled cells (workflow and campaign facts a cover or an opinion box prints). */
  filled?: Record<string, string | null>;
  /** Printed on every document of a preview (a draft is not an official copy). */
  draftMark: string | null;
  /** The report's closing lines: who and when. */
  reportDate: string | null;
  /** 封面: unit, 预算编码, year, method, date and the opinion boxes filled from the workflow. */
  cover: CoverData;
}

/** "2025.5.19" in the given IANA zone, like the forms print dates. */
export function formDate(at: Date | null | undefined, timeZone: string): string | null {
  if (!at) return null;
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}.${Number(get('month'))}.${Number(get('day'))}`;
}

/** "2025年5月19日". */
export function chineseDate(at: Date | null | undefined, timeZone: string): string | null {
  const d = formDate(at, timeZone);
  if (!d) return null;
  const [y, m, day] = d.split('.');
  return `${y}年${m}月${day}日`;
}

/** "区级" for 渌口区, "县级" for a county, "市级" for a city: the 自评表 header follows the bureau. */
export function governmentLevelOf(region: string): string {
  if (/省$|自治区$/.test(region)) return '省级';
  if (/区$/.test(region)) return '区级';
  if (/县$|旗$/.test(region)) return '县级';
  if (/市$|州$|盟$/.test(region)) return '市级';
  return '';
}
