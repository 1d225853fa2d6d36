/**
 * zod schemas for the stored PackageDocument, and parsePackageDocument which never throws and
 * names every problem in Chinese ("绩效自评表 › 指标「人员保障」 › 实际完成值：必须是数字").
 */
import { z } from 'zod';
import { DECIMAL_PATTERN, MONEY_PROBLEM_MESSAGES, NA, moneyProblem } from './money.js';
import type { MoneyCell } from './money.js';
import type { CountCell, PackageDocument } from './model.js';
import { BANDS, CARRIED_PARTS, LEVEL1, LEVEL2, LEVEL2_BY_LEVEL1, MONEY_COLUMNS, OPERATORS, REPORT_SECTION_KEYS } from './model.js';
import type { Level1, ReportSectionKey } from './model.js';
import { ID_PATTERN, describePath } from './paths.js';
import { unknownReportTokens, unknownTokenMessage } from './report.js';
import { invalidInputProblems } from './input.js';

export const LIMITS = {
  textChars: 5000, // any free text (report section, goal, reason, 厉行节约保障措施)
  nameChars: 200, // names: indicator, 专项, 楼堂馆所, 功能科目, contact
  unitChars: 20,
  rawChars: 200,
  indicators: 60,
  specialFunds: 50,
  buildings: 20,
  functionRows: 30,
  projectEvaluations: 50, // 项目支出绩效自评表 (as many as 专项 rows)
  explanations: 300,
  invalidInputs: 500,
  explanationKeyChars: 300,
  maxCount: 1_000_000,
} as const;

/** Messages of our own custom issues (the zod issue message carries the code). */
const MESSAGES: Record<string, { zh: string; en: string }> = {
  MISSING: { zh: '缺少此项', en: 'is missing' },
  MONEY_TYPE: { zh: '必须是数字（万元，文本形式）、空或“——”', en: 'must be a decimal string, null or "NA"' },
  ...Object.fromEntries(Object.entries(MONEY_PROBLEM_MESSAGES).map(([k, v]) => [`MONEY_${k}`, v])),
  COUNT: { zh: '必须是非负整数', en: 'must be a non-negative integer' },
  DECIMAL: { zh: '必须是数字', en: 'must be a number' },
  AREA: { zh: '必须是非负数字（最多4位小数）', en: 'must be a non-negative number (≤ 4 decimals)' },
  WEIGHT: { zh: '必须是0到100之间的数字（最多2位小数）', en: 'must be a number within 0–100 (≤ 2 decimals)' },
  ID: { zh: '编号只能包含字母、数字、“-”和“_”', en: 'ids may contain only letters, digits, "-" and "_"' },
  DUPLICATE_ID: { zh: '编号重复', en: 'duplicate id' },
  LEVEL2_NOT_IN_LEVEL1: { zh: '二级指标不属于所选一级指标', en: 'level 2 does not belong to the level 1' },
  QUALITATIVE_VALUE: { zh: '定性指标不填数值', en: 'qualitative targets have no number' },
};

function custom<T>(check: (v: unknown) => string | null) {
  return z.custom<T>().superRefine((v, ctx) => {
    const code = v === undefined ? 'MISSING' : check(v);
    if (code) ctx.addIssue({ code: 'custom', message: code });
  });
}

const moneyCheck = (allowNegative: boolean) => (v: unknown): string | null => {
  if (v === null || v === NA) return null;
  if (typeof v !== 'string') return 'MONEY_TYPE';
  const p = moneyProblem(v, allowNegative);
  return p ? `MONEY_${p}` : null;
};

export const moneyCellSchema = custom<MoneyCell>(moneyCheck(false));
export const signedMoneyCellSchema = custom<MoneyCell>(moneyCheck(true));
export const countCellSchema = custom<CountCell>((v) =>
  v === null || (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= LIMITS.maxCount) ? null : 'COUNT',
);
export const decimalValueSchema = custom<string | null>((v) => (v === null || (typeof v === 'string' && DECIMAL_PATTERN.test(v)) ? null : 'DECIMAL'));
const areaSchema = custom<string | null>((v) =>
  v === null || (typeof v === 'string' && moneyProblem(v, false) === null) ? null : 'AREA',
);
const WEIGHT_RE = /^(?:100(?:\.0{1,2})?|[1-9]?\d(?:\.\d{1,2})?)$/;
export const weightSchema = custom<string>((v) => (typeof v === 'string' && WEIGHT_RE.test(v) ? null : 'WEIGHT'));
export const scoreSchema = custom<string | null>((v) => (v === null || (typeof v === 'string' && WEIGHT_RE.test(v)) ? null : 'WEIGHT'));
const idSchema = custom<string>((v) => (typeof v === 'string' && ID_PATTERN.test(v) ? null : 'ID'));

const text = z.string().max(LIMITS.textChars);
const name = z.string().max(LIMITS.nameChars);

function uniqueIds<T extends { id?: unknown }>(schema: z.ZodType<T>, max: number) {
  return z
    .array(schema)
    .max(max)
    .superRefine((items, ctx) => {
      const seen = new Set<unknown>();
      items.forEach((it, i) => {
        if (seen.has(it.id)) ctx.addIssue({ code: 'custom', message: 'DUPLICATE_ID', path: [i, 'id'] });
        seen.add(it.id);
      });
    });
}

const moneyRow = z.strictObject({ previousFinal: moneyCellSchema, currentBudget: moneyCellSchema, currentFinal: moneyCellSchema });
const signedMoneyRow = z.strictObject({
  previousFinal: signedMoneyCellSchema,
  currentBudget: signedMoneyCellSchema,
  currentFinal: signedMoneyCellSchema,
});

export const basicDataSchema = z.strictObject({
  staffing: z.strictObject({ authorized: countCellSchema, actual: countCellSchema }),
  threePublic: z.strictObject({ vehiclePurchase: moneyRow, vehicleOperation: moneyRow, overseas: moneyRow, reception: moneyRow }),
  projects: z.strictObject({
    businessWork: moneyRow,
    operationMaintenance: moneyRow,
    specialFunds: uniqueIds(z.strictObject({ id: idSchema, name, ...moneyRow.shape }), LIMITS.specialFunds),
  }),
  publicFunds: z.strictObject({ total: moneyRow, office: moneyRow, utilitiesTravel: moneyRow, meetingsTraining: moneyRow }),
  procurement: moneyRow,
  budgetAdjustment: signedMoneyRow,
  buildings: uniqueIds(
    z.strictObject({
      id: idSchema,
      name,
      approvedArea: areaSchema,
      actualArea: areaSchema,
      budgetInvestment: moneyCellSchema,
      actualInvestment: moneyCellSchema,
    }),
    LIMITS.buildings,
  ),
  austerityMeasures: text,
  contact: z.strictObject({ fillerName: name.nullable(), phone: z.string().max(40).nullable() }),
});

export const indicatorSchema = z
  .strictObject({
    id: idSchema,
    level1: z.enum(LEVEL1),
    level2: z.enum(LEVEL2),
    name,
    target: z.strictObject({
      operator: z.enum(OPERATORS),
      value: decimalValueSchema,
      unit: z.string().max(LIMITS.unitChars),
      text: text.optional(),
      raw: z.string().max(LIMITS.rawChars).optional(),
    }),
    actual: z.strictObject({
      value: decimalValueSchema,
      unit: z.string().max(LIMITS.unitChars),
      text: text.optional(),
      raw: z.string().max(LIMITS.rawChars).optional(),
      band: z.enum(BANDS).nullable().optional(),
    }),
    weight: weightSchema,
    score: scoreSchema,
    deviationReason: text,
    lastYearActual: z
      .strictObject({ value: decimalValueSchema, unit: z.string().max(LIMITS.unitChars), text: text.optional() })
      .optional(),
  })
  .superRefine((row, ctx) => {
    if (LEVEL1.includes(row.level1) && !LEVEL2_BY_LEVEL1[row.level1 as Level1].includes(row.level2)) {
      ctx.addIssue({ code: 'custom', message: 'LEVEL2_NOT_IN_LEVEL1', path: ['level2'] });
    }
    if (row.target?.operator === 'QUALITATIVE' && row.target.value !== null && row.target.value !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'QUALITATIVE_VALUE', path: ['target', 'value'] });
    }
  });

export const selfEvaluationSchema = z.strictObject({
  budget: z.strictObject({
    initialBudget: moneyCellSchema,
    annualBudget: moneyCellSchema,
    execution: moneyCellSchema,
    byIncome: z.strictObject({
      generalPublic: moneyCellSchema,
      governmentFund: moneyCellSchema,
      specialAccountNonTax: moneyCellSchema,
      other: moneyCellSchema,
    }),
    byExpenditure: z.strictObject({ basic: moneyCellSchema, project: moneyCellSchema }),
    initialByFunction: uniqueIds(z.strictObject({ id: idSchema, name, amount: moneyCellSchema }), LIMITS.functionRows),
    executionByEconomicClass: z.strictObject({
      wages: moneyCellSchema,
      goodsAndServices: moneyCellSchema,
      householdSubsidies: moneyCellSchema,
      capital: moneyCellSchema,
    }),
  }),
  goal: z.strictObject({ expected: text, actual: text }),
  indicators: uniqueIds(indicatorSchema, LIMITS.indicators),
});

// A token outside the listed ones would render as raw braces (or, looked up carelessly, as a prototype member): refused at save.
const sectionSchema = z.strictObject({
  text: text.superRefine((t, ctx) => {
    const unknown = unknownReportTokens(t);
    if (unknown.length) ctx.addIssue({ code: 'custom', message: 'UNKNOWN_REPORT_TOKEN', params: { tokens: unknown } });
  }),
});
export const reportSchema = z.strictObject({
  chapters: z.strictObject(
    Object.fromEntries(REPORT_SECTION_KEYS.map((k) => [k, sectionSchema])) as Record<ReportSectionKey, typeof sectionSchema>,
  ),
});

export const carriedFromSchema = z.strictObject({
  packageId: z.string().min(1).max(64),
  fiscalYear: z.number().int().min(2000).max(2100),
  sourceState: z.string().max(32).optional(),
  parts: z.array(z.enum(CARRIED_PARTS)).max(CARRIED_PARTS.length),
  columns: z.array(z.enum(MONEY_COLUMNS)).max(MONEY_COLUMNS.length),
});

// ─── D. 项目支出绩效自评表 ──────────────────────────────────────────────────────────────────
const projectFundsRow = z.strictObject({ initialBudget: moneyCellSchema, annualBudget: moneyCellSchema, execution: moneyCellSchema });
export const projectEvaluationSchema = z.strictObject({
  id: idSchema,
  specialFundId: idSchema.nullable(),
  carriedOver: z.boolean(),
  name,
  department: name,
  implementer: name,
  funds: z.strictObject({ fiscal: projectFundsRow, carriedOver: projectFundsRow, other: projectFundsRow }),
  goal: z.strictObject({ expected: text, actual: text }),
  indicators: uniqueIds(indicatorSchema, LIMITS.indicators),
});
/** Optional: a document stored before project tables existed has none (and keeps hashing the same). */
export const projectEvaluationsSchema = uniqueIds(projectEvaluationSchema, LIMITS.projectEvaluations).optional();

export const packageDocumentSchema = z.strictObject({
  version: z.literal(1),
  basicData: basicDataSchema,
  selfEvaluation: selfEvaluationSchema,
  report: reportSchema,
  explanations: z
    .record(z.string().max(LIMITS.explanationKeyChars), text)
    .superRefine((r, ctx) => {
      if (Object.keys(r).length > LIMITS.explanations) ctx.addIssue({ code: 'custom', message: 'TOO_MANY_EXPLANATIONS' });
    }),
  carriedFrom: carriedFromSchema.optional(),
  invalidInputs: z
    .record(z.string().max(LIMITS.explanationKeyChars), z.string().max(LIMITS.rawChars))
    .superRefine((r, ctx) => {
      if (Object.keys(r).length > LIMITS.invalidInputs) ctx.addIssue({ code: 'custom', message: 'TOO_MANY_INVALID_INPUTS' });
    })
    .optional(),
  projectEvaluations: projectEvaluationsSchema,
}).superRefine((doc, ctx) => {
  // A kept typo must sit on an existing numeric field that holds no number meanwhile.
  for (const p of invalidInputProblems(doc as PackageDocument)) {
    ctx.addIssue({ code: 'custom', message: `INVALID_INPUT:${p.zh}|${p.en}`, path: ['invalidInputs', p.path] });
  }
});

export interface ValidationIssue {
  path: string;
  messageZh: string;
  messageEn: string;
}

export type ParseResult = { ok: true; value: PackageDocument } | { ok: false; issues: ValidationIssue[] };

/** zod's path → our path syntax: list items by id (`[ind-3]`), or `[#i]` when the item has no usable id. */
function toPath(input: unknown, zodPath: readonly PropertyKey[]): string {
  let out = '';
  let cur: unknown = input;
  for (const seg of zodPath) {
    if (typeof seg === 'number') {
      const item = Array.isArray(cur) ? cur[seg] : undefined;
      const id = (item as { id?: unknown } | undefined)?.id;
      out += typeof id === 'string' && ID_PATTERN.test(id) ? `[${id}]` : `[#${seg}]`;
      cur = item;
    } else {
      const key = String(seg);
      out += out === '' ? key : `.${key}`;
      cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[key] : undefined;
    }
  }
  return out;
}

function valueAt(input: unknown, zodPath: readonly PropertyKey[]): unknown {
  let cur = input;
  for (const seg of zodPath) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg as string];
  }
  return cur;
}

const TYPE_ZH: Record<string, string> = {
  string: '必须是文本',
  number: '必须是数字',
  object: '必须是对象',
  array: '必须是列表',
  boolean: '必须是是/否',
};

function messageOf(issue: z.core.$ZodIssue, input: unknown): { zh: string; en: string } {
  if (issue.code === 'custom') {
    if (issue.message === 'UNKNOWN_REPORT_TOKEN') return unknownTokenMessage((issue.params?.tokens as string[] | undefined) ?? []);
    if (issue.message === 'TOO_MANY_EXPLANATIONS') return { zh: `最多${LIMITS.explanations}条`, en: `at most ${LIMITS.explanations} entries` };
    if (issue.message === 'TOO_MANY_INVALID_INPUTS') return { zh: `最多${LIMITS.invalidInputs}条`, en: `at most ${LIMITS.invalidInputs} entries` };
    if (issue.message.startsWith('INVALID_INPUT:')) {
      const [zh, en] = issue.message.slice('INVALID_INPUT:'.length).split('|');
      return { zh: zh!, en: en! };
    }
    return MESSAGES[issue.message] ?? { zh: issue.message, en: issue.message };
  }
  if (issue.code === 'invalid_type') {
    if (issue.path.length > 0 && valueAt(input, issue.path) === undefined) return MESSAGES.MISSING!;
    return { zh: TYPE_ZH[issue.expected] ?? `类型错误（应为${issue.expected}）`, en: `must be of type ${issue.expected}` };
  }
  if (issue.code === 'too_big') {
    if (issue.origin === 'string') return { zh: `不能超过${issue.maximum}个字`, en: `at most ${issue.maximum} characters` };
    if (issue.origin === 'array') return { zh: `最多${issue.maximum}行`, en: `at most ${issue.maximum} rows` };
    return { zh: `不能大于${issue.maximum}`, en: `at most ${issue.maximum}` };
  }
  if (issue.code === 'invalid_value') {
    return { zh: `不是允许的取值（可选：${issue.values.map(String).join('、')}）`, en: `must be one of ${issue.values.map(String).join(', ')}` };
  }
  if (issue.code === 'unrecognized_keys') {
    return { zh: `含有未知字段：${issue.keys.join('、')}`, en: `unknown fields: ${issue.keys.join(', ')}` };
  }
  return { zh: '格式不正确', en: issue.message };
}

/** Validates an untrusted value as a PackageDocument. Never throws. */
export function parsePackageDocument(input: unknown): ParseResult {
  try {
    const r = packageDocumentSchema.safeParse(input);
    if (r.success) return { ok: true, value: r.data as PackageDocument };
    const issues: ValidationIssue[] = [];
    const seen = new Set<string>();
    for (const issue of r.error.issues) {
      const path = toPath(input, issue.path);
      const msg = messageOf(issue, input);
      const where = path === '' ? { zh: '自评材料', en: 'package' } : describePath(path, input as PackageDocument);
      const v: ValidationIssue = { path, messageZh: `${where.zh}：${msg.zh}`, messageEn: `${where.en}: ${msg.en}` };
      const k = `${v.path}|${v.messageZh}`;
      if (!seen.has(k)) {
        seen.add(k);
        issues.push(v);
      }
    }
    return { ok: false, issues };
  } catch (e) {
    return { ok: false, issues: [{ path: '', messageZh: '自评材料：无法解析', messageEn: `package: cannot be parsed (${String(e)})` }] };
  }
}
