import { Column, Entity, Index } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../database/columns.js';

/**
 * When a person last opened a package for review and which revision it was then, one row per
 * person and package: "what changed since you last looked" and "first view" rest on this, not on
 * one browser's memory.
 */
@Entity('package_view')
@Index('uq_package_view_user_package', ['userId', 'packageId'], { unique: true })
export class PackageViewEntity {
  @IdColumn() id: string;
  @RefColumn() userId: string;
  @RefColumn() packageId: string;
  /** The newest revision when they looked; null when the package had none yet. */
  @RefColumn({ nullable: true }) revisionId: string | null;
  @Column({ type: 'int' }) packageVersion: number;
  @TimeColumn() viewedAt: Date;
}
