import { Column, Entity, Index } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../database/columns.js';

/**
 * Evidence (佐证材料) attached to a package or to one indicator row of it. The bytes live in the
 * artifact storage under a generated key; the user's file name is kept (sanitised) for display
 * and downloads only.
 */
@Entity('attachment')
@Index('ix_attachment_package', ['packageId', 'createdAt'])
export class AttachmentEntity {
  @IdColumn() id: string;
  @RefColumn() packageId: string;
  @RefColumn() bureauId: string;
  @RefColumn() unitId: string;
  /** The indicator row (IndicatorRow.id) it backs up; null for the package as a whole. */
  @Column({ type: 'varchar', length: 40, nullable: true }) indicatorId: string | null;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'varchar', length: 200 }) fileName: string;
  /** Decided from the content (magic bytes), never from the name or the request. */
  @Column({ type: 'varchar', length: 100 }) contentType: string;
  @Column({ type: 'int' }) size: number;
  @Column({ type: 'varchar', length: 64 }) sha256: string;
  @Column({ type: 'varchar', length: 300 }) storageKey: string;
  /** Published with the package (and downloadable on the portal) only when true. */
  @Column({ type: 'boolean', default: false }) isPublic: boolean;
  @RefColumn() uploadedById: string;
  @TimeColumn() createdAt: Date;
}
