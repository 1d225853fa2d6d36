import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type ExcelJS from 'exceljs';
import { In } from 'typeorm';
import { ErrorCode, ROLE_LABELS, type Role } from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';
import { TransactionService, type Tx } from '../../database/transaction.service.js';
import { OrgService, type OrgActor } from '../org/org.service.js';
import { PasswordService } from '../auth/password.service.js';
import { UnitEntity } from '../org/unit.entity.js';
import { UserEntity } from '../org/user.entity.js';
import { cellText, normalizeLabel, readCell, rowCells } from './sheet-reader.js';
import { loadWorkbook } from './workbook-loader.js';
import { colLetter, newWorkbook, put, toBuffer } from './xlsx-style.js';

/**
 * The admin's spreadsheet of units and their accounts. One row per unit; a unit's filler and
 * head are optional. Initial passwords are generated, hashed at once and returned ONCE in the
 * apply result (never stored in plain text, never in the dry run); the admin hands them out.
 */
export const UNIT_COLUMNS = [
  { key: 'code', label: '单位编码', required: true },
  { key: 'name', label: '单位名称', required: true },
  { key: 'category', label: '单位类别', required: false },
  { key: 'fillerUsername', label: '填表人账号', required: false },
  { key: 'fillerName', label: '填表人姓名', required: false },
  { key: 'fillerPhone', label: '填表人电话', required: false },
  { key: 'headUsername', label: '单位负责人账号', required: false },
  { key: 'headName', label: '单位负责人姓名', required: false },
  { key: 'headPhone', label: '单位负责人电话', required: false },
] as const;
type ColumnKey = (typeof UNIT_COLUMNS)[number]['key'];
type SheetRow = { row: number } & Record<ColumnKey, string>;

export interface UnitChange {
  row: number;
  code: string;
  name: string;
  category: string;
  previousName?: string;
}
export interface UserChange {
  row: number;
  username: string;
  displayName: string;
  role: Role;
  unitCode: string;
  phone: string;
}
export interface ImportConflict {
  row: number;
  cell: string;
  messageZh: string;
}
export interface UnitsImportPlan {
  dryRun: boolean;
  newUnits: UnitChange[];
  renamedUnits: UnitChange[];
  unchangedUnits: number;
  newUsers: UserChange[];
  existingUsers: UserChange[];
  conflicts: ImportConflict[];
}
export interface UnitsImportResult extends UnitsImportPlan {
  /** Shown once: the only copy of each new account's initial password. */
  initialPasswords: { row: number; username: string; password: string }[];
}

const SHEET = '单位及账号';
const USERNAME = /^[A-Za-z0-9._-]{3,64}$/;
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz';
const DIGITS = '23456789';

/** 12 letters and digits from a CSPRNG: above the policy's length, and never a common password. */
export function generatePassword(): string {
  const all = ALPHABET + DIGITS;
  const chars = [ALPHABET[randomInt(ALPHABET.length)]!, DIGITS[randomInt(DIGITS.length)]!];
  while (chars.length < 12) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

@Injectable()
export class UnitsImportService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly org: OrgService,
    private readonly passwords: PasswordService,
  ) {}

  async template(): Promise<Buffer> {
    const wb = newWorkbook();
    const ws = wb.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 2 }] });
    ws.columns = UNIT_COLUMNS.map((c) => ({ width: c.key === 'name' ? 34 : 16 }));
    put(ws, `A1:${colLetter(UNIT_COLUMNS.length)}1`, '说明：每行一个预算单位。单位编码、单位名称必填；账号为 3–64 位字母、数字或 . _ -。导入后为新账号生成初始密码，仅显示一次。', { border: false, align: 'left', size: 9 });
    ws.getRow(1).height = 30;
    UNIT_COLUMNS.forEach((c, i) => put(ws, `${colLetter(i + 1)}2`, c.label, { bold: true, fill: c.required ? 'FFFCE4D6' : 'FFF2F2F2' }));
    const example = ['LK-001', '株洲市渌口区示例单位', '行政单位', 'lk001.filler', '填表人姓名', '', 'lk001.head', '负责人姓名', ''];
    example.forEach((v, i) => put(ws, `${colLetter(i + 1)}3`, v || null, { color: 'FF808080' }));
    for (let c = 1; c <= UNIT_COLUMNS.length; c++) ws.getColumn(c).numFmt = '@';
    return toBuffer(wb);
  }

  private readRows(wb: ExcelJS.Workbook, conflicts: ImportConflict[]): SheetRow[] {
    for (const ws of wb.worksheets) {
      for (let r = 1; r <= Math.min(ws.rowCount, 6); r++) {
        const cols = new Map<ColumnKey, number>();
        for (const { col, cell } of rowCells(ws, r, 20)) {
          const t = normalizeLabel(cellText(cell));
          const spec = UNIT_COLUMNS.find((c) => normalizeLabel(c.label) === t);
          if (spec) cols.set(spec.key, col);
        }
        if (!cols.has('code') || !cols.has('name')) continue;
        const rows: SheetRow[] = [];
        for (let x = r + 1; x <= ws.rowCount; x++) {
          const row = { row: x } as SheetRow;
          let any = false;
          for (const c of UNIT_COLUMNS) {
            const col = cols.get(c.key);
            const cell = col ? ws.getCell(x, col) : null;
            const read = cell ? readCell(cell) : { kind: 'empty' as const };
            if (read.kind === 'formula' || read.kind === 'other') {
              conflicts.push({ row: x, cell: `${ws.name}!${cell!.address}`, messageZh: `${c.label}：请填写文本，不要使用公式或特殊格式` });
              row[c.key] = '';
              continue;
            }
            row[c.key] = cell ? cellText(cell).trim() : '';
            if (row[c.key]) any = true;
          }
          if (any) rows.push(row);
        }
        if (rows.length > 5000) throw new DomainError(ErrorCode.FILE_REJECTED, '一次最多导入5000个单位');
        return rows;
      }
    }
    throw new DomainError(ErrorCode.FILE_REJECTED, '找不到表头「单位编码」「单位名称」：请使用“下载模板”得到的表格');
  }

  /** What the file would change, and every conflict that would stop it. Reads only. */
  async plan(bureauId: string, file: Buffer): Promise<UnitsImportPlan> {
    return this.planRows(bureauId, await this.readSheet(file));
  }

  /** The file's rows and the conflicts found while reading them (parsing happens here, once). */
  private async readSheet(file: Buffer): Promise<{ rows: SheetRow[]; conflicts: ImportConflict[] }> {
    const wb = await loadWorkbook(file);
    const conflicts: ImportConflict[] = [];
    return { rows: this.readRows(wb, conflicts), conflicts };
  }

  private async planRows(bureauId: string, sheet: { rows: SheetRow[]; conflicts: ImportConflict[] }, tx?: Tx): Promise<UnitsImportPlan> {
    const rows = sheet.rows;
    const conflicts: ImportConflict[] = [...sheet.conflicts];
    const manager = tx?.manager ?? this.org.units.manager;
    const units = await manager.getRepository(UnitEntity).findBy({ bureauId });
    const unitByCode = new Map(units.map((u) => [u.code, u]));
    const usernames = rows.flatMap((r) => [r.fillerUsername, r.headUsername]).filter(Boolean);
    const users = usernames.length ? await manager.getRepository(UserEntity).findBy({ username: In(usernames) }) : [];
    const userByName = new Map(users.map((u) => [u.username, u]));
    const plan: UnitsImportPlan = { dryRun: true, newUnits: [], renamedUnits: [], unchangedUnits: 0, newUsers: [], existingUsers: [], conflicts };
    const seenCodes = new Map<string, number>();
    const seenUsers = new Map<string, number>();
    const col = (key: ColumnKey) => colLetter(UNIT_COLUMNS.findIndex((c) => c.key === key) + 1);
    for (const r of rows) {
      const at = (key: ColumnKey) => `${col(key)}${r.row}`;
      if (!r.code || !r.name) {
        conflicts.push({ row: r.row, cell: at(r.code ? 'name' : 'code'), messageZh: `第${r.row}行：单位编码和单位名称必填` });
        continue;
      }
      if (r.code.length > 32 || r.name.length > 200 || r.category.length > 50) {
        conflicts.push({ row: r.row, cell: at('code'), messageZh: `第${r.row}行：单位编码最多32字、名称最多200字、类别最多50字` });
        continue;
      }
      if (seenCodes.has(r.code)) {
        conflicts.push({ row: r.row, cell: at('code'), messageZh: `第${r.row}行：单位编码「${r.code}」与第${seenCodes.get(r.code)}行重复` });
        continue;
      }
      seenCodes.set(r.code, r.row);
      const existing = unitByCode.get(r.code);
      const change: UnitChange = { row: r.row, code: r.code, name: r.name, category: r.category };
      if (!existing) plan.newUnits.push(change);
      else if (existing.name !== r.name || (r.category && existing.category !== r.category)) plan.renamedUnits.push({ ...change, previousName: existing.name });
      else plan.unchangedUnits++;
      for (const [role, uKey, nKey, pKey] of [
        ['FILLER', 'fillerUsername', 'fillerName', 'fillerPhone'],
        ['UNIT_HEAD', 'headUsername', 'headName', 'headPhone'],
      ] as const) {
        const username = r[uKey];
        if (!username) continue;
        const u: UserChange = { row: r.row, username, displayName: (r[nKey] || username).slice(0, 100), role, unitCode: r.code, phone: r[pKey].slice(0, 32) };
        if (!USERNAME.test(username)) {
          conflicts.push({ row: r.row, cell: at(uKey), messageZh: `第${r.row}行：账号「${username}」须为3–64位字母、数字或 . _ -` });
          continue;
        }
        if (seenUsers.has(username)) {
          conflicts.push({ row: r.row, cell: at(uKey), messageZh: `第${r.row}行：账号「${username}」与第${seenUsers.get(username)}行重复` });
          continue;
        }
        seenUsers.set(username, r.row);
        const found = userByName.get(username);
        if (!found) plan.newUsers.push(u);
        else if (found.bureauId === bureauId && existing && found.unitId === existing.id && found.role === role) plan.existingUsers.push(u);
        else if (found.bureauId === bureauId && existing && found.unitId === existing.id) {
          conflicts.push({ row: r.row, cell: at(uKey), messageZh: `第${r.row}行：账号「${username}」已是本单位的${ROLE_LABELS[found.role].zh}` });
        } else {
          // Taken anywhere else, in this bureau or another: one wording, so a file cannot be used
          // to learn which bureau holds an account, or what it is.
          conflicts.push({ row: r.row, cell: at(uKey), messageZh: `第${r.row}行：${usernameUnavailable(username)}` });
        }
      }
    }
    return plan;
  }

  /**
   * Applies the file in one transaction; any conflict refuses the whole file and changes nothing.
   * The initial passwords are generated and hashed first, a few at a time on the thread pool,
   * outside the transaction, so the write lock (SQLite has one writer) is held only for the
   * inserts. `progress` hears each phase and count (the admin's page polls it).
   */
  async apply(actor: OrgActor, file: Buffer, progress: (p: ImportProgress) => void = () => {}): Promise<UnitsImportResult> {
    const bureauId = actor.bureauId;
    progress({ phase: 'CHECKING', done: 0, total: 0 });
    const sheet = await this.readSheet(file);
    const preview = await this.planRows(bureauId, sheet);
    if (preview.conflicts.length) throw conflictError(preview.conflicts);
    const prepared: { username: string; password: string; hash: string }[] = [];
    progress({ phase: 'HASHING', done: 0, total: preview.newUsers.length });
    for (let i = 0; i < preview.newUsers.length; i += HASH_BATCH) {
      const batch = preview.newUsers.slice(i, i + HASH_BATCH);
      prepared.push(...(await Promise.all(batch.map(async (u) => {
        const password = generatePassword();
        return { username: u.username, password, hash: await this.passwords.hash(password) };
      }))));
      progress({ phase: 'HASHING', done: prepared.length, total: preview.newUsers.length });
    }
    const byUsername = new Map(prepared.map((p) => [p.username, p]));
    progress({ phase: 'WRITING', done: 0, total: preview.newUnits.length + preview.renamedUnits.length + preview.newUsers.length });
    const result = await this.transactions.run(async (tx) => {
      // Planned again inside the transaction: what changed since the preview counts.
      const plan = await this.planRows(bureauId, sheet, tx);
      if (plan.conflicts.length) throw conflictError(plan.conflicts);
      const unitRepo = tx.manager.getRepository(UnitEntity);
      for (const u of plan.newUnits) await this.org.createUnit(tx, { bureauId, code: u.code, name: u.name, category: u.category }, actor);
      for (const u of plan.renamedUnits) {
        await unitRepo.update({ bureauId, code: u.code }, { name: u.name, ...(u.category ? { category: u.category } : {}) });
      }
      await this.org.audit(tx, actor, 'IMPORT_UNITS', {}, { newUnits: plan.newUnits.length, renamedUnits: plan.renamedUnits.length, newUsers: plan.newUsers.length });
      const unitIds = new Map((await unitRepo.findBy({ bureauId })).map((u) => [u.code, u.id]));
      const initialPasswords: { row: number; username: string; password: string }[] = [];
      for (const u of plan.newUsers) {
        const pre = byUsername.get(u.username);
        const password = pre?.password ?? generatePassword();
        const passwordHash = pre?.hash ?? (await this.passwords.hash(password));
        await this.org.createUser(tx, { username: u.username, displayName: u.displayName, password, passwordHash, role: u.role, bureauId, unitId: unitIds.get(u.unitCode)!, phone: u.phone }, actor);
        initialPasswords.push({ row: u.row, username: u.username, password });
      }
      return { ...plan, dryRun: false, initialPasswords };
    });
    progress({ phase: 'DONE', done: 1, total: 1 });
    return result;
  }
}

/** Passwords hashed at once: the default libuv thread pool has four threads. */
const HASH_BATCH = 4;

export interface ImportProgress {
  phase: 'CHECKING' | 'HASHING' | 'WRITING' | 'DONE';
  done: number;
  total: number;
}

/** The answer for any username that cannot be given to this row, whoever holds it. */
export function usernameUnavailable(username: string): string {
  return `账号「${username}」不可用，请换一个账号名`;
}

function conflictError(conflicts: ImportConflict[]): DomainError {
  return new DomainError(ErrorCode.VALIDATION_FAILED, `导入失败，共${conflicts.length}处冲突，未作任何修改：${conflicts.slice(0, 5).map((c) => c.messageZh).join('；')}`, { conflicts });
}
