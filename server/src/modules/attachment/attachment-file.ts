/**
 * What an evidence file may be, decided from its bytes: the type comes from the magic bytes
 * (file-type), the name's extension must agree with it, and the name is cleaned for display.
 */
import { ErrorCode } from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_PACKAGE_BYTES = 50 * 1024 * 1024;
export const MAX_NAME_CHARS = 100;
export const MAX_TITLE_CHARS = 100;

/** Why a file was refused (FILE_REJECTED details.reason). */
export type FileRejection = 'EMPTY' | 'TOO_LARGE' | 'TYPE_NOT_ALLOWED' | 'TYPE_MISMATCH' | 'PACKAGE_TOTAL_EXCEEDED' | 'NOT_RAW_BODY';

export interface AllowedType {
  ext: string;
  mime: string;
  labelZh: string;
  /** Extensions a file name of this type may end with. */
  names: readonly string[];
}

export const ALLOWED_TYPES: readonly AllowedType[] = [
  { ext: 'pdf', mime: 'application/pdf', labelZh: 'PDF 文件', names: ['pdf'] },
  { ext: 'png', mime: 'image/png', labelZh: 'PNG 图片', names: ['png'] },
  { ext: 'jpg', mime: 'image/jpeg', labelZh: 'JPEG 图片', names: ['jpg', 'jpeg'] },
  { ext: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', labelZh: 'Excel 表格（xlsx）', names: ['xlsx'] },
  { ext: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', labelZh: 'Word 文档（docx）', names: ['docx'] },
];

const ALLOWED_LIST_ZH = 'PDF、PNG 图片、JPEG 图片、Excel（xlsx）、Word（docx）';
const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

export function rejectFile(reason: FileRejection, message: string, extra: Record<string, unknown> = {}): DomainError {
  return new DomainError(ErrorCode.FILE_REJECTED, message, { reason, ...extra });
}

export const tooLarge = (size?: number) =>
  rejectFile('TOO_LARGE', `文件超过单个附件上限 ${mb(MAX_FILE_BYTES)}${size ? `（${mb(size)}）` : ''}，请压缩或拆分后再上传`, {
    limitBytes: MAX_FILE_BYTES,
    ...(size ? { size } : {}),
  });

export const packageTotalExceeded = (used: number, size: number) =>
  rejectFile('PACKAGE_TOTAL_EXCEEDED', `本材料的附件合计不能超过 ${mb(MAX_PACKAGE_BYTES)}（已有 ${mb(used)}，本文件 ${mb(size)}）`, {
    limitBytes: MAX_PACKAGE_BYTES,
    usedBytes: used,
    size,
  });

/**
 * A file name fit to show and to send back in Content-Disposition: no directory part, no
 * control or invisible formatting characters (e.g. a right-to-left override that disguises
 * "exe.pdf"), no characters Windows refuses, no leading dots, at most 100 characters with the
 * extension kept. Chinese is kept as it is.
 */
export function sanitizeFileName(input: string): string {
  let s = String(input ?? '').normalize('NFC');
  s = s.split(/[\\/]/).pop() ?? '';
  s = s.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '');
  s = s.replace(/[<>:"|?*]/g, '_');
  s = s.replace(/\s+/g, ' ').trim();
  s = s.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  const chars = Array.from(s);
  if (chars.length > MAX_NAME_CHARS) {
    const dot = s.lastIndexOf('.');
    const ext = dot > 0 ? Array.from(s.slice(dot)) : [];
    const keep = ext.length > 0 && ext.length <= 11 ? ext : [];
    const base = Array.from(keep.length ? s.slice(0, dot) : s).slice(0, MAX_NAME_CHARS - keep.length);
    s = (base.join('').replace(/[.\s]+$/, '') + keep.join('')).trim();
  }
  return s;
}

/** The extension of a (sanitised) name, lower case, without the dot; '' when none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** Cleans a title: one line, no control characters, 1–100 characters. */
export function cleanTitle(input: string | null | undefined): string {
  return String(input ?? '')
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The file's type from its content, refused unless it is an allowed type and the name's
 * extension agrees with it. Size limits are checked before (the body is never read past them).
 */
export async function detectAllowedType(bytes: Buffer, fileName: string): Promise<AllowedType> {
  if (bytes.length === 0) throw rejectFile('EMPTY', '文件内容为空');
  if (bytes.length > MAX_FILE_BYTES) throw tooLarge(bytes.length);
  // Loaded with the first upload: nothing else needs the file-type sniffers.
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = await fileTypeFromBuffer(bytes);
  const type = detected ? ALLOWED_TYPES.find((t) => t.mime === detected.mime && t.ext === detected.ext) : undefined;
  if (!type) {
    throw rejectFile(
      'TYPE_NOT_ALLOWED',
      `不支持该文件类型${detected ? `（文件内容为 ${detected.ext}）` : '（无法识别文件内容）'}：只能上传 ${ALLOWED_LIST_ZH}`,
      { detected: detected?.mime ?? null, allowed: ALLOWED_TYPES.map((t) => t.mime) },
    );
  }
  const ext = extensionOf(fileName);
  if (!type.names.includes(ext)) {
    throw rejectFile(
      'TYPE_MISMATCH',
      `文件名「${fileName}」的扩展名${ext ? `“.${ext}”` : '缺失'}与文件内容（${type.labelZh}）不符，请使用正确的扩展名（.${type.names[0]}）`,
      { detected: type.mime, extension: ext || null },
    );
  }
  return type;
}
