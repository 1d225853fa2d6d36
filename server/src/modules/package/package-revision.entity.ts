import { Column, Entity, Index } from 'typeorm';
import type { PackageDocument } from '@zipin/shared';
import { IdColumn, JsonColumn, RefColumn, TimeColumn } from '../../database/columns.js';

export type RevisionKind = 'SUBMIT' | 'SIGN' | 'RETURN' | 'APPROVE';

/** A frozen copy of the documents at a workflow step; diffs are taken between these. */
@Entity('package_revision')
@Index('uq_revision_package_seq', ['packageId', 'seq'], { unique: true })
export class PackageRevisionEntity {
  @IdColumn() id: string;
  @RefColumn() packageId: string;
  @Column({ type: 'int' }) seq: number;
  @Column({ type: 'int' }) packageVersion: number;
  @Column({ type: 'varchar', length: 16 }) kind: RevisionKind;
  @JsonColumn() document: PackageDocument;
  /** SHA-256 of the canonical JSON of the document. */
  @Column({ type: 'varchar', length: 64 }) documentHash: string;
  @RefColumn({ nullable: true }) createdById: string | null;
  @TimeColumn() createdAt: Date;
}
