import { Column, Entity, Index } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../database/columns.js';

/** A package as published on the portal: an immutable snapshot; retracting keeps the row. */
@Entity('publication')
@Index('ix_publication_package', ['packageId'])
@Index('ix_publication_published_at', ['publishedAt'])
@Index('ix_publication_pdf_hash', ['pdfSha256'])
export class PublicationEntity {
  @IdColumn() id: string;
  @RefColumn() packageId: string;
  @RefColumn() bureauId: string;
  @RefColumn() unitId: string;
  @Column({ type: 'int' }) fiscalYear: number;
  @Column({ type: 'varchar', length: 200 }) unitName: string;
  @RefColumn() revisionId: string;
  @RefColumn({ nullable: true }) signatureId: string | null;
  @RefColumn() renderId: string;
  @Column({ type: 'varchar', length: 300 }) pdfKey: string;
  @Column({ type: 'varchar', length: 64 }) pdfSha256: string;
  @TimeColumn() publishedAt: Date;
  @TimeColumn({ nullable: true }) retractedAt: Date | null;
  @Column({ type: 'text', nullable: true }) retractReason: string | null;
}
