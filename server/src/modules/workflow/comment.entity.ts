import { Column, Entity, Index } from 'typeorm';
import type { Role } from '@zipin/shared';
import { IdColumn, RefColumn, TimeColumn } from '../../database/columns.js';

/** A comment anchored to a field path of the documents; answers point at their parent. */
@Entity('package_comment')
@Index('ix_comment_package', ['packageId'])
export class CommentEntity {
  @IdColumn() id: string;
  @RefColumn() packageId: string;
  @RefColumn({ nullable: true }) parentId: string | null;
  @Column({ type: 'varchar', length: 300 }) path: string;
  @Column({ type: 'text' }) body: string;
  @RefColumn() authorId: string;
  @Column({ type: 'varchar', length: 16 }) authorRole: Role;
  /** The audit event of the return that carried it (null while a draft comment). */
  @Column({ type: 'int', nullable: true }) auditEventId: number | null;
  @TimeColumn() createdAt: Date;
  @TimeColumn({ nullable: true }) resolvedAt: Date | null;
  @RefColumn({ nullable: true }) resolvedById: string | null;
}
