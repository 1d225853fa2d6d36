import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { JsonColumn, RefColumn, TimeColumn } from '../../database/columns.js';

/** What an admin did to an account or unit of their bureau (create, deactivate, reset a password…). */
@Entity('user_audit_event')
@Index('ix_user_audit_bureau', ['bureauId', 'id'])
export class UserAuditEventEntity {
  @PrimaryGeneratedColumn({ type: 'int' }) id: number;
  @RefColumn() bureauId: string;
  @RefColumn() actorId: string;
  @RefColumn({ nullable: true }) subjectUserId: string | null;
  @RefColumn({ nullable: true }) subjectUnitId: string | null;
  @Column({ type: 'varchar', length: 32 }) action: UserAuditAction;
  @JsonColumn({ nullable: true }) details: Record<string, unknown> | null;
  @TimeColumn() at: Date;
}

export type UserAuditAction =
  | 'CREATE_USER'
  | 'UPDATE_USER'
  | 'SET_USER_ACTIVE'
  | 'RESET_PASSWORD'
  | 'CREATE_UNIT'
  | 'SET_UNIT_ACTIVE'
  | 'IMPORT_UNITS'
  | 'SET_UNIT_SUPERVISOR'
  | 'ASSIGN_REVIEWER'
  | 'REASSIGN_WORK'
  | 'SET_OPINION_PHRASES';
