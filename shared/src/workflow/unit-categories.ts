/**
 * The kinds of budget unit (单位类别) offered when a unit is created. A unit's category is stored
 * as its Chinese name (an import may bring others, shown as they are).
 */
export const UNIT_CATEGORIES = ['行政单位', '事业单位', '群团组织', '其他'] as const;

export const UNIT_CATEGORY_LABELS: Record<string, { zh: string; en: string }> = {
  行政单位: { zh: '行政单位', en: 'Administrative unit' },
  事业单位: { zh: '事业单位', en: 'Public institution' },
  群团组织: { zh: '群团组织', en: 'People’s organisation' },
  其他: { zh: '其他', en: 'Other' },
};
