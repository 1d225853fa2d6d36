import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { PackageState, Role } from '@zipin/shared';
import { JsonColumn, RefColumn, TimeColumn } from '../../database/columns.js';

/** One line of a package's audit trail; the increasing id orders events (timestamps may tie). */
@Entity('audit_event')
@Index('ix_audit_package', ['packageId', 'id'])
export class AuditEventEntity {
  @PrimaryGeneratedColumn({ type: 'int' }) id: number;
  @RefColumn() packageId: string;
  @RefColumn({ nullable: true }) actorId: string | null;
  @Column({ type: 'varchar', length: 16 }) actorRole: Role;
  /** A workflow action, or another recorded event (REMIND, SCHEDULE_MISSED, …). */
  @Column({ type: 'varchar', length: 32 }) action: string;
  @Column({ type: 'varchar', length: 32, nullable: true }) fromState: PackageState | null;
  @Column({ type: 'varchar', length: 32, nullable: true }) toState: PackageState | null;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @JsonColumn({ nullable: true }) details: Record<string, unknown> | null;
  @TimeColumn() at: Date;
}
