/**
 * Report drafting: the sentences of the 自评报告 that repeat table figures are bound to the data.
 *
 * Design: a section stores one `text`. Wherever the prose states a table figure it holds a token
 * `{{name}}` instead of the number; renderReportSection replaces tokens with the current figures.
 * The prose around them stays the filler's, and a figure can only be wrong if someone types the
 * number by hand, which the check REPORT_FIGURE_NOT_IN_TABLES catches.
 */
import { amountOrZero, formatMoney, hasAmount, trimDecimal } from './money.js';
import type { Decimal, MoneyCell } from './money.js';
import type { CampaignContext, PackageDocument, ReportSectionKey } from './model.js';
import { GRADE_LABELS } from './model.js';
import type { ComputedFigures } from './calculations.js';

export interface ReportToken {
  labelZh: string;
  labelEn: string;
  /** Where the figure comes from (a field path or "computed"). */
  source: string;
  render: (doc: PackageDocument, figures: ComputedFigures) => string;
}

const money = (cell: MoneyCell | undefined) => formatMoney(amountOrZero(cell));
const pct = (v: Decimal | null) => (v === null ? '0' : trimDecimal(v));

const ECONOMIC_CLASSES = [
  { key: 'wages', labelZh: '工资福利支出' },
  { key: 'goodsAndServices', labelZh: '商品和服务支出' },
  { key: 'householdSubsidies', labelZh: '对个人和家庭的补助支出' },
  { key: 'capital', labelZh: '资本性支出' },
] as const;

const TOKEN_LIST: Record<string, ReportToken> = {
  staffingAuthorized: {
    labelZh: '编制数',
    labelEn: 'authorized posts',
    source: 'basicData.staffing.authorized',
    render: (d) => String(d.basicData.staffing.authorized ?? 0),
  },
  staffingActual: {
    labelZh: '实际在职人数',
    labelEn: 'staff in post',
    source: 'basicData.staffing.actual',
    render: (d) => String(d.basicData.staffing.actual ?? 0),
  },
  staffingControlRate: {
    labelZh: '人员控制率（%）',
    labelEn: 'staffing control rate (%)',
    source: 'computed',
    render: (_d, f) => pct(f.staffing.controlRate),
  },
  initialBudget: {
    labelZh: '年初预算数（万元）',
    labelEn: 'initial budget',
    source: 'selfEvaluation.budget.initialBudget',
    render: (d) => money(d.selfEvaluation.budget.initialBudget),
  },
  annualBudget: {
    labelZh: '全年预算数（万元）',
    labelEn: 'full-year budget',
    source: 'selfEvaluation.budget.annualBudget',
    render: (d) => money(d.selfEvaluation.budget.annualBudget),
  },
  totalSpending: {
    labelZh: '全年执行数（总支出，万元）',
    labelEn: 'total spending',
    source: 'selfEvaluation.budget.execution',
    render: (_d, f) => money(f.budget.totalSpending),
  },
  executionRate: {
    labelZh: '预算执行率（%）',
    labelEn: 'execution rate (%)',
    source: 'computed',
    render: (_d, f) => pct(f.budget.executionRate),
  },
  initialBudgetByFunction: {
    labelZh: '年初预算按功能分类',
    labelEn: 'initial budget by function',
    source: 'selfEvaluation.budget.initialByFunction',
    render: (d) =>
      d.selfEvaluation.budget.initialByFunction
        .filter((r) => hasAmount(r.amount))
        .map((r) => `${r.name}${money(r.amount)}万元`)
        .join('，'),
  },
  basicSpending: {
    labelZh: '基本支出（万元）',
    labelEn: 'basic spending',
    source: 'selfEvaluation.budget.byExpenditure.basic',
    render: (d) => money(d.selfEvaluation.budget.byExpenditure.basic),
  },
  projectSpending: {
    labelZh: '项目支出（万元）',
    labelEn: 'project spending',
    source: 'selfEvaluation.budget.byExpenditure.project',
    render: (d) => money(d.selfEvaluation.budget.byExpenditure.project),
  },
  economicClassAmounts: {
    labelZh: '按经济分类的支出',
    labelEn: 'spending by economic class',
    source: 'selfEvaluation.budget.executionByEconomicClass',
    render: (d) =>
      ECONOMIC_CLASSES.filter((c) => hasAmount(d.selfEvaluation.budget.executionByEconomicClass[c.key]))
        .map((c) => `${c.labelZh}${money(d.selfEvaluation.budget.executionByEconomicClass[c.key])}万元`)
        .join('，'),
  },
  threePublicFinal: {
    labelZh: '三公经费决算数（万元）',
    labelEn: '"three public" final',
    source: 'computed',
    render: (_d, f) => money(f.threePublic.total.currentFinal),
  },
  publicFundsFinal: {
    labelZh: '公用经费决算数（万元）',
    labelEn: 'public funds final',
    source: 'basicData.publicFunds.total.currentFinal',
    render: (d) => money(d.basicData.publicFunds.total.currentFinal),
  },
  totalScore: {
    labelZh: '自评总分',
    labelEn: 'total score',
    source: 'computed',
    render: (_d, f) => trimDecimal(f.scores.effectiveTotal),
  },
  grade: {
    labelZh: '自评等级',
    labelEn: 'grade',
    source: 'computed',
    render: (_d, f) => GRADE_LABELS[f.scores.grade].zh,
  },
};

for (const c of ECONOMIC_CLASSES) {
  TOKEN_LIST[c.key] = {
    labelZh: `${c.labelZh}（万元）`,
    labelEn: c.key,
    source: `selfEvaluation.budget.executionByEconomicClass.${c.key}`,
    render: (d) => money(d.selfEvaluation.budget.executionByEconomicClass[c.key]),
  };
  TOKEN_LIST[`${c.key}Share`] = {
    labelZh: `${c.labelZh}占总支出比例（%）`,
    labelEn: `${c.key} share`,
    source: 'computed',
    render: (_d, f) => pct(f.budget.shares[c.key]),
  };
}

/**
 * The listed tokens, looked up by own key only: a Map, so a name such as "constructor",
 * "__proto__" or "toString" is simply not a token (a plain object would answer it from
 * Object.prototype and rendering would call a function that is not a renderer).
 */
const TOKENS_BY_NAME: ReadonlyMap<string, ReportToken> = new Map(Object.entries(TOKEN_LIST));

/** The listed tokens, as a frozen object without a prototype (for iteration and display). */
export const REPORT_TOKENS: Readonly<Record<string, ReportToken>> = Object.freeze(Object.assign(Object.create(null) as Record<string, ReportToken>, TOKEN_LIST));

/** Every token name, in the order the editor offers them. */
export const REPORT_TOKEN_NAMES: readonly string[] = Object.freeze([...TOKENS_BY_NAME.keys()]);

/** The token of that exact name, or undefined: never a prototype member. */
export function reportToken(name: string): ReportToken | undefined {
  return TOKENS_BY_NAME.get(name);
}

export function isReportToken(name: string): boolean {
  return TOKENS_BY_NAME.has(name);
}

/**
 * Anything written between double braces. Deliberately wider than a valid name, so that
 * "{{__proto__}}", "{{ 项目支出 }}" or "{{}}" are seen (and refused) instead of slipping
 * through as plain text; a name is the trimmed inside.
 */
export const TOKEN_PATTERN = /\{\{([^{}]*)\}\}/g;

/** Token names used in a text, in order (known or not). */
export function tokensIn(text: string): string[] {
  const out: string[] = [];
  if (!text.includes('{{')) return out;
  for (const m of text.matchAll(TOKEN_PATTERN)) out.push(m[1]!.trim());
  return out;
}

/** The distinct names in a text that are not listed tokens, in order of first use. */
export function unknownReportTokens(text: string): string[] {
  return [...new Set(tokensIn(text).filter((n) => !isReportToken(n)))];
}

/** How an unknown token is named to a person: "{{constructor}}" (long names shortened). */
export function tokenDisplay(name: string): string {
  const shown = name.length > 40 ? `${name.slice(0, 40)}…` : name;
  return `{{${shown}}}`;
}

/** The refusal of unknown tokens, naming them (the editor, the check and the server say the same). */
export function unknownTokenMessage(names: readonly string[]): { zh: string; en: string } {
  const list = names.map(tokenDisplay);
  return {
    zh: `含有无法识别的数据占位符 ${list.join('、')}：请删除，或用“插入表格数据”选择要引用的数字`,
    en: `unknown figure token ${list.join(', ')}: remove it or pick a figure with "insert table data"`,
  };
}

/** One piece of a report text: prose, or a bound figure with its current value. */
export type ReportPiece = { kind: 'text'; text: string } | { kind: 'token'; name: string; value: string; token: ReportToken } | { kind: 'unknown'; name: string; text: string };

/**
 * Splits a stored text into prose and bound figures. Never throws on any text: an unknown
 * token stays a piece of its own, shown as typed.
 */
export function reportPieces(text: string, doc: PackageDocument, figures: ComputedFigures): ReportPiece[] {
  const out: ReportPiece[] = [];
  if (!text.includes('{{')) return text ? [{ kind: 'text', text }] : out;
  let last = 0;
  for (const m of text.matchAll(TOKEN_PATTERN)) {
    const at = m.index!;
    if (at > last) out.push({ kind: 'text', text: text.slice(last, at) });
    const name = m[1]!.trim();
    const token = reportToken(name);
    out.push(token ? { kind: 'token', name, value: renderToken(token, doc, figures), token } : { kind: 'unknown', name, text: m[0] });
    last = at + m[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

function renderToken(token: ReportToken, doc: PackageDocument, figures: ComputedFigures): string {
  try {
    return token.render(doc, figures);
  } catch {
    // A renderer reads the tables; a document that never passed validation must not take the page down.
    return '—';
  }
}

/** Replaces bound-figure tokens with the current figures; unknown tokens are left as typed. */
export function renderReportText(text: string, doc: PackageDocument, figures: ComputedFigures): string {
  if (typeof text !== 'string') return '';
  if (!text.includes('{{')) return text;
  return reportPieces(text, doc, figures)
    .map((p) => (p.kind === 'token' ? p.value : p.text))
    .join('');
}

/** The final text of one report section. */
export function renderReportSection(doc: PackageDocument, key: ReportSectionKey, figures: ComputedFigures): string {
  return renderReportText(doc.report.chapters[key]?.text ?? '', doc, figures);
}

type EconomicClassKey = (typeof ECONOMIC_CLASSES)[number]['key'];

/** What a draft depends on in the tables (so every draft the system can write is known). */
interface DraftShape {
  year: string;
  byFunction: boolean;
  classes: readonly EconomicClassKey[];
  project: boolean;
}

function shapeOf(doc: PackageDocument, context: CampaignContext): DraftShape {
  const b = doc.selfEvaluation.budget;
  return {
    year: String(context.fiscalYear),
    byFunction: b.initialByFunction.some((r) => hasAmount(r.amount)),
    classes: ECONOMIC_CLASSES.filter((c) => hasAmount(b.executionByEconomicClass[c.key])).map((c) => c.key),
    project: hasAmount(b.byExpenditure.project) && b.byExpenditure.project !== '0',
  };
}

/**
 * The performanceGoals sentence keeps the seed's punctuation (", " after wages, "；" before
 * later classes) so drafts read like published reports.
 */
function templatesOf(s: DraftShape): Partial<Record<ReportSectionKey, string>> {
  const y = s.year;
  const byFunction = s.byFunction ? '其中，{{initialBudgetByFunction}}，' : '';
  const generalBudgetBasic =
    `${y}年年初预算{{initialBudget}}万元，${byFunction}项目支出{{projectSpending}}万元。` +
    `${y}年年终一般公共财政预算财政拨款支出{{totalSpending}}万元。` +
    (s.classes.length ? '其中{{economicClassAmounts}}。' : '');
  const present = ECONOMIC_CLASSES.filter((c) => s.classes.includes(c.key));
  const parts = present.map((c) => `${c.labelZh}{{${c.key}}}万元，占总支出的{{${c.key}Share}}%`);
  const shares = parts.reduce((acc, p, i) => (i === 0 ? p : `${acc}${i === 1 ? '，' : '；'}${p}`), '');
  const performanceGoals = `${y}年度总支出{{totalSpending}}万元` + (shares ? `；其中：${shares}` : '');
  const performanceProject = s.project ? `${y}年项目支出{{projectSpending}}万元。` : '本单位无项目支出。';
  return {
    generalBudgetBasic,
    performanceGoals,
    performanceProject,
    performanceOverall: `${y}年全年预算{{annualBudget}}万元，全年执行{{totalSpending}}万元，预算执行率{{executionRate}}%。`,
  };
}

/** The sections the system drafts a data-bound sentence for (they have a 插入正文 button). */
export const DRAFTED_SECTION_KEYS: readonly ReportSectionKey[] = Object.freeze(
  Object.keys(templatesOf({ year: '0', byFunction: true, classes: [], project: true })) as ReportSectionKey[],
);

/** Drafts (with tokens) of the data-bound sentences, per section, for the tables as they stand. */
export function draftReportTemplates(doc: PackageDocument, context: CampaignContext): Partial<Record<ReportSectionKey, string>> {
  return templatesOf(shapeOf(doc, context));
}

const YEAR_MARK = '\u0000Y\u0000';
const escapeRegExp = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every draft the system can have written for a section (any year, any shape of the tables). */
function draftVariants(key: ReportSectionKey): string[] {
  const out = new Set<string>();
  const n = ECONOMIC_CLASSES.length;
  for (let mask = 0; mask < 1 << n; mask++) {
    const classes = ECONOMIC_CLASSES.filter((_c, i) => mask & (1 << i)).map((c) => c.key);
    for (const byFunction of [false, true]) {
      for (const project of [false, true]) {
        const t = templatesOf({ year: YEAR_MARK, byFunction, classes, project })[key];
        if (t) out.add(t);
      }
    }
  }
  // Longest first: a draft that is the start of a longer one must not match inside it.
  return [...out].sort((a, b) => b.length - a.length);
}

/** A draft as a pattern over stored text: its own words and tokens, any year, spacing inside tokens free. */
function variantPattern(variant: string): RegExp {
  const src = variant
    .split(YEAR_MARK)
    .map((chunk) =>
      chunk
        .split(/(\{\{[A-Za-z0-9]+\}\})/)
        .map((piece) => (/^\{\{[A-Za-z0-9]+\}\}$/.test(piece) ? `\\{\\{\\s*${piece.slice(2, -2)}\\s*\\}\\}` : escapeRegExp(piece)))
        .join(''),
    )
    .join('\\d{4}');
  return new RegExp(src);
}

/**
 * Puts the drafted paragraph of a section into its text, replacing the one drafted earlier
 * instead of adding a second (the 插入正文 button). The earlier draft is found as any sentence the
 * drafter can write for that section, whatever the year or shape of the tables then, so the
 * filler's own sentences before and after it are kept as they are; failing that, a paragraph
 * that still holds the draft's bound figures (the filler edited words inside the draft) is
 * the earlier draft. Otherwise the draft is added as a new last paragraph.
 */
export function insertDraftedParagraph(text: string, key: ReportSectionKey, doc: PackageDocument, context: CampaignContext): string {
  const draft = draftReportTemplates(doc, context)[key];
  if (!draft) return text;
  if (text.includes(draft)) return text;
  if (text.trim() === '') return draft;
  for (const v of draftVariants(key)) {
    const re = variantPattern(v);
    if (re.test(text)) return text.replace(re, () => draft);
  }
  const draftTokens = new Set(tokensIn(draft));
  if (draftTokens.size) {
    const paragraphs = text.split('\n');
    const i = paragraphs.findIndex((p) => {
      const own = new Set(tokensIn(p));
      return own.size > 0 && [...own].every((t) => draftTokens.has(t));
    });
    if (i >= 0) {
      paragraphs[i] = draft;
      return paragraphs.join('\n');
    }
  }
  return `${text.replace(/\n+$/, '')}\n${draft}`;
}

/** Whether a section's text is the system's draft as it stands today (untouched by the filler). */
export function isDraftedText(text: string, key: ReportSectionKey, doc: PackageDocument, context: CampaignContext): boolean {
  const draft = draftReportTemplates(doc, context)[key];
  return !!draft && text.trim() === draft;
}

/** The data-bound sentences, rendered: e.g. performanceGoals → "2024年度总支出150.31万元；其中：…占总支出的3.73%". */
export function draftReportSentences(
  doc: PackageDocument,
  figures: ComputedFigures,
  context: CampaignContext,
): Partial<Record<ReportSectionKey, string>> {
  const drafts = draftReportTemplates(doc, context);
  const out: Partial<Record<ReportSectionKey, string>> = {};
  for (const [k, v] of Object.entries(drafts)) out[k as ReportSectionKey] = renderReportText(v, doc, figures);
  return out;
}
