import { Column, Entity, Index } from 'typeorm';
import { RefColumn, TimeColumn } from '../../database/columns.js';

/**
 * One accepted save, keyed by the client's saveId: an autosave retried after a lost response
 * finds its row and gets the package back instead of a version conflict or a second version.
 */
@Entity('package_save')
@Index('ix_package_save_package', ['packageId'])
export class PackageSaveEntity {
  @Column({ type: 'varchar', length: 64, primary: true }) id: string;
  @RefColumn() packageId: string;
  @RefColumn() userId: string;
  /** The version the save produced. */
  @Column({ type: 'int' }) version: number;
  @TimeColumn() createdAt: Date;
}
