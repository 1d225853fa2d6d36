import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type ExcelJS from 'exceljs';
import { ErrorCode } from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';
import { loadExcelJs } from './xlsx-style.js';
import { assertXlsx } from './zip-guard.js';

/** Upload limit, enforced while the body is read (before anything parses it). */
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

/** Workbooks parsed at once per process; one more upload is told to come back shortly. */
export const MAX_CONCURRENT_PARSES = 2;
/** A parse that takes longer than this is stopped (its worker terminated). */
const PARSE_TIMEOUT_MS = 30_000;
/** Heap of one parsing worker: a parse that needs more is stopped, never the server. */
const PARSE_HEAP_MB = 384;

/**
 * The worker: ExcelJS reads the bytes and hands back the workbook model (plain data). ExcelJS's
 * model getter names merges `merges` while its setter reads `mergeCells`, so both are sent.
 * Kept as source text so the same code runs from the built server and from the test runner.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ExcelJS = require(workerData.exceljs);
parentPort.once('message', async (bytes) => {
  try {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes);
    const model = wb.model;
    for (const ws of model.worksheets) ws.mergeCells = ws.merges;
    parentPort.postMessage({ ok: true, model });
  } catch (err) {
    parentPort.postMessage({ ok: false, message: String((err && err.message) || err) });
  }
});
`;
const EXCELJS_PATH = createRequire(import.meta.url).resolve('exceljs');

let parsing = 0;

/**
 * Opens an uploaded .xlsx: the zip is inspected first (sizes, ratios, sheet XML size, cell
 * count, a capped trial inflate on the thread pool), and only a file that passes is parsed, in
 * a worker thread with its own heap limit, so a heavy workbook never stalls other users'
 * requests. At most MAX_CONCURRENT_PARSES run at once; beyond that the upload is refused with
 * SERVER_BUSY. Any other failure is FILE_REJECTED with a Chinese reason.
 */
export async function loadWorkbook(buf: Buffer): Promise<ExcelJS.Workbook> {
  if (buf.length === 0) throw new DomainError(ErrorCode.FILE_REJECTED, '没有收到文件：请选择要导入的 .xlsx 文件');
  if (buf.length > UPLOAD_MAX_BYTES) throw new DomainError(ErrorCode.FILE_REJECTED, '文件超过 10 MB，已拒绝');
  if (parsing >= MAX_CONCURRENT_PARSES) throw busy();
  parsing++;
  try {
    await assertXlsx(buf);
    const model = await parseInWorker(buf);
    const wb = new (loadExcelJs().Workbook)();
    wb.model = model as ExcelJS.WorkbookModel;
    return wb;
  } finally {
    parsing--;
  }
}

/** How many parses are running now (for tests and metrics). */
export function parsesInFlight(): number {
  return parsing;
}

const busy = () =>
  new DomainError(ErrorCode.SERVER_BUSY, `正在处理其他 Excel 导入（同时最多 ${MAX_CONCURRENT_PARSES} 个），请稍后再试`, { retryAfterSeconds: 5, maxConcurrent: MAX_CONCURRENT_PARSES });

function parseInWorker(buf: Buffer): Promise<unknown> {
  const unreadable = (why: string) => new DomainError(ErrorCode.FILE_REJECTED, `无法读取该 Excel 工作簿（文件可能已损坏）：${why.slice(0, 120)}`);
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { exceljs: EXCELJS_PATH }, resourceLimits: { maxOldGenerationSizeMb: PARSE_HEAP_MB } });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const timer = setTimeout(() => settle(() => reject(new DomainError(ErrorCode.FILE_REJECTED, `工作簿过于复杂，${PARSE_TIMEOUT_MS / 1000} 秒内未能读完，已停止`))), PARSE_TIMEOUT_MS);
    worker.once('message', (msg: { ok: boolean; model?: unknown; message?: string }) => settle(() => (msg.ok ? resolve(msg.model) : reject(unreadable(msg.message ?? '')))));
    worker.once('error', (err: Error & { code?: string }) =>
      settle(() => reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new DomainError(ErrorCode.FILE_REJECTED, '工作簿过大，读取时超出内存上限，已拒绝') : unreadable(err.message))),
    );
    worker.once('exit', (code) => settle(() => reject(unreadable(`worker exited ${code}`))));
    const copy = new Uint8Array(buf.byteLength);
    copy.set(buf);
    worker.postMessage(copy, [copy.buffer]);
  });
}
