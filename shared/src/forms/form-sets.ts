/**
 * Form sets: the official forms a campaign prints, in order, with the words and label
 * overrides of a province's variant. A campaign names its set (campaign.formSetId); a variant
 * is another entry here, never a code branch.
 */
import type { ComputedFigures } from '../package/calculations.js';
import type { CampaignContext, PackageDocument } from '../package/model.js';
import type { EvaluationTemplate } from '../package/template.js';
import { BASIC_DATA_LAYOUT } from './basic-data.js';
import { expandForm, type ExpandedForm } from './expand.js';
import { BUDGET_DETAIL_LAYOUT, SELF_EVALUATION_LAYOUT } from './self-evaluation.js';
import { PROJECT_SELF_EVALUATION_LAYOUT } from './project-self-evaluation.js';
import { COVER_LAYOUT } from './cover.js';
import type { FormLayout, FormSet, Medium } from './types.js';
import { L, formWords } from './words.js';

/** 湖南 (株洲 渌口区 2024 notice): 基础数据表 and 绩效自评表, 本级专项资金. The default. */
export const HUNAN_FORM_SET: FormSet = {
  id: 'hunan',
  nameZh: '湖南省部门整体支出绩效自评（基础数据表、绩效自评表）',
  // 封面 first (printed only); 项目支出绩效自评表: one copy per project, printed after the 自评表 (its unprinted 预算明细 stays with the 自评表).
  forms: [COVER_LAYOUT, BASIC_DATA_LAYOUT, SELF_EVALUATION_LAYOUT, BUDGET_DETAIL_LAYOUT, PROJECT_SELF_EVALUATION_LAYOUT],
  words: { fundsLevel: '本级', fundsLevelEn: 'own' },
  labelOverrides: {},
};

/** The same forms where the notice calls special funds 省级专项资金 and names the unit 部门（单位）名称. */
export const HUNAN_PROVINCIAL_FORM_SET: FormSet = {
  id: 'hunan-provincial',
  nameZh: '湖南省部门整体支出绩效自评（省级专项资金口径）',
  forms: HUNAN_FORM_SET.forms,
  words: { fundsLevel: '省级', fundsLevelEn: 'provincial' },
  labelOverrides: { unitNameHeader: L('部门（单位）名称', 'Unit') },
};

export const DEFAULT_FORM_SET_ID = HUNAN_FORM_SET.id;

export const FORM_SETS: Readonly<Record<string, FormSet>> = {
  [HUNAN_FORM_SET.id]: HUNAN_FORM_SET,
  [HUNAN_PROVINCIAL_FORM_SET.id]: HUNAN_PROVINCIAL_FORM_SET,
};

/** The campaign's form set; an unknown or empty id is the default set. */
export function formSetOf(id: string | null | undefined): FormSet {
  return (id && FORM_SETS[id]) || HUNAN_FORM_SET;
}

/** Whether a medium carries the form (the 封面 is printed only). */
export function formOnMedium(layout: FormLayout, medium: Medium): boolean {
  return !layout.media || layout.media.includes(medium);
}

/** A form of a set by its id. */
export function formOf(set: FormSet, id: string): FormLayout | undefined {
  return set.forms.find((f) => f.id === id);
}

export interface FormSetInput {
  document: PackageDocument;
  figures: ComputedFigures;
  template: EvaluationTemplate;
  context: CampaignContext;
  medium: Medium;
  /** Values of filled cells (see FormInput.filled). */
  filled?: Record<string, string | null | undefined>;
}

/** Every form of the set laid out for a document (a per-item form once per item of its list). */
export function expandFormSet(set: FormSet, input: FormSetInput): ExpandedForm[] {
  const words = formWords(input.context, set.words);
  const base = { document: input.document, figures: input.figures, template: input.template, words, overrides: set.labelOverrides, medium: input.medium, ...(input.filled ? { filled: input.filled } : {}) };
  return set.forms.flatMap((layout) => {
    if (!formOnMedium(layout, input.medium)) return [];
    if (!layout.perItem) return [expandForm(layout, base)];
    const items = (listAt(input.document, layout.perItem.list) ?? []) as { id: string }[];
    return items.map((item) => expandForm(layout, { ...base, item: { id: item.id } }));
  });
}

function listAt(doc: PackageDocument, path: string): unknown[] | undefined {
  let cur: unknown = doc;
  for (const k of path.split('.')) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
  return Array.isArray(cur) ? cur : undefined;
}
