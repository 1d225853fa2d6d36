import { Column, Entity, Index } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../database/columns.js';

export type RenderPurpose = 'PREVIEW' | 'SIGNED' | 'PUBLISHED';
export type RenderStatus = 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';

/** One PDF rendering of a package, with progress the user can watch. */
@Entity('render')
@Index('ix_render_package', ['packageId'])
@Index('ix_render_package_purpose', ['packageId', 'purpose'])
export class RenderEntity {
  @IdColumn() id: string;
  @RefColumn() packageId: string;
  /** The frozen revision rendered (signed and published copies); null renders the live draft. */
  @RefColumn({ nullable: true }) revisionId: string | null;
  @Column({ type: 'varchar', length: 16 }) purpose: RenderPurpose;
  @Column({ type: 'varchar', length: 16 }) status: RenderStatus;
  @Column({ type: 'int', default: 0 }) progress: number;
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ type: 'varchar', length: 300, nullable: true }) artifactKey: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) sha256: string | null;
  @Column({ type: 'int', nullable: true }) byteSize: number | null;
  @Column({ type: 'int', nullable: true }) pageCount: number | null;
  /** SHA-256 of what the PDF shows (its render model): a copy whose model changed is stale. */
  @Column({ type: 'varchar', length: 64, nullable: true }) modelHash: string | null;
  @RefColumn({ nullable: true }) requestedById: string | null;
  @TimeColumn() createdAt: Date;
  @TimeColumn({ nullable: true }) finishedAt: Date | null;
}
