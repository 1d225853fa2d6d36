/**
 * Checks on what was typed rather than on what it adds up to: text kept in a numeric field
 * because it is not a number, and the contact block (填表人, 联系电话) printed under the tables.
 * Registered in runChecks (checks.ts); the codes join CHECK_CATALOGUE there.
 */
import type { PackageDocument } from './model.js';
import type { CheckResult, Severity } from './checks.js';
import { describePath } from './paths.js';
import { fieldKindOfPath, isRequiredNumber, parseFieldInput, valueAtPath } from './input.js';

export const INPUT_CHECK_CATALOGUE = {
  INPUT_NOT_A_NUMBER: ['error', '填写内容不是有效的数值（已原样保留，未计入计算）', 'typed text is not a valid number (kept as typed, not used)'],
  CONTACT_PHONE_FORMAT: ['error', '联系电话格式不正确', 'the contact phone is not a phone number'],
} as const satisfies Record<string, readonly [Severity, string, string]>;

/** Checks whose "empty" verdict a kept typo replaces: the field is not empty, it holds text that is wrong. */
const EMPTY_CODES: ReadonlySet<string> = new Set(['REQUIRED_VALUE_MISSING', 'TARGET_VALUE_MISSING', 'ACTUAL_VALUE_MISSING', 'SCORE_MISSING']);

/** 固定电话 (0731-27615141, 073127615141, with an extension -123) or 手机 (13812345678). */
export const PHONE_PATTERN = /^(?:0\d{2,3}[-\s]?\d{7,8}(?:[-转]\d{1,6})?|1[3-9]\d{9}|[48]00[-\s]?\d{3}[-\s]?\d{4})$/;

function result(code: keyof typeof INPUT_CHECK_CATALOGUE | 'REQUIRED_TEXT_MISSING', path: string, messageZh: string, messageEn: string): CheckResult {
  return { code: code as CheckResult['code'], severity: 'error', paths: [path], messageZh, messageEn, key: `${code}@${path}` };
}

/** One error per kept typo, and the contact block's errors. */
export function inputChecks(doc: PackageDocument): CheckResult[] {
  const out: CheckResult[] = [];
  for (const [path, text] of Object.entries(doc.invalidInputs ?? {})) {
    const where = describePath(path, doc);
    const kind = fieldKindOfPath(path);
    const parsed = kind ? parseFieldInput(kind, text) : null;
    const why = parsed && !parsed.ok ? parsed.messageZh : '不是有效的数值';
    const whyEn = parsed && !parsed.ok ? parsed.messageEn : 'not a valid number';
    const inUse = isRequiredNumber(path) ? valueAtPath(doc, path) : null;
    const kept = typeof inUse === 'string' ? `，计算仍按原值${inUse}` : '，未计入计算';
    out.push(
      result(
        'INPUT_NOT_A_NUMBER',
        path,
        `${where.zh}：填写的「${text}」${why}（已原样保留${kept}），请改正`,
        `${where.en}: "${text}" ${whyEn} (kept as typed${typeof inUse === 'string' ? `, ${inUse} still used` : ', not used'}); correct it`,
      ),
    );
  }
  const contact = doc.basicData.contact;
  const name = (contact.fillerName ?? '').trim();
  const phone = (contact.phone ?? '').trim();
  if (name === '') out.push(result('REQUIRED_TEXT_MISSING', 'basicData.contact.fillerName', '基础数据表 › 填表人：未填写', 'filled in by: empty'));
  if (phone === '') out.push(result('REQUIRED_TEXT_MISSING', 'basicData.contact.phone', '基础数据表 › 联系电话：未填写（印在表格下方，审核时联系用）', 'contact phone: empty'));
  else if (!PHONE_PATTERN.test(phone.normalize('NFKC'))) {
    out.push(
      result(
        'CONTACT_PHONE_FORMAT',
        'basicData.contact.phone',
        `基础数据表 › 联系电话「${phone}」：请填写固定电话（如0731-27615141）或11位手机号`,
        `contact phone "${phone}": give a landline (0731-27615141) or an 11-digit mobile number`,
      ),
    );
  }
  return out;
}

/** The rule set's results with the input checks added; an "empty" result on a field holding a kept typo is dropped. */
export function withInputChecks(doc: PackageDocument, results: CheckResult[]): CheckResult[] {
  const typed = doc.invalidInputs ? new Set(Object.keys(doc.invalidInputs)) : null;
  const kept = typed ? results.filter((r) => !(EMPTY_CODES.has(r.code) && typed.has(r.paths[0] ?? ''))) : results;
  return [...kept, ...inputChecks(doc)];
}
