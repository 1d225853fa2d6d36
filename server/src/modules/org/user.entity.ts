import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import type { Role } from '@zipin/shared';
import { IdColumn, RefColumn, TimeColumn } from '../../database/columns.js';

/** An account. FILLER and UNIT_HEAD belong to a unit; REVIEWER and ADMIN to the bureau only. */
@Entity('user_account')
@Index('ix_user_unit', ['unitId'])
@Index('ux_user_external_id', ['externalId'], { unique: true })
export class UserEntity {
  @IdColumn() id: string;
  @Column({ type: 'varchar', length: 64, unique: true }) username: string;
  @Column({ type: 'varchar', length: 100 }) displayName: string;
  @Column({ type: 'varchar', length: 255 }) passwordHash: string;
  @Column({ type: 'varchar', length: 16 }) role: Role;
  @RefColumn() bureauId: string;
  @RefColumn({ nullable: true }) unitId: string | null;
  @Column({ type: 'varchar', length: 32, default: '' }) phone: string;
  /** Where notifications also go by mail, when the server is configured for it. */
  @Column({ type: 'varchar', length: 254, nullable: true }) email: string | null;
  /** The identity at the single sign-on provider this account is linked to, set by an admin (OIDC_MATCH=external-id). */
  @Column({ type: 'varchar', length: 255, nullable: true }) externalId: string | null;
  @Column({ type: 'boolean', default: true }) active: boolean;
  /** No longer counted: sign-in throttling lives in login_throttle (per username and address). */
  @Column({ type: 'int', default: 0 }) failedLogins: number;
  @TimeColumn({ nullable: true }) lockedUntil: Date | null;
  /** Set when an admin sets the password; cleared when the user chooses their own. */
  @Column({ type: 'boolean', default: false }) mustChangePassword: boolean;
  @CreateDateColumn({ type: 'datetime', precision: 3 }) createdAt: Date;
}
