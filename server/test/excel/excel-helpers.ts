import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { TestApp } from '../support/test-app.js';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipPart {
  name: string;
  /** The bytes the entry inflates to (used for the CRC and, unless `declaredSize`, the size). */
  data?: Buffer;
  /** Pre-compressed bytes (deflate-raw) when `data` would be too big to hold twice. */
  deflated?: { bytes: Buffer; size: number; crc: number };
  /** Lie about the uncompressed size in both headers. */
  declaredSize?: number;
  stored?: boolean;
}

/** A hand-built zip container (local headers, central directory, end record). */
export function makeZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const method = p.stored ? 0 : 8;
    const body = p.deflated ? p.deflated.bytes : p.stored ? p.data! : deflateRawSync(p.data!);
    const size = p.declaredSize ?? (p.deflated ? p.deflated.size : p.data!.length);
    const crc = p.deflated ? p.deflated.crc : crc32(p.data!);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** A tiny zip whose one entry inflates to `mb` MB of zeros (generated, never committed). */
export function zipBomb(mb: number, opts: { lieAboutSize?: boolean } = {}): Buffer {
  const size = mb * 1024 * 1024;
  const zeros = Buffer.alloc(size);
  const bytes = deflateRawSync(zeros, { level: 9 });
  const crc = crc32(zeros);
  return makeZip([
    { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types/>') },
    { name: 'xl/workbook.xml', deflated: { bytes, size, crc }, ...(opts.lieAboutSize ? { declaredSize: bytes.length * 2 } : {}) },
  ]);
}

function binary(res: NodeJS.ReadableStream, cb: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

export async function download(app: TestApp, url: string, token: string) {
  const res = await app.http().get(url).set('authorization', `Bearer ${token}`).buffer(true).parse(binary as never);
  return { status: res.status, headers: res.headers as Record<string, string>, body: res.body as Buffer };
}

export async function upload(app: TestApp, url: string, token: string, body: Buffer) {
  const res = await app.http().post(url).set('authorization', `Bearer ${token}`).set('content-type', XLSX).send(body);
  return { status: res.status, body: res.body as Record<string, any> };
}

export async function readWorkbook(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

export async function writeWorkbook(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The first cell of a sheet whose text (spaces removed) equals `label`. */
export function cellWithText(ws: ExcelJS.Worksheet, label: string): ExcelJS.Cell {
  for (let r = 1; r <= ws.rowCount; r++) {
    for (let c = 1; c <= ws.columnCount; c++) {
      const cell = ws.getCell(r, c);
      if (typeof cell.value === 'string' && cell.value.replace(/\s+/g, '') === label) return cell;
    }
  }
  throw new Error(`no cell "${label}" on ${ws.name}`);
}
