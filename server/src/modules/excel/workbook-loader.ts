import ExcelJS from 'exceljs';
import { ErrorCode } from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';
import { assertXlsx } from './zip-guard.js';

/** Upload limit, enforced while the body is read (before anything parses it). */
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

/**
 * Opens an uploaded .xlsx: the zip is inspected first (sizes, ratios, a capped trial inflate),
 * and only a file that passes reaches ExcelJS. Any failure is FILE_REJECTED with a Chinese reason.
 */
export async function loadWorkbook(buf: Buffer): Promise<ExcelJS.Workbook> {
  if (buf.length === 0) throw new DomainError(ErrorCode.FILE_REJECTED, '没有收到文件：请选择要导入的 .xlsx 文件');
  if (buf.length > UPLOAD_MAX_BYTES) throw new DomainError(ErrorCode.FILE_REJECTED, '文件超过 10 MB，已拒绝');
  assertXlsx(buf);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (err) {
    throw new DomainError(ErrorCode.FILE_REJECTED, `无法读取该 Excel 工作簿（文件可能已损坏）：${String((err as Error)?.message ?? err).slice(0, 120)}`);
  }
  return wb;
}
