import { Column, Entity, Index } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../database/columns.js';

/** The unit head's electronic sign-off (单位负责人签字) over exactly one revision. */
@Entity('signature')
@Index('ix_signature_package', ['packageId'])
@Index('ix_signature_document_hash', ['documentHash'])
@Index('ix_signature_pdf_hash', ['pdfHash'])
export class SignatureEntity {
  @IdColumn() id: string;
  @RefColumn() packageId: string;
  @RefColumn() revisionId: string;
  @RefColumn() signerId: string;
  @Column({ type: 'varchar', length: 100 }) signerName: string;
  @TimeColumn() signedAt: Date;
  /** SHA-256 of the canonical JSON of what was signed. */
  @Column({ type: 'varchar', length: 64 }) documentHash: string;
  /** SHA-256 of the signed PDF, once rendered. */
  @Column({ type: 'varchar', length: 64, nullable: true }) pdfHash: string | null;
  @Column({ type: 'varchar', length: 300, nullable: true }) pdfKey: string | null;
  @TimeColumn({ nullable: true }) voidedAt: Date | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) voidReason: string | null;
}
