import { promisify } from 'node:util';
import { inflateRaw } from 'node:zlib';
import { ErrorCode } from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';

/** Limits an uploaded .xlsx must respect before any spreadsheet library sees it. */
export interface ZipLimits {
  maxEntries: number;
  /** Σ uncompressed sizes of all entries. */
  maxTotalUncompressed: number;
  /** uncompressed ÷ compressed, per entry. */
  maxRatio: number;
  /** Uncompressed size of one worksheet's XML (xl/worksheets/*.xml) or of the shared strings. */
  maxSheetXml: number;
  /** Cells (<c> elements) over all worksheets: what the spreadsheet library's memory grows with. */
  maxCells: number;
}

/**
 * A units list of 5,000 rows × 9 columns is ~45,000 cells and ~2 MB of sheet XML; a package
 * workbook a few thousand cells. These bounds leave room for both and keep a parse to tens of MB.
 */
export const XLSX_LIMITS: ZipLimits = { maxEntries: 2_000, maxTotalUncompressed: 20 * 1024 * 1024, maxRatio: 200, maxSheetXml: 8 * 1024 * 1024, maxCells: 100_000 };

const inflateRawAsync = promisify(inflateRaw) as (buf: Buffer, options: { maxOutputLength: number }) => Promise<Buffer>;
const SHEET_PART = /^xl\/(worksheets\/[^/]+\.xml|sharedStrings\.xml)$/;
const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;

/** Counts <c …> / <c> / <x:c …> start tags (cells) in worksheet XML, without parsing it. */
export function countCells(xml: Buffer): number {
  let n = 0;
  for (let i = xml.indexOf(0x3c); i >= 0 && i < xml.length - 2; i = xml.indexOf(0x3c, i + 1)) {
    let j = i + 1;
    // An optional namespace prefix (x:c).
    let k = j;
    while (k < xml.length && k - j < 16 && ((xml[k]! >= 0x61 && xml[k]! <= 0x7a) || (xml[k]! >= 0x41 && xml[k]! <= 0x5a) || (xml[k]! >= 0x30 && xml[k]! <= 0x39))) k++;
    if (xml[k] === 0x3a) j = k + 1;
    if (xml[j] === 0x63) {
      const next = xml[j + 1];
      if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d) n++;
    }
  }
  return n;
}

const EOCD_SIG = 0x06054b50;
const CDIR_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const MB = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

export interface ZipEntryInfo {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const reject = (message: string, details?: Record<string, unknown>) => new DomainError(ErrorCode.FILE_REJECTED, message, details);

/**
 * Reads a zip's central directory and refuses what would blow up when inflated: too many
 * entries, too much uncompressed data in total, an entry compressed beyond a sane ratio, ZIP64,
 * encryption or an unknown compression method. Then inflates every entry with a hard output cap
 * (declared sizes can lie), so a bomb is stopped after at most the declared bytes, never after
 * the 100 MB it would really make. Worksheet XML is bounded in size and counted in cells before
 * any parser sees it. Inflating runs on the thread pool (zlib's async API), not the event loop.
 * Throws FILE_REJECTED; returns the entries when the file is safe.
 */
export async function inspectZip(buf: Buffer, limits: ZipLimits = XLSX_LIMITS): Promise<ZipEntryInfo[]> {
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0) {
    throw reject('这是旧版 Excel（.xls）文件，不支持导入：请在 Excel 中“另存为” .xlsx 格式后再上传');
  }
  if (buf.length < 22 || buf.readUInt32LE(0) !== LOCAL_SIG) {
    throw reject('文件不是 Excel 工作簿（.xlsx）：请上传从本系统导出的模板或 Excel 2007 及以上版本保存的 .xlsx 文件');
  }
  // The end-of-central-directory record sits in the last 22 + 65535 (comment) bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw reject('文件已损坏：找不到压缩包目录（不是完整的 .xlsx 文件）');
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw reject('不支持 ZIP64 格式的文件（工作簿过大）');
  if (count > limits.maxEntries) throw reject(`工作簿包含${count}个部件，超过上限${limits.maxEntries}`);
  if (cdOffset + cdSize > eocd) throw reject('文件已损坏：压缩包目录超出文件范围');

  const entries: ZipEntryInfo[] = [];
  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CDIR_SIG) throw reject('文件已损坏：压缩包目录不完整');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localHeaderOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 0x1) throw reject(`工作簿部件「${name}」已加密，无法导入`);
    if (method !== 0 && method !== 8) throw reject(`工作簿部件「${name}」使用了不支持的压缩方式（${method}）`);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff) throw reject('不支持 ZIP64 格式的文件（工作簿过大）');
    total += uncompressedSize;
    if (total > limits.maxTotalUncompressed) {
      throw reject(`工作簿解压后超过${MB(limits.maxTotalUncompressed)}（疑似压缩炸弹），已拒绝`, { entry: name, uncompressedSize });
    }
    const ratio = compressedSize === 0 ? (uncompressedSize === 0 ? 0 : Infinity) : uncompressedSize / compressedSize;
    if (ratio > limits.maxRatio) {
      throw reject(`工作簿部件「${name}」压缩比${Number.isFinite(ratio) ? Math.round(ratio) : '∞'}:1，超过${limits.maxRatio}:1（疑似压缩炸弹），已拒绝`, { entry: name, ratio });
    }
    if (SHEET_PART.test(name) && uncompressedSize > limits.maxSheetXml) {
      throw reject(`工作表「${name}」解压后 ${MB(uncompressedSize)}，超过上限 ${MB(limits.maxSheetXml)}，已拒绝`, { entry: name, uncompressedSize, maxSheetXml: limits.maxSheetXml });
    }
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset });
  }

  // The central directory may lie about sizes: inflate each entry with the declared size as a cap.
  let cells = 0;
  for (const e of entries) {
    const h = e.localHeaderOffset;
    if (h + 30 > buf.length || buf.readUInt32LE(h) !== LOCAL_SIG) throw reject(`文件已损坏：部件「${e.name}」的位置不正确`);
    const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
    const end = start + e.compressedSize;
    if (end > buf.length) throw reject(`文件已损坏：部件「${e.name}」被截断`);
    let out: Buffer;
    if (e.method === 0) {
      if (e.compressedSize !== e.uncompressedSize) throw reject(`文件已损坏：部件「${e.name}」大小不一致`);
      out = buf.subarray(start, end);
    } else {
      try {
        out = await inflateRawAsync(buf.subarray(start, end), { maxOutputLength: Math.max(1, e.uncompressedSize) });
      } catch (err) {
        const tooBig = (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || /maxOutputLength|too large/i.test(String(err));
        throw reject(tooBig ? `工作簿部件「${e.name}」解压后大于声明的大小（疑似压缩炸弹），已拒绝` : `文件已损坏：部件「${e.name}」无法解压`, { entry: e.name });
      }
    }
    if (out.length !== e.uncompressedSize) throw reject(`文件已损坏：部件「${e.name}」解压后大小与声明不符`, { entry: e.name });
    if (WORKSHEET.test(e.name)) {
      cells += countCells(out);
      if (cells > limits.maxCells) {
        throw reject(`工作簿单元格超过 ${limits.maxCells.toLocaleString('en-US')} 个（至「${e.name}」已有 ${cells.toLocaleString('en-US')} 个），已拒绝：请删除多余的行列后再导入`, { entry: e.name, cells, maxCells: limits.maxCells });
      }
    }
  }
  return entries;
}

/** A zip that passed inspectZip and is shaped like a workbook (not a .docx or a random archive). */
export async function assertXlsx(buf: Buffer, limits: ZipLimits = XLSX_LIMITS): Promise<void> {
  const names = new Set((await inspectZip(buf, limits)).map((e) => e.name));
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) {
    throw reject('压缩包不是 Excel 工作簿（缺少 xl/workbook.xml）：请上传 .xlsx 文件');
  }
}
