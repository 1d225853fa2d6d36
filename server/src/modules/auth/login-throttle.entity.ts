import { Column, Entity, Index } from 'typeorm';
import { TimeColumn } from '../../database/columns.js';

/**
 * Failed and in-flight password checks of one throttle key (a username from one client address,
 * or one address across usernames). The id is the SHA-256 of the key, so addresses are not kept.
 */
@Entity('login_throttle')
@Index('ix_login_throttle_subject', ['subject'])
export class LoginThrottleEntity {
  @Column({ type: 'varchar', length: 64, primary: true }) id: string;
  /** The username the key is about (lower case), so an admin reset can lift its locks; null for address keys. */
  @Column({ type: 'varchar', length: 64, nullable: true }) subject: string | null;
  @Column({ type: 'int', default: 0 }) failures: number;
  @Column({ type: 'int', default: 0 }) inFlight: number;
  @TimeColumn({ nullable: true }) attemptAt: Date | null;
  @TimeColumn({ nullable: true }) lockedUntil: Date | null;
}
