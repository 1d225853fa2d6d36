import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ArtifactStorage } from '../../storage/artifact-storage.js';
import { documentHash } from '../../modules/package/package-revision.service.js';
import { PackageRevisionEntity } from '../../modules/package/package-revision.entity.js';
import { SignatureEntity } from '../../modules/workflow/signature.entity.js';

/** An artifact a row points at, with the hash the row recorded for it (when it did). */
export interface ArtifactRef {
  key: string;
  sha256: string | null;
  /** "attachment 1f3…", "signature 9c2…": where the reference comes from, for the report. */
  from: string;
}

export interface ConsistencyReport {
  artifactsChecked: number;
  signaturesChecked: number;
  problems: string[];
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The columns that hold artifact keys, with the column holding each one's SHA-256. */
export const ARTIFACT_COLUMNS = [
  { table: 'attachment', key: 'storageKey', sha256: 'sha256' },
  { table: 'render', key: 'artifactKey', sha256: 'sha256' },
  { table: 'publication', key: 'pdfKey', sha256: 'pdfSha256' },
  { table: 'signature', key: 'pdfKey', sha256: 'pdfHash' },
] as const;

export type RowQuery = (sql: string) => Promise<Record<string, unknown>[]>;

/** Every artifact key the database refers to: attachments, finished renders, publications, signed PDFs. */
export async function artifactRefs(query: RowQuery): Promise<ArtifactRef[]> {
  const refs: ArtifactRef[] = [];
  for (const c of ARTIFACT_COLUMNS) {
    const rows = await query(`SELECT id, ${c.key} AS k, ${c.sha256} AS h FROM ${c.table} WHERE ${c.key} IS NOT NULL`);
    for (const r of rows) refs.push({ key: String(r.k), sha256: r.h ? String(r.h) : null, from: `${c.table} ${r.id}` });
  }
  return refs;
}

/**
 * After a restore (or any time): every artifact a row points at exists with the bytes the row
 * recorded, and every signature still verifies — the signed revision's document hashes, by
 * the same canonical JSON the sign-off used, to the hash the signature holds.
 */
export async function checkConsistency(ds: DataSource, storage: ArtifactStorage): Promise<ConsistencyReport> {
  const problems: string[] = [];
  const refs = await artifactRefs((sql) => ds.query(sql));
  for (const ref of refs) {
    const bytes = await storage.get(ref.key);
    if (!bytes) problems.push(`${ref.from}: artifact ${ref.key} is missing`);
    else if (ref.sha256 && sha256(bytes) !== ref.sha256) problems.push(`${ref.from}: artifact ${ref.key} does not match its recorded SHA-256`);
  }
  const signatures = await ds.getRepository(SignatureEntity).find();
  const revisions = ds.getRepository(PackageRevisionEntity);
  for (const s of signatures) {
    const revision = await revisions.findOneBy({ id: s.revisionId });
    if (!revision) {
      problems.push(`signature ${s.id}: its signed revision ${s.revisionId} is missing`);
      continue;
    }
    if (revision.documentHash !== s.documentHash) problems.push(`signature ${s.id}: revision ${revision.id} records another document hash`);
    else if (documentHash(revision.document) !== s.documentHash) problems.push(`signature ${s.id}: the signed document no longer hashes to the signature`);
  }
  return { artifactsChecked: refs.length, signaturesChecked: signatures.length, problems };
}
